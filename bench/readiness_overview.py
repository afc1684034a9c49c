"""Benchmark: the readiness overview (/kesiapan, rendered server-side) for a kabupaten with 1,000 TPS and a
province with 10,000 TPS, every TPS with full data (12 logistics items, delivery, category and posting, TPS-rawan
answers, turnout). Throwaway database, bounded in count and time, loopback only (Flask test client).

    .venv/bin/python bench/readiness_overview.py                       # SQLite file in /tmp
    .venv/bin/python bench/readiness_overview.py --postgresql postgresql://postgres@127.0.0.1:5432/postgres

With --postgresql the script creates and drops its own database ``sinergi_readiness_bench``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402
from sqlmodel import Session, SQLModel, select  # noqa: E402

from app import create_app, import_models  # noqa: E402
from app.auth import services as accounts  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.readiness.constants import ITEM_KEYS  # noqa: E402
from app.readiness.models import (  # noqa: E402
    Delivery,
    LogisticsStock,
    RawanIndicator,
    TpsSecurity,
    Turnout,
)
from app.readiness.services import deployment, logistics, summary  # noqa: E402
from app.regions.models import TPS, Election, Region  # noqa: E402
from app.regions.services import load_regions  # noqa: E402

NOW = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)
PASSWORD = "bench-password-123"  # noqa: S105 (throwaway benchmark account)
CATS = ["kurang_rawan", "kurang_rawan", "rawan", "sangat_rawan"]


def _pg_database(admin_url: str) -> tuple[str, callable]:
    import psycopg

    name = "sinergi_readiness_bench"
    parts = urlsplit(admin_url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def _generate(session: Session, kab_tps: int, province_tps: int) -> None:
    rng = random.Random(7)  # noqa: S311 (benchmark data)
    villages = session.exec(select(Region.code).where(Region.level == 4, Region.code.startswith("19."))).all()
    main = [v for v in villages if v.startswith("19.02.")]
    other = [v for v in villages if not v.startswith("19.02.")]
    plan = [main[i % len(main)] for i in range(kab_tps)] + [
        other[i % len(other)] for i in range(province_tps - kab_tps)
    ]
    numbers: dict[str, int] = {}
    rows = []
    for code in plan:
        numbers[code] = numbers.get(code, 0) + 1
        rows.append(
            {"village_code": code, "number": numbers[code], "address": "Balai Desa", "dpt": rng.randint(250, 590)}
        )
    session.exec(insert(TPS), params=rows)
    session.add(Election(name="Pilkada 2024", region_code="19", voting_day=NOW.date(), created_at=NOW))
    op = deployment.create_operation(session, "Operasi Mantap Praja Menumbing 2024", "19", actor=None, now=NOW)
    tps = session.exec(select(TPS.id, TPS.dpt)).all()
    stocks, deliveries, security, rawan, turnout = [], [], [], [], []
    for tps_id, dpt in tps:
        for item, needed in logistics.default_needed(dpt, 2).items():
            stocks.append(
                {
                    "tps_id": tps_id,
                    "item": item,
                    "needed": needed,
                    "received": needed if rng.random() < 0.7 else needed // 2,
                    "damaged_light": 0,
                    "damaged_heavy": 0,
                }
            )
        deliveries.append(
            {"tps_id": tps_id, "gudang_at": NOW, "ppk_at": NOW, "kpps_at": NOW if rng.random() < 0.6 else None}
        )
        security.append(
            {
                "operation_id": op.id,
                "tps_id": tps_id,
                "category": rng.choice(CATS),
                "polri": rng.choice([0.5, 1, 2]),
                "tni": 0,
                "linmas": 2,
                "group_label": "",
            }
        )
        for number in rng.sample(range(1, 26), 2):
            rawan.append({"tps_id": tps_id, "indicator": number, "present": rng.random() < 0.5, "note": ""})
        turnout.append({"tps_id": tps_id, "voted": int(dpt * 0.8), "source": "import"})
    for model, params in (
        (LogisticsStock, stocks),
        (Delivery, deliveries),
        (TpsSecurity, security),
        (RawanIndicator, rawan),
        (Turnout, turnout),
    ):
        for start in range(0, len(params), 5000):
            session.exec(insert(model), params=params[start : start + 5000])
    assert len(ITEM_KEYS) * len(tps) == len(stocks)


def _measure(app, username: str, count: int, deadline: float) -> list[float]:
    client = app.test_client()
    response = client.post("/masuk", data={"login": username, "password": PASSWORD})
    assert response.status_code == 303, response.status_code
    assert client.get("/kesiapan").status_code == 200  # warm-up
    times = []
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        start = time.perf_counter()
        response = client.get("/kesiapan")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgresql", metavar="ADMIN_URL", help="create a throwaway PostgreSQL database")
    parser.add_argument("--kab-tps", type=int, default=1000)
    parser.add_argument("--province-tps", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--max-seconds", type=float, default=120)
    args = parser.parse_args()
    drop = lambda: None  # noqa: E731
    tmp = tempfile.mkdtemp(prefix="readiness-bench-")
    if args.postgresql:
        url, drop = _pg_database(args.postgresql)
    else:
        url = f"sqlite:///{os.path.join(tmp, 'bench.db')}"
    try:
        app = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": url,
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
            _generate(session, args.kab_tps, args.province_tps)
            for username, region in (("bench-kab", "19.02"), ("bench-prov", "19")):
                accounts.create_user(
                    session,
                    accounts.UserInput(
                        username=username,
                        name=username,
                        agency="PEMDA",
                        role="pimpinan",
                        region_code=region,
                        password=PASSWORD,
                    ),
                    actor=None,
                    now=NOW,
                )
            session.commit()
            refresh_started = time.monotonic()
            summary.refresh_scope(session, "19", now=NOW)  # what the services do village by village on writes
            session.commit()
            refresh_seconds = time.monotonic() - refresh_started
            if engine.dialect.name == "postgresql":
                session.exec(text("ANALYZE"))
                session.commit()
        print(
            f"engine={engine.dialect.name} data generated in {time.monotonic() - started:.1f}s "
            f"({args.province_tps} TPS, {args.province_tps * len(ITEM_KEYS)} stock rows); village summaries rebuilt "
            f"in {refresh_seconds:.1f}s"
        )
        deadline = time.monotonic() + args.max_seconds
        for username, label, tps_count, limit in (
            ("bench-kab", "kabupaten 19.02", args.kab_tps, 100),
            ("bench-prov", "province 19", args.province_tps, 300),
        ):
            times = sorted(_measure(app, username, args.requests, deadline))
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            print(
                f"{label:<16} {tps_count:>6} TPS  n={len(times):<3} p50={statistics.median(times):7.1f} ms  "
                f"p95={p95:7.1f} ms  max={times[-1]:7.1f} ms  target p95 <= {limit} ms: "
                f"{'OK' if p95 <= limit else 'MISSED'}"
            )
        engine.dispose()
    finally:
        drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
