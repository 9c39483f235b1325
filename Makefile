# loop: the two commands the README starts with are `make run` and `make test`.
# Everything else here is a convenience around swift build / swift test.
SWIFT ?= swift
BIN_DIR := .build/debug
RELEASE_FLAGS := -c release --scratch-path .build-release

.PHONY: run test build deps harness-kit release install eval eval-corpus clean fuzz fuzz-ci soak mcp-interop schemathesis bench bench-redaction bench-ingest bench-backfill bench-latency bench-idle bench-mcp bench-hub

deps:
	@sh scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# Build and start loopd in the foreground (Ctrl-C stops it cleanly).
run: build
	$(BIN_DIR)/loopd

# The end-to-end tests start the real loopd and loopctl, so build them first.
# The inotify fault suite lowers machine-wide sysctls, which would starve the
# loopd of every other test running in parallel, so it runs alone afterwards.
test: build
	$(SWIFT) test
	LOOP_EXCLUSIVE_TESTS=1 $(SWIFT) test --filter FaultInotifyEndToEndTests

# The real Claude Code and Codex CLIs (from PyPI) for the RealHarness* end-to-end
# tests, in a cached venv; prints their paths and versions (docs/testing.md).
harness-kit:
	@sh scripts/harness-kit.sh

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# Installs loopd and loopctl in ~/.local/bin and the user unit in ~/.config/systemd/user.
install: release
	install -d $(HOME)/.local/bin $(HOME)/.config/systemd/user
	install -m 0755 .build-release/release/loopd .build-release/release/loopctl $(HOME)/.local/bin/
	install -m 0644 systemd/loopd.service systemd/loopd.socket $(HOME)/.config/systemd/user/

# Precision and recall of the detector on the labelled corpus in Tests/Eval.
eval: build
	$(BIN_DIR)/loopctl eval Tests/Eval --fixtures ../shared/fixtures
	@echo
	LOOPCTL=$(BIN_DIR)/loopctl python3 Tests/Eval/real/score.py --split heldout

# Rebuild the scenario transcripts of the corpus from Tests/Eval/scenarios.py.
eval-corpus:
	python3 Tests/Eval/generate.py

# libFuzzer over the decoders and the redactor (Fuzz/): a minute per target,
# or a short bounded pass for CI.
fuzz:
	bash Fuzz/run.sh 60

fuzz-ci:
	bash Fuzz/run.sh 10

# kill -9 loopd at random moments N times, then check the outbox (docs/faults.md).
soak: build
	sh scripts/soak.sh $(or $(N),100)

# The official MCP Python SDK against `loopctl mcp` (docs/mcp.md).
mcp-interop: build
	sh scripts/mcp-interop.sh

# schemathesis against loophub's /openapi.json (docs/hub.md).
schemathesis: build
	sh scripts/schemathesis.sh

# Benchmarks: release builds, each prints loop next to its anchor tool (benchmarks/README.md).
bench: bench-redaction bench-ingest bench-backfill bench-latency bench-idle bench-mcp bench-hub

bench-redaction:
	bash benchmarks/redaction/run.sh

bench-ingest:
	bash benchmarks/ingest/run.sh

bench-backfill:
	bash benchmarks/backfill/run.sh

bench-latency:
	bash benchmarks/latency/run.sh

bench-idle:
	bash benchmarks/idle/run.sh

bench-mcp:
	$(SWIFT) build $(RELEASE_FLAGS) --product loopd
	python3 benchmarks/mcp/latency.py .build-release/release 2000 10

bench-hub:
	bash benchmarks/hub/run.sh

clean:
	rm -rf .build .build-release
