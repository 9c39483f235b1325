#!/usr/bin/env bash
# Builds the libFuzzer targets (address + fuzzer sanitizers) and runs each for
# SECONDS seconds, seeded from the shared fixtures. A crash leaves its input in
# Fuzz/crashes/<target>/; copy it to Fuzz/regressions/<target>/ so the unit
# tests replay it forever (Tests/LoopHarnessTests/FuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-60}"
FIXTURES="${LOOP_FIXTURES:-$(cd ../.. && pwd)/shared/fixtures}"
swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --scratch-path .build-fuzz
bin=.build-fuzz/debug
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{claude,codex,opencode,redactor,jsonrpc}
cp "$FIXTURES"/transcripts/claude-code/*.jsonl "$FIXTURES"/transcripts/claude-code/subagents/*.jsonl "$work/claude/"
cp "$FIXTURES"/transcripts/codex/*.jsonl "$FIXTURES"/transcripts/codex/individual/*.jsonl "$work/codex/"
cp "$FIXTURES"/transcripts/opencode/*.json "$work/opencode/"
head -c 20000 "$FIXTURES"/redaction-cases/gitleaks-rule-cases.jsonl > "$work/redactor/cases.txt"
# What an MCP client writes: initialize, initialized, the read-only tools, other calls, CRLF framing.
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lessons_pending","arguments":{"limit":5}}}' \
  '{"jsonrpc":"2.0","id":"x","method":"tools/call","params":{"name":"lesson_get","arguments":{"id":"0196"}}}' > "$work/jsonrpc/session.txt"
printf '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"lessons_relevant","arguments":{"files":["a\\u00e9"]}}}\r\n' > "$work/jsonrpc/crlf.txt"
status=0
for pair in FuzzClaudeDecoder:claude FuzzCodexDecoder:codex FuzzOpenCodeExport:opencode FuzzRedactor:redactor FuzzJSONRPCReader:jsonrpc; do
    target=${pair%%:*}; seeds=${pair##*:}
    mkdir -p "crashes/$target" "regressions/$target"
    echo "== $target: ${SECONDS_PER_TARGET}s"
    if ! "$bin/$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=4096 \
        -artifact_prefix="crashes/$target/" "$work/$seeds" "regressions/$target" 2>&1 | tail -3; then
        echo "!! $target found a crash: see Fuzz/crashes/$target/"; status=1
    fi
done
exit $status
