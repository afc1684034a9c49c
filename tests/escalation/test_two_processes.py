"""Two real job-runner processes (`flask jobs run`) on one PostgreSQL database: every escalation is recorded and
sent once, and every instruction reminder is sent once, while incidents keep arriving. The push service at the
boundary is real HTTP on 127.0.0.1 that decrypts what pywebpush sends (tests/jobs/test_exactly_once.py), so the
advisory lock, the unique levels and the push claims are what is tested, nothing mocked."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from app.clock import utcnow
from tests.jobs.test_exactly_once import _env, _start_runners, database, push_service  # noqa: F401  (fixtures)
from tests.notifications.test_push import Device, b64

pytestmark = pytest.mark.slow
if __import__("os").environ.get("SINERGI_TEST_DB") != "postgresql":
    pytestmark = [pytestmark, pytest.mark.skip(reason="needs PostgreSQL (SINERGI_TEST_DB=postgresql)")]

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 2
OPERATORS = 6  # on duty together: each escalation to the piket reaches all six
BATCHES = 4  # incidents arrive in batches while the runners run
PER_BATCH = 5


def _app(url: str):
    from app import create_app

    return create_app({"DATABASE_URL": url, "TESTING": True, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})


def _dispose(app) -> None:
    from app.db import get_engine

    for write in (True, False):
        get_engine(app, write=write).dispose()


def _seed_people(app, service) -> dict:
    """Polri's operators (all on duty now), its head, the desk head, each with a push device."""
    from app.auth import services as accounts
    from app.db import get_engine
    from app.duty.models import DutyShift
    from app.notifications import services
    from app.regions.services import load_regions

    now = utcnow()
    specs = [(f"polri-op-{n}", "POLRI", "operator") for n in range(OPERATORS)]
    specs += [("polri-pimpinan", "POLRI", "pimpinan"), ("pemda-pimpinan", "PEMDA", "pimpinan")]
    with app.app_context(), Session(get_engine(app, write=True), expire_on_commit=False) as db:
        load_regions(db, "19")
        users = {
            name: accounts.create_user(
                db,
                accounts.UserInput(
                    username=name, name=name, agency=agency, role=role, region_code="19.02", password="rahasia-uji-123"
                ),  # fmt: skip
                actor=None,
                now=now,
            )
            for name, agency, role in specs
        }
        db.commit()
        for user in users.values():
            device = service["devices"][f"u{user.id}"] = Device()
            services.subscribe(
                db,
                services.SubscriptionInput(f"{service['url']}/ok/u{user.id}", b64(device.public), b64(device.auth)),
                actor=user,
                now=now,
            )
            if user.role == "operator":
                db.add(DutyShift(agency="POLRI", region_code="19.02", starts_at=now - timedelta(hours=1),
                                 ends_at=now + timedelta(hours=7), user_id=user.id, name=user.name,
                                 created_by_id=user.id, created_at=now, updated_at=now))  # fmt: skip
        db.commit()
    return {name: u.id for name, u in users.items()}


def _post_batch(app, batch: int, author_id: int) -> list[int]:
    """Incidents reported 61 minutes ago (all three levels due at once) arriving now."""
    from app.auth.models import User
    from app.db import get_engine
    from app.timeline import services

    now = utcnow() - timedelta(minutes=61)
    with app.app_context(), Session(get_engine(app, write=True), expire_on_commit=False) as db:
        author = db.get(User, author_id)
        ids = [
            services.post_entry(
                db,
                author=author,
                kind="kerawanan",
                text=f"Massa di TPS {batch}-{n}",
                now=now,
                village_code="19.02.02.2001",
                category="op.konflik_tps",
                severity="tinggi",
                handling_agency="POLRI",
                emit=False,
            ).id
            for n in range(PER_BATCH)
        ]
        db.commit()
    return ids


def _send_instruction(app, author_id: int) -> int:
    """An instruction to Polri sent 20 minutes ago with a reminder after 15: nobody has read it."""
    from app.auth.models import User
    from app.db import get_engine
    from app.instructions import services

    with app.test_request_context(), Session(get_engine(app, write=True), expire_on_commit=False) as db:
        instruction = services.send(
            db,
            actor=db.get(User, author_id),
            text="Seluruh piket agar siaga.",
            audience=services.Audience(["POLRI"], ["operator"], "19.02"),
            now=utcnow() - timedelta(minutes=20),
            remind_after=15,
        )
        db.commit()
        return instruction.id


def _rows(url: str, sql: str) -> list[tuple]:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(urlunsplit(urlsplit(url)._replace(scheme="postgresql"))) as conn:
        return conn.execute(sql).fetchall()


def _logged(logs: list[Path], job: str, key: str) -> list[int]:
    totals = []
    for log in logs:
        found = re.findall(rf"job {re.escape(job)}: (\{{.*\}})", log.read_text())
        totals.append(sum(ast.literal_eval(counts).get(key, 0) for counts in found))
    return totals


def test_two_processes_escalate_and_remind_exactly_once(database, push_service, tmp_path):  # noqa: F811
    env = {**_env(database, tmp_path), "SINERGI_ESCALATION_INTERVAL": "0.1"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip
    runners = _start_runners(env, tmp_path, PROCESSES)
    app = _app(database)
    try:
        people = _seed_people(app, push_service)
        instruction = _send_instruction(app, people["polri-pimpinan"])
        incidents = []
        for batch in range(BATCHES):
            incidents += _post_batch(app, batch, people["pemda-pimpinan"])
            time.sleep(0.7)  # the next batch arrives while rounds run in both processes
        per_incident = OPERATORS + 2  # the six on duty, the head, the desk head
        expected = len(incidents) * per_incident + OPERATORS * 2  # + the instruction: sent, then its reminder
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            rows = _rows(database, "SELECT push_status FROM notification")
            if len(rows) >= expected and all(status != "pending" for (status,) in rows):
                break
            time.sleep(0.3)
        time.sleep(1.5)  # a second escalation or push, if any, would happen now
    finally:
        for process, _log in runners:
            process.terminate()
        for process, _log in runners:
            process.wait(timeout=15)
        _dispose(app)
    logs = [log for _p, log in runners]
    for log in logs:
        assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
    levels = Counter(_rows(database, "SELECT entry_id, level FROM escalation"))
    assert set(levels) == {(i, n) for i in incidents for n in (1, 2, 3)}
    assert set(levels.values()) == {1}
    notes = _rows(database, "SELECT id, user_id, key, push_status FROM notification")
    per_key = Counter((user, key) for _id, user, key, _s in notes)
    assert set(per_key.values()) == {1}
    reminders = [user for _id, user, key, _s in notes if key == f"instruction:{instruction}:reminder"]
    assert sorted(reminders) == sorted(people[f"polri-op-{n}"] for n in range(OPERATORS))
    escalation_notes = [n for n in notes if n[2].startswith("escalation:")]
    assert len(escalation_notes) == len(incidents) * per_incident
    assert {status for *_x, status in notes} == {"sent"}
    sends = Counter(note_id for _device, note_id in push_service["received"])
    assert sorted(sends) == sorted(note_id for note_id, *_x in notes)
    assert set(sends.values()) == {1}, "a notification was pushed twice"
    fired = _logged(logs, "escalation.evaluate", "escalations")
    assert sum(fired) == len(incidents) * 3, fired
    assert sum(_logged(logs, "notifications.reminders", "reminders")) == OPERATORS
    print(
        f"\nescalations fired per process: {fired}; pushes per process: {_logged(logs, 'notifications.push', 'sent')}"
    )
