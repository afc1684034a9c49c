"""The channel-leak rule for the voting-day command: an escalation or an instruction about a restricted incident
never reaches someone who may not see that incident — not in pages, banners, notifications, push payloads,
hand-over notes or the audit view.

Planted: an incident visible only to Polri (marker in its text), escalated through all three levels (the desk head
is a level but may not see it), an instruction about it sent to *all* agencies (marker in its text), and a Polri
hand-over note that lists it. Every account walks every channel; a marker in an answer to an account outside Polri
(Belitung) is a leak.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.duty import handover
from app.escalation import engine
from app.instructions import services as instructions
from app.notifications import services as notifications
from app.notifications.push import PushConfig, send_pending
from tests.command_support import ACCOUNTS

T0 = datetime(2024, 11, 27, 0, 5, tzinfo=UTC)  # 07.05 WIB
NOW = T0 + timedelta(minutes=65)
INCIDENT = "RAHASIA-POLRI-33"
INSTRUCTION = "INSTRUKSI-RAHASIA-44"
ENTITLED = {"polri-pimpinan", "polri-operator", "polri-petugas"}
CHANNELS = [
    "/",
    "/linimasa",
    "htmx:/linimasa?since=0",
    "/piket",
    "/piket/riwayat",
    "/piket/serah-terima",
    "/piket/serah-terima/{note}",
    "/instruksi",
    "/instruksi/{instruction}",
    "/instruksi/{instruction}/penerima",
    "/eskalasi",
    "/kerawanan/{incident}",
    "/notifikasi",
    "push:payloads",
    "/admin/audit",
    "/admin/audit?jenis=instruction",
    "/admin/audit?jenis=timeline_entry",
    "/admin/audit?jenis=duty_handover",
]


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    for module in ("app.registry", "app.dashboard.routes", "app.duty.routes", "app.duty.handover_routes",
                   "app.escalation.routes", "app.instructions.routes", "app.timeline.routes.pages"):  # fmt: skip
        monkeypatch.setattr(f"{module}.utcnow", lambda: NOW, raising=False)


@pytest.fixture
def planted(app, db, accounts, make_shift, make_incident):
    for username, user in accounts.items():  # a (fake) push device each: every notification is also pushed
        notifications.subscribe(
            db,
            notifications.SubscriptionInput(f"https://push.example.net/{username}", "B" + "A" * 86, "a" * 22),
            actor=user,
            now=T0,
        )
    db.commit()
    make_shift(accounts["polri-operator"], T0 - timedelta(minutes=5))
    incident = make_incident(
        accounts["polri-operator"], T0, visible_to=["POLRI"], text=f"{INCIDENT}: senjata di gudang"
    )
    with app.test_request_context():
        for minutes in (10, 30, 60):
            engine.evaluate(db, T0 + timedelta(minutes=minutes))
        instruction = instructions.send(
            db,
            actor=accounts["polri-pimpinan"],
            text=f"{INSTRUCTION}: amankan gudang",
            audience=instructions.Audience([], [], "19.02"),
            now=T0 + timedelta(minutes=62),
            incident_id=incident.id,
        )
        note = handover.write(
            db, actor=accounts["polri-operator"], note="Serah terima.", now=T0 + timedelta(minutes=63)
        )
        db.commit()
    return {"incident": incident.id, "instruction": instruction.id, "note": note.id}


def _pushed(app, db) -> dict[str, str]:
    out: dict[str, list[str]] = {}

    def sender(info, data, config):
        out.setdefault(info["endpoint"].rsplit("/", 1)[1], []).append(data.decode())
        return 201

    with app.app_context():
        send_pending(db, PushConfig(private_key="k", subject="mailto:x@example.org"), now=NOW, sender=sender)
    db.commit()
    return {user: "\n".join(items) for user, items in out.items()}


def _body(client, channel: str) -> tuple[int, str]:
    if channel.startswith("htmx:"):
        response = client.get(channel[5:], headers={"HX-Request": "true", "HX-Request-Type": "partial"})
    else:
        response = client.get(channel)
    return response.status_code, response.get_data(as_text=True)


def test_no_marker_reaches_an_account_that_may_not_see_the_incident(client, login_as, app, db, planted):
    pushed = _pushed(app, db)
    leaks, errors, seen = [], [], set()
    for username in ACCOUNTS:
        login_as(username)
        for channel in CHANNELS:
            if channel == "push:payloads":
                status, text = 200, pushed.get(username, "")
            else:
                status, text = _body(client, channel.format(**planted))
            if status >= 500:
                errors.append(f"{username} {channel}: {status}")
            for marker in (INCIDENT, INSTRUCTION):
                if marker in text:
                    seen.add((username, marker))
                    if username not in ENTITLED:
                        leaks.append(f"{username} {channel}: {marker}")
    assert errors == []
    assert leaks == []
    # The channels carry the markers to those who may see them (the test would pass vacuously otherwise).
    assert {("polri-operator", INCIDENT), ("polri-operator", INSTRUCTION), ("polri-pimpinan", INSTRUCTION)} <= seen
    assert INCIDENT in pushed["polri-operator"]
    assert INSTRUCTION in pushed["polri-operator"]
    assert "pemda-pimpinan" not in pushed  # the desk head's level fired, but nobody outside Polri was alerted
