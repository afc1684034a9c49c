"""Minutes can be corrected before finalising: own entries only, audited; unlisted speakers are flagged."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.meetings.models import AgendaItem, MinuteEntry
from tests.meetings.conftest import minute


@pytest.fixture
def frozen(monkeypatch, now):
    monkeypatch.setattr("app.clock.utcnow", lambda: now)
    return now


def _first_item(db, meeting):
    return db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)).first()


def test_author_corrects_and_removes_own_entry_while_draft(client, auth, people, make_meeting, db, frozen):
    meeting = make_meeting()
    item = _first_item(db, meeting)
    auth.login("pemda-sek")
    for text in ("Dandim melaporkan kesiapan 120 personel.", "Dandim melaporkan kesiapan 120 personel."):
        client.post(
            f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
            data=minute(item.id, kind="discussion", speaker="Letkol Inf Bambang Sutrisno", text=text),
        )
    first, duplicate = db.exec(
        select(MinuteEntry).where(MinuteEntry.meeting_id == meeting.id).order_by(MinuteEntry.id)
    ).all()
    page = client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert f'id="minute-{first.id}-edit"' in page
    assert f'id="minute-{first.id}-unlisted"' in page  # the speaker is not on the attendance list
    edit = client.post(
        f"/rapat/{meeting.id}/catatan/{first.id}/ubah",
        data={
            "edit-kind": "discussion",
            "edit-speaker": "Letkol Inf Bambang Sutrisno",
            "edit-text": "Dandim melaporkan kesiapan 125 personel.",
        },
    )
    assert edit.status_code == 303
    empty = client.post(
        f"/rapat/{meeting.id}/catatan/{first.id}/ubah", data={"edit-kind": "discussion", "edit-text": ""}
    )
    assert empty.status_code == 422
    assert client.post(f"/rapat/{meeting.id}/catatan/{duplicate.id}/hapus").status_code == 303
    db.expire_all()
    rows = db.exec(select(MinuteEntry).where(MinuteEntry.meeting_id == meeting.id)).all()
    assert [r.text for r in rows] == ["Dandim melaporkan kesiapan 125 personel."]
    actions = {a.action: a for a in db.exec(select(AuditLog).where(AuditLog.object_type == "meeting")).all()}
    # The audit log keeps who changed which entry and the text's length, never free text (docs/SECURITY.md).
    assert actions["meeting.minute_edit"].before["entry"] == first.id
    assert actions["meeting.minute_edit"].before["text_chars"] == len("Dandim melaporkan kesiapan 120 personel.")
    assert "meeting.minute_delete" in actions


def test_others_and_final_minutes_cannot_be_corrected(client, auth, people, make_meeting, db, frozen):
    meeting = make_meeting()
    item = _first_item(db, meeting)
    auth.login("pemda-sek")
    client.post(f"/rapat/{meeting.id}/agenda/{item.id}/catatan", data=minute(item.id, kind="discussion", text="A"))
    entry = db.exec(select(MinuteEntry).where(MinuteEntry.meeting_id == meeting.id)).one()
    auth.logout()
    auth.login("pemda-pim")  # the chair may write minutes, but not change the secretariat's entry
    assert client.post(f"/rapat/{meeting.id}/catatan/{entry.id}/hapus").status_code == 403
    assert f'id="minute-{entry.id}-edit"' not in client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
