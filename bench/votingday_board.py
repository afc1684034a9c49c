"""Benchmark: the voting-day board (/hari-h, rendered server-side) for one kabupaten of 1,600 TPS (the average
Pemilu kabupaten, issue 15) with every TPS's check-ins of the day (app/benchdata/votingday.py: most on time, a
few late, ~2 % silent). Throwaway SQLite file, bounded in count and time, loopback only (Flask test client).

    .venv/bin/python bench/votingday_board.py                 # --tps 1600 --requests 40 --max-seconds 120
    .venv/bin/python bench/votingday_board.py --gc-freeze     # the start-up heap frozen (no full-GC tail)

Prints the server time (p50/p95/max) of the board page and of its fragment (/hari-h/papan, what each open board
re-fetches when the stream says "changed") and the wall view, as wall-clock and as this process's CPU time
(the server's own work on a busy machine). Target: p95 ≤ 100 ms on SQLite.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402
from sqlmodel import Session, SQLModel, select  # noqa: E402

from app import create_app, import_models  # noqa: E402
from app.auth import services as accounts  # noqa: E402
from app.benchdata import votingday as data  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.regions.models import TPS, Election, Region  # noqa: E402
from app.regions.services import load_regions  # noqa: E402

NOW = datetime(2024, 11, 27, 1, 0, tzinfo=UTC)  # 08.00 WIB: four steps due, some silent
PASSWORD = "bench-password-123"  # noqa: S105 (throwaway benchmark account)
KAB = "19.02"


def _generate(session: Session, count: int) -> int:
    villages = session.exec(select(Region.code).where(Region.level == 4, Region.code.startswith(KAB + "."))).all()
    numbers: dict[str, int] = {}
    rows = []
    for i in range(count):
        code = villages[i % len(villages)]
        numbers[code] = numbers.get(code, 0) + 1
        rows.append({"village_code": code, "number": numbers[code], "address": "Balai Desa", "dpt": 450})
    session.exec(insert(TPS), params=rows)
    session.add(Election(name="Pilkada 2024", region_code=KAB, voting_day=NOW.date(), created_at=NOW))
    users = {}
    for username, agency, role in (
        ("bench-desk", "PEMDA", "pimpinan"),
        ("bench-polri", "POLRI", "petugas"),
        ("bench-kpu", "KPU", "petugas"),
    ):
        users[username] = accounts.create_user(
            session,
            accounts.UserInput(
                username=username, name=username, agency=agency, role=role, region_code=KAB, password=PASSWORD
            ),
            actor=None,
            now=NOW,
        )
    session.flush()
    return data.checkins(session, KAB)


def _measure(client, url: str, count: int, deadline: float) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU time (this process: the server's work, without what other processes take of a busy
    machine) per request, in ms."""
    assert client.get(url).status_code == 200  # warm-up
    wall, cpu = [], []
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    return wall, cpu


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def _report(name: str, measured: tuple[list[float], list[float]]) -> None:
    wall, cpu = measured
    print(
        f"{name}: n={len(wall)} wall p50={statistics.median(wall):.1f} p95={_p95(wall):.1f} max={max(wall):.1f} ms"
        f" · cpu p50={statistics.median(cpu):.1f} p95={_p95(cpu):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tps", type=int, default=1600)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() the start-up heap before measuring (the tail is otherwise full collections of it)",
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="votingday-bench-")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{os.path.join(tmp, 'bench.db')}",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "RATELIMIT_ENABLED": False,
            "INSTANCE_DIR": tmp,
            "UPLOAD_DIR": tmp,
        }
    )
    import_models()
    engine = get_engine(app, write=True)
    SQLModel.metadata.create_all(engine)
    started = time.monotonic()
    with app.app_context(), Session(engine) as session:
        load_regions(session, "19")
        rows = _generate(session, args.tps)
        session.commit()
    print(f"engine=sqlite {args.tps} TPS, {rows} check-ins generated in {time.monotonic() - started:.1f}s")
    import app.votingday.routes as routes

    routes.utcnow = lambda: NOW  # the board at 08.00 WIB on voting day
    deadline = time.monotonic() + args.max_seconds
    if args.gc_freeze:
        gc.collect()
        gc.freeze()
    for username in ("bench-desk", "bench-kpu"):
        client = app.test_client()
        response = client.post("/masuk", data={"login": username, "password": PASSWORD})
        assert response.status_code == 303, response.status_code
        _report(f"{username} /hari-h", _measure(client, "/hari-h", args.requests, deadline))
    client = app.test_client()
    client.post("/masuk", data={"login": "bench-desk", "password": PASSWORD})
    _report("bench-desk /hari-h/papan", _measure(client, "/hari-h/papan", args.requests, deadline))
    _report("bench-desk /hari-h/layar", _measure(client, "/hari-h/layar", args.requests, deadline))
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
