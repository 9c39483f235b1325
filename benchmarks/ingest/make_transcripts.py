#!/usr/bin/env python3
"""Builds large Claude Code transcripts by repeating the real fixtures.

    make_transcripts.py file OUT SIZE_BYTES
        one JSONL file of at least SIZE_BYTES (many sessions in one file)
    make_transcripts.py tree ROOT TOTAL_BYTES FILES PROJECTS
        ROOT/<project>/<session-uuid>.jsonl: FILES files spread over PROJECTS
        folders, TOTAL_BYTES in all (Claude Code's ~/.claude/projects layout)

In tree mode file N's timestamps are moved N × SPREAD_HOURS (default 12) later,
so the history spans months the way a real one does (500 sessions: 250 days)
instead of 500 sessions all happening on the fixtures' few days.

Every copy of a fixture gets fresh ids: each UUID, tool-use id and message id
is rewritten per copy, so copies are distinct sessions, tool calls and
messages (the decoder dedupes by these ids), and every line stays valid JSON.
In tree mode every line of a file carries that file's sessionId.
"""
import datetime
import glob
import os
import re
import sys

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/fixtures/transcripts/claude-code")
ID = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|\b(toolu_|msg_|req_|call_)([A-Za-z0-9]{6})")
SESSION = re.compile(r'"sessionId":"[^"]*"')
TIMESTAMP = re.compile(r'"timestamp":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z"')
SPREAD_HOURS = float(os.environ.get("SPREAD_HOURS", "12"))


def shifted(text, hours):
    """Every top-level-style "timestamp" value moved `hours` later (same format)."""
    if hours == 0:
        return text

    def move(match):
        moved = datetime.datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S") + datetime.timedelta(hours=hours)
        return '"timestamp":"%s%sZ"' % (moved.strftime("%Y-%m-%dT%H:%M:%S"), match.group(2) or "")
    return TIMESTAMP.sub(move, text)


def fixtures():
    paths = sorted(glob.glob(os.path.join(FIXTURES, "*.jsonl")))
    if not paths:
        sys.exit("no fixtures under " + FIXTURES)
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if not text.endswith("\n"):
            text += "\n"
        texts.append(text)
    return texts


def copy(text, index):
    """The fixture with ids unique to copy `index` (same length, same shape)."""
    tag = "%08x" % index
    tag6 = "%06x" % (index % (1 << 24))

    def rewrite(match):
        if match.group(1):
            return tag + match.group(1)
        return match.group(2) + tag6 + match.group(3)[6:]
    return ID.sub(rewrite, text)


def session_uuid(index):
    return "%08x-b0b0-4000-8000-%012x" % (index, index)


def write_file(out, size):
    texts = fixtures()
    written, index = 0, 0
    with open(out, "w", encoding="utf-8") as handle:
        while written < size:
            text = copy(texts[index % len(texts)], index + 1)
            handle.write(text)
            written += len(text.encode("utf-8"))
            index += 1
    print("%s: %d bytes, %d fixture copies" % (out, written, index), file=sys.stderr)


def write_tree(root, total, files, projects):
    texts = fixtures()
    per_file = total // files
    index, written = 0, 0
    for number in range(files):
        project = os.path.join(root, "-home-bench-project-%02d" % (number % projects))
        os.makedirs(project, exist_ok=True)
        session = session_uuid(number + 1)
        marker = '"sessionId":"%s"' % session
        size = 0
        with open(os.path.join(project, session + ".jsonl"), "wb") as handle:
            while size < per_file:
                text = SESSION.sub(marker, copy(texts[index % len(texts)], 0x10000000 + index))
                text = shifted(text, number * SPREAD_HOURS).encode("utf-8")
                if size + len(text) > per_file and size > 0:
                    # The last copy only as far as it fits, cut at a line end (a shorter session).
                    text = text[:text.rfind(b"\n", 0, per_file - size) + 1]
                    if not text:
                        break
                handle.write(text)
                size += len(text)
                index += 1
        written += size
    print("%s: %d bytes in %d files, %d projects" % (root, written, files, projects), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "file":
        write_file(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 6 and sys.argv[1] == "tree":
        write_tree(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)
