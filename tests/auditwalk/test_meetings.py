"""The audit walk (tests/security/test_audit_walk.py) for the meetings: every change writes exactly one audit row
that reads as an Indonesian sentence naming the actor (issue 12 point 8). The feature's own accounts act: the
Pemda secretariat creates, edits and minutes the rapat koordinasi, the invited Polri operator checks in with the
room's code, the Pemda head (the chair) minutes a decision and finalises, the KPU operator closes the follow-up
action his agency owns, and the admin sets the kop surat with a logo."""

from __future__ import annotations

import io

import pytest
from sqlmodel import select

from app.meetings.models import Action, AgendaItem, Meeting, MeetingStatus, MinuteEntry, Participant
from tests.auditwalk.walk import rows as walk_rows
from tests.auditwalk.walk import walk
from tests.conftest import FIXED_NOW
from tests.meetings.conftest import minute

NOW = FIXED_NOW  # 27 Nov 2024, 14.30 WIB: the meeting (14.00–16.00 WIB) is under way, check-in is open

FORM = {
    "title": "Rakor Pengamanan Pilkada",
    "kind": "pengamanan",
    "organiser_agency": "PEMDA",
    "series": "desk-belitung",
    "day": "2024-11-27",
    "start": "14:00",
    "end": "16:00",
    "place": "Ruang Rapat Bupati Belitung",
    "agenda": "Kesiapan personel Operasi Mantap Praja\nDistribusi logistik ke TPS",
    "chair_name": "Drs. Hendra Gunawan, M.Si.",
    "chair_position": "Sekretaris Daerah",
    "minute_name": "Sri Wahyuni, S.Sos.",
    "minute_position": "Kabid Poldagri Kesbangpol",
}


@pytest.fixture
def clock(monkeypatch):
    """The routes' clock fixed at the suite's ``now``, as the meeting tests do."""
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    return NOW


def test_a_meeting_from_invitation_to_corrected_notula_writes_one_sentence_each(
    app, client, login_as, accounts, db, make_incident, clock
):
    pim, polri, kpu = (accounts[n] for n in ("pemda-pimpinan", "polri-operator", "kpu-operator"))
    # Posted on the timeline during the meeting: the secretariat links it into the minutes.
    incident = make_incident(accounts["polri-petugas"], NOW)

    def meeting() -> Meeting:
        db.expire_all()
        return db.exec(select(Meeting)).one()

    def items() -> list[AgendaItem]:
        db.expire_all()
        return list(db.exec(select(AgendaItem).order_by(AgendaItem.position)).all())

    def participant(user) -> int:
        db.expire_all()
        return db.exec(select(Participant.id).where(Participant.user_id == user.id)).one()

    def entries() -> list[MinuteEntry]:
        db.expire_all()
        return list(db.exec(select(MinuteEntry).order_by(MinuteEntry.id)).all())

    def action_id() -> int:
        db.expire_all()
        return db.exec(select(Action.id)).one()

    def add_entry(item_index: int, **fields):
        item = items()[item_index]
        return client.post(f"/rapat/{meeting().id}/agenda/{item.id}/catatan", data=minute(item.id, **fields))

    steps = [
        (
            "pemda-sekretariat",
            lambda: client.post(
                "/rapat/baru",
                data={**FORM, "chair_user": str(pim.id), "participants": [str(polri.id), str(kpu.id)]},
            ),
            "meeting.create",
        ),
        # A third agenda item and another room: the details change, audited once.
        (
            "pemda-sekretariat",
            lambda: client.post(
                f"/rapat/{meeting().id}/ubah",
                data={
                    **FORM,
                    "agenda": FORM["agenda"] + "\nPemetaan kerawanan",
                    "place": "Aula Kantor Bupati Belitung",
                    "chair_user": str(pim.id),
                    "participants": [str(polri.id), str(kpu.id)],
                },
            ),
            "meeting.update",
        ),
        # The invited Polri operator checks in with the code shown in the room.
        (
            "polri-operator",
            lambda: client.post("/rapat/hadir", data={"kode": meeting().checkin_code}),
            "meeting.checkin",
        ),
        # The KPU operator has no phone at hand: the secretariat ticks her present.
        (
            "pemda-sekretariat",
            lambda: client.post(f"/rapat/{meeting().id}/hadir/{participant(kpu)}", data={"present": "1"}),
            "meeting.attendance",
        ),
        (
            "pemda-sekretariat",
            lambda: client.post(
                f"/rapat/{meeting().id}/tamu",
                data={
                    "name": "H. Syahrial",
                    "position": "Ketua FKUB",
                    "agency": "FKUB",
                    "phone": "0813",
                    "present": "y",
                },
            ),
            "meeting.guest",
        ),
        (
            "pemda-sekretariat",
            lambda: add_entry(
                0,
                kind="discussion",
                speaker="Polri Operator",
                speaker_role="Polres Belitung",
                text="363 personel siap mengamankan 425 TPS.",
            ),
            "meeting.minute",
        ),
        # The same contribution sent twice by mistake: the duplicate is removed below.
        (
            "pemda-sekretariat",
            lambda: add_entry(0, kind="discussion", speaker="Polri Operator", text="363 personel siap."),
            "meeting.minute",
        ),
        (
            "pemda-sekretariat",
            lambda: client.post(
                f"/rapat/{meeting().id}/catatan/{entries()[0].id}/ubah",
                data={
                    "edit-kind": "discussion",
                    "edit-speaker": "Polri Operator",
                    "edit-speaker_role": "Polres Belitung",
                    "edit-text": "363 personel siap mengamankan 452 TPS.",
                },
            ),
            "meeting.minute_edit",
        ),
        (
            "pemda-sekretariat",
            lambda: client.post(f"/rapat/{meeting().id}/catatan/{entries()[1].id}/hapus"),
            "meeting.minute_delete",
        ),
        # The chair minutes the decision himself.
        (
            "pemda-pimpinan",
            lambda: add_entry(1, kind="decision", text="Distribusi logistik ke TPS selesai H-1."),
            "meeting.minute",
        ),
        (
            "pemda-sekretariat",
            lambda: client.post(
                f"/rapat/{meeting().id}/tindak-lanjut",
                data={
                    "item_id": str(items()[1].id),
                    "what": "Petakan TPS rawan banjir",
                    "owner_agency": "KPU",
                    "person": "Kpu Operator",
                    "due_date": "2024-11-28",
                },
            ),
            "meeting.action_add",
        ),
        # The owner agency's operator closes it; the secretariat reopens it (the map is not in yet).
        (
            "kpu-operator",
            lambda: client.post(f"/rapat/tindak-lanjut/{action_id()}", data={"done": "1"}),
            "meeting.action_done",
        ),
        (
            "pemda-sekretariat",
            lambda: client.post(f"/rapat/tindak-lanjut/{action_id()}", data={"done": "0"}),
            "meeting.action_reopen",
        ),
        (
            "pemda-sekretariat",
            lambda: client.post(f"/rapat/{meeting().id}/referensi", data={"entry_id": str(incident.id)}),
            "meeting.link_timeline",
        ),
        ("pemda-pimpinan", lambda: client.post(f"/rapat/{meeting().id}/final"), "meeting.finalise"),
        ("pemda-sekretariat", lambda: client.post(f"/rapat/{meeting().id}/koreksi"), "meeting.reopen"),
        # Finalising the correction makes version 2: one row again.
        (
            "pemda-pimpinan",
            lambda: client.post(f"/rapat/{meeting().id}/final", data={"reason": "Jumlah TPS diperbaiki."}),
            "meeting.finalise",
        ),
    ]
    walk(app, login_as, accounts, steps)
    done = meeting()
    assert (done.status, done.version, done.place) == (MeetingStatus.FINAL.value, 2, "Aula Kantor Bupati Belitung")
    assert [e.text for e in entries()] == [
        "363 personel siap mengamankan 452 TPS.",
        "Distribusi logistik ke TPS selesai H-1.",
    ]
    assert {p.name: p.attended_at is not None for p in db.exec(select(Participant)).all()} == {
        polri.name: True,
        kpu.name: True,
        "H. Syahrial": True,
    }


def test_the_letterhead_writes_one_sentence(app, client, login_as, accounts, db, clock):
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 30, 30)).save(png, "PNG")
    png.seek(0)
    steps = [
        (
            "admin",
            lambda: client.post(
                "/rapat/kop",
                data={
                    "agency": "PEMDA",
                    "line1": "PEMERINTAH KABUPATEN BELITUNG",
                    "line2": "SEKRETARIAT DAERAH",
                    "address": "Jl. Merdeka No. 3, Tanjungpandan 33411",
                    "city": "Tanjungpandan",
                    "logo": (png, "lambang.png"),
                },
                content_type="multipart/form-data",
            ),
            "meeting.letterhead",
        ),
    ]
    walk(app, login_as, accounts, steps)
    row = walk_rows(app)[-1]
    assert row.after == {"agency": "PEMDA", "line1": "PEMERINTAH KABUPATEN BELITUNG", "logo": True}
