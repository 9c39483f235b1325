"""Round-trip latency of `lessons_pending` over loopd's unix socket.

Starts a real loopd in a temporary HOME, seeds pending lessons through
`feedback_submit`, then measures tools/call lessons_pending round trips with
raw newline-delimited JSON-RPC (no SDK in the timed path):
one client, then 100 concurrent clients (one connection each).
Prints p50/p99 in milliseconds. Usage: latency.py BIN_DIR [requests] [lessons]
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug"
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
LESSONS = int(sys.argv[3]) if len(sys.argv) > 3 else 10
CLIENTS = 100


class Client:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")
        self.next_id = 0
        self.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                    "clientInfo": {"name": "bench", "version": "1"}})
        self.sock.sendall(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')

    def request(self, method, params):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.sock.sendall(json.dumps(message).encode() + b"\n")
        while True:
            reply = json.loads(self.file.readline())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply["result"]

    def pending(self):
        return self.request("tools/call", {"name": "lessons_pending", "arguments": {}})


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(label, samples):
    ms = [s * 1000 for s in samples]
    print(f"{label}: n={len(ms)} p50={percentile(ms, 50):.3f} ms p99={percentile(ms, 99):.3f} ms max={max(ms):.3f} ms")


def timed(client, count, out):
    for _ in range(count):
        start = time.perf_counter()
        client.pending()
        out.append(time.perf_counter() - start)


def main():
    home = tempfile.mkdtemp(prefix="loop-bench-mcp-")
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/.config", XDG_STATE_HOME=f"{home}/.local/state",
               XDG_RUNTIME_DIR=f"{home}/run")
    os.makedirs(f"{home}/run", mode=0o700)
    daemon = subprocess.Popen([os.path.join(BIN, "loopd"), "--log-level", "warning"], env=env)
    path = f"{home}/run/loop/loopd.sock"
    try:
        for _ in range(200):
            if os.path.exists(path):
                break
            time.sleep(0.05)
        seed = Client(path)
        for i in range(LESSONS):
            seed.request("tools/call", {"name": "feedback_submit", "arguments": {
                "text": f"the output missed step {i}", "artifact_kind": "skill", "artifact_name": f"skill-{i}",
                "session_id": "bench"}})
        count = len(json.loads(seed.pending()["content"][0]["text"])["lessons"])
        print(f"loopd {BIN}, {count} pending lessons, {os.cpu_count()} CPUs")

        for _ in range(200):  # warm-up
            seed.pending()
        single = []
        timed(seed, REQUESTS, single)
        report("1 client", single)

        clients = [Client(path) for _ in range(CLIENTS)]
        samples, threads = [], []
        per_client = max(1, REQUESTS // CLIENTS)
        for client in clients:
            thread = threading.Thread(target=timed, args=(client, per_client, samples))
            threads.append(thread)
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        report(f"{CLIENTS} concurrent clients", samples)
        print(f"{CLIENTS} concurrent clients: {len(samples) / elapsed:.0f} requests/s")
    finally:
        daemon.terminate()
        daemon.wait(timeout=15)


if __name__ == "__main__":
    main()
