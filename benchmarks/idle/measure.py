#!/usr/bin/env python3
"""Idle cost of loopd and watchman watching the same tree (see run.sh).
Usage: measure.py LOOPD WORKDIR DIRS SETTLE_S SAMPLE_S"""
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../lib"))
from loopd import TempUser, Loopd, cpu_seconds, smaps_rollup, proc_status, kib  # noqa: E402


def make_tree(root, count):
    """`count` directories, two levels deep, one small file in every tenth."""
    width = max(1, int(count ** 0.5))
    made = 0
    for top in range(width + 1):
        for inner in range(width):
            if made >= count:
                return
            path = os.path.join(root, "pkg%03d" % top, "mod%03d" % inner)
            os.makedirs(path, exist_ok=True)
            made += 1 if inner else 2  # the parent counts too
            if made % 10 == 0:
                with open(os.path.join(path, "main.c"), "w") as handle:
                    handle.write("int main(void) { return 0; }\n")


def context_switches(pid):
    """{tid: (voluntary, involuntary)} for every thread of the process."""
    switches = {}
    for task in os.listdir("/proc/%d/task" % pid):
        try:
            status = proc_status_path("/proc/%d/task/%s/status" % (pid, task))
        except OSError:
            continue  # the thread ended meanwhile
        switches[task] = (int(status.get("voluntary_ctxt_switches", 0)), int(status.get("nonvoluntary_ctxt_switches", 0)))
    return switches


def switch_delta(before, after):
    """Context switches during the sample: per thread, new threads counted from 0."""
    voluntary = involuntary = 0
    for tid, (v, n) in after.items():
        v0, n0 = before.get(tid, (0, 0))
        voluntary += v - v0
        involuntary += n - n0
    return voluntary, involuntary, len(set(after) - set(before)), len(set(before) - set(after))


def proc_status_path(path):
    fields = {}
    with open(path) as handle:
        for line in handle:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def inotify_watches(pid):
    """Watches held by the process (lines 'inotify wd:' in the fdinfo of its inotify fds)."""
    total = 0
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) != "anon_inode:inotify":
                continue
            with open("/proc/%d/fdinfo/%s" % (pid, fd)) as handle:
                total += sum(1 for line in handle if line.startswith("inotify wd:"))
        except OSError:
            pass
    return total


def sample(pid, settle, seconds):
    time.sleep(settle)
    cpu0, switches0 = cpu_seconds(pid), context_switches(pid)
    time.sleep(seconds)
    cpu1, switches1 = cpu_seconds(pid), context_switches(pid)
    voluntary, involuntary, started, ended = switch_delta(switches0, switches1)
    rollup = smaps_rollup(pid)
    status = proc_status(pid)
    return dict(cpu=cpu1 - cpu0, voluntary=voluntary, involuntary=involuntary, threads=int(status["Threads"]),
                threadsStarted=started, threadsEnded=ended,
                rss=rollup.get("Rss", 0), pss=rollup.get("Pss", 0), private_dirty=rollup.get("Private_Dirty", 0),
                hwm=kib(status["VmHWM"]), watches=inotify_watches(pid))


def measure_loopd(loopd, work, tree, settle, seconds):
    user = TempUser(os.path.join(work, "user"))
    project = user.project_dir(tree)
    session = "1d1e0000-0000-4000-8000-000000000001"
    line = {"type": "user", "sessionId": session, "cwd": tree, "version": "2.1.38", "gitBranch": "",
            "uuid": "1d1e0000-0000-4000-8000-0000000000a1", "timestamp": "2026-11-22T10:00:00.000Z",
            "message": {"role": "user", "content": "hello"}}
    with open(os.path.join(project, session + ".jsonl"), "w") as handle:
        handle.write(json.dumps(line) + "\n")
    daemon = Loopd(loopd, user, ["--log-level", "notice"])
    with open(os.path.join(user.runtime_dir, "loop/status.json")) as handle:
        watching = tree in json.load(handle).get("workingTrees", [])
    try:
        result = sample(daemon.pid, settle, seconds)
    finally:
        daemon.stop()
    result["ready"] = daemon.ready_seconds
    result["watchingTree"] = watching
    return result


def measure_watchman(work, tree, settle, seconds):
    state = os.path.join(work, "watchman")
    shutil.rmtree(state, ignore_errors=True)
    os.makedirs(state)
    sock = os.path.join(state, "sock")
    common = ["watchman", "--sockname=" + sock, "--statefile=" + os.path.join(state, "state"),
              "--logfile=" + os.path.join(state, "log"), "--pidfile=" + os.path.join(state, "pid")]
    server = subprocess.Popen(common + ["--foreground", "--no-save-state"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        start = time.monotonic()
        while not os.path.exists(sock) and time.monotonic() - start < 30:  # setup only, not measured
            time.sleep(0.05)
        # `watch` returns once the root is registered; a `clock` with sync_timeout
        # waits until the initial crawl is done.
        subprocess.run(common + ["--no-spawn", "watch", tree], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(common + ["--no-spawn", "-j"], input=json.dumps(["clock", tree, {"sync_timeout": 600000}]).encode(),
                       check=True, stdout=subprocess.DEVNULL)
        ready = time.monotonic() - start
        result = sample(server.pid, settle, seconds)
        result["ready"] = ready
        version = subprocess.run(["watchman", "--version"], capture_output=True, text=True).stdout.strip()
        result["version"] = version
        return result
    finally:
        subprocess.run(common + ["--no-spawn", "shutdown-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def main():
    loopd, work, dirs, settle, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    tree = os.path.abspath(os.path.join(work, "tree"))
    make_tree(tree, dirs)
    count = sum(len(d) for _, d, _ in os.walk(tree)) + 1
    print("tree: %s, %d directories (not a git repository); settle %.0f s, sample %.0f s" % (tree, count, settle, seconds))
    loop = measure_loopd(loopd, work, tree, settle, seconds)
    watchman = measure_watchman(work, tree, settle, seconds) if shutil.which("watchman") else None
    rows = [("loopd", loop)] + ([("watchman " + watchman["version"], watchman)] if watchman else [])
    print()
    print("%-16s %8s %8s %8s %8s %9s %9s %8s %8s %9s %9s" % (
        "process", "watches", "ready s", "CPU ms", "vol csw", "invol csw", "threads", "RSS MB", "PSS MB", "PrivDirty", "peak RSS"))
    for name, r in rows:
        print("%-16s %8d %8.2f %8.0f %8d %9d %5d +%d-%d %8.1f %8.1f %6.1f MB %6.1f MB" % (
            name, r["watches"], r["ready"], r["cpu"] * 1000, r["voluntary"], r["involuntary"], r["threads"],
            r["threadsStarted"], r["threadsEnded"], r["rss"] / 1024, r["pss"] / 1024, r["private_dirty"] / 1024, r["hwm"] / 1024))
    print("(context switches summed over threads; threads +started -ended during the sample)")
    print()
    print("loopd over %.0f s idle: CPU %.0f ms, %d context switches -> %s; Private_Dirty %.1f MB (goal <= 8 MB) -> %s" % (
        seconds, loop["cpu"] * 1000, loop["voluntary"] + loop["involuntary"],
        "0% CPU, no wakeups: met" if loop["cpu"] == 0 and loop["voluntary"] + loop["involuntary"] == 0
        and loop["threadsStarted"] + loop["threadsEnded"] == 0 else "NOT idle",
        loop["private_dirty"] / 1024, "met" if loop["private_dirty"] <= 8 * 1024 else "NOT met"))
    if not loop["watchingTree"]:
        print("WARNING: loopd's status.json does not list the tree as a watched working tree")
    with open(os.path.join(work, "idle.json"), "w") as handle:
        json.dump({"loopd": loop, "watchman": watchman}, handle, indent=1)


if __name__ == "__main__":
    main()
