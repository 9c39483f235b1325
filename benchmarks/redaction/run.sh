#!/usr/bin/env bash
# Redaction benchmark: loop's redactor vs detect-secrets on the same 50 MiB
# transcript-like file with planted secrets and PII.
#
#   benchmarks/redaction/run.sh            # 50 MiB (default)
#   SIZE_MIB=5 benchmarks/redaction/run.sh # smaller, quicker
#   ONLY_LOOP=1 benchmarks/redaction/run.sh # skip detect-secrets (it takes ~10 minutes)
#
# Builds `loopctl` in release mode once (separate scratch path, so debug builds are
# untouched), installs detect-secrets from PyPI into a virtual environment under
# .build-bench/, and prints MB/s and findings for both tools.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MIB="${SIZE_MIB:-50}"
WORK=".build-bench/redaction"
mkdir -p "$WORK"
CORPUS="$WORK/transcript-${SIZE_MIB}MiB.jsonl"

if [ ! -f "$CORPUS" ]; then
  python3 benchmarks/redaction/make_corpus.py "$CORPUS" $((SIZE_MIB * 1024 * 1024)) 2> "$WORK/planted.json"
fi
echo "corpus: $CORPUS $(cat "$WORK/planted.json")"

swift build -c release --product loopctl --scratch-path .build-release >/dev/null
LOOPCTL=".build-release/release/loopctl"

echo "== loop (loopctl redact, pinned to one core, timing excludes reading the file; best of 3)"
# `--config /dev/null`: no org rules or deny-list, so results do not depend on this machine's config.
for run in 1 2 3; do
  taskset -c 0 "$LOOPCTL" redact --stats --config /dev/null "$CORPUS" 2>&1 >/dev/null
done | python3 -c '
import json,sys
runs=[json.loads(l) for l in sys.stdin if l.strip()]
s=max(runs, key=lambda r: r["mbPerCPUSecond"])
print("loop: %.1f MB/s per CPU second, %.1f MB/s wall (%d bytes, %.3f s CPU), findings %d %s" % (s["mbPerCPUSecond"], s["mbPerSecond"], s["bytes"], s["cpuSeconds"], s["findings"], json.dumps(s["redactions"], sort_keys=True)))'
[ -n "${ONLY_LOOP:-}" ] && exit 0

if [ ! -x "$WORK/venv/bin/detect-secrets" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet "detect-secrets==1.5.0"
fi
echo "== detect-secrets 1.5.0 (scan, pinned to one core)"
python3 - "$CORPUS" "$WORK" <<'PY'
import json, os, resource, subprocess, sys, time
corpus, work = sys.argv[1], sys.argv[2]
size = os.path.getsize(corpus)
start = time.monotonic()
with open(os.path.join(work, "detect-secrets.json"), "w") as out:
    subprocess.run(["taskset", "-c", "0", os.path.join(work, "venv/bin/detect-secrets"), "scan", "--all-files", corpus],
                   stdout=out, check=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
results = json.load(open(os.path.join(work, "detect-secrets.json")))["results"]
types = {}
for findings in results.values():
    for f in findings:
        types[f["type"]] = types.get(f["type"], 0) + 1
print("detect-secrets: %.3f MB/s per CPU second, %.3f MB/s wall (%d bytes, %.1f s CPU, %.1f s wall), findings %d %s"
      % (size / 1e6 / cpu, size / 1e6 / wall, size, cpu, wall, sum(types.values()), json.dumps(types, sort_keys=True)))
PY
