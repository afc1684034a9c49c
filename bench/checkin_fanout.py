"""Load: voting-day check-ins into a kabupaten of 1,600 TPS while N desk boards are open (issue 15's fan-out target:
1,600 check-ins in 5 minutes with 500 open streams, fan-out p95 ≤ 1 s, 0 errors).

Starts its own server (gunicorn gevent, 1 worker, SQLite — the kabupaten default; jobs off), migrated and seeded
with the demo, then adds ``--tps`` TPS to kabupaten 19.02 (1,649 with the demo's). Each of ``--streams`` boards
holds ``/hari-h/stream`` open as the desk head and reads the boards it sends (the page swaps each one in). The
Polri operator posts one *petugas tiba* check-in per new TPS at ``--rate`` a second through ``POST /hari-h/lapor``
(the form's own fields, CSRF token, idempotency key). Bounded in time and count; loopback only.

    .venv/bin/python bench/checkin_fanout.py                                   # 1,600 in 5 min, 500 boards
    .venv/bin/python bench/checkin_fanout.py --checkins 300 --rate 5 --streams 100   # quick
    .venv/bin/python bench/checkin_fanout.py --min-interval 10                 # VOTINGDAY_STREAM_MIN_INTERVAL

Prints: check-in answer latency; fan-out latency (a check-in sent → the first board on each open stream that
counts it, fully received) p50/p95/max over every (check-in, stream) pair; the boards sent (count, bytes); the
server's CPU; errors. The client runs on the same 2 cores, so its own lag is in the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import os
import re
import sqlite3
import sys
import tempfile
import time
import urllib.parse
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timeline_load import login, pct, server_cpu_seconds  # noqa: E402
from tests.browser.conftest import start_server, stop_server  # noqa: E402

KAB = "19.02"
VIEWER, POSTER = "pemda-pimpinan", "polri-operator"


def add_tps(db_path: Path, count: int) -> list[int]:
    """``count`` TPS spread over the kabupaten's villages, numbered after the demo's; returns their ids."""
    with sqlite3.connect(db_path) as conn:
        villages = [
            r[0] for r in conn.execute("SELECT code FROM region WHERE level = 4 AND code LIKE ?", (KAB + ".%",))
        ]
        numbers = dict(conn.execute("SELECT village_code, MAX(number) FROM tps GROUP BY village_code").fetchall())
        first = conn.execute("SELECT COALESCE(MAX(id), 0) FROM tps").fetchone()[0] + 1
        rows = []
        for i in range(count):
            code = villages[i % len(villages)]
            numbers[code] = numbers.get(code, 0) + 1
            rows.append((code, numbers[code], "Balai Desa", 450))
        conn.executemany("INSERT INTO tps (village_code, number, address, dpt) VALUES (?, ?, ?, ?)", rows)
        return list(range(first, first + count))


async def _request(port: int, head: str, body: bytes = b"") -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head.encode() + body)
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


MARK = b'data: <div id="vd-board"'  # the start of a board message (the stream sends the board itself)
ARRIVED = re.compile(rb'id="vd-step-petugas_tiba".*?class="vd-count">([\d.]+)<', re.S)


def arrived(html: bytes) -> int:
    """The board's count of TPS with *petugas tiba* (thousands written with a dot, as in Indonesian)."""
    match = ARRIVED.search(html)
    return int(match.group(1).replace(b".", b"")) if match else -1


async def hold_board(port, cookie, boards, received, errors, ready, stop):
    """One open board: its stream, reading the boards it sends (each message is the whole board, which the page
    swaps in). ``boards`` gets (the time a board had fully arrived, its *petugas tiba* count)."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET /hari-h/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            errors.append("stream status " + head.split(b"\r\n", 1)[0].decode())
            return
        ready.append(1)
        buffer = b""
        while not stop.is_set():
            try:
                chunk = await asyncio.wait_for(reader.read(262144), timeout=1.0)
            except TimeoutError:
                continue
            if not chunk:
                errors.append("stream closed")
                return
            received.append(len(chunk))
            buffer += chunk
            *messages, buffer = buffer.split(b"\n\n")  # an SSE message ends with a blank line
            for message in messages:
                if MARK in message[:200]:  # past the chunked encoding's size line
                    boards.append((time.perf_counter(), arrived(message)))
        writer.close()
    except Exception as exc:  # noqa: BLE001 - a benchmark counts errors, it does not stop
        errors.append(repr(exc))


async def post_checkin(port, cookie, token, tps_id, sent, answers, errors) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    body = urllib.parse.urlencode(
        {"tps_id": tps_id, "step": "petugas_tiba", "clock": "", "occurred_at": now, "sent_at": now, "csrf_token": token}
    ).encode()
    start = time.perf_counter()
    sent.append(start)
    try:
        status, _data = await _request(
            port,
            f"POST /hari-h/lapor HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
            f"Idempotency-Key: bench-{uuid.uuid4().hex}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Connection: close\r\nContent-Length: {len(body)}\r\n\r\n",
            body,
        )
        answers.append(time.perf_counter() - start)
        if status != 303:
            errors.append(f"check-in status {status}")
    except Exception as exc:  # noqa: BLE001
        errors.append(repr(exc))


async def run(port, viewer, poster, token, tps_ids, streams, rate, drain, base):
    per_stream: list[list[tuple[float, int]]] = [[] for _ in range(streams)]
    sent: list[float] = []
    answers: list[float] = []
    received: list[int] = []
    errors: list[str] = []
    ready: list[int] = []
    stop = asyncio.Event()
    boards = [
        asyncio.create_task(hold_board(port, viewer, per_stream[i], received, errors, ready, stop))
        for i in range(streams)
    ]
    deadline = time.monotonic() + 60
    while len(ready) + len(errors) < streams and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    print(f"boards open: {len(ready)}/{streams}", flush=True)
    await asyncio.sleep(1.0)
    posts = []
    t0 = time.perf_counter()
    for n, tps_id in enumerate(tps_ids):
        await asyncio.sleep(max(0.0, t0 + n / rate - time.perf_counter()))
        posts.append(asyncio.create_task(post_checkin(port, poster, token, tps_id, sent, answers, errors)))
    await asyncio.gather(*posts)
    posting = time.perf_counter() - t0
    await asyncio.sleep(drain)
    stop.set()
    await asyncio.gather(*boards)
    # Fan-out: per open stream, the first board after check-in n was sent that counts it (base + n + 1 TPS with
    # petugas tiba: check-ins may commit a little out of order, so this is "n + 1 of ours are in", a close bound).
    latencies, missed = [], 0
    for boards in per_stream[: len(ready)]:
        boards.sort()
        times = [t for t, _count in boards]
        for n, at in enumerate(sent):
            i = bisect.bisect_left(times, at)
            while i < len(boards) and boards[i][1] < base + n + 1:
                i += 1
            if i < len(boards):
                latencies.append(boards[i][0] - at)
            else:
                missed += 1
    return {
        "sent": len(sent),
        "posting": posting,
        "answers": answers,
        "latencies": latencies,
        "missed": missed,
        "events": sum(len(e) for e in per_stream),
        "received": sum(received),
        "errors": errors,
        "opened": len(ready),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tps", type=int, default=1600, help="TPS added to the kabupaten (one check-in each)")
    parser.add_argument("--checkins", type=int, default=1600)
    parser.add_argument("--rate", type=float, default=1600 / 300, help="check-ins per second (default 1,600/5 min)")
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--min-interval", type=float, default=None, help="VOTINGDAY_STREAM_MIN_INTERVAL (s)")
    parser.add_argument("--drain", type=float, default=8.0, help="seconds to wait for the last deliveries")
    args = parser.parse_args()
    if args.streams > 2000 or args.checkins > min(args.tps, 5000) or args.checkins / args.rate > 600:
        parser.error("keep it bounded: at most 2,000 streams, one check-in per added TPS, 10 minutes of posting")
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 8192)), hard))
    tmp = Path(tempfile.mkdtemp(prefix="sinergi-checkin-bench-"))
    db_path = tmp / "bench.db"
    extra = {"SINERGI_JOBS_IN_WEB": "0"}
    if args.min_interval is not None:
        extra["SINERGI_VOTINGDAY_STREAM_MIN_INTERVAL"] = str(args.min_interval)
    base, process, _env = start_server(tmp, workers=1, database_url=f"sqlite:///{db_path}", extra_env=extra)
    try:
        tps_ids = add_tps(db_path, args.tps)[: args.checkins]
        port = int(base.rsplit(":", 1)[1])
        viewer, _ = login(base, VIEWER)
        poster, _ = login(base, POSTER)
        with urllib.request.urlopen(urllib.request.Request(f"{base}/hari-h", headers={"Cookie": poster})) as r:
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', r.read().decode()).group(1)
        cpu_before, wall_before = server_cpu_seconds(process.pid), time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(f"{base}/hari-h/papan", headers={"Cookie": viewer})) as r:
            before = arrived(r.read())
        result = asyncio.run(run(port, viewer, poster, token, tps_ids, args.streams, args.rate, args.drain, before))
        cpu, wall = server_cpu_seconds(process.pid) - cpu_before, time.perf_counter() - wall_before
    finally:
        stop_server(process)
    ms = 1000
    r = result
    interval = args.min_interval if args.min_interval is not None else "default (0.75)"
    print(
        f"server: gunicorn gevent, 1 worker, SQLite; kabupaten {KAB} with {args.tps + 49} TPS; min interval {interval}"
    )
    print(f"check-ins: {r['sent']} in {r['posting']:.0f} s ({r['sent'] / r['posting']:.1f}/s); boards: {r['opened']}")
    print(f"check-in answer: p50 {pct(r['answers'], 50) * ms:.0f} ms, p95 {pct(r['answers'], 95) * ms:.0f} ms")
    lat = r["latencies"]
    print(
        f"fan-out (check-in sent → a board counting it on each stream): p50 {pct(lat, 50) * ms:.0f} ms, p95 "
        f"{pct(lat, 95) * ms:.0f} ms, max {max(lat, default=float('nan')) * ms:.0f} ms; "
        f"pairs {len(lat)}/{len(lat) + r['missed']} (target p95 <= 1,000 ms)"
    )
    print(
        f"boards sent: {r['events']} ({r['events'] / r['posting']:.0f}/s), "
        f"{r['received'] / 1e6:.0f} MB ({r['received'] / 1e6 / r['posting']:.1f} MB/s)"
    )
    print(
        f"server CPU: {cpu:.1f} s over {wall:.1f} s wall ({100 * cpu / wall:.0f}% of one core); load average "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    errors = r["errors"]
    print(f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))


if __name__ == "__main__":
    main()
