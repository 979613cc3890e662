#!/usr/bin/env python3
"""Slow and hostile clients against the running stack (DESIGN §13, issue 15).

2,000 clients (STEWARD_SLOW_CLIENTS) connect from loopback and send their
request head one byte every few seconds, never finishing it; meanwhile a
signed-in user keeps loading /settings and /api/settings.  Then a dozen
hostile requests (oversized head, oversized body, bad Content-Length …).

Holds nginx/steward-limits.conf and steward-events.conf to:
  * every ordinary request answers 200 while the slow clients hold their
    connections (nginx's default 1,024 connections ran out);
  * nginx answers no 5xx (its access log of the run is read);
  * every slow client is cut off by the server (client_header_timeout,
    read from steward-limits.conf) and none gets an answer to its
    unfinished request;
  * each hostile request gets a 4xx, never a 5xx.

Environment: STEWARD_URL, STEWARD_VAR (the demo login and the logs).
Prints TAP-like lines and ends with "N passed, N failed".
"""
import asyncio
import http.client
import os
import re
import resource
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
URL = os.environ.get("STEWARD_URL", "http://127.0.0.1:8080").rstrip("/")
VAR = os.environ.get("STEWARD_VAR", os.path.join(ROOT, "var"))
SLOW = int(os.environ.get("STEWARD_SLOW_CLIENTS", "2000"))
BYTE_EVERY = 3.0        # seconds between two bytes of a slow client
RAMP = 200              # slow clients connecting at once

HOST = urllib.parse.urlsplit(URL).hostname
PORT = urllib.parse.urlsplit(URL).port or 80

passed = failed = 0


def check(name, ok, detail=""):
    """One result line; counts it."""
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + name, flush=True)
    else:
        failed += 1
        print("not ok - " + name + (": " + detail if detail else ""), flush=True)


def header_timeout():
    """client_header_timeout of nginx/steward-limits.conf, in seconds."""
    with open(os.path.join(ROOT, "nginx", "steward-limits.conf")) as f:
        m = re.search(r"^client_header_timeout\s+(\d+)s;", f.read(), re.M)
    return int(m.group(1)) if m else 60


# ------------------------------------------------------------ signed in

def request(method, path, body=None, headers=None):
    """One request on a new connection: (status, headers, body)."""
    c = http.client.HTTPConnection(HOST, PORT, timeout=30)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.getheaders(), r.read()
    finally:
        c.close()


def cookies_of(headers, jar):
    """The Set-Cookie headers into jar (name -> value)."""
    for k, v in headers:
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]


def cookie_header(jar):
    return "; ".join("%s=%s" % kv for kv in jar.items())


def sign_in():
    """The demo admin's session cookies (var/demo-login), or None."""
    login = {}
    with open(os.path.join(VAR, "demo-login")) as f:
        for line in f:
            k, _, v = line.strip().partition("=")
            login[k] = v
    jar = {}
    st, h, body = request("GET", "/api/login")
    cookies_of(h, jar)
    m = re.search(rb"<csrf>([^<]+)</csrf>", body)
    if st != 200 or not m:
        return None
    form = urllib.parse.urlencode({"email": login.get("email", ""),
                                   "password": login.get("password", ""),
                                   "csrf": m.group(1).decode()})
    st, h, _ = request("POST", "/login", form, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": URL, "Cookie": cookie_header(jar)})
    cookies_of(h, jar)
    return jar if st == 303 else None


def ordinary(jar, stop, out):
    """Signed-in page loads until stop is set: statuses into out."""
    paths = ["/settings", "/api/settings"]
    i = 0
    while not stop.is_set():
        try:
            st, _, _ = request("GET", paths[i % 2], headers={"Cookie": cookie_header(jar)})
        except OSError as e:
            st = "error: %s" % e
        out.append(st)
        i += 1


# --------------------------------------------------------- slow clients

async def slow_client(stats, deadline):
    """Connects and sends a request head a byte at a time, never ending it.
    Records whether the server cut it off, and whether it answered."""
    head = b"GET /settings HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow-client\r\nX-Slow: "
    try:
        r, w = await asyncio.open_connection(HOST, PORT)
    except OSError:
        stats["refused"] += 1
        return
    stats["connected"] += 1
    k = 0
    try:
        while time.monotonic() < deadline:
            if k < len(head):
                w.write(head[k:k + 1])
                await w.drain()
                k += 1
            try:
                data = await asyncio.wait_for(r.read(4096), BYTE_EVERY)
            except asyncio.TimeoutError:
                continue
            if data:
                stats["answered"] += 1
                stats["answers"].add(data.split(b"\r\n", 1)[0][:40])
                continue
            stats["cut"] += 1
            return
        stats["alive"] += 1
    except (ConnectionResetError, BrokenPipeError):
        stats["cut"] += 1
    finally:
        w.close()


async def slow_clients(n, deadline, stats):
    tasks = []
    for i in range(0, n, RAMP):
        tasks += [asyncio.ensure_future(slow_client(stats, deadline))
                  for _ in range(min(RAMP, n - i))]
        await asyncio.sleep(0.05)
    stats["ramped"] = True
    await asyncio.gather(*tasks)


# ------------------------------------------------------ hostile inputs

def raw(data, read_timeout=15):
    """Sends bytes on a new connection; the status of the answer (0: none)."""
    import socket
    s = socket.create_connection((HOST, PORT), timeout=read_timeout)
    try:
        try:
            s.sendall(data)
        except OSError:
            pass        # the server may answer and close before all of it
        buf = b""
        while b"\r\n" not in buf:
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
        m = re.match(rb"HTTP/1\.[01] (\d{3})", buf)
        return int(m.group(1)) if m else 0
    except OSError:
        return 0
    finally:
        s.close()


def hostile():
    big = b"a" * 16384
    cases = [
        ("a 16 KB header line", b"GET /settings HTTP/1.1\r\nHost: x\r\nX-Big: " + big + b"\r\n\r\n"),
        ("a 16 KB request line", b"GET /settings?q=" + big + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("64 header lines of 1 KB (past the head buffers)",
         b"GET /settings HTTP/1.1\r\nHost: x\r\n" +
         b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 1000) for i in range(64)) + b"\r\n"),
        ("a 3 MB body to /api/1/upload", b"POST /api/1/upload HTTP/1.1\r\nHost: x\r\n"
         b"Content-Type: application/json\r\nContent-Length: 3145728\r\n\r\n" + b"[" * 65536),
        ("a 2 MB form to /login", b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: "
         b"application/x-www-form-urlencoded\r\nContent-Length: 2097152\r\n\r\nemail="),
        ("Content-Length: abc", b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
        ("Content-Length: -1", b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
        ("Content-Length of 30 digits", b"POST /api/1/upload HTTP/1.1\r\nHost: x\r\n"
         b"Content-Length: 999999999999999999999999999999\r\n\r\n"),
        ("two Content-Length headers", b"POST /login HTTP/1.1\r\nHost: x\r\n"
         b"Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef"),
        ("Content-Length with Transfer-Encoding: chunked", b"POST /login HTTP/1.1\r\nHost: x\r\n"
         b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("an unknown Transfer-Encoding", b"POST /login HTTP/1.1\r\nHost: x\r\n"
         b"Transfer-Encoding: gzip\r\n\r\n"),
        ("a bad chunk size", b"POST /api/1/upload HTTP/1.1\r\nHost: x\r\n"
         b"Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n"),
        ("no Host in HTTP/1.1", b"GET /settings HTTP/1.1\r\n\r\n"),
        ("a NUL in a header", b"GET /settings HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n"),
        ("a malformed method", b"G@T /settings HTTP/1.1\r\nHost: x\r\n\r\n"),
    ]
    for name, data in cases:
        st = raw(data)
        check("hostile: %s -> 4xx (%s)" % (name, st or "no answer"), 400 <= st < 500)


# ---------------------------------------------------------------- main

def access_statuses(log, offset):
    """The statuses nginx logged after offset in its access log."""
    out = []
    with open(log, "rb") as f:
        f.seek(offset)
        for line in f:
            m = re.search(rb'" (\d{3}) ', line)
            if m:
                out.append(int(m.group(1)))
    return out


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = SLOW + 512
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    timeout = header_timeout()
    log = os.path.join(VAR, "log", "nginx-access.log")
    offset = os.path.getsize(log) if os.path.exists(log) else 0

    jar = sign_in()
    check("the demo admin signs in", jar is not None)
    if jar is None:
        print("%d passed, %d failed" % (passed, failed))
        return 1

    stats = {"connected": 0, "refused": 0, "cut": 0, "alive": 0,
             "answered": 0, "answers": set(), "ramped": False}
    deadline = time.monotonic() + 2 * timeout + 5
    statuses = []
    stop = threading.Event()
    user = threading.Thread(target=ordinary, args=(jar, stop, statuses))

    async def run():
        slow = asyncio.ensure_future(slow_clients(SLOW, deadline, stats))
        while not stats["ramped"]:
            await asyncio.sleep(0.1)
        user.start()                    # while every slow client holds on
        await asyncio.sleep(timeout - 2)
        stop.set()
        await slow

    asyncio.run(run())
    user.join()

    bad = [s for s in statuses if s != 200]
    check("%d slow clients connected (%d refused)" % (stats["connected"], stats["refused"]),
          stats["connected"] == SLOW)
    check("%d ordinary signed-in requests while they held on: %d not 200%s" % (
          len(statuses), len(bad), " (%s)" % bad[:5] if bad else ""),
          len(statuses) > 0 and not bad)
    check("every slow client was cut off by the server within %d s (cut %d, still open %d)" % (
          2 * timeout + 5, stats["cut"], stats["alive"]), stats["cut"] == stats["connected"])
    check("no slow client got an answer to its unfinished request (%d: %s)" % (
          stats["answered"], sorted(stats["answers"])[:3]),
          stats["answered"] == 0 or all(a.split(b" ")[1:2] and a.split(b" ")[1].startswith(b"4")
                                         for a in stats["answers"]))

    hostile()

    time.sleep(1)       # nginx writes its access log lines as requests end
    logged = access_statuses(log, offset) if os.path.exists(log) else []
    five = [s for s in logged if s >= 500]
    check("nginx logged no 5xx during the run (%d requests, %d 5xx)" % (len(logged), len(five)),
          len(logged) > 0 and not five)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
