"""Sending instructions: who receives them, what the timeline records, what the audit keeps, refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.instructions import services
from app.instructions.models import Instruction, InstructionReceipt
from app.notifications.models import Notification
from app.timeline.models import Entry

NOW = datetime(2024, 11, 27, 0, 0, tzinfo=UTC)  # 07.00 WIB


def send(app, db, actor, text="Seluruh personel agar siaga di TPS masing-masing.", **kw):
    audience = services.Audience(kw.pop("agencies", []), kw.pop("roles", []), kw.pop("region_code", "19.02"))
    with app.test_request_context():
        instruction = services.send(db, actor=actor, text=text, audience=audience, now=kw.pop("now", NOW), **kw)
        db.commit()
    return instruction


def receivers(db, instruction) -> set[int]:
    rows = db.exec(select(InstructionReceipt.user_id).where(InstructionReceipt.instruction_id == instruction.id))
    return set(rows)


def test_recipients_are_fixed_by_agency_role_and_region(app, db, accounts):
    heads = send(app, db, accounts["pemda-pimpinan"], roles=["pimpinan"])
    expected = {accounts[n].id for n in ("polri-pimpinan", "tni-pimpinan", "kpu-pimpinan", "kejaksaan-pimpinan")}
    assert receivers(db, heads) == expected  # not the sender, not Belitung Timur's head
    polri = send(app, db, accounts["polri-pimpinan"], agencies=["POLRI", "TNI"], region_code="19.02.02")
    assert receivers(db, polri) == {accounts["polri-petugas"].id}  # only the Membalong officer lives below 19.02.02
    assert polri.recipient_count == 1


def test_sending_notifies_records_and_audits_without_the_text(app, db, accounts):
    instruction = send(app, db, accounts["polri-pimpinan"], agencies=["POLRI", "TNI"])
    notes = db.exec(select(Notification).where(Notification.key == f"instruction:{instruction.id}:sent")).all()
    assert {n.user_id for n in notes} == receivers(db, instruction)
    assert all(n.object_type == "instruction" for n in notes)
    entry = db.get(Entry, instruction.timeline_entry_id)
    assert entry.text.startswith("Instruksi kepada Polri, TNI · Kabupaten Belitung: Seluruh personel")
    assert entry.visible_agencies == ",POLRI,TNI,"
    logged = db.exec(select(AuditLog).where(AuditLog.action == "instruction.send")).one()
    assert "text" not in logged.after
    assert logged.after["text_chars"] == len(instruction.text)
    assert logged.after["recipients"] == 4  # Polri operator and officer, TNI head and operator


def test_a_role_limited_instruction_puts_only_its_fact_on_the_timeline(app, db, accounts):
    instruction = send(app, db, accounts["pemda-pimpinan"], text="RAHASIA-KEPALA-12 rapat tertutup", roles=["pimpinan"])
    entry = db.get(Entry, instruction.timeline_entry_id)
    assert "RAHASIA-KEPALA-12" not in entry.text
    assert entry.text.startswith(f"Instruksi #{instruction.id} dikirim kepada semua instansi · Pimpinan")


def test_an_instruction_about_a_restricted_incident_reaches_only_those_who_may_see_it(app, db, accounts, make_incident):
    incident = make_incident(accounts["polri-operator"], NOW, visible_to=["POLRI"])
    instruction = send(app, db, accounts["polri-pimpinan"], text="RAHASIA-POLRI-5 amankan", incident_id=incident.id)
    assert {db.get(type(accounts["admin"]), u).agency for u in receivers(db, instruction)} == {"POLRI"}
    followup = db.get(Entry, instruction.timeline_entry_id)
    assert followup.parent_id == incident.id
    assert "RAHASIA-POLRI-5" not in followup.text
    assert followup.visible_agencies == ",POLRI,"


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"text": "  "}, "text", "Tulis instruksinya."),
        ({"text": "x" * 1001}, "text", "paling banyak 1.000 karakter"),
        ({"agencies": ["FBI"]}, "agencies", "Pilih instansi dari daftar."),
        ({"roles": ["admin"]}, "roles", "Pilih jabatan dari daftar."),
        ({"region_code": "19.06"}, "region_code", "Pilih wilayah dalam cakupan Anda."),
        ({"region_code": "19.02.02.2001"}, "region_code", "Pilih wilayah dalam cakupan Anda."),
        ({"remind_after": 241}, "remind_after", "0 sampai 240 menit"),
        ({"agencies": ["LAINNYA"]}, "agencies", "Tidak ada penerima yang cocok"),
        ({"incident_id": 999999}, "incident_id", "Pilih kerawanan yang dapat Anda lihat."),
    ],
)
def test_refusals_name_the_field_in_indonesian(app, db, accounts, kw, field, message):
    with pytest.raises(services.InstructionError) as refused:
        send(app, db, accounts["polri-pimpinan"], **kw)
    assert refused.value.field == field
    with app.test_request_context():
        assert message in str(refused.value.message)
    db.rollback()
    assert db.exec(select(Instruction)).all() == []


def test_understood_once_audited_and_announced(app, db, accounts):
    instruction = send(app, db, accounts["polri-pimpinan"], agencies=["POLRI"])
    officer = accounts["polri-operator"]
    with app.test_request_context():
        assert services.acknowledge(db, instruction, actor=officer, now=NOW + timedelta(minutes=3)) is True
        assert services.acknowledge(db, instruction, actor=officer, now=NOW + timedelta(minutes=9)) is False
        with pytest.raises(services.InstructionError):
            services.acknowledge(db, instruction, actor=accounts["kpu-operator"], now=NOW)
        db.commit()
    receipt = db.exec(select(InstructionReceipt).where(InstructionReceipt.user_id == officer.id)).one()
    assert receipt.read_at == NOW + timedelta(minutes=3)
    assert len(db.exec(select(AuditLog).where(AuditLog.action == "instruction.read")).all()) == 1
