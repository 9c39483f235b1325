#!/usr/bin/env python3
"""Save-to-lesson latency (see run.sh). Usage: measure.py LOOPD WORKDIR N"""
import ctypes
import json
import os
import select
import subprocess
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../lib"))
from loopd import TempUser, Loopd, cpu_seconds  # noqa: E402

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "../../../shared/fixtures/transcripts/claude-code/claude-code-viewer__fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl")
SESSION = "fe5e1c67-53e7-4862-81ae-d0e013e3270b"
RECORDED_CWD = "/path/to/Demo"
WRITE_RESULT_LINE = 24  # the result of a subagent's Write of components/TodoItem.tsx
IN_MODIFY, IN_CREATE, IN_MOVED_TO = 0x2, 0x100, 0x80


class WALWatch:
    """Wakes on every write in the outbox's folder (inotify via ctypes). The folder,
    not the WAL file: SQLite may delete and re-create the WAL, which ends a watch on it.
    A WAL write can wake us just before SQLite publishes the commit in the -shm
    (an mmap: no event), so the runtime folder is watched too: loopd rewrites
    status.json (by rename) after each lesson it records."""

    def __init__(self, *paths):
        self.libc = ctypes.CDLL("libc.so.6", use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        for path in paths:
            if self.fd < 0 or self.libc.inotify_add_watch(self.fd, path.encode(), IN_MODIFY | IN_CREATE | IN_MOVED_TO) < 0:
                raise OSError(ctypes.get_errno(), "inotify on " + path)
        self.poller = select.poll()
        self.poller.register(self.fd, select.POLLIN)

    def wait_until(self, condition, timeout=30.0):
        """Returns the perf_counter time at which `condition()` was first seen true."""
        deadline = time.perf_counter() + timeout
        while True:
            if condition():
                return time.perf_counter()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError("condition not met within %.0f s" % timeout)
            if self.poller.poll(remaining * 1000):
                try:
                    while os.read(self.fd, 65536):
                        pass
                except BlockingIOError:
                    pass


def main():
    loopd, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    user = TempUser(os.path.join(work, "user"))
    user.write_config("[detector]\nsettle_ms = 0\ntranscript_lag_ms = 0\n")
    repo = os.path.join(user.home, "projects/todo-demo")
    os.makedirs(os.path.join(repo, "components"), exist_ok=True)
    os.makedirs(os.path.join(repo, "todo-app"), exist_ok=True)
    with open(FIXTURE, encoding="utf-8") as handle:
        lines = [line.replace(RECORDED_CWD, repo) for line in handle.read().split("\n")[:WRITE_RESULT_LINE]]
    agent_content = json.loads(lines[-1])["toolUseResult"]["content"]
    git = os.environ.get("GIT", "1") != "0"
    if git:  # most working trees are repositories: loopd then asks git what is ignored and records HEAD
        run = lambda *args: subprocess.run(["git", "-C", repo, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(repo, "README.md"), "w") as handle:
            handle.write("# todo demo\n")
        run("init", "-q")
        run("add", "README.md")
        run("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "init")
    project = user.project_dir(repo)

    daemon = Loopd(loopd, user, ["--log-level", os.environ.get("LOG_LEVEL", "notice")])
    db = sqlite3.connect("file:%s?mode=ro" % user.outbox, uri=True, isolation_level=None)
    watch = WALWatch(os.path.dirname(user.outbox), os.path.join(user.runtime_dir, "loop"))

    def lessons():
        return db.execute("select count(*) from lesson").fetchone()[0]

    def cursor_at(path, size):
        row = db.execute("select byteOffset from tailCursor where path = ?", (path,)).fetchone()
        return row is not None and row[0] >= size

    # Warm-up (not measured): a session that only names the working tree, so loopd
    # watches the tree before the first measured session; watches on its
    # subdirectories are added by the watcher's thread, so give it a moment.
    warmup = os.path.join(project, "00000000-0000-4000-8000-00000000beef.jsonl")
    with open(warmup, "w", encoding="utf-8") as handle:
        handle.write(lines[0].replace(SESSION, "00000000-0000-4000-8000-00000000beef") + "\n")
    watch.wait_until(lambda: cursor_at(warmup, os.path.getsize(warmup)))
    time.sleep(1)

    latencies = []
    edit_cpu = 0.0
    cpu_before = cpu_seconds(daemon.pid)
    for number in range(count):
        session = "%08x-1a7e-4000-8000-%012x" % (number, number)
        name = "TodoItem%d.tsx" % number
        target = os.path.join(repo, "components", name)
        transcript = os.path.join(project, session + ".jsonl")
        body = "".join(line.replace(SESSION, session).replace("TodoItem.tsx", name) + "\n" for line in lines)
        # The agent's Write lands on disk before its result line reaches the transcript.
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(agent_content)
        with open(transcript, "w", encoding="utf-8") as handle:
            handle.write(body)
        watch.wait_until(lambda: cursor_at(transcript, len(body.encode())))
        before = lessons()
        edited = agent_content.split("\n")
        edited[8] = "interface TodoItemProps { // renamed by hand, measurement %d" % number
        edited[9] = "  todo: Readonly<Todo>;"
        temporary = os.path.join(repo, "components", ".%s.swp" % name)
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write("\n".join(edited))
        cpu_edit = cpu_seconds(daemon.pid)
        os.rename(temporary, target)
        saved = time.perf_counter()
        seen = watch.wait_until(lambda: lessons() > before)
        latencies.append((seen - saved) * 1000)
        edit_cpu += cpu_seconds(daemon.pid) - cpu_edit
    cpu = cpu_seconds(daemon.pid) - cpu_before
    daemon.stop()

    ordered = sorted(latencies)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
    print("save-to-lesson latency over %d hand edits (settle_ms = 0, transcript_lag_ms = 0, working tree %s):" % (
        count, "a git repository" if git else "a plain folder (GIT=0)"))
    print("  p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms   min %.2f ms" % (pct(50), pct(90), pct(99), ordered[-1], ordered[0]))
    print("  loopd CPU for all %d sessions + edits: %.2f s; from each save to its lesson: %.1f ms per edit on average" % (
        count, cpu, edit_cpu * 1000 / count))
    print("  p50 goal <= 5 ms -> %s;  p99 goal <= 20 ms -> %s" % (
        "met" if pct(50) <= 5 else "NOT met", "met" if pct(99) <= 20 else "NOT met"))
    with open(os.path.join(work, "latencies.json"), "w") as handle:
        json.dump(latencies, handle)


if __name__ == "__main__":
    main()
