"""Timeline page server time with many entries (keyset pagination, indexes), in-process, bounded.

    .venv/bin/python bench/timeline_page.py --entries 100000 --requests 200

Builds a throwaway SQLite database (or --database-url), seeds the demo, bulk-inserts ENTRIES entries spread
over Belitung and Belitung Timur (some restricted, a tenth incidents), then times the Flask app handling
GET /linimasa (first page), a filtered page, a deep keyset page and the since fragment for kpu-operator.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    if args.entries > 1_000_000 or args.requests > 2000:
        parser.error("keep the benchmark bounded")

    from sqlalchemy import insert
    from sqlmodel import SQLModel, select

    from app import create_app, import_models
    from app.db import get_engine, session_scope
    from app.demo.seed import SeedContext, seed_foundation
    from app.regions.models import TPS
    from app.timeline.models import Entry

    tmp = Path(tempfile.mkdtemp(prefix="sinergi-page-"))
    url = args.database_url or f"sqlite:///{tmp / 'page.db'}"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "INSTANCE_DIR": str(tmp),
            "UPLOAD_DIR": str(tmp / "up"),
        }
    )
    import_models()
    SQLModel.metadata.create_all(get_engine(app, write=True))
    started = time.perf_counter()
    print(
        "timing: wall = server time in-process (includes waiting for a CPU on a shared box); "
        "cpu = this process's CPU time"
    )
    with app.app_context(), session_scope(app) as db:
        ctx = SeedContext(now=datetime.now(UTC))
        seed_foundation(db, ctx, "sinergi-demo")
        users = [u for u in ctx.users.values()]
        tps = db.exec(select(TPS)).all()
        rng = random.Random(7)
        t0 = datetime(2024, 11, 20, tzinfo=UTC)
        batch = []
        for i in range(args.entries):
            author = rng.choice(users)
            place = rng.choice(tps)
            incident = i % 10 == 0
            batch.append(
                {
                    "parent_id": None,
                    "created_at": t0 + timedelta(seconds=6 * i),
                    "author_id": author.id,
                    "author_agency": author.agency,
                    "kind": "kerawanan" if incident else rng.choice(["info", "logistik", "keamanan", "pengawasan"]),
                    "text": f"Laporan uji nomor {i}: situasi di {place.label} aman dan kondusif.",
                    "region_code": place.village_code,
                    "tps_id": place.id,
                    "visible_agencies": ",POLRI,TNI," if i % 17 == 0 else "",
                    "important": i % 50 == 0,
                    "category": "op.konflik_tps" if incident else None,
                    "severity": "sedang" if incident else None,
                    "handling_agency": "POLRI" if incident else None,
                    "status": rng.choice(["dilaporkan", "ditangani", "selesai"]) if incident else None,
                    "followup_count": 0,
                }
            )
            if len(batch) == 5000:
                db.exec(insert(Entry), params=batch)
                batch = []
        if batch:
            db.exec(insert(Entry), params=batch)
    print(f"database: {url.split(':')[0]}, {args.entries} entries inserted in {time.perf_counter() - started:.1f} s")

    client = app.test_client()
    client.post("/masuk", data={"login": "kpu-operator", "password": "sinergi-demo"})
    with app.app_context(), session_scope(app, write=False) as db:
        deep = db.exec(select(Entry.id).order_by(Entry.id.desc()).offset(args.entries // 2).limit(1)).one()
        top = db.exec(select(Entry.id).order_by(Entry.id.desc()).limit(1)).one()
    cases = [
        ("first page", "/linimasa"),
        ("filter kind+kecamatan", "/linimasa?jenis=kerawanan&kecamatan=19.02.02"),
        ("only important", "/linimasa?penting=1"),
        ("keyset page deep", f"/linimasa?before={deep}"),
        ("since (20 new)", f"/linimasa?since={top - 20}"),
    ]
    for name, path in cases:
        for _ in range(5):  # warm-up
            client.get(path)
        times, cpu = [], []
        for _ in range(args.requests):
            t, c = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            assert response.status_code in (200, 204), response.status_code
        times.sort()
        cpu.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        cpu95 = cpu[int(0.95 * (len(cpu) - 1))]
        print(
            f"{name:22s} {path[:48]:48s} wall p50 {statistics.median(times):5.1f} p95 {p95:5.1f} max "
            f"{times[-1]:5.1f} ms | cpu p50 {statistics.median(cpu):5.1f} p95 {cpu95:5.1f} ms "
            f"({len(response.data)} B)"
        )
    import os

    print(f"load average during the run: {os.getloadavg()}")


if __name__ == "__main__":
    main()
