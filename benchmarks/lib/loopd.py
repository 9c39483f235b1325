"""A real loopd under a temporary user, for the benchmarks (python3 stdlib only).

    from loopd import TempUser, Loopd
    user = TempUser("/tmp/x")                      # HOME, XDG dirs, ~/.claude/projects
    user.write_config("[detector]\nsettle_ms = 0\n")
    daemon = Loopd(binary, user, ["--backfill"])   # waits for READY=1 on its NOTIFY_SOCKET
    daemon.ready_seconds, daemon.status()["VmHWM"] ...
    daemon.stop()
"""
import atexit
import os
import signal
import socket
import subprocess
import time


class TempUser:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.home = os.path.join(self.root, "home")
        self.projects = os.path.join(self.home, ".claude/projects")
        self.config_dir = os.path.join(self.root, "config")
        self.state_dir = os.path.join(self.root, "state")
        self.runtime_dir = os.path.join(self.root, "run")
        for path in (self.projects, self.config_dir, self.state_dir, self.runtime_dir):
            os.makedirs(path, exist_ok=True)
        os.chmod(self.runtime_dir, 0o700)

    @property
    def outbox(self):
        return os.path.join(self.state_dir, "loop/outbox.sqlite3")

    def environment(self):
        env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "CLAUDE_", "NOTIFY_", "LISTEN_", "JOURNAL_"))}
        env.update(HOME=self.home, XDG_CONFIG_HOME=self.config_dir, XDG_STATE_HOME=self.state_dir,
                   XDG_RUNTIME_DIR=self.runtime_dir)
        return env

    def write_config(self, text):
        os.makedirs(os.path.join(self.config_dir, "loop"), exist_ok=True)
        with open(os.path.join(self.config_dir, "loop/config.toml"), "w") as handle:
            handle.write(text)

    def project_dir(self, cwd):
        """Claude Code's folder for a project: every non-alphanumeric character becomes '-'."""
        path = os.path.join(self.projects, "".join(c if c.isalnum() else "-" for c in cwd))
        os.makedirs(path, exist_ok=True)
        return path


class Loopd:
    """Starts loopd and blocks until it sends READY=1 (no polling: a datagram socket)."""

    def __init__(self, binary, user, arguments=(), timeout=600, log_path=None):
        self.user = user
        notify_path = os.path.join(user.root, "notify.sock")
        if os.path.exists(notify_path):
            os.unlink(notify_path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.bind(notify_path)
        listener.settimeout(timeout)
        env = user.environment()
        env["NOTIFY_SOCKET"] = notify_path
        self.log = open(log_path or os.path.join(user.root, "loopd.log"), "wb")
        start = time.monotonic()
        self.process = subprocess.Popen([binary, *arguments], env=env, stdout=self.log, stderr=self.log)
        self.pid = self.process.pid
        atexit.register(self._kill_if_running)  # never leave a daemon behind when a benchmark fails
        try:
            while True:
                message = listener.recv(4096).decode("utf-8", "replace")
                if "READY=1" in message.split("\n"):
                    break
        except socket.timeout:
            self.process.kill()
            raise RuntimeError("loopd sent no READY=1 within %d s; see %s" % (timeout, self.log.name))
        finally:
            listener.close()
        self.ready_seconds = time.monotonic() - start

    def status(self):
        """/proc/PID/status as a dict of strings (VmHWM, VmRSS, voluntary_ctxt_switches, ...)."""
        return proc_status(self.pid)

    def _kill_if_running(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.log.close()
        return code


def proc_status(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as handle:
        for line in handle:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def kib(value):
    """'1234 kB' -> 1234"""
    return int(value.split()[0])


def cpu_seconds(pid):
    """utime + stime of a process (all its threads), from /proc/PID/stat."""
    with open("/proc/%d/stat" % pid) as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def smaps_rollup(pid):
    fields = {}
    with open("/proc/%d/smaps_rollup" % pid) as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if value.strip().endswith("kB"):
                fields[key.strip()] = kib(value.strip())
    return fields
