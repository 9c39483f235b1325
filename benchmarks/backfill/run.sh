#!/usr/bin/env bash
# First-start backfill: loopd --backfill over 1 GB of Claude Code history
# (500 session files in 50 project folders under a temporary HOME). Measures
# the time from exec to READY=1 (sent after every transcript is decoded and
# run through the detector), the CPU time spent, and the peak RSS (VmHWM).
# Memory flatness: the same on a quarter of the history.
#
#   benchmarks/backfill/run.sh               # 1 GB (and 250 MB)
#   SIZE_MB=100 FILES=50 benchmarks/backfill/run.sh
#
# The history is built once under benchmarks/out/backfill/ from the fixtures.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB="${SIZE_MB:-1000}"
FILES="${FILES:-500}"
PROJECTS="${PROJECTS:-50}"
WORK="benchmarks/out/backfill"
mkdir -p "$WORK"
if [ -z "${NO_BUILD:-}" ]; then
  swift build -c release --scratch-path .build-release --product loopd >/dev/null
fi
LOOPD="$PWD/.build-release/release/loopd"

# Session N happens SPREAD_HOURS × N after the first (make_transcripts.py), so the
# history spans months like a real one; SPREAD_HOURS=0 puts every session on the
# fixtures' own few days.
export SPREAD_HOURS="${SPREAD_HOURS:-12}"
make_history() {  # DIR MB FILES
  if [ ! -f "$1/.complete-spread-$SPREAD_HOURS" ]; then
    rm -rf "$1"; mkdir -p "$1"
    python3 benchmarks/ingest/make_transcripts.py tree "$1" $(($2 * 1000 * 1000)) "$3" "$PROJECTS"
    touch "$1/.complete-spread-$SPREAD_HOURS"
  fi
}
FULL="$WORK/history-${SIZE_MB}MB"
QUARTER="$WORK/history-$((SIZE_MB / 4))MB"
make_history "$FULL" "$SIZE_MB" "$FILES"
make_history "$QUARTER" $((SIZE_MB / 4)) $((FILES / 4))

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); sessions ${SPREAD_HOURS} h apart"
python3 - "$LOOPD" "$WORK" "$FULL" "$QUARTER" <<'PY'
import os, shutil, sqlite3, sys
sys.path.insert(0, "benchmarks/lib")
from loopd import TempUser, Loopd, cpu_seconds, kib

loopd, work, histories = sys.argv[1], sys.argv[2], sys.argv[3:]

def run(history):
    root = os.path.join(work, "user-" + os.path.basename(history))
    shutil.rmtree(root, ignore_errors=True)
    user = TempUser(root)
    # The history is moved in place for the run and back after (loopd does not
    # follow a symlinked ~/.claude/projects, and copying 1 GB would dwarf the run).
    os.rmdir(user.projects)
    os.rename(history, user.projects)
    try:
        files = [os.path.join(d, f) for d, _, fs in os.walk(user.projects) for f in fs if f.endswith(".jsonl")]
        size = sum(os.path.getsize(f) for f in files)
        for path in files:  # into the page cache, so the figure is decoding, not the disk
            with open(path, "rb") as handle:
                while handle.read(1 << 24):
                    pass
        daemon = Loopd(loopd, user, ["--backfill", "--log-level", "notice"], timeout=1800)
        status = daemon.status()
        cpu = cpu_seconds(daemon.pid)
        daemon.stop()
    finally:
        os.rename(user.projects, history)
    lessons = sqlite3.connect(user.outbox).execute("select count(*) from lesson").fetchone()[0]
    return dict(size=size, files=len(files), ready=daemon.ready_seconds, cpu=cpu,
                hwm=kib(status["VmHWM"]), rss=kib(status["VmRSS"]), lessons=lessons)

results = [run(h) for h in histories]
print("%-28s %8s %10s %10s %10s %12s %12s %8s" % ("history", "files", "ready s", "CPU s", "MB/CPU-s", "peak RSS", "RSS at ready", "lessons"))
for name, r in zip(histories, results):
    print("%-28s %8d %10.1f %10.1f %10.1f %9d MB %9d MB %8d" % (
        os.path.basename(name) + " (%.0f MB)" % (r["size"] / 1e6), r["files"], r["ready"], r["cpu"],
        r["size"] / 1e6 / r["cpu"], r["hwm"] // 1024, r["rss"] // 1024, r["lessons"]))
full, quarter = results
print()
print("backfill of %.0f MB: %.1f s to READY=1 (%.1f s CPU)   goal <= 30 s -> %s" % (
    full["size"] / 1e6, full["ready"], full["cpu"], "met" if full["ready"] <= 30 else
    ("met in CPU time (wall distorted by load)" if full["cpu"] <= 30 else "NOT met")))
ratio = full["hwm"] / quarter["hwm"]
print("memory: peak RSS x%.2f for x%.1f the history -> %s" % (ratio, full["size"] / quarter["size"], "flat" if ratio < 1.25 else "NOT flat"))
PY
