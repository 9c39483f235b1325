#!/usr/bin/env bash
# Save-to-lesson latency: a real loopd (release) with settle_ms = 0 and
# transcript_lag_ms = 0 follows N Claude Code sessions in which an agent (run by
# the /orchestrator command) wrote a file; the user then edits the agent's
# lines by hand. Measured: from the hand edit's rename() returning to the
# lesson row being visible in the outbox. Visibility is observed without
# polling: an inotify watch (ctypes) on the outbox's WAL file wakes the script,
# which then counts lessons with SQLite.
#
#   benchmarks/latency/run.sh          # N=200
#   N=20 benchmarks/latency/run.sh
#   GIT=0 benchmarks/latency/run.sh    # the working tree is a plain folder, not a git repository
#
# Each measurement is a fresh session and a fresh file (the de-bounce allows one
# lesson per artifact per session). The edit is saved the way most editors do:
# write a temporary file, rename it over the original (one event). transcript_lag_ms
# = 0 judges a change at once instead of waiting for a transcript line that
# might explain it; that wait (default 2 s) is a deliberate delay, not a cost.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${N:-200}"
# Outside this repository: loopd skips what git ignores, and benchmarks/out/ is ignored.
WORK="${TMPDIR:-/tmp}/loop-bench-latency"
if [ -z "${NO_BUILD:-}" ]; then
  swift build -c release --scratch-path .build-release --product loopd >/dev/null
fi
rm -rf "$WORK"; mkdir -p "$WORK"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 benchmarks/latency/measure.py "$PWD/.build-release/release/loopd" "$WORK" "$N"
