#!/bin/sh
# Kill -9 loopd at random moments while sessions are written, N times (default 100), then check
# the outbox: integrity_check ok, every expected lesson exactly once, no evidence twice.
# Usage: scripts/soak.sh [N] [extra soak.py options, e.g. --seed 42 --keep]
# Needs the debug build (swift build) and python3.
set -eu
cd "$(dirname "$0")/.."
n="${1:-100}"
[ $# -gt 0 ] && shift
exec python3 scripts/soak.py --iterations "$n" "$@"
