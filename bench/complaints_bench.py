"""Complaints: time of the public submission, the Bawaslu queue, one complaint's page, CSV and the report PDF.

In-process (Flask test client, no network), SQLite in a temporary directory, bounded counts:
    .venv/bin/python bench/complaints_bench.py [--complaints 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, SQLModel  # noqa: E402

from app import create_app, import_models  # noqa: E402
from app.auth import services as accounts  # noqa: E402
from app.clock import utcnow  # noqa: E402
from app.complaints.services.intake import ComplaintInput, create_complaint  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.regions.services import load_regions  # noqa: E402

PASSWORD = "bench-" + "pass-1"  # a throwaway account in a throwaway database


def timed(fn, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=300)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="complaints-bench-"))
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "INSTANCE_DIR": str(tmp),
            "UPLOAD_DIR": str(tmp / "uploads"),
            "RATELIMIT_ENABLED": False,
        }
    )
    import_models()
    engine = get_engine(app, write=True)
    SQLModel.metadata.create_all(engine)
    today = date.today()
    with app.app_context(), Session(engine) as db:
        load_regions(db, "19")
        accounts.create_user(
            db,
            accounts.UserInput(
                username="bawaslu-operator",
                name="Operator",
                agency="BAWASLU",
                role="operator",
                region_code="19.02",
                password=PASSWORD,
            ),
            actor=None,
            now=utcnow(),
        )
        for i in range(args.complaints):
            create_complaint(
                db,
                ComplaintInput(
                    subject_name=f"Terlapor {i}",
                    subject_type="asn",
                    violation_type="skb02",
                    event_summary=f"Peristiwa {i}",
                    occurred_on=today - timedelta(days=3),
                    known_on=today - timedelta(days=2),
                    description="Uraian kejadian yang cukup panjang untuk diuji.",
                    region_code="19.02",
                    reporter_name=f"Pelapor {i}",
                    reporter_nik="1902014501900001",
                    reporter_phone="+6281234567890",
                    reporter_address="Tanjungpandan",
                ),
                now=utcnow(),
            )
        db.commit()
    client = app.test_client()
    form = {
        "reporter_name": "Siti",
        "reporter_nik": "1902014501900001",
        "reporter_phone": "0812-3456-7890",
        "reporter_address": "Jl. Merdeka 5",
        "subject_name": "Budi",
        "subject_type": "asn",
        "violation_type": "skb02",
        "event_summary": "Ajakan memilih",
        "region_code": "19.02",
        "event_place": "Membalong",
        "occurred_on": (today - timedelta(days=3)).isoformat(),
        "known_on": (today - timedelta(days=2)).isoformat(),
        "description": "Uraian kejadian yang cukup panjang.",
        "consent": "y",
        "truth_statement": "y",
    }
    print(f"complaints in the database: {args.complaints} (+ submitted ones)")
    med, worst = timed(lambda: client.post("/pengaduan/baru/kirim", data=form), 50)
    print(f"public submission POST   n=50  median {med:7.1f} ms  max {worst:7.1f} ms")
    client.post("/masuk", data={"login": "bawaslu-operator", "password": PASSWORD})
    med, worst = timed(lambda: client.get("/pengaduan"), 20)
    print(f"queue GET /pengaduan     n=20  median {med:7.1f} ms  max {worst:7.1f} ms (audits every identity shown)")
    med, worst = timed(lambda: client.get("/pengaduan?status=baru&q=Terlapor 1"), 20)
    print(f"queue search             n=20  median {med:7.1f} ms  max {worst:7.1f} ms")
    med, worst = timed(lambda: client.get("/pengaduan/1"), 20)
    print(f"complaint page           n=20  median {med:7.1f} ms  max {worst:7.1f} ms")
    med, worst = timed(lambda: client.get("/pengaduan.csv"), 5)
    print(f"CSV export               n=5   median {med:7.1f} ms  max {worst:7.1f} ms")
    med, worst = timed(lambda: client.get("/pengaduan/1/laporan.pdf"), 3)
    print(f"report PDF               n=3   median {med:7.1f} ms  max {worst:7.1f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()
