"""The escalation rules at work: who is alerted at which minute, once per level, stopping when the condition
clears; duplicates, restricted incidents, rules per desk, nobody on duty."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.escalation import engine
from app.escalation.models import Escalation, EscalationRecipient, EscalationRule
from app.notifications.models import Notification

T0 = datetime(2024, 11, 27, 0, 5, tzinfo=UTC)  # 07.05 WIB: reported


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def roster(accounts, make_shift):
    """Polri's piket on the kabupaten desk 07.00–15.00: the operator."""
    return make_shift(accounts["polri-operator"], T0 - timedelta(minutes=5))


def run(app, db, minutes: int) -> dict:
    with app.app_context():
        counts = engine.evaluate(db, at(minutes))
        db.commit()
    return counts


def alerted(db, entry) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for escalation in db.exec(select(Escalation).where(Escalation.entry_id == entry.id).order_by(Escalation.level)):
        ids = db.exec(select(EscalationRecipient.user_id).where(EscalationRecipient.escalation_id == escalation.id))
        out[escalation.level] = sorted(ids)
    return out


def test_piket_then_head_then_desk_head_once_each(app, db, accounts, roster, make_incident):
    entry = make_incident(accounts["polri-petugas"], T0)
    assert run(app, db, 9)["escalations"] == 0
    run(app, db, 10)
    assert alerted(db, entry) == {1: [accounts["polri-operator"].id]}
    run(app, db, 11)  # again: nothing new
    run(app, db, 30)
    run(app, db, 60)
    run(app, db, 61)
    assert alerted(db, entry) == {
        1: [accounts["polri-operator"].id],
        2: [accounts["polri-pimpinan"].id],
        3: [accounts["pemda-pimpinan"].id],
    }
    keys = sorted(db.exec(select(Notification.key).where(Notification.key.startswith("escalation:"))).all())
    assert keys == [f"escalation:{entry.id}:{n}" for n in (1, 2, 3)]
    note = db.exec(select(Notification).where(Notification.key == f"escalation:{entry.id}:1")).one()
    assert note.title == "Eskalasi: kerawanan belum diterima instansi penanganan setelah 10 menit"
    assert note.url == f"/kerawanan/{entry.id}"
    assert note.object_type == "timeline_entry"
    fired = db.exec(select(AuditLog).where(AuditLog.action == "escalation.fire").order_by(AuditLog.id)).all()
    assert [a.after["level"] for a in fired] == [1, 2, 3]
    assert all(a.actor_id is None for a in fired)


def test_receiving_stops_the_piket_level_but_not_the_head(app, db, accounts, roster, make_incident):
    from app.timeline import services

    entry = make_incident(accounts["polri-petugas"], T0)
    with app.app_context():
        services.acknowledge(db, entry, actor=accounts["polri-operator"], now=at(8))
        db.commit()
    run(app, db, 31)
    assert alerted(db, entry) == {2: [accounts["polri-pimpinan"].id]}


def test_taking_it_in_hand_stops_everything(app, db, accounts, roster, make_incident):
    from app.timeline import services

    entry = make_incident(accounts["polri-petugas"], T0)
    run(app, db, 10)
    with app.app_context():
        services.change_status(db, entry, "ditangani", actor=accounts["polri-operator"], now=at(12), note="Menuju TPS.")
        db.commit()
    run(app, db, 90)
    assert list(alerted(db, entry)) == [1]


def test_an_acknowledgement_by_another_agency_does_not_count(app, db, accounts, roster, make_incident):
    from app.timeline import services

    entry = make_incident(accounts["polri-petugas"], T0)
    with app.app_context():
        services.acknowledge(db, entry, actor=accounts["kpu-operator"], now=at(2))
        db.commit()
    run(app, db, 10)
    assert list(alerted(db, entry)) == [1]


def test_only_the_severities_the_rules_name(app, db, accounts, roster, make_incident):
    entry = make_incident(accounts["polri-petugas"], T0, severity="sedang")
    run(app, db, 120)
    assert alerted(db, entry) == {}


def test_nobody_on_duty_alerts_the_agencys_operators(app, db, accounts, make_incident):
    entry = make_incident(accounts["polri-petugas"], T0)
    run(app, db, 10)
    escalation = db.exec(select(Escalation)).one()
    assert escalation.fallback is True
    assert alerted(db, entry) == {1: [accounts["polri-operator"].id]}  # the nearest operators (the desk's)


def test_a_restricted_incident_never_reaches_the_desk_head(app, db, accounts, roster, make_incident):
    entry = make_incident(accounts["polri-operator"], T0, visible_to=["POLRI"], text="RAHASIA-POLRI-88 gudang")
    run(app, db, 61)
    levels = alerted(db, entry)
    assert levels[3] == []  # the Sekda may not see it: recorded, nobody alerted
    notes = db.exec(select(Notification).where(Notification.key.startswith("escalation:"))).all()
    assert {n.user_id for n in notes} == {accounts["polri-operator"].id, accounts["polri-pimpinan"].id}


def test_a_duplicate_never_escalates(app, db, accounts, roster, make_incident):
    from app.timeline import duplicates

    first = make_incident(accounts["polri-petugas"], T0)
    second = make_incident(accounts["kpu-petugas"], T0 + timedelta(minutes=1))
    with app.app_context():
        duplicates.link(db, second, first, actor=accounts["polri-operator"], now=at(2))
        db.commit()
    run(app, db, 15)
    assert list(alerted(db, first)) == [1]
    assert alerted(db, second) == {}


def test_old_incidents_are_not_escalated_any_more(app, db, accounts, roster, make_incident):
    entry = make_incident(accounts["polri-petugas"], T0)
    with app.app_context():
        engine.evaluate(db, at(7 * 60))  # beyond the 6-hour look-back
    assert alerted(db, entry) == {}


def test_a_desk_with_its_own_rules_uses_them(app, db, accounts, roster, make_incident):
    db.add(EscalationRule(region_code="19.02", level=1, severities=",sedang,tinggi,", condition="not_handled",
                          minutes=5, target="desk_head", updated_at=T0))  # fmt: skip
    db.commit()
    entry = make_incident(accounts["polri-petugas"], T0, severity="sedang")
    run(app, db, 5)
    run(app, db, 120)
    assert alerted(db, entry) == {1: [accounts["pemda-pimpinan"].id]}


def test_an_unassigned_incident_goes_to_the_desks_people(app, db, accounts, make_incident, make_shift):
    make_shift(accounts["pemda-operator"], T0 - timedelta(minutes=5))
    entry = make_incident(accounts["polri-petugas"], T0, handling_agency=None)
    run(app, db, 30)
    assert alerted(db, entry) == {1: [accounts["pemda-operator"].id], 2: [accounts["pemda-pimpinan"].id]}


def test_the_unique_level_is_a_backstop_against_a_second_writer(app, db, accounts, roster, make_incident):
    from sqlalchemy.exc import IntegrityError

    entry = make_incident(accounts["polri-petugas"], T0)
    run(app, db, 10)
    db.add(Escalation(entry_id=entry.id, level=1, condition="not_acknowledged", minutes=10, target="piket",
                      agency="POLRI", fired_at=at(10)))  # fmt: skip
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()
