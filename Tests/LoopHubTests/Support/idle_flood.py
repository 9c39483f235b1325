"""Opens many idle connections to a loophub and reports, as one JSON line,
whether /healthz kept answering and whether the server closed the idle ones.

Run as a child of the test so the sockets are not the test process's own:
Foundation's Process misbehaves once a process holds descriptors at or above
1,024, and the other tests in the same process start children all the time.

usage: idle_flood.py PORT COUNT CLOSE_DEADLINE_SECONDS
"""
import json
import resource
import select
import socket
import sys
import time

port, count, deadline_s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < count + 256:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 256), hard))


def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setblocking(True)
    return s


def healthz(s, timeout):
    """Status of GET /healthz on an open connection, or None."""
    start = time.monotonic()
    s.settimeout(timeout)
    try:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                return None, time.monotonic() - start
            data += chunk
        return int(data.split(b" ", 2)[1]), time.monotonic() - start
    except OSError:
        return None, time.monotonic() - start


def closed_by_peer(s):
    # poll, not select: select's fd_set stops at descriptor 1,023.
    poller = select.poll()
    poller.register(s, select.POLLIN)
    if not poller.poll(0):
        return False
    try:
        return s.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


admitted = connect()
before, _ = healthz(admitted, 3)
idle = []
for _ in range(count):
    try:
        idle.append(connect())
    except OSError:
        break
after, admitted_latency = healthz(admitted, 3)
fresh = connect()
fresh_status, fresh_latency = healthz(fresh, 8)

pending = list(idle)
end = time.monotonic() + deadline_s
while pending and time.monotonic() < end:
    pending = [s for s in pending if not closed_by_peer(s)]
    if pending:
        time.sleep(0.2)
print(json.dumps({
    "before": before, "opened": len(idle), "admitted": after, "admittedSeconds": round(admitted_latency, 3),
    "fresh": fresh_status, "freshSeconds": round(fresh_latency, 3), "closed": len(idle) - len(pending),
}))
