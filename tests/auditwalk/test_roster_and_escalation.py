"""The audit walk (tests/security/test_audit_walk.py) for the duty roster and hand-over, the escalation rules and
the duplicate incidents: every change writes exactly one audit row that reads as an Indonesian sentence naming the
actor (issue 12 point 8). The feature's own accounts act (the agency's operator for its roster and hand-over, the
desk's administrator for the escalation rules, the handling agency's operator and a desk head for duplicates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.duty.models import DutyHandover, DutyShift
from app.escalation.models import EscalationRule
from app.timeline.models import IncidentDuplicate
from tests.auditwalk.walk import walk

NOW = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)  # 14.30 WIB on voting day


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    for module in (
        "app.registry",
        "app.duty.routes",
        "app.duty.handover_routes",
        "app.escalation.routes",
        "app.timeline.duplicate_routes",
        "app.timeline.routes.pages",
        "app.timeline.routes.actions",
    ):
        monkeypatch.setattr(f"{module}.utcnow", lambda: NOW, raising=False)
    return NOW


def _shift_form(**kw) -> dict:
    data = {"region_code": "19.02", "day": "2024-11-27", "start": "15:00", "end": "23:00", "user_id": "", "name": ""}
    data.update(kw)
    return data


def test_roster_and_handover_changes_write_one_sentence_each(app, client, login_as, accounts, db, clock):
    def shift_id() -> int:
        db.expire_all()
        return db.exec(select(DutyShift.id)).one()

    steps = [
        (
            "polri-operator",
            lambda: client.post("/piket/baru", data=_shift_form(user_id=str(accounts["polri-pimpinan"].id))),
            "duty.shift_add",
        ),
        (
            "polri-operator",
            lambda: client.post(
                f"/piket/{shift_id()}/ubah",
                data=_shift_form(user_id=str(accounts["polri-pimpinan"].id), start="16:00", post="Posko Membalong"),
            ),
            "duty.shift_edit",
        ),
        # The shift starts at 16.00 WIB, after now (14.30): it may still be removed.
        ("polri-operator", lambda: client.post(f"/piket/{shift_id()}/hapus"), "duty.shift_delete"),
        (
            "tni-operator",
            lambda: client.post("/piket/serah-terima", data={"note": "Patroli ke gudang logistik pukul 16.00."}),
            "duty.handover",
        ),
    ]
    walk(app, login_as, accounts, steps)
    db.expire_all()
    assert db.exec(select(DutyShift)).all() == []
    assert [n.agency for n in db.exec(select(DutyHandover)).all()] == ["TNI"]


def _rules_form(*rows) -> dict:
    data = {}
    for n, (severities, condition, minutes, target) in enumerate(rows, start=1):
        data[f"rule-{n}-severities"] = severities
        data[f"rule-{n}-condition"] = condition
        data[f"rule-{n}-minutes"] = minutes
        data[f"rule-{n}-target"] = target
    return data


def test_escalation_rules_write_one_sentence_each(app, client, login_as, accounts, db, clock):
    form = _rules_form(
        (["sedang", "tinggi"], "not_acknowledged", "5", "piket"), (["tinggi"], "not_handled", "20", "desk_head")
    )
    steps = [
        # The desk's rules are set by its administrator (app/escalation/policies.py), then back to the defaults.
        ("admin", lambda: client.post("/eskalasi/aturan", data=form), "escalation.rules"),
        ("admin", lambda: client.post("/eskalasi/aturan", data={"reset": "1"}), "escalation.rules"),
    ]
    walk(app, login_as, accounts, steps)
    db.expire_all()
    assert db.exec(select(EscalationRule)).all() == []


def test_duplicate_links_write_one_sentence_each(app, client, login_as, accounts, db, make_incident, clock):
    first = make_incident(
        accounts["polri-petugas"], NOW - timedelta(minutes=40), category="op.surat_suara_kurang", text="Kurang 12."
    )
    second = make_incident(
        accounts["kpu-petugas"], NOW - timedelta(minutes=20), category="op.surat_suara_kurang", text="Kurang surat."
    )
    steps = [
        (
            "polri-operator",
            lambda: client.post(f"/kerawanan/{second.id}/duplikat", data={"asli": first.id}),
            "timeline.duplicate_link",
        ),
        ("pemda-pimpinan", lambda: client.post(f"/kerawanan/{second.id}/bukan-duplikat"), "timeline.duplicate_unlink"),
    ]
    walk(app, login_as, accounts, steps)
    db.expire_all()
    assert db.exec(select(IncidentDuplicate)).all() == []
