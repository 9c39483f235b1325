#!/usr/bin/env bash
# Idle cost: loopd (release) watching a working tree of 10,000 directories (the
# cwd of a Claude Code session on disk), then watchman watching the same tree,
# one after the other in the same run. After a settle period, samples over 60 s:
# CPU (utime + stime from /proc/PID/stat), context switches summed over all
# threads (/proc/PID/task/*/status: any timer wakeup shows up here), and memory
# from /proc/PID/smaps_rollup (Rss, Pss, Private_Dirty) and VmHWM.
#
#   benchmarks/idle/run.sh            # 10,000 directories, settle 10 s, sample 60 s
#   benchmarks/idle/run.sh --quick    # 1,000 directories, settle 3 s, sample 10 s (CI)
#
# watchman: `apt-get install -y watchman` (skipped when missing); it runs in the
# foreground with its own socket and state under benchmarks/out/idle/watchman.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIRS=10000; SETTLE=10; SAMPLE=60
if [ "${1:-}" = "--quick" ]; then DIRS=1000; SETTLE=3; SAMPLE=10; fi
# Outside this repository: loopd skips what git ignores, and benchmarks/out/ is ignored.
WORK="${TMPDIR:-/tmp}/loop-bench-idle"
if [ -z "${NO_BUILD:-}" ]; then
  swift build -c release --scratch-path .build-release --product loopd >/dev/null
fi
command -v watchman >/dev/null || echo "watchman not installed (apt-get install -y watchman): measuring loopd only"
rm -rf "$WORK"; mkdir -p "$WORK"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 benchmarks/idle/measure.py "$PWD/.build-release/release/loopd" "$WORK" "$DIRS" "$SETTLE" "$SAMPLE"
