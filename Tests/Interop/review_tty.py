#!/usr/bin/env python3
"""Drives `loopctl review` in a real pseudo-terminal, one keystroke at a time.

usage: review_tty.py LOOPCTL KEYS        (environment passed through)
       review_tty.py --editor FILE       (used as $EDITOR: rewrites the summary)

KEYS are sent one per prompt; after each, the script waits for the next
"[S]end" prompt or the end. Prints everything loopctl wrote; exit status is
loopctl's."""
import os, pty, select, sys, time

NEW_SUMMARY = "PRDs must follow the Problem/Solution/Metrics template; never free-form notes."


def editor(path):
    with open(path) as f:
        lines = f.read().split("\n")
    out, skip = [], False
    for line in lines:
        if skip and not line.startswith("["):
            continue
        skip = False
        out.append(line)
        if line.strip() == "[summary]":
            out.append(NEW_SUMMARY)
            out.append("")
            skip = True
    with open(path, "w") as f:
        f.write("\n".join(out))


def read_until(fd, needle, timeout=20):
    buffer = b""
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if fd in ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return buffer, True
            if not chunk:
                return buffer, True
            buffer += chunk
            if needle in buffer:
                return buffer, False
    return buffer, False


def drive(loopctl, keys):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(loopctl, [loopctl, "review"])
    transcript = b""
    for key in keys:
        out, ended = read_until(fd, b"[Q]uit")
        transcript += out
        if ended:
            break
        os.write(fd, key.encode())
    out, _ = read_until(fd, b"\x00", timeout=15)
    transcript += out
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(transcript.decode("utf-8", "replace"))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    if sys.argv[1] == "--editor":
        editor(sys.argv[2])
        sys.exit(0)
    sys.exit(drive(sys.argv[1], sys.argv[2]))
