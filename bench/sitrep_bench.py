"""Benchmark: the situation report (issue 16) on the seeded demo — making a desk's report, its PDF, and the
province roll-up as a page's data and as a PDF.

    .venv/bin/python bench/sitrep_bench.py              # about a minute on 2 cores
    .venv/bin/python bench/sitrep_bench.py --runs 10

It migrates and seeds the demo into a temporary SQLite file (``flask db upgrade``, ``flask demo seed``), then in
this process (``PDF_WORKERS=0``: the render is timed, not the hand-over to a renderer process):

1. the sections of the Belitung voting-day report (27 Nov 2024 00.00–20.00 WIB: the demo's busiest day) made again
   (``services.refresh`` of a correction's draft) — target: part of the 2 s below;
2. that signed report's PDF (``documents.report_pdf``) — target ≤ 2 s;
3. the province roll-up of province 19 with *every* kabupaten/kota desk's report of today signed (the demo signs
   two; the bench signs the others with the province head's account first): ``queries.province_rollup`` — the data
   of /laporan-situasi for a province user — and its PDF (``documents.province_pdf``) — target ≤ 3 s.

Each figure is the first run, the median and the max of ``--runs``. The machine's speed (a fixed Python loop) is
printed first: this VM's speed drifts by ±30 %.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.notula_pdf import machine_speed  # noqa: E402

DESK = "19.02"
PROVINCE = "19"
VOTING_DAY = (datetime(2024, 11, 27, 0, 0, tzinfo=UTC) - timedelta(hours=7), datetime(2024, 11, 27, 13, 0, tzinfo=UTC))


def seed(database_url: str) -> float:
    env = {**os.environ, "DATABASE_URL": database_url, "SINERGI_JOBS_IN_WEB": "0"}
    started = time.perf_counter()
    for command in (["db", "upgrade"], ["demo", "seed"]):
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return time.perf_counter() - started


def timed(fn, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return times, result


def line(label: str, times: list[float], target: str) -> str:
    return (
        f"  {label}: first {times[0]:.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s ({target})"
    )


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = max(1, args.runs)

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine speed: {machine_speed():.2f} s for the calibration loop (lower is faster); load average {load}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-sitrep-"))
    url = f"sqlite:///{tmp / 'demo.db'}"
    print(f"demo migrated and seeded in {seed(url):.1f} s ({url})")

    from flask_babel import force_locale
    from sqlmodel import Session, select

    from app import create_app
    from app.auth.models import User
    from app.clock import utcnow
    from app.db import get_engine
    from app.sitrep import documents, queries, services
    from app.sitrep.models import SitrepReport

    app = create_app({"DATABASE_URL": url, "PDF_WORKERS": 0, "SINERGI_JOBS_IN_WEB": False, "INSTANCE_DIR": str(tmp)})
    with app.test_request_context(), force_locale("id"), Session(get_engine(app, write=True)) as session:
        now = utcnow()
        head = session.exec(select(User).where(User.username == "pemda-pimpinan")).one()
        province_head = session.exec(select(User).where(User.username == "prov-pemda-pimpinan")).one()
        signed = session.exec(
            select(SitrepReport).where(
                SitrepReport.region_code == DESK,
                SitrepReport.period_start == VOTING_DAY[0],
                SitrepReport.status == services.SIGNED,
            )
        ).one()

        print(f"1. sections of the {DESK} voting-day report (27 Nov 2024, 00.00–20.00 WIB), made again")
        draft = services.correct(session, signed, actor=head, now=now)  # a new version's draft of the same day
        times, _ = timed(lambda: services.refresh(session, draft, actor=head, now=now), runs)
        made = json.loads(draft.sections)
        print(f"  (it counts {made['kerawanan']['total']} kerawanan; {len(draft.sections) / 1024:.0f} KB of sections)")
        print(line("refresh (all sections)", times, "target: within the PDF's 2 s"))
        session.rollback()

        times, pdf = timed(lambda: documents.report_pdf(session, signed), runs)
        print(f"2. the signed voting-day report's PDF: {pages(pdf)} pages, {len(pdf) / 1024:.0f} KB")
        print(line("render", times, "target <= 2 s"))

        rows = queries.province_rollup(session, province_head, now)
        for row in rows:
            if row.signed is None:
                report = row.draft or services.create_report(
                    session, actor=province_head, now=now, region_code=row.code
                )
                services.sign(session, report, actor=province_head, now=now, confirmed=True)
        session.commit()
        times, rows = timed(lambda: queries.province_rollup(session, province_head, now), runs)
        signed_count = sum(1 for row in rows if row.signed is not None)
        print(f"3. province {PROVINCE} roll-up of today: {len(rows)} desks, {signed_count} signed")
        print(line("roll-up data (the page's query)", times, "target <= 3 s"))
        times, pdf = timed(lambda: documents.province_pdf(session, PROVINCE, rows, now), runs)
        print(f"   roll-up PDF: {pages(pdf)} pages, {len(pdf) / 1024:.0f} KB")
        print(line("render", times, "target <= 3 s"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
