"""Each save on a meeting says so in Indonesian: next to the form htmx swapped in place, or at the top of the page
a plain form post lands on."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.meetings.models import AgendaItem, MinuteEntry
from tests.meetings.conftest import minute

HTMX = {"HX-Request": "true"}
ACTION = {
    "what": "Petakan TPS rawan banjir",
    "owner_agency": "KPU",
    "person": "Nurul Hidayah",
    "due_date": "2024-11-28",
}
GUEST = {"name": "H. Syahrial", "position": "Ketua FKUB", "agency": "FKUB", "phone": "0813", "present": "y"}


@pytest.fixture
def frozen(monkeypatch, now):
    monkeypatch.setattr("app.clock.utcnow", lambda: now)
    return now


@pytest.fixture
def meeting(make_meeting, auth, people, frozen):
    auth.login("pemda-sek")
    return make_meeting()


def _first_item(db, meeting) -> AgendaItem:
    return db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)).first()


def test_minute_entry_confirmed_inside_the_swapped_form(client, db, meeting):
    item = _first_item(db, meeting)
    response = client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
        data=minute(item.id, kind="discussion", text="Siap."),
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    form = body.split(f'id="item-{item.id}-form"', 1)[1].split("</form>", 1)[0]
    assert f'id="item-{item.id}-flashes"' in form
    assert "Catatan ditambahkan ke notula pada agenda 1." in form
    # shown once: the next page does not repeat it
    assert "Catatan ditambahkan ke notula" not in client.get(f"/rapat/{meeting.id}").get_data(as_text=True)


def test_minute_entry_confirmed_after_a_plain_post(client, db, meeting):
    item = _first_item(db, meeting)
    response = client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
        data=minute(item.id, kind="discussion", text="Siap."),
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert page.count("Catatan ditambahkan ke notula pada agenda 1.") == 1  # at the top, not in the form as well


def test_refused_minute_entry_has_no_confirmation(client, db, meeting):
    item = _first_item(db, meeting)
    response = client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan", data=minute(item.id, kind="discussion", text=""), headers=HTMX
    )
    assert response.status_code == 422
    assert "Catatan ditambahkan" not in response.get_data(as_text=True)


def test_corrected_minute_entry_is_confirmed(client, db, meeting):
    item = _first_item(db, meeting)
    client.post(f"/rapat/{meeting.id}/agenda/{item.id}/catatan", data=minute(item.id, kind="discussion", text="Siap."))
    entry = db.exec(select(MinuteEntry)).one()
    response = client.post(
        f"/rapat/{meeting.id}/catatan/{entry.id}/ubah",
        data={"edit-kind": "discussion", "edit-text": "Siap 125 personel."},
        follow_redirects=True,
    )
    assert "Catatan notula telah diperbaiki." in response.get_data(as_text=True)


def test_action_confirmed_inside_the_open_action_form(client, meeting):
    response = client.post(f"/rapat/{meeting.id}/tindak-lanjut", data=ACTION, headers=HTMX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    details = body.split('id="action-form"', 1)[1].split("</details>", 1)[0]
    assert details.startswith(" open>")  # a closed <details> would hide the message
    assert "Tindak lanjut ditambahkan ke notula." in details


def test_action_confirmed_after_a_plain_post(client, meeting):
    response = client.post(f"/rapat/{meeting.id}/tindak-lanjut", data=ACTION, follow_redirects=True)
    assert "Tindak lanjut ditambahkan ke notula." in response.get_data(as_text=True)


def test_guest_confirmed_inside_the_open_guest_form(client, meeting):
    response = client.post(f"/rapat/{meeting.id}/tamu", data=GUEST, headers=HTMX)
    assert response.status_code == 200
    details = response.get_data(as_text=True).split('id="guest-form"', 1)[1].split("</details>", 1)[0]
    assert details.startswith(" open>")
    assert "H. Syahrial ditambahkan ke daftar hadir." in details


def test_linked_timeline_entry_is_confirmed(app, client, meeting, monkeypatch):
    from app.registry import registry_of

    def entries_between(session, user, region_code, start, end):
        return [{"id": 41, "posted_at": start, "text": "Kekurangan surat suara di TPS 003 Membalong"}]

    monkeypatch.setitem(registry_of(app).providers, "timeline_entries_between", entries_between)
    response = client.post(f"/rapat/{meeting.id}/referensi", data={"entry_id": "41"}, follow_redirects=True)
    assert "Entri linimasa ditautkan ke notula." in response.get_data(as_text=True)
