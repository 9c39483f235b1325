"""Idle cost: 20 initialized MCP connections held open for 10 s; prints loopd's CPU time.
Usage: idle.py BIN_DIR"""
import sys
BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/release"
import os, socket, subprocess, tempfile, time, json
home = tempfile.mkdtemp(prefix="loop-idle-")
env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/.config", XDG_STATE_HOME=f"{home}/.local/state", XDG_RUNTIME_DIR=f"{home}/run")
os.makedirs(f"{home}/run", mode=0o700)
d = subprocess.Popen([os.path.join(BIN, "loopd"), "--log-level", "warning"], env=env)
p = f"{home}/run/loop/loopd.sock"
while not os.path.exists(p): time.sleep(0.05)
socks = []
for i in range(20):
    s = socket.socket(socket.AF_UNIX); s.connect(p)
    s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}\n'); s.recv(65536)
    socks.append(s)
time.sleep(1)
def ticks():
    f = open(f"/proc/{d.pid}/stat").read().split(")")[1].split()
    return int(f[11]) + int(f[12])
t0 = ticks(); time.sleep(10); t1 = ticks()
print(f"20 idle MCP connections, 10 s: loopd used {t1 - t0} clock ticks ({(t1-t0)*10} ms CPU)")
d.terminate(); d.wait()
