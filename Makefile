# loop: the two commands the README starts with are `make run` and `make test`.
# Everything else here is a convenience around swift build / swift test.
SWIFT ?= swift
BIN_DIR := .build/debug
RELEASE_FLAGS := -c release --scratch-path .build-release

.PHONY: run test build deps release install eval eval-corpus clean bench-redaction fuzz fuzz-ci

deps:
	@sh scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# Build and start loopd in the foreground (Ctrl-C stops it cleanly).
run: build
	$(BIN_DIR)/loopd

# The end-to-end tests start the real loopd and loopctl, so build them first.
test: build
	$(SWIFT) test

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# Installs loopd and loopctl in ~/.local/bin and the user unit in ~/.config/systemd/user.
install: release
	install -d $(HOME)/.local/bin $(HOME)/.config/systemd/user
	install -m 0755 .build-release/release/loopd .build-release/release/loopctl $(HOME)/.local/bin/
	install -m 0644 systemd/loopd.service $(HOME)/.config/systemd/user/

# Precision and recall of the detector on the labelled corpus in Tests/Eval.
eval: build
	$(BIN_DIR)/loopctl eval Tests/Eval --fixtures ../shared/fixtures

# Rebuild the scenario transcripts of the corpus from Tests/Eval/scenarios.py.
eval-corpus:
	python3 Tests/Eval/generate.py

# libFuzzer over the decoders and the redactor (Fuzz/): a minute per target,
# or a short bounded pass for CI.
fuzz:
	bash Fuzz/run.sh 60

fuzz-ci:
	bash Fuzz/run.sh 10

bench-redaction:
	bash benchmarks/redaction/run.sh

clean:
	rm -rf .build .build-release
