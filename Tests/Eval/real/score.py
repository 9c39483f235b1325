#!/usr/bin/env python3
"""Score loop's detector on the real-session corpus (Tests/Eval/real).

Runs `loopctl analyze --explain --json` on each session of a split (held-out by
default), one file at a time, and compares the moments loop would have raised
with labels.tsv.

"Raised" means: attribution aside, would this moment have been raised?  A record
is raised when its verdict is `lesson`, or when it was dropped only at the
`attribution` gate (no tracked skill/command/subagent in force) or folded at the
`debounce` gate.  Records dropped at the `signal` or `iteration` gate are not
raised.  This is "as if every skill/command were tracked".

Positions: loop reports the 1-based JSONL line of the record that triggered a
candidate; labels.tsv uses the same line numbers.  A tool rejection, its
`[Request interrupted by user for tool use]` marker and the typed message right
after them (within 6 lines) are one moment, as are an interrupt and the typed
message after it: loop raises one candidate for such a group (rejection with the
reason typed next), and the label of the group is `defect` if any member is a
defect, else `iteration` if any member is iteration, else `ambiguous`.  A raised
record matches the moment whose line range contains its line.  Raised records
that match no labelled moment are counted as false alarms and listed.

Defect moments are positives; ambiguous moments are excluded from the scores.

Usage:
  python3 Tests/Eval/real/score.py [--split heldout|tune|all] [--loopctl PATH]
                                   [--json]
LOOPCTL may also be given in the environment; the default is .build/debug/loopctl.
"""

import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
RAISED_GATES = {"attribution", "debounce"}
GROUP_GAP = 6


def read_tsv(path):
    rows = []
    header = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            rows.append(dict(zip(header, fields)))
    return rows


def moments(items):
    """Group one file's labelled items (sorted by line) into moments."""
    groups = []
    current = []
    for item in items:
        if current:
            last = current[-1]
            joins = last["kind"] in ("rejection", "interrupt") and int(item["position"]) - int(last["position"]) <= GROUP_GAP
            if not joins:
                groups.append(current)
                current = []
        current.append(item)
    if current:
        groups.append(current)
    result = []
    for group in groups:
        labels = {member["label"] for member in group}
        label = "defect" if "defect" in labels else ("iteration" if "iteration" in labels else "ambiguous")
        result.append({
            "first": int(group[0]["position"]),
            "last": int(group[-1]["position"]),
            "label": label,
            "members": group,
        })
    return result


def analyze(loopctl, path):
    completed = subprocess.run(
        [loopctl, "analyze", "--explain", "--json", path],
        capture_output=True, text=True, cwd=REPO, timeout=600)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"loopctl analyze failed on {path} (exit {completed.returncode})")
    records = []
    for line in completed.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            records.append(json.loads(line))
    return records


def is_raised(record):
    return record.get("verdict") == "lesson" or record.get("gate") in RAISED_GATES


def describe(moment):
    member = next((m for m in moment["members"] if m["kind"] == "message"), moment["members"][0])
    return f'{member["kind"]} "{member["excerpt"][:70]}" ({member["reason"]})'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="heldout", choices=["heldout", "tune", "all"])
    parser.add_argument("--loopctl", default=os.environ.get("LOOPCTL", os.path.join(REPO, ".build", "debug", "loopctl")))
    parser.add_argument("--json", action="store_true", help="print the per-moment results as JSON lines too")
    args = parser.parse_args()

    split = {row["file"]: row for row in read_tsv(os.path.join(HERE, "split.tsv"))}
    labels = collections.defaultdict(list)
    for row in read_tsv(os.path.join(HERE, "labels.tsv")):
        labels[row["file"]].append(row)
    files = sorted(f for f, row in split.items() if args.split == "all" or row["split"] == args.split)

    counts = collections.defaultdict(lambda: collections.Counter())
    misses, false_alarms, hits, raised_ambiguous = [], [], [], []
    signal_of_hits = collections.Counter()
    # By the signal raised (for a miss: the signal its moment would have raised).
    signals = collections.defaultdict(lambda: collections.Counter())
    for file in files:
        harness = split[file]["harness"]
        items = sorted(labels.get(file, []), key=lambda r: int(r["position"]))
        file_moments = moments(items)
        records = [r for r in analyze(args.loopctl, os.path.join(HERE, file)) if is_raised(r)]
        raised_at = collections.defaultdict(list)
        for record in records:
            target = next((m for m in file_moments if m["first"] <= record["line"] <= m["last"]), None)
            if target is None:
                false_alarms.append((file, record["line"], f'unlabelled position, {record["signal"]}: {record.get("reason", "")[:80]}'))
                signals[record["signal"]]["fp"] += 1
                for key in ("overall", harness):
                    counts[key]["fp"] += 1
                continue
            raised_at[id(target)].append(record)
        for moment in file_moments:
            raised = raised_at.get(id(moment), [])
            label = moment["label"]
            where = (file, moment["first"])
            for key in ("overall", harness):
                if label == "defect":
                    counts[key]["tp" if raised else "fn"] += 1
                elif label == "iteration" and raised:
                    counts[key]["fp"] += 1
                elif label == "iteration":
                    counts[key]["tn"] += 1
            first_kind = moment["members"][0]["kind"]
            moment_signal = raised[0]["signal"] if raised else {"rejection": "rejection"}.get(first_kind, "chat-correction")
            if label == "defect":
                signals[moment_signal]["tp" if raised else "fn"] += 1
            elif label == "iteration" and raised:
                signals[moment_signal]["fp"] += 1
            if label == "defect" and raised:
                hits.append(where + (describe(moment),))
                signal_of_hits.update(r["signal"] for r in raised[:1])
            elif label == "defect":
                misses.append(where + (describe(moment),))
            elif label == "iteration" and raised:
                false_alarms.append(where + (f'{raised[0]["signal"]}: ' + describe(moment),))
            elif raised:
                raised_ambiguous.append(where + (describe(moment),))
            if args.json:
                print(json.dumps({"file": file, "line": moment["first"], "label": label, "raised": bool(raised),
                                  "signals": [r["signal"] for r in raised]}))

    def ratio(a, b):
        return f"{a / b:.3f}" if b else "  n/a"

    print(f"real-session corpus, split={args.split}: {len(files)} sessions")
    print(f"{'':14} precision recall   tp  fp  fn  (iteration moments not raised: tn)")
    for key in ["overall"] + sorted(k for k in counts if k != "overall"):
        c = counts[key]
        print(f"{key:14} {ratio(c['tp'], c['tp'] + c['fp']):>9} {ratio(c['tp'], c['tp'] + c['fn']):>6} {c['tp']:>4} {c['fp']:>3} {c['fn']:>3}  tn {c['tn']}")
    print(f"\n{'by signal':14} precision recall   tp  fp  fn")
    for key in sorted(signals):
        c = signals[key]
        print(f"{key:14} {ratio(c['tp'], c['tp'] + c['fp']):>9} {ratio(c['tp'], c['tp'] + c['fn']):>6} {c['tp']:>4} {c['fp']:>3} {c['fn']:>3}")
    for title, rows in (("hits", hits), ("misses", misses), ("false alarms", false_alarms), ("raised on ambiguous (not scored)", raised_ambiguous)):
        print(f"\n{title} ({len(rows)}):")
        for file, line, text in rows:
            print(f"  {file}:{line}  {text}")


if __name__ == "__main__":
    main()
