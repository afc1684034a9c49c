"""Fan-out, reconnect storm and overload on the scaled set-up: N gunicorn processes behind nginx on PostgreSQL.

Seeds a throwaway database with `flask bench seed --scale provinsi --region 19` (7 kabupaten/kota, the desk
accounts of each), holds STREAMS open timeline streams through nginx and posts RATE posts/s; bounded in time and
count, loopback only. Spreads:

- realistic: the streams are spread over the province's kabupaten (PROVINCE % of them province-scoped), each
  post goes to one kabupaten: it reaches that kabupaten's streams and the province's;
- worst: every stream is province-scoped, so every stream sees every post.

With --storm, after the steady phase every stream drops at once and reconnects the way htmx 4's hx-sse does
(500 ms × 2^attempt, ±30 % jitter, Last-Event-ID) while posts go on; a client has caught up when it holds every
post it may see that was sent before it reconnected.

    .venv/bin/python bench/fanout.py --streams 5000 --rate 20 --seconds 30 --storm          # the issue's target
    .venv/bin/python bench/fanout.py --streams 2000 --rate 50 --seconds 20 --spread worst   # where p95 crosses 1 s
    .venv/bin/python bench/fanout.py --streams 5000 --rate 40 --seconds 30                  # overload (2x)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stack import cpu_seconds, rss_mb, stack  # noqa: E402

MARK = re.compile(rb"BENCH#(\d+)#")
EVENT_ID = re.compile(rb"^id: (\d+)$", re.M)
AGENCIES = ["kpu", "polri", "bawaslu", "tni", "pemda", "kejaksaan"]


@dataclass
class Viewer:
    scope: str  # kabupaten code, or the province
    cookie: str
    recv: dict[int, float] = field(default_factory=dict)  # post number → first receive time
    last_id: str = ""
    connected_at: float = 0.0
    reconnects: int = 0
    writer: object = None
    dropping: bool = False


@dataclass
class Run:
    port: int
    sent: dict[int, float] = field(default_factory=dict)  # post number → send time
    target: dict[int, str] = field(default_factory=dict)  # post number → kabupaten
    post_times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    opened: int = 0
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    drop_at: float = 0.0


def login(base: str, username: str, password: str) -> tuple[str, str]:
    import http.cookiejar
    import urllib.request

    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    token = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
    with opener.open(f"{base}/masuk", timeout=30) as r:
        csrf = token.search(r.read().decode()).group(1)
    data = urllib.parse.urlencode({"login": username, "password": password, "csrf_token": csrf}).encode()
    try:
        opener.open(f"{base}/masuk", data=data, timeout=30).close()
    except urllib.error.HTTPError as exc:
        if exc.code != 303:
            raise SystemExit(f"login {username}: {exc.code}") from None
    with opener.open(f"{base}/linimasa", timeout=30) as r:
        csrf = token.search(r.read().decode()).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), csrf


async def _open(run: Run, viewer: Viewer):
    reader, writer = await asyncio.open_connection("127.0.0.1", run.port, limit=1 << 20)
    last = f"Last-Event-ID: {viewer.last_id}\r\n" if viewer.last_id else ""
    writer.write(
        f"GET /linimasa/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {viewer.cookie}\r\n{last}"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
    status = head.split(b"\r\n", 1)[0]
    if b" 200 " not in status:
        writer.close()
        raise ConnectionError(status.decode())
    return reader, writer


async def _read(run: Run, viewer: Viewer, reader) -> None:
    tail = b""
    while not run.stop.is_set():
        try:
            chunk = await asyncio.wait_for(reader.read(65536), timeout=0.5)
        except TimeoutError:
            continue
        if not chunk:
            raise ConnectionError("stream closed")
        now = time.perf_counter()
        data = tail + chunk
        for m in MARK.finditer(data):
            viewer.recv.setdefault(int(m.group(1)), now)
        ids = EVENT_ID.findall(data)
        if ids:
            viewer.last_id = ids[-1].decode()
        tail = data[-64:]


async def hold(run: Run, viewer: Viewer) -> None:
    """One client: connect, read; on a drop reconnect like hx-sse (Last-Event-ID, jittered back-off)."""
    attempt = 0
    while not run.stop.is_set():
        try:
            reader, writer = await _open(run, viewer)
        except (OSError, ConnectionError, TimeoutError, asyncio.IncompleteReadError) as exc:
            run.errors.append(f"connect {type(exc).__name__} {exc}"[:80])
            attempt += 1
            delay = min(0.5 * 2 ** (attempt - 1), 60)
            await asyncio.sleep(delay + delay * 0.3 * (random.random() * 2 - 1))  # noqa: S311
            continue
        if not viewer.connected_at:
            run.opened += 1
        viewer.connected_at, viewer.writer = time.perf_counter(), writer
        attempt = 0
        try:
            await _read(run, viewer, reader)
        except (OSError, ConnectionError, asyncio.IncompleteReadError) as exc:
            if not viewer.dropping:
                run.errors.append(f"stream {type(exc).__name__} {exc}"[:80])
        writer.close()
        if run.stop.is_set():
            return
        # The stream ended (the network hiccup of the storm, or a server restart): hx-sse waits its first
        # delay, 500 ms ± 30 %, then reconnects with Last-Event-ID.
        viewer.dropping = False
        viewer.reconnects += 1
        await asyncio.sleep(0.5 + 0.5 * 0.3 * (random.random() * 2 - 1))  # noqa: S311


async def post_one(run: Run, n: int, cookie: str, token: str, kabupaten: str) -> None:
    body = urllib.parse.urlencode(
        {"kind": "info", "text": f"Uji beban BENCH#{n}# situasi aman.", "visibility": "all", "csrf_token": token}
    ).encode()
    run.target[n] = kabupaten
    start = run.sent[n] = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", run.port)
        writer.write(
            f"POST /linimasa HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: close\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()
        status = (await asyncio.wait_for(reader.readline(), timeout=60)).split(b" ")[1]
        await reader.read()
        writer.close()
        run.post_times.append(time.perf_counter() - start)
        if status != b"303":
            run.errors.append(f"post status {status.decode()}")
            del run.sent[n]
    except (OSError, TimeoutError, IndexError) as exc:
        run.errors.append(f"post {type(exc).__name__}")
        run.sent.pop(n, None)


async def post_for(run: Run, posters: list[tuple[str, str, str]], rate: float, seconds: float, first: int) -> int:
    tasks, total = [], int(rate * seconds)
    t0 = time.perf_counter()
    for i in range(total):
        await asyncio.sleep(max(0.0, t0 + i / rate - time.perf_counter()))
        cookie, token, kab = posters[(first + i) % len(posters)]
        tasks.append(asyncio.create_task(post_one(run, first + i, cookie, token, kab)))
    await asyncio.gather(*tasks)
    return first + total


def sees(viewer: Viewer, kabupaten: str) -> bool:
    return viewer.scope == kabupaten or kabupaten.startswith(viewer.scope + ".")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def deliveries(run: Run, viewers: list[Viewer], posts: range) -> tuple[list[float], int, int]:
    """(latencies of the deliveries made, deliveries made, deliveries expected) for these posts."""
    latencies, made, expected = [], 0, 0
    for n in posts:
        if n not in run.sent:
            continue
        for v in viewers:
            if sees(v, run.target[n]):
                expected += 1
                at = v.recv.get(n)
                if at is not None:
                    made += 1
                    latencies.append(at - run.sent[n])
    return latencies, made, expected


def caught_up(run: Run, viewers: list[Viewer]) -> tuple[list[float], int]:
    """Per client, seconds from the drop until it held every post it may see sent before it reconnected."""
    times, behind = [], 0
    for v in viewers:
        wanted = [n for n, at in run.sent.items() if at < v.connected_at and sees(v, run.target[n])]
        got = [v.recv.get(n) for n in wanted]
        if any(t is None for t in got):
            behind += 1
            continue
        times.append(max([t for t in got if t is not None] + [v.connected_at]) - run.drop_at)
    return times, behind


class Sampler:
    """CPU of the server processes, the largest worker RSS and PostgreSQL's counters, sampled each second."""

    def __init__(self, s, admin_url: str):
        self.s, self.pids, self.max_rss, self.max_backends = s, s.workers(), {}, 0
        self.pids_all = self.pids + [proc.pid for _p, proc in s.backends]
        import psycopg

        self.pg = psycopg.connect(s.url, autocommit=True)

    def db(self) -> tuple[int, int]:
        row = self.pg.execute(
            "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched FROM pg_stat_database "
            "WHERE datname = current_database()"
        ).fetchone()
        return int(row[0]), int(row[1])

    def mark(self) -> tuple[float, float, tuple[int, int]]:
        return cpu_seconds(self.pids_all), time.perf_counter(), self.db()

    async def sample(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            for pid in self.pids:
                self.max_rss[pid] = max(self.max_rss.get(pid, 0), rss_mb(pid))
            busy = self.pg.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                   "AND state = 'active'").fetchone()[0]  # fmt: skip
            self.max_backends = max(self.max_backends, int(busy))
            await asyncio.sleep(1.0)


def window(label: str, before, after) -> str:
    cpu, wall = after[0] - before[0], after[1] - before[1]
    xacts, tuples = after[2][0] - before[2][0], after[2][1] - before[2][1]
    return (
        f"fanout {label}: server CPU {cpu:.1f} s over {wall:.1f} s ({100 * cpu / wall:.0f}% of one core); "
        f"database {xacts / wall:.0f} transactions/s, {tuples / wall:.0f} rows read/s"
    )


def accounts(spread: str, streams: int, province_share: float, kabupaten: list[str], province: str) -> list[tuple]:
    """(username, scope) per stream: kabupaten-level accounts of each kabupaten, province accounts for the rest."""
    out = []
    for i in range(streams):
        if spread == "worst" or i % 100 < province_share * 100:
            out.append((f"b{province}-{AGENCIES[i % 6]}-{'operator' if i % 2 else 'pimpinan'}1", province))
        else:
            kab = kabupaten[i % len(kabupaten)]
            role = ("operator1", "operator2", "pimpinan1")[(i // len(kabupaten)) % 3]
            out.append((f"b{kab.replace('.', '')}-{AGENCIES[(i // 3) % 6]}-{role}", kab))
    return out


async def scenario(s, args, viewers: list[Viewer], posters: list) -> None:
    run = Run(port=s.port)
    sampler = Sampler(s, args.postgresql)
    sampling = asyncio.Event()
    sample_task = asyncio.create_task(sampler.sample(sampling))
    holders = [asyncio.create_task(hold(run, v)) for v in viewers]
    deadline = time.monotonic() + 120
    while run.opened < len(viewers) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    print(f"fanout streams open: {run.opened}/{len(viewers)} (connect errors so far {len(run.errors)})")
    idle0 = sampler.mark()
    await asyncio.sleep(args.idle)
    idle1 = sampler.mark()
    idle_cpu = (idle1[0] - idle0[0]) / (idle1[1] - idle0[1])
    print(f"fanout idle: {1000 * idle_cpu / max(run.opened, 1):.3f} ms CPU per open stream per second "
          f"({100 * idle_cpu:.0f}% of one core for {run.opened} streams)")  # fmt: skip
    before = sampler.mark()
    last = await post_for(run, posters, args.rate, args.seconds, 0)
    await asyncio.sleep(args.drain)
    after = sampler.mark()
    lat, made, expected = deliveries(run, viewers, range(0, last))
    ms = 1000
    print(
        f"fanout steady: {last} posts at {args.rate}/s; deliveries {made}/{expected}; latency p50 "
        f"{pct(lat, 50) * ms:.0f} ms, p95 {pct(lat, 95) * ms:.0f} ms, max {max(lat, default=0) * ms:.0f} ms"
    )
    print(f"fanout post latency: p50 {pct(run.post_times, 50) * ms:.0f} ms, p95 {pct(run.post_times, 95) * ms:.0f} ms")
    print(window("steady", before, after))
    cpu = after[0] - before[0]
    print(f"fanout CPU per delivery: {1000 * cpu / max(made, 1):.3f} ms ({made / (after[1] - before[1]):.0f} "
          "deliveries/s)")  # fmt: skip
    if args.storm:
        await storm(run, args, viewers, posters, sampler, last)
    run.stop.set()
    sampling.set()
    await asyncio.gather(*holders, sample_task, return_exceptions=True)
    rss = ", ".join(f"{mb:.0f}" for mb in sampler.max_rss.values())
    print(f"fanout RSS per web process (max): {rss} MB; busiest database backends at once: {sampler.max_backends}")
    kinds: dict[str, int] = {}
    for e in run.errors:
        kinds[e.split(" ")[0] + " " + e.split(" ")[1]] = kinds.get(e.split(" ")[0] + " " + e.split(" ")[1], 0) + 1
    print(f"fanout errors: {len(run.errors)} {kinds if kinds else ''} {sorted(set(run.errors))[:4] if kinds else ''}")


async def storm(run: Run, args, viewers: list[Viewer], posters: list, sampler: Sampler, first: int) -> None:
    """Every stream drops at once (a network hiccup) while posting goes on; they reconnect like hx-sse."""
    before = sampler.mark()
    posting = asyncio.create_task(post_for(run, posters, args.rate, args.storm_seconds, first))
    await asyncio.sleep(1.0)
    run.drop_at = time.perf_counter()
    for v in viewers:  # every connection cut at the same moment
        v.dropping = True
        v.writer.transport.abort()
    last = await posting
    await asyncio.sleep(args.drain)
    after = sampler.mark()
    times, behind = caught_up(run, viewers)
    back = sorted(v.connected_at - run.drop_at for v in viewers)
    print(f"fanout storm: reconnected p50 {pct(back, 50):.2f} s, max {back[-1]:.2f} s after the drop; "
          f"reconnects per client max {max(v.reconnects for v in viewers)}")  # fmt: skip
    lat, made, expected = deliveries(run, viewers, range(first, last))
    print(f"fanout storm: {len(viewers)} streams dropped at once; caught up p50 {pct(times, 50):.1f} s, p95 "
          f"{pct(times, 95):.1f} s, max {max(times, default=float('nan')):.1f} s; not caught up {behind}; "
          f"deliveries during the storm {made}/{expected}")  # fmt: skip
    print(window("storm", before, after))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", default="postgresql://postgres@127.0.0.1:5432/postgres", help="admin URL")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--rate", type=float, default=20.0, help="posts per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="steady phase")
    parser.add_argument("--spread", choices=["realistic", "worst"], default="realistic")
    parser.add_argument("--province-share", type=float, default=0.10, help="province-scoped streams (realistic)")
    parser.add_argument("--storm", action="store_true", help="then drop every stream at once")
    parser.add_argument("--storm-seconds", type=float, default=10.0)
    parser.add_argument("--idle", type=float, default=5.0, help="seconds with streams open and no posts")
    parser.add_argument("--drain", type=float, default=5.0, help="seconds to wait for late deliveries")
    args = parser.parse_args()
    if args.streams > 10000 or args.seconds > 300 or args.rate > 200 or args.processes > 8:
        parser.error("keep it bounded: ≤ 10,000 streams, ≤ 300 s, ≤ 200 posts/s, ≤ 8 processes")
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(f"fanout options: {vars(args)}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    password = os.environ.get("SINERGI_DEMO_PASSWORD", "sinergi-demo")
    province = "19"
    with stack(args.postgresql, processes=args.processes, scale="provinsi", region=province) as s:
        from lokal import wilayah

        kabupaten = sorted(c for c in wilayah._base() if c.count(".") == 1 and c.startswith(province + "."))
        plan = accounts(args.spread, args.streams, args.province_share, kabupaten, province)
        cookies = {name: login(s.base, name, password)[0] for name in sorted({n for n, _scope in plan})}
        viewers = [Viewer(scope, cookies[name]) for name, scope in plan]
        posters = []
        for kab in kabupaten:
            cookie, token = login(s.base, f"b{kab.replace('.', '')}-kpu-operator1", password)
            posters.append((cookie, token, kab))
        print(f"fanout accounts: {len(cookies)} viewers' sessions, {len(posters)} posters; spread {args.spread}")
        asyncio.run(scenario(s, args, viewers, posters))
    print(f"fanout load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
