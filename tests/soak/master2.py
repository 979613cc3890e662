#!/usr/bin/env python3
"""A second steward.fcgi master on a socket of its own, beside the running
one (the cluster runs two), driven the way systemd drives it (Type=notify,
ExecReload=kill -HUP, KillMode=mixed): READY=1 once its workers accept, a
FastCGI GET /api/healthz answered, SIGHUP -> RELOADING=1 then READY=1 with
the same pid and new workers, SIGTERM -> exit 0 and its socket file gone.

usage: master2.py BINARY CONF DIR   (prints "ok - …" / "not ok - …" lines)
"""
import os
import signal
import socket
import struct
import subprocess
import sys
import time

BINARY, CONF, DIR = sys.argv[1:4]
SOCK = os.path.join(DIR, "second.sock")
NOTIFY = os.path.join(DIR, "notify.sock")
failed = 0


def check(name, ok):
    global failed
    print(("ok - " if ok else "not ok - ") + name, flush=True)
    failed += 0 if ok else 1


def record(kind, rid, body):
    return struct.pack(">BBHHBx", 1, kind, rid, len(body), 0) + body


def pair(k, v):
    k, v = k.encode(), v.encode()
    return bytes([len(k)]) + bytes([len(v)]) + k + v


def fcgi_get(path):
    """The Status line of a FastCGI GET of path on SOCK, or the error."""
    params = b"".join(pair(k, v) for k, v in (
        ("REQUEST_METHOD", "GET"), ("DOCUMENT_URI", path), ("QUERY_STRING", ""),
        ("REMOTE_ADDR", "127.0.0.1"), ("HTTP_HOST", "localhost")))
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(SOCK)
        s.sendall(record(1, 1, struct.pack(">HB5x", 1, 0)) + record(4, 1, params) +
                  record(4, 1, b"") + record(5, 1, b""))
        out, data = b"", b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        while len(data) >= 8:
            _, kind, _, n, pad = struct.unpack(">BBHHB", data[:7])
            if kind == 6:
                out += data[8:8 + n]
            data = data[8 + n + pad:]
        head = out.split(b"\r\n")[0].decode(errors="replace")
        return head
    except OSError as e:
        return str(e)


def notified(n, want, timeout=30):
    """Waits for a notification containing want; True when it came."""
    n.settimeout(timeout)
    end = time.time() + timeout
    while time.time() < end:
        try:
            msg = n.recv(4096).decode()
        except socket.timeout:
            return False
        if want in msg:
            return True
    return False


def workers(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)],
                         capture_output=True, text=True).stdout
    return sorted(out.split())


for p in (SOCK, NOTIFY):
    if os.path.exists(p):
        os.unlink(p)
n = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
n.bind(NOTIFY)
env = dict(os.environ, STEWARD_LISTEN=SOCK, NOTIFY_SOCKET=NOTIFY)
log = open(os.path.join(DIR, "second.log"), "ab")
m = subprocess.Popen([BINARY, "-c", CONF], env=env, stdin=subprocess.DEVNULL,
                     stdout=log, stderr=log)
check("a second master on its own socket sends READY=1 (pid %d)" % m.pid,
      notified(n, "READY=1"))
before = workers(m.pid)
head = fcgi_get("/api/healthz")
check("its workers answer a FastCGI GET /api/healthz (%s)" % head,
      head == "Status: 200 OK")
m.send_signal(signal.SIGHUP)
check("SIGHUP (ExecReload): RELOADING=1, then READY=1",
      notified(n, "RELOADING=1") and notified(n, "READY=1"))
after = workers(m.pid)
check("same master pid, new workers (%s -> %s)" % (" ".join(before), " ".join(after)),
      m.poll() is None and len(after) == len(before) and not set(before) & set(after))
head = fcgi_get("/api/healthz")
check("the new workers answer (%s)" % head, head == "Status: 200 OK")
m.send_signal(signal.SIGTERM)
try:
    rc = m.wait(40)
except subprocess.TimeoutExpired:
    m.kill()
    rc = m.wait()


def alive(pid):
    try:
        os.kill(int(pid), 0)
        return True
    except OSError:
        return False


left = [w for w in after if alive(w)]
check("SIGTERM: the master exits %d, its workers are gone (%s left), its socket file removed"
      % (rc, " ".join(left) or "none"), rc == 0 and not left and not os.path.exists(SOCK))
n.close()
os.unlink(NOTIFY)
sys.exit(1 if failed else 0)
