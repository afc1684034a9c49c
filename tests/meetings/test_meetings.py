"""Meetings: creation, bad input, permissions and scope, attendance and check-in, live minutes, actions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.meetings.models import Action, AgendaItem, Meeting, MinuteEntry, Participant
from tests.meetings.conftest import minute

FORM = {
    "title": "Rakor Logistik Pilkada",
    "kind": "logistik",
    "organiser_agency": "PEMDA",
    "day": "2024-11-27",
    "start": "14:00",
    "end": "16:00",
    "place": "Ruang Rapat Kesbangpol",
    "agenda": "Laporan logistik\nPemetaan AGHT\nKesiapan TPS",
    "chair_name": "Drs. Hendra Gunawan, M.Si.",
    "minute_name": "Sri Wahyuni, S.Sos.",
}


@pytest.fixture
def frozen(monkeypatch, now):
    """The routes' clock fixed at the suite's ``now`` (27 Nov 2024, 14.30 WIB)."""
    monkeypatch.setattr("app.clock.utcnow", lambda: now)
    return now


def test_secretariat_creates_meeting_with_agenda_and_participants(client, auth, people, db):
    auth.login("pemda-sek")
    response = client.post(
        "/rapat/baru", data={**FORM, "participants": [str(people["polri"].id), str(people["kpu"].id)]}
    )
    assert response.status_code == 303
    meeting = db.exec(select(Meeting)).one()
    assert response.headers["Location"].endswith(f"/rapat/{meeting.id}")
    # 14.00 WIB is 07.00 UTC
    assert meeting.starts_at.replace(tzinfo=UTC) == datetime(2024, 11, 27, 7, 0, tzinfo=UTC)
    items = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    assert [i.title for i in items] == ["Laporan logistik", "Pemetaan AGHT", "Kesiapan TPS"]
    assert {p.user_id for p in db.exec(select(Participant)).all()} == {people["polri"].id, people["kpu"].id}
    assert db.exec(select(AuditLog).where(AuditLog.action == "meeting.create")).first() is not None
    page = client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert "Rakor Logistik Pilkada" in page
    assert "Rabu, 27 November 2024" in page
    assert "14.00 WIB" in page


@pytest.mark.parametrize(
    ("override", "field_text"),
    [
        ({"end": "13:00"}, "Waktu selesai harus setelah waktu mulai."),
        ({"agenda": "x" * 5000}, "Acara 1 terlalu panjang: paling banyak 300 karakter."),
        ({"participants": ["999999"]}, "Peserta tidak dikenal: pilih peserta dari daftar."),
        ({"participants": ["abc"]}, "Peserta tidak dikenal: pilih peserta dari daftar."),
        ({"agenda": ""}, "Isi paling sedikit satu acara."),
        ({"title": ""}, "Isi topik rapat."),
        ({"day": "9999-12-31"}, "Pilih tanggal antara tahun 2000 dan 2100."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, auth, people, db, override, field_text):
    auth.login("pemda-sek")
    response = client.post("/rapat/baru", data={**FORM, **override})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert field_text in page
    assert "Ruang Rapat Kesbangpol" in page  # what the user typed is kept
    assert db.exec(select(Meeting)).first() is None


def test_a_double_tap_creates_one_meeting(client, auth, people, db):
    """Two taps on a slow line send the form twice with the page's one key (static/js/app.js): one meeting, and the
    second answer is the first one's redirect."""
    auth.login("pemda-sek")
    data = {**FORM, "idempotency_key": "rapat-baru-0001"}
    first = client.post("/rapat/baru", data=data)
    second = client.post("/rapat/baru", data=data)
    assert (first.status_code, second.status_code) == (303, 303)
    assert second.headers["Location"] == first.headers["Location"]
    assert second.headers.get("X-Replayed") == "1"
    assert len(db.exec(select(Meeting)).all()) == 1


def test_neighbour_user_cannot_be_invited(client, auth, people, db):
    auth.login("pemda-sek")
    response = client.post("/rapat/baru", data={**FORM, "participants": [str(people["beltim"].id)]})
    assert response.status_code == 422
    assert "Peserta tidak dikenal" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("username", "list_status", "sees"),
    [
        ("pemda-sek", 200, True),
        ("pemda-pim", 200, True),
        ("polri-op", 200, True),  # invited
        ("kpu-op", 200, True),
        ("bawaslu-op", 200, False),  # not invited, other agency
        ("adm", 200, True),
        ("beltim-op", 200, False),
        ("beltim-pim", 200, False),
    ],
)
def test_who_sees_the_meeting(client, auth, people, make_meeting, username, list_status, sees):
    meeting = make_meeting()
    auth.login(username)
    listing = client.get("/rapat")
    assert listing.status_code == list_status
    assert ("Rakor Pengamanan Pilkada" in listing.get_data(as_text=True)) is sees
    page = client.get(f"/rapat/{meeting.id}")
    assert page.status_code == (200 if sees else 403)
    pdf = client.get(f"/rapat/{meeting.id}/daftar-hadir.pdf")
    assert pdf.status_code == (200 if sees else 403)


def test_unknown_meeting_is_404(client, auth, people):
    auth.login("pemda-sek")
    assert client.get("/rapat/4242").status_code == 404


@pytest.mark.parametrize(
    ("username", "edit", "minutes"),
    [
        ("pemda-sek", True, True),
        ("pemda-pim", True, True),
        ("adm", True, True),
        ("polri-op", False, False),
        ("kpu-op", False, False),
        ("beltim-pim", False, False),
    ],
)
def test_only_organisers_edit(client, auth, people, make_meeting, db, username, edit, minutes):
    meeting = make_meeting()
    item = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    participant = db.exec(select(Participant)).first()
    auth.login(username)
    assert client.get(f"/rapat/{meeting.id}/ubah").status_code == (200 if edit else 403)
    tick = client.post(f"/rapat/{meeting.id}/hadir/{participant.id}", data={"present": "1"})
    assert tick.status_code == (303 if edit else 403)
    entry = client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan", data=minute(item.id, kind="discussion", text="Personel siap.")
    )
    assert entry.status_code == (303 if minutes else 403)
    assert client.post(f"/rapat/{meeting.id}/final").status_code in ((303,) if minutes else (403,))


def test_edit_form_keeps_values(client, auth, people, make_meeting):
    meeting = make_meeting()
    auth.login("pemda-sek")
    page = client.get(f"/rapat/{meeting.id}/ubah").get_data(as_text=True)
    assert "Distribusi logistik ke TPS" in page
    assert 'value="14:00"' in page
    response = client.post(
        f"/rapat/{meeting.id}/ubah",
        data={**FORM, "agenda": "Kesiapan personel\nDistribusi\nPemetaan\nLain-lain", "place": "Aula Polres"},
    )
    assert response.status_code == 303
    page = client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert "Aula Polres" in page
    assert "4. Lain-lain" in page


def test_attendance_tick_guest_and_self_checkin(client, auth, people, make_meeting, db, frozen):
    meeting = make_meeting()
    auth.login("polri-op")
    assert "I&#39;m here" not in client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    # the QR link shows a confirmation, the POST checks in
    confirm = client.get(f"/rapat/hadir?kode={meeting.checkin_code}")
    assert confirm.status_code == 200
    assert "Rakor Pengamanan Pilkada" in confirm.get_data(as_text=True)
    assert client.post("/rapat/hadir", data={"kode": meeting.checkin_code.lower()}).status_code == 303
    polri = db.exec(select(Participant).where(Participant.user_id == people["polri"].id)).one()
    assert polri.attended_at.replace(tzinfo=UTC) == frozen
    wrong = client.post("/rapat/hadir", data={"kode": "ZZZZZZ"})
    assert wrong.status_code == 422
    assert "Tidak ada rapat dengan kode ini" in wrong.get_data(as_text=True)
    auth.logout()
    auth.login("bawaslu-op")  # not invited
    refused = client.post("/rapat/hadir", data={"kode": meeting.checkin_code})
    assert refused.status_code == 422
    auth.logout()
    auth.login("pemda-sek")
    guest = client.post(
        f"/rapat/{meeting.id}/tamu",
        data={"name": "H. Syahrial", "position": "Ketua FKUB", "agency": "FKUB", "phone": "0813", "present": "y"},
        headers={"HX-Request": "true"},
    )
    assert guest.status_code == 200
    body = guest.get_data(as_text=True)
    assert "H. Syahrial" in body
    assert 'hx-swap-oob="true"' in body
    assert "2 dari 3 hadir" in body
    bad_guest = client.post(f"/rapat/{meeting.id}/tamu", data={"name": ""}, headers={"HX-Request": "true"})
    assert bad_guest.status_code == 422
    assert "Isi nama tamu." in bad_guest.get_data(as_text=True)


def test_checkin_closed_outside_the_meeting(client, auth, people, make_meeting, monkeypatch):
    meeting = make_meeting()
    monkeypatch.setattr("app.clock.utcnow", lambda: datetime(2024, 11, 28, 7, 0, tzinfo=UTC))
    auth.login("polri-op")
    response = client.post("/rapat/hadir", data={"kode": meeting.checkin_code})
    assert response.status_code == 422
    assert "Presensi rapat ini sudah ditutup." in response.get_data(as_text=True)


def test_two_writers_on_different_items_both_survive(app, client, people, make_meeting, db, frozen):
    meeting = make_meeting()
    items = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)).all()
    other = app.test_client()
    from tests.conftest import TEST_PASSWORD

    client.post("/masuk", data={"login": "pemda-sek", "password": TEST_PASSWORD})
    other.post("/masuk", data={"login": "pemda-pim", "password": TEST_PASSWORD})
    # both pages were loaded before either wrote; each sends only its own contribution
    client.get(f"/rapat/{meeting.id}")
    other.get(f"/rapat/{meeting.id}")
    a = client.post(
        f"/rapat/{meeting.id}/agenda/{items[0].id}/catatan",
        headers={"HX-Request": "true"},
        data=minute(
            items[0].id,
            kind="discussion",
            speaker="Kapolres",
            speaker_role="Polri",
            text="363 personel siap mengamankan 452 TPS.",
        ),
    )
    b = other.post(
        f"/rapat/{meeting.id}/agenda/{items[1].id}/catatan",
        headers={"HX-Request": "true"},
        data=minute(items[1].id, kind="decision", text="Distribusi logistik selesai H-1."),
    )
    c = other.post(
        f"/rapat/{meeting.id}/agenda/{items[0].id}/catatan",
        headers={"HX-Request": "true"},
        data=minute(items[0].id, kind="discussion", text="Netralitas personel dijaga."),
    )
    assert a.status_code == b.status_code == c.status_code == 200
    texts = {e.text for e in db.exec(select(MinuteEntry)).all()}
    assert texts == {
        "363 personel siap mengamankan 452 TPS.",
        "Distribusi logistik selesai H-1.",
        "Netralitas personel dijaga.",
    }
    partial = client.get(f"/rapat/{meeting.id}/agenda/{items[0].id}/catatan").get_data(as_text=True)
    assert "363 personel" in partial
    assert "Netralitas personel" in partial
    empty = client.post(
        f"/rapat/{meeting.id}/agenda/{items[0].id}/catatan",
        headers={"HX-Request": "true"},
        data=minute(items[0].id, kind="discussion", speaker="Dandim", text=""),
    )
    assert empty.status_code == 422
    assert "Tulis apa yang disampaikan atau diputuskan." in empty.get_data(as_text=True)
    assert 'value="Dandim"' in empty.get_data(as_text=True)


def test_minutes_notify_the_meeting_channel(app, client, auth, people, make_meeting, db, frozen):
    from app.live import hub

    meeting = make_meeting()
    item = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    auth.login("pemda-sek")
    with app.app_context():
        sub = hub().subscribe(f"meeting-{meeting.id}")
        if hub().uses_postgres:
            assert hub().listener_ready.wait(5)
    try:
        client.post(
            f"/rapat/{meeting.id}/agenda/{item.id}/catatan", data=minute(item.id, kind="discussion", text="Siap.")
        )
        assert sub.get(timeout=5) == f"item-{item.id}"
    finally:
        sub.close()


def test_user_input_is_escaped(client, auth, people, make_meeting, db):
    meeting = make_meeting()
    item = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    auth.login("pemda-sek")
    client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
        data=minute(item.id, kind="discussion", text="<script>alert(1)</script>"),
    )
    page = client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_actions_carry_over_and_close_records_who(client, auth, people, make_meeting, db, frozen):
    first = make_meeting(day=date(2024, 11, 20))
    auth.login("pemda-sek")
    response = client.post(
        f"/rapat/{first.id}/tindak-lanjut",
        data={
            "what": "Petakan TPS rawan banjir",
            "owner_agency": "KPU",
            "person": "Nurul Hidayah",
            "due_date": "2024-11-25",
        },
    )
    assert response.status_code == 303
    client.post(f"/rapat/{first.id}/tindak-lanjut", data={"what": "", "owner_agency": "KPU"})
    second = make_meeting(day=date(2024, 11, 27))
    page = client.get(f"/rapat/{second.id}").get_data(as_text=True)
    assert "Tindak lanjut terbuka dari rapat sebelumnya" in page
    assert "Petakan TPS rawan banjir" in page
    assert "Terlambat" in page
    auth.logout()
    auth.login("kpu-op")
    dashboard = client.get("/").get_data(as_text=True)
    assert "Petakan TPS rawan banjir" in dashboard
    assert "1 tindak lanjut terlambat" in dashboard
    action = db.exec(select(Action)).one()
    assert client.post(f"/rapat/tindak-lanjut/{action.id}", data={"done": "1"}).status_code == 303
    db.refresh(action)
    assert action.status == "done"
    assert action.closed_by_id == people["kpu"].id
    assert action.closed_at.replace(tzinfo=UTC) == frozen
    auth.logout()
    auth.login("bawaslu-op")  # another agency's operator may not close it
    assert client.post(f"/rapat/tindak-lanjut/{action.id}", data={"done": "0"}).status_code == 403
    csv = client.get(f"/rapat/{first.id}/tindak-lanjut.csv")
    assert csv.status_code == 403  # bawaslu-op does not see the meeting
    auth.logout()
    auth.login("pemda-sek")
    csv = client.get(f"/rapat/{first.id}/tindak-lanjut.csv").get_data(as_text=True)
    assert "Petakan TPS rawan banjir" in csv
    assert "2024-11-25" in csv
    assert "Selesai" in csv


def test_reminder_30_minutes_before(app, people, make_meeting, db):
    from app.meetings.reminders import starting_soon

    meeting = make_meeting()  # 07.00 UTC
    with app.test_request_context():
        assert starting_soon(db, datetime(2024, 11, 27, 6, 0, tzinfo=UTC)) == []
        reminders = starting_soon(db, datetime(2024, 11, 27, 6, 35, tzinfo=UTC))
    assert [r.key for r in reminders] == [f"meeting:{meeting.id}:start"]
    assert set(reminders[0].user_ids) == {people["polri"].id, people["kpu"].id}
    assert "14.00 WIB" in reminders[0].title


def test_csrf_is_required(app, client, auth, people, make_meeting, db, monkeypatch):
    meeting = make_meeting()
    item = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    auth.login("pemda-sek")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan", data=minute(item.id, kind="discussion", text="x")
    )
    assert response.status_code == 400
    assert db.exec(select(MinuteEntry)).first() is None


def test_a_resent_minute_is_stored_once(client, auth, people, make_meeting, db):
    meeting = make_meeting()
    item = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    auth.login("pemda-sek")
    for _ in range(2):  # the outbox resends after a dropped connection
        response = client.post(
            f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
            data=minute(item.id, kind="discussion", text="Sekali saja."),
            headers={"Idempotency-Key": "9f1c2d3e-aaaa-4bbb-8ccc-123456789abc"},
        )
        assert response.status_code == 303
    assert len(db.exec(select(MinuteEntry)).all()) == 1


def test_timeline_entries_link_into_the_minutes_when_the_timeline_is_installed(
    app, client, auth, people, make_meeting, db, monkeypatch
):
    from app.meetings.models import TimelineReference
    from app.registry import registry_of

    registry = registry_of(app)

    meeting = make_meeting()
    auth.login("pemda-sek")
    monkeypatch.delitem(registry.providers, "timeline_entries_between", raising=False)
    page = client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert "Linimasa tidak tersedia di instalasi ini" in page  # no timeline feature: said, not broken
    calls = []

    def entries_between(session, user, region_code, start, end):
        calls.append((user.username, region_code, start, end))
        return [{"id": 41, "posted_at": start, "text": "Kekurangan surat suara di TPS 003 Membalong"}]

    monkeypatch.setitem(registry.providers, "timeline_entries_between", entries_between)
    page = client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert "Kekurangan surat suara di TPS 003 Membalong" in page
    assert calls[0][:2] == ("pemda-sek", "19.02")
    assert client.post(f"/rapat/{meeting.id}/referensi", data={"entry_id": "99"}).status_code == 422
    assert client.post(f"/rapat/{meeting.id}/referensi", data={"entry_id": "41"}).status_code == 303
    ref = db.exec(select(TimelineReference)).one()
    assert ref.entry_id == 41
    assert ref.snapshot == "Kekurangan surat suara di TPS 003 Membalong"
    from tests.meetings.test_notula_pdf import _text

    text = "\n".join(_text(client.get(f"/rapat/{meeting.id}/notula.pdf").data))
    assert "REFERENSI LINIMASA" in text
    assert "Kekurangan surat suara di TPS 003 Membalong" in text


def test_stream_is_scoped_and_starts_with_a_retry_hint(client, auth, people, make_meeting):
    meeting = make_meeting()
    auth.login("beltim-op")
    assert client.get(f"/rapat/{meeting.id}/stream").status_code == 403
    auth.logout()
    auth.login("polri-op")
    response = client.get(f"/rapat/{meeting.id}/stream", buffered=False)
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    first = next(iter(response.response))
    assert first.startswith(b"retry:") or first.startswith("retry:")
    response.close()
