"""Benchmark: the notula PDF of a big meeting (10 agenda items, 60 attendees, 30 actions) and whether a render
blocks other requests on the gevent server.

    .venv/bin/python bench/notula_pdf.py            # both parts, bounded (about a minute on 2 cores)

Part 1 renders without HTTP, 5 times each: through the renderer processes (the default; notula and daftar
hadir laid out side by side) and in this process (PDF_WORKERS=0); peak RSS of every process involved. Part 2
starts gunicorn (gevent worker, seeded demo on SQLite, loopback only), renders the draft notula three times over
HTTP and meanwhile probes /healthz every 50 ms, compared with an idle baseline. Each run first prints the
machine's speed (a fixed Python loop), because this VM's speed drifts by ±30 %.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AGENDA, ATTENDEES, ACTIONS = 10, 60, 30


def build_big_meeting(session, now: datetime) -> int:
    """A meeting of the demo's PEMDA secretariat with 10 items, 60 attendees, 30 actions, 40 minute entries."""
    from sqlmodel import select

    from app.auth.models import User
    from app.meetings import minutes, services
    from app.meetings.models import Participant

    sek = session.exec(select(User).where(User.username == "pemda-sekretariat")).one()
    meeting = services.create_meeting(
        session,
        services.MeetingInput(
            title="Rapat Koordinasi Besar Desk Pilkada (uji beban)",
            kind="desk",
            organiser_agency="PEMDA",
            region_code="19.02",
            day=date(2024, 11, 25),
            start=dtime(9, 0),
            end=dtime(15, 0),
            place="Gedung Nasional Tanjungpandan",
            chair_name="Drs. Hendra Gunawan, M.Si.",
            chair_position="Sekretaris Daerah",
            chair_rank="NIP 196811041994031005",
            minute_name=sek.name,
            minute_position=sek.position,
            minute_rank=sek.rank_id,
            agenda=[
                f"Acara ke-{n}: laporan kesiapan pengamanan dan logistik wilayah {n}" for n in range(1, AGENDA + 1)
            ],
        ),
        actor=sek,
        now=now,
    )
    items = services.agenda_items(session, meeting.id)
    for n in range(ATTENDEES):
        session.add(
            Participant(
                meeting_id=meeting.id,
                name=f"Peserta Rapat Nomor {n + 1}, S.H.",
                position="Kepala Seksi Ketenteraman dan Ketertiban",
                agency="Pemda Belitung",
                phone=f"+62812{n:08d}",
                invited=True,
                attended_at=now + timedelta(minutes=n),
            )
        )
    for n in range(40):
        minutes.add_minute(
            session,
            meeting,
            items[n % AGENDA].id,
            kind="decision" if n % 4 == 0 else "discussion",
            speaker=f"Pembicara {n}",
            speaker_role="Kapolsek / Polri",
            text="Pelaksanaan pengamanan tahapan pemungutan suara berjalan sesuai rencana; personel "
            "disiagakan di TPS rawan dan koordinasi dengan PPK, PPS serta Panwascam terus "
            "dilakukan setiap hari. " * 2,
            actor=sek,
            now=now,
        )
    for n in range(ACTIONS):
        minutes.add_action(
            session,
            meeting,
            items[n % AGENDA].id,
            what=f"Tindak lanjut nomor {n + 1}: laporkan kesiapan sarana dan prasarana TPS",
            owner_agency=["POLRI", "KPU", "PEMDA", "TNI", "BAWASLU"][n % 5],
            person="Kepala Seksi",
            due_date=date(2024, 11, 26),
            actor=sek,
            now=now,
        )
    session.flush()
    return meeting.id


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop: this VM's speed varies by ±30 % from hour to hour, so every run
    prints it next to its figures."""
    t0 = time.process_time()
    total = 0
    for n in range(5_000_000):
        total += n
    return time.process_time() - t0


def _vm_hwm_mb(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def part1(runs: int = 5) -> None:
    import io

    from pypdf import PdfReader
    from sqlmodel import Session, SQLModel

    from app import create_app, import_models
    from app.db import get_engine
    from app.demo.seed import SeedContext, seed_foundation
    from app.meetings.documents import notula_pdf
    from app.meetings.models import Meeting
    from app.pdf_renderers import pool

    tmp = Path(tempfile.mkdtemp(prefix="bench-notula-"))
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
            "SECRET_KEY": "bench",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "INSTANCE_DIR": str(tmp),
        }
    )
    import_models()
    now = datetime(2024, 11, 25, 2, 0, tzinfo=UTC)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine speed: {machine_speed():.2f} s for the calibration loop (lower is faster); load average {load}")
    with app.app_context():
        engine = get_engine(app, write=True)
        SQLModel.metadata.create_all(engine)
        with Session(engine, expire_on_commit=False) as session:
            seed_foundation(session, SeedContext(now=now), "bench-password")
            meeting_id = build_big_meeting(session, now)
            session.commit()
            meeting = session.get(Meeting, meeting_id)
            results = {}
            for label, workers in (
                ("renderer processes (PDF_WORKERS=2, the default)", 2),
                ("in this process (PDF_WORKERS=0)", 0),
            ):
                app.config["PDF_WORKERS"] = workers
                started = time.perf_counter()
                if workers:
                    pool(workers).start()  # gunicorn does this when its worker starts
                start_time = time.perf_counter() - started
                times, pdf = [], b""
                for _ in range(runs):
                    t0 = time.perf_counter()
                    pdf = notula_pdf(session, meeting, version=1, code="BENCH12345")
                    times.append(time.perf_counter() - t0)
                rss = [_vm_hwm_mb(os.getpid())]
                if workers:
                    rss += [_vm_hwm_mb(w.process.pid) for w in pool(workers)._workers]
                results[label] = (times, pdf, start_time, rss)
    print(f"part 1: notula with {AGENDA} agenda items, {ATTENDEES} attendees, {ACTIONS} actions, 40 minute entries")
    for label, (times, pdf, start_time, rss) in results.items():
        reader = PdfReader(io.BytesIO(pdf))
        lampiran = next(n for n, page in enumerate(reader.pages) if "DAFTAR HADIR" in page.extract_text())
        print(
            f"  {label}: {len(reader.pages)} pages ({lampiran} notula + {len(reader.pages) - lampiran} "
            f"lampiran), {len(pdf) / 1024:.1f} KB"
        )
        if start_time > 0.01:
            print(f"    starting the renderer processes: {start_time:.2f} s (once per web worker)")
        print(
            f"    render: first {times[0]:.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s "
            f"(target <= 2 s)"
        )
        print(
            f"    peak RSS: this process {rss[0]:.0f} MB"
            + "".join(f", renderer {n + 1} {value:.0f} MB" for n, value in enumerate(rss[1:]))
        )


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _login(opener, base: str, username: str, password: str) -> None:
    page = opener.open(f"{base}/masuk", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    data = urllib.parse.urlencode(
        {"login": username, "password": password, "csrf_token": token.group(1) if token else ""}
    ).encode()
    opener.open(f"{base}/masuk", data=data, timeout=10).read()


def _probe(base: str, stop: threading.Event, out: list[float]) -> None:
    while not stop.is_set():
        t0 = time.perf_counter()
        urllib.request.urlopen(f"{base}/healthz", timeout=10).read()
        out.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.05)


def part2() -> None:
    from sqlmodel import Session

    from app import create_app
    from app.db import get_engine
    from tests.browser.conftest import DEMO_PASSWORD, start_server, stop_server

    tmp = Path(tempfile.mkdtemp(prefix="bench-notula-live-"))
    url = f"sqlite:///{tmp / 'live.db'}"
    base, process, _env = start_server(tmp, database_url=url)
    try:
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "INSTANCE_DIR": str(tmp)})
        with app.app_context(), Session(get_engine(app, write=True), expire_on_commit=False) as session:
            meeting_id = build_big_meeting(session, datetime(2024, 11, 25, 2, 0, tzinfo=UTC))
            session.commit()
        opener = _opener()
        _login(opener, base, "pemda-sekretariat", DEMO_PASSWORD)
        idle: list[float] = []
        stop = threading.Event()
        prober = threading.Thread(target=_probe, args=(base, stop, idle))
        prober.start()
        time.sleep(2)
        stop.set()
        prober.join()
        busy: list[float] = []
        stop = threading.Event()
        prober = threading.Thread(target=_probe, args=(base, stop, busy))
        prober.start()
        renders = []
        for _ in range(3):
            t0 = time.perf_counter()
            body = opener.open(f"{base}/rapat/{meeting_id}/notula.pdf", timeout=60).read()
            renders.append(time.perf_counter() - t0)
            assert body.startswith(b"%PDF"), body[:200]
        stop.set()
        prober.join()
    finally:
        stop_server(process)

    def q(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

    print("part 2: gunicorn gevent worker (1 process), SQLite, loopback")
    print(f"  notula over HTTP: {', '.join(f'{r:.2f} s' for r in renders)}")
    print(f"  /healthz idle: n={len(idle)} p50 {q(idle, 50):.1f} ms p95 {q(idle, 95):.1f} ms max {max(idle):.1f} ms")
    print(
        f"  /healthz while rendering: n={len(busy)} p50 {q(busy, 50):.1f} ms p95 {q(busy, 95):.1f} ms "
        f"max {max(busy):.1f} ms"
    )


if __name__ == "__main__":
    part1()
    part2()
