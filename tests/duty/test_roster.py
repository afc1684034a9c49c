"""The roster's rules: own agency, scope, times, overlaps, history kept; who is on duty now (nearest roster)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.duty import services
from app.duty.models import DutyShift

NOW = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)  # 14.30 WIB


def _input(user, start, hours=8, **kw):
    kw.setdefault("agency", user.agency)
    kw.setdefault("region_code", "19.02")
    kw.setdefault("user_id", user.id)
    return services.ShiftInput(starts_at=start, ends_at=start + timedelta(hours=hours), **kw)


def test_add_shift_keeps_the_accounts_phone_and_is_audited(app, db, accounts):
    officer = accounts["polri-operator"]
    with app.test_request_context():
        shift = services.add_shift(db, _input(officer, NOW + timedelta(hours=1)), actor=officer, now=NOW)
        db.commit()
    assert shift.name == officer.name
    assert shift.phone == officer.phone
    logged = db.exec(select(AuditLog).where(AuditLog.action == "duty.shift_add")).one()
    assert logged.object_id == str(shift.id)
    assert logged.region_code == "19.02"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"agency": "TNI"}, "agency", "Anda hanya dapat mengubah jadwal piket instansi Anda sendiri."),
        ({"region_code": "19.06"}, "region_code", "Pilih wilayah dalam cakupan Anda."),
        ({"region_code": "19.02.02.2001"}, "region_code", "Pilih wilayah dalam cakupan Anda."),
        ({"hours": -1}, "ends_at", "Shift harus berakhir setelah dimulai."),
        ({"hours": 25}, "ends_at", "Satu shift paling lama 24 jam."),
        ({"start": NOW - timedelta(hours=9)}, "starts_at", "Shift ini sudah berakhir"),
        ({"user_id": None, "name": "  "}, "name", "Pilih petugas piket atau tulis namanya."),
        ({"phone": "12345"}, "phone", "Ini bukan nomor telepon Indonesia yang valid."),
        ({"user": "tni-operator"}, "user_id", "Pilih petugas instansi ini di wilayah jadwal piket."),
        ({"post": "x" * 121}, "post", "Nama pos terlalu panjang"),
    ],
)
def test_refused_shifts_say_why_in_indonesian(app, db, accounts, change, field, message):
    actor = accounts["polri-operator"]
    start = change.pop("start", NOW + timedelta(hours=1))
    hours = change.pop("hours", 8)
    if "user" in change:
        change["user_id"] = accounts[change.pop("user")].id
    with app.test_request_context(), pytest.raises(services.DutyError) as refused:
        services.add_shift(db, _input(actor, start, hours, **change), actor=actor, now=NOW)
    assert refused.value.field == field
    with app.test_request_context():
        assert message in str(refused.value.message)
    db.rollback()
    assert db.exec(select(DutyShift)).all() == []


def test_the_same_person_is_not_on_duty_twice_at_once(app, db, accounts):
    actor = accounts["polri-operator"]
    with app.test_request_context():
        services.add_shift(db, _input(actor, NOW + timedelta(hours=1)), actor=actor, now=NOW)
        with pytest.raises(services.DutyError) as refused:
            services.add_shift(db, _input(actor, NOW + timedelta(hours=5)), actor=actor, now=NOW)
        assert "sudah bertugas pada jam itu" in str(refused.value.message)
        # back to back is fine (the next shift starts when this one ends)
        services.add_shift(db, _input(actor, NOW + timedelta(hours=9)), actor=actor, now=NOW)
    assert len(db.exec(select(DutyShift)).all()) == 2


def test_someone_without_an_account_is_written_by_name_and_phone(app, db, accounts):
    actor = accounts["polri-operator"]
    data = _input(actor, NOW + timedelta(hours=1), user_id=None, name="AIPTU  Suharto", phone="0813-7712-0045")
    with app.test_request_context():
        shift = services.add_shift(db, data, actor=actor, now=NOW)
    assert (shift.user_id, shift.name, shift.phone) == (None, "AIPTU Suharto", "+6281377120045")


def test_past_and_running_shifts_are_history(app, db, accounts, make_shift):
    actor = accounts["polri-operator"]
    past = make_shift(actor, NOW - timedelta(hours=10))
    running = make_shift(accounts["polri-pimpinan"], NOW - timedelta(hours=1), creator=actor)
    with app.test_request_context():
        with pytest.raises(services.DutyError):
            services.update_shift(db, past, _input(actor, NOW + timedelta(hours=1)), actor=actor, now=NOW)
        with pytest.raises(services.DutyError) as refused:
            services.delete_shift(db, running, actor=actor, now=NOW)
        assert "tetap di jadwal" in str(refused.value.message)
        # a running shift may still be shortened
        services.update_shift(
            db,
            running,
            _input(accounts["polri-pimpinan"], running.starts_at, 2, user_id=accounts["polri-pimpinan"].id),
            actor=actor,
            now=NOW,
        )
    assert running.ends_at == running.starts_at + timedelta(hours=2)


def test_a_future_shift_can_be_removed_and_the_removal_is_audited(app, db, accounts, make_shift):
    actor = accounts["polri-operator"]
    shift = make_shift(actor, NOW + timedelta(hours=3))
    with app.test_request_context():
        services.delete_shift(db, shift, actor=actor, now=NOW)
        db.commit()
    assert db.get(DutyShift, shift.id) is None
    assert db.exec(select(AuditLog).where(AuditLog.action == "duty.shift_delete")).one().before["name"] == actor.name


def test_on_duty_is_the_nearest_roster_with_someone_on_it(app, db, accounts, make_shift):
    desk, post = accounts["polri-operator"], accounts["polri-petugas"]
    make_shift(desk, NOW - timedelta(hours=1))
    with app.app_context():
        assert services.on_duty_user_ids(db, "POLRI", "19.02.02.2001", NOW) == [desk.id]
        make_shift(post, NOW - timedelta(hours=1), region_code="19.02.02", creator=desk)
        assert services.on_duty_user_ids(db, "POLRI", "19.02.02.2001", NOW) == [post.id]  # the kecamatan post
        assert services.on_duty_user_ids(db, "POLRI", "19.02.01.1001", NOW) == [desk.id]  # another kecamatan
        assert services.on_duty_user_ids(db, "POLRI", "19.06.01.2001", NOW) == []  # another kabupaten
        assert services.on_duty_user_ids(db, "TNI", "19.02.02.2001", NOW) == []
        assert services.on_duty_user_ids(db, "POLRI", "19.02.02.2001", NOW + timedelta(hours=8)) == []


def test_a_night_shift_typed_23_to_07_ends_the_next_morning():
    starts, ends = services.local_span(date(2024, 11, 26), time(23), time(7), "19.02")
    assert starts == datetime(2024, 11, 26, 16, tzinfo=UTC)
    assert ends == datetime(2024, 11, 27, 0, tzinfo=UTC)
