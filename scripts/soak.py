#!/usr/bin/env python3
"""Soak test: kill -9 loopd at random moments while transcripts and files are written.

Each iteration plays one eval scenario (Tests/Eval/scenarios/claude-code/*.jsonl and its
.edits.json) as a fresh session in its own working tree, kills loopd with SIGKILL at a random
moment (sometimes writing a line or a hand edit while it is down), restarts it and lets the
session finish. A baseline run without kills says which sessions produce a lesson. At the end:
PRAGMA integrity_check is ok, every session has exactly the baseline's lessons (none lost,
none duplicated) and no evidence row is stored twice.

Usage: scripts/soak.py [--iterations N] [--seed S] [--bin .build/debug] [--keep]
"""
import argparse, glob, json, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "Tests/Eval/scenarios/claude-code")
RECORDED_CWD = "/home/dev/work/app"


class User:
    """A temporary HOME with its own XDG folders and a running (or stopped) loopd."""

    def __init__(self, base, bin_dir, name):
        self.root = os.path.join(base, name)
        self.home = os.path.join(self.root, "home")
        self.bin = bin_dir
        self.env = dict(os.environ, HOME=self.home, XDG_CONFIG_HOME=self.home + "/.config",
                        XDG_STATE_HOME=self.home + "/.local/state", XDG_RUNTIME_DIR=self.root + "/run")
        for key in ("CLAUDE_CONFIG_DIR", "CODEX_HOME", "XDG_DATA_HOME", "NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC"):
            self.env.pop(key, None)
        os.makedirs(self.home + "/.config/loop", exist_ok=True)
        os.makedirs(self.root + "/run", exist_ok=True)
        with open(self.home + "/.config/loop/config.toml", "w") as f:
            f.write("[detector]\nsettle_ms = 50\ntranscript_lag_ms = 300\n")
        self.outbox = self.home + "/.local/state/loop/outbox.sqlite3"
        self.status = self.root + "/run/loop/status.json"
        self.log = open(self.root + "/loopd.log", "ab")
        self.daemon = None

    def start(self):
        self.daemon = subprocess.Popen([os.path.join(self.bin, "loopd"), "--log-level", "debug"], env=self.env,
                                       stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                with open(self.status) as f:
                    if json.load(f).get("pid") == self.daemon.pid:
                        return
            except (OSError, ValueError):
                pass
            if self.daemon.poll() is not None:
                sys.exit(f"loopd exited with {self.daemon.returncode}; see {self.root}/loopd.log")
            time.sleep(0.02)
        sys.exit(f"loopd did not become ready; see {self.root}/loopd.log")

    def kill(self):
        self.daemon.send_signal(signal.SIGKILL)
        self.daemon.wait()

    def stop(self):
        self.daemon.send_signal(signal.SIGTERM)
        if self.daemon.wait(timeout=20) != 0:
            sys.exit(f"loopd did not stop cleanly; see {self.root}/loopd.log")

    def transcript_path(self, cwd, session):
        project = "".join(c if c.isalnum() else "-" for c in cwd)
        directory = os.path.join(self.home, ".claude/projects", project)
        os.makedirs(directory, exist_ok=True)
        return os.path.join(directory, session + ".jsonl")


class Session:
    """One scenario as a new session: its lines and hand edits, rewritten to its own tree and id."""

    def __init__(self, user, scenario, suffix):
        self.scenario = scenario
        self.session = f"{scenario}-{suffix}"
        self.cwd = os.path.join(user.root, "repos", self.session)
        os.makedirs(self.cwd, exist_ok=True)

        def rewrite(text):
            return text.replace(RECORDED_CWD, self.cwd).replace(f'"{scenario}', f'"{self.session}')

        with open(os.path.join(SCENARIOS, scenario + ".jsonl")) as f:
            self.lines = [rewrite(line) for line in f.read().splitlines() if line.strip()]
        self.edits = []
        edits_path = os.path.join(SCENARIOS, scenario + ".jsonl.edits.json")
        if os.path.exists(edits_path):
            with open(edits_path) as f:
                self.edits = [dict(e, file=rewrite(e["file"])) for e in json.load(f)]
        self.transcript = user.transcript_path(self.cwd, self.session)
        self.steps = []  # ("line", text) or ("edit", file, content), in the order a user produces them
        for number, line in enumerate(self.lines, 1):
            self.steps.append(("line", line))
            # An edit either rewrites the file or deletes it ("delete": true).
            self.steps += [("edit", e["file"], e.get("content")) for e in self.edits if e["afterLine"] == number]

    def perform(self, step):
        if step[0] == "line":
            agent_write(step[1])
            with open(self.transcript, "a") as f:
                f.write(step[1] + "\n")
        elif step[2] is None:
            if os.path.exists(step[1]):
                os.remove(step[1])
        else:
            write_file(step[1], step[2])


def agent_write(line):
    """A Write's result carries the new content: it lands on disk before the result line."""
    if '"toolUseResult"' not in line:
        return
    result = json.loads(line).get("toolUseResult")
    if isinstance(result, dict) and isinstance(result.get("filePath"), str) and isinstance(result.get("content"), str):
        write_file(result["filePath"], result["content"])


def write_file(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(content)


def lessons_by_session(outbox):
    db = sqlite3.connect(f"file:{outbox}?mode=ro", uri=True)
    rows = db.execute("SELECT sessionID, COUNT(*) FROM debounceKey GROUP BY sessionID").fetchall()
    db.close()
    return dict(rows)


def check_outbox(outbox):
    db = sqlite3.connect(f"file:{outbox}?mode=ro", uri=True)
    problems = []
    integrity = db.execute("PRAGMA integrity_check").fetchall()
    if integrity != [("ok",)]:
        problems.append(f"integrity_check: {integrity[:5]}")
    duplicates = db.execute("""
        SELECT lessonID, COUNT(*) FROM lessonEvidence
        GROUP BY lessonID, signal, sessionID, transcriptPath, line, byteOffset, recordID, file, beforeText, afterText
        HAVING COUNT(*) > 1""").fetchall()
    if duplicates:
        problems.append(f"evidence stored twice: {duplicates[:5]}")
    orphans = db.execute("SELECT COUNT(*) FROM lesson WHERE id NOT IN (SELECT lessonID FROM debounceKey)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} lessons without a de-bounce key")
    db.close()
    return problems


def settle():
    time.sleep(0.9)  # transcript lag (300 ms) + settle (50 ms) + margin


def baseline(base, bin_dir, scenarios):
    user = User(base, bin_dir, "baseline")
    user.start()
    sessions = [Session(user, s, "baseline") for s in scenarios]
    for session in sessions:
        for step in session.steps:
            session.perform(step)
            time.sleep(0.03)
        settle()
    settle()
    user.stop()
    counts = lessons_by_session(user.outbox)
    return {s.scenario: counts.get(s.session, 0) for s in sessions}


def soak(base, bin_dir, scenarios, iterations, rng):
    user = User(base, bin_dir, "soak")
    user.start()
    sessions = []
    for index in range(iterations):
        session = Session(user, scenarios[index % len(scenarios)], f"soak{index}")
        sessions.append(session)
        kill_at = rng.randrange(len(session.steps) + 1)  # before this step; == len: while settling
        for number, step in enumerate(session.steps):
            if number == kill_at:
                time.sleep(rng.uniform(0, 0.1))
                user.kill()
                # Work goes on while loopd is down: sometimes a step or two.
                for _ in range(rng.randrange(3)):
                    if number < len(session.steps):
                        session.perform(session.steps[number])
                        number += 1
                user.start()
                remaining = session.steps[number:]
                break
            session.perform(step)
            time.sleep(rng.uniform(0, 0.05))
        else:
            remaining = []
            time.sleep(rng.uniform(0, 0.4))
            user.kill()
            user.start()
        for step in remaining:
            session.perform(step)
            time.sleep(rng.uniform(0, 0.05))
        settle()
        print(f"iteration {index + 1}/{iterations}: {session.scenario} (killed before step {kill_at}/{len(session.steps)})", flush=True)
    settle()
    user.stop()
    return user, sessions


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--bin", default=os.environ.get("LOOP_BIN_DIR", os.path.join(ROOT, ".build/debug")))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed) for inspection")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    all_scenarios = sorted(os.path.basename(p)[:-len(".jsonl")] for p in glob.glob(os.path.join(SCENARIOS, "*.jsonl")))
    rng.shuffle(all_scenarios)
    scenarios = all_scenarios[:min(len(all_scenarios), args.iterations)]
    base = tempfile.mkdtemp(prefix="loop-soak-")
    print(f"soak: {args.iterations} kills, seed {args.seed}, {len(scenarios)} scenarios, in {base}", flush=True)
    failed = False
    try:
        expected = baseline(base, args.bin, scenarios)
        print(f"baseline: {sum(expected.values())} lessons from {len(scenarios)} scenarios", flush=True)
        user, sessions = soak(base, args.bin, scenarios, args.iterations, rng)
        counts = lessons_by_session(user.outbox)
        problems = check_outbox(user.outbox)
        for session in sessions:
            got, want = counts.get(session.session, 0), expected[session.scenario]
            if got != want:
                problems.append(f"{session.session}: {got} lessons, expected {want} ({'lost' if got < want else 'duplicated'})")
        if problems:
            failed = True
            print("soak FAILED (seed %d):\n  " % args.seed + "\n  ".join(problems), flush=True)
        else:
            print(f"soak ok: {args.iterations} kills, integrity ok, {sum(counts.values())} lessons, each exactly once", flush=True)
    finally:
        if args.keep or failed:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
