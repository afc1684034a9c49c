"""Load: hold N open timeline streams while posters publish M posts/s; measure fan-out and post latency.

Starts its own server (gunicorn gevent, 1 worker, SQLite — the default set-up; or DATABASE_URL when given),
migrated and seeded, on a random loopback port; bounded in time and count; loopback only.

    .venv/bin/python bench/timeline_load.py --streams 500 --rate 20 --seconds 20

Prints fan-out latency (post sent → entry received on a stream) p50/p95/max over all streams, post latency
p50/p95, deliveries expected/received and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import DEMO_PASSWORD, start_server, stop_server  # noqa: E402

MARK = re.compile(rb"BENCH#(\d+)#")
POSTERS = ["polri-petugas", "kpu-petugas", "tni-petugas", "bawaslu-petugas", "pemda-petugas"]


def login(base: str, username: str) -> tuple[str, str]:
    """Returns (cookie header, csrf token) for a logged-in session."""
    import http.cookiejar

    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(f"{base}/masuk") as r:
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', r.read().decode()).group(1)
    data = urllib.parse.urlencode({"login": username, "password": DEMO_PASSWORD, "csrf_token": token}).encode()
    try:
        opener.open(f"{base}/masuk", data=data).close()
    except urllib.error.HTTPError as exc:
        exc.close()
    with opener.open(f"{base}/linimasa") as r:
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', r.read().decode()).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), token


async def hold_stream(port, cookie, sent, received, errors, ready, stop):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                f"GET /linimasa/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                "Accept: text/event-stream\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            errors.append("stream status " + head.split(b"\r\n", 1)[0].decode())
            return
        ready.append(1)
        tail = b""
        while not stop.is_set():
            try:
                chunk = await asyncio.wait_for(reader.read(65536), timeout=1.0)
            except TimeoutError:
                continue
            if not chunk:
                errors.append("stream closed")
                return
            now = time.perf_counter()
            data = tail + chunk
            for m in MARK.finditer(data):
                n = int(m.group(1))
                if n in sent:
                    received.append(now - sent[n])
            tail = data[-40:] if not MARK.search(data[-40:]) else b""
        writer.close()
    except Exception as exc:  # noqa: BLE001 - a benchmark counts errors, it does not stop
        errors.append(repr(exc))


async def post_one(port, cookie, token, n, sent, post_times, errors):
    body = urllib.parse.urlencode(
        {"kind": "info", "text": f"Uji beban BENCH#{n}# situasi aman.", "visibility": "all", "csrf_token": token}
    ).encode()
    start = time.perf_counter()
    sent[n] = start
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                f"POST /linimasa HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            + body
        )
        await writer.drain()
        status = (await reader.readline()).split(b" ")[1]
        await reader.read()
        writer.close()
        post_times.append(time.perf_counter() - start)
        if status != b"303":
            errors.append(f"post status {status.decode()}")
    except Exception as exc:  # noqa: BLE001
        errors.append(repr(exc))


async def run(port, stream_cookie, posters, streams, rate, seconds):
    sent: dict[int, float] = {}
    received: list[float] = []
    post_times: list[float] = []
    errors: list[str] = []
    ready: list[int] = []
    stop = asyncio.Event()
    holders = [
        asyncio.create_task(hold_stream(port, stream_cookie, sent, received, errors, ready, stop))
        for _ in range(streams)
    ]
    deadline = time.monotonic() + 30
    while len(ready) + len(errors) < streams and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    print(f"streams open: {len(ready)}/{streams}")
    await asyncio.sleep(1.0)
    posts = []
    total = int(rate * seconds)
    t0 = time.perf_counter()
    for n in range(total):
        await asyncio.sleep(max(0.0, t0 + n / rate - time.perf_counter()))
        cookie, token = posters[n % len(posters)]
        posts.append(asyncio.create_task(post_one(port, cookie, token, n, sent, post_times, errors)))
    await asyncio.gather(*posts)
    await asyncio.sleep(3.0)  # let the last deliveries arrive
    stop.set()
    await asyncio.gather(*holders)
    return total, received, post_times, errors, len(ready)


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of the gunicorn master and its workers, from /proc."""
    import os

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            pass
    return total


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--rate", type=float, default=20.0, help="posts per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    if args.streams > 2000 or args.seconds > 120 or args.rate > 100:
        parser.error("keep the benchmark bounded: at most 2000 streams, 120 s, 100 posts/s")
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 8192)), hard))
    tmp = Path(tempfile.mkdtemp(prefix="sinergi-bench-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    base, process, _env = start_server(tmp, workers=1, database_url=url)
    try:
        port = int(base.rsplit(":", 1)[1])
        stream_cookie, _ = login(base, "kpu-operator")
        posters = [login(base, name) for name in POSTERS]
        cpu_before, wall_before = server_cpu_seconds(process.pid), time.perf_counter()
        client_before = time.process_time()
        total, received, post_times, errors, opened = asyncio.run(
            run(port, stream_cookie, posters, args.streams, args.rate, args.seconds)
        )
        cpu_used, wall = server_cpu_seconds(process.pid) - cpu_before, time.perf_counter() - wall_before
        client_cpu = time.process_time() - client_before
    finally:
        stop_server(process)
    expected = total * opened
    ms = 1000
    print(f"server: gunicorn gevent, 1 worker, {'SQLite' if url.startswith('sqlite') else 'PostgreSQL'}")
    print(f"posts: {total} at {args.rate}/s over {args.seconds:.0f} s; streams: {opened}")
    print(
        f"fan-out latency: p50 {pct(received, 50) * ms:.0f} ms, p95 {pct(received, 95) * ms:.0f} ms, "
        f"max {max(received, default=float('nan')) * ms:.0f} ms; deliveries {len(received)}/{expected}"
    )
    print(f"post latency: p50 {pct(post_times, 50) * ms:.0f} ms, p95 {pct(post_times, 95) * ms:.0f} ms")
    import os

    print(
        f"server CPU: {cpu_used:.1f} s over {wall:.1f} s wall ({100 * cpu_used / wall:.0f}% of one core); "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    print(
        f"load client CPU: {client_cpu:.1f} s ({100 * client_cpu / wall:.0f}% of one core; it shares the cores "
        "and its own lag counts in the latencies)"
    )
    print(f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    if errors:
        print(
            "errors by kind:",
            {e.split(" ")[0]: sum(1 for x in errors if x.split(" ")[0] == e.split(" ")[0]) for e in set(errors)},
        )


if __name__ == "__main__":
    main()
