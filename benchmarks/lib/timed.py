#!/usr/bin/env python3
"""Runs a command and prints one JSON line: wall seconds, CPU seconds (user +
system of the command and its children) and peak RSS in KiB.

    timed.py [--best N] [--stdin FILE] -- command args...

stdout of the command goes to /dev/null. With --best N the command runs N
times and the run with the least CPU time is reported (a shared machine
distorts wall time more than CPU time).
"""
import json
import os
import subprocess
import sys
import time


def run_once(argv, stdin_path):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.monotonic()
    # subprocess uses vfork/posix_spawn, so the child's peak RSS is its own, not Python's.
    child = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    if child.returncode != 0:
        sys.exit("%s exited with %d" % (argv[0], child.returncode))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "user": usage.ru_utime, "sys": usage.ru_stime, "maxRSSKB": usage.ru_maxrss}


def main():
    args = sys.argv[1:]
    best, stdin_path = 1, None
    while args and args[0] != "--":
        if args[0] == "--best":
            best, args = int(args[1]), args[2:]
        elif args[0] == "--stdin":
            stdin_path, args = args[1], args[2:]
        else:
            sys.exit(__doc__)
    argv = args[1:]
    runs = [run_once(argv, stdin_path) for _ in range(best)]
    print(json.dumps(min(runs, key=lambda r: r["cpu"])))


if __name__ == "__main__":
    main()
