"""Offline reports keep the time they were written: the phone's stamps, their bounds, the order of the
timeline and of follow-ups, status steps and durations by event time, and the live cursor still by id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.i18n import format_local
from app.timeline import queries, services
from app.timeline.models import Entry
from app.timeline.services.event_time import EventTime, event_time
from app.timeline.summary import summarise

NOW = datetime(2024, 11, 27, 10, 7, tzinfo=UTC)


def iso(dt: datetime) -> str:
    return dt.isoformat().replace("+00:00", "Z")


@pytest.mark.parametrize(
    ("occurred", "sent", "expected", "clamped"),
    [
        (None, None, NOW, False),  # sent without JavaScript, at once
        (NOW - timedelta(minutes=3), NOW, NOW - timedelta(minutes=3), False),  # written offline 3 minutes earlier
        # the phone's clock is two hours fast: the delay measured on it still gives the right time
        (NOW + timedelta(hours=2, minutes=-3), NOW + timedelta(hours=2), NOW - timedelta(minutes=3), False),
        (NOW + timedelta(hours=5), NOW + timedelta(hours=5), NOW, False),  # a fast clock sending at once
        (NOW, NOW - timedelta(seconds=30), NOW, False),  # clock set back a little between writing and sending
        (NOW, NOW - timedelta(minutes=10), NOW, True),  # set back more than the skew: unusable, marked
        (NOW - timedelta(days=20), NOW, NOW, True),  # older than the outbox's limit: time received, marked
        (NOW - timedelta(days=13), NOW, NOW - timedelta(days=13), False),
    ],
)
def test_event_time_from_the_phones_stamps(occurred, sent, expected, clamped):
    result = event_time(NOW, occurred and iso(occurred), sent and iso(sent))
    assert result == EventTime(expected, clamped)


@pytest.mark.parametrize(
    ("occurred", "expected", "clamped"),
    [
        (NOW - timedelta(minutes=10), NOW - timedelta(minutes=10), False),
        (NOW + timedelta(minutes=1), NOW, False),  # within the clock skew: never after its arrival
        (NOW + timedelta(minutes=5), NOW, True),  # in the future beyond the skew
        (NOW - timedelta(days=15), NOW, True),
    ],
)
def test_event_time_without_a_send_stamp_is_bounded(occurred, expected, clamped):
    assert event_time(NOW, iso(occurred)) == EventTime(expected, clamped)


@pytest.mark.parametrize("bad", ["kemarin", "2024-11-27T10:00:00", "9" * 50])
def test_malformed_or_zoneless_phone_time_is_replaced_and_marked(bad):
    assert event_time(NOW, bad, iso(NOW)) == EventTime(NOW, True)


def test_post_written_offline_shows_its_time_and_when_it_was_sent(client, auth, people, tps, db):
    auth.login("polri-petugas")
    real_now = datetime.now(UTC)
    phone = real_now + timedelta(hours=1)  # this phone's clock is an hour fast
    response = client.post(
        "/linimasa",
        data={
            "kind": "info",
            "text": "Ditulis tanpa sinyal di TPS 001.",
            "visibility": "all",
            "occurred_at": iso(phone - timedelta(minutes=3)),
            "sent_at": iso(phone),
        },
    )
    assert response.status_code == 303
    entry = db.exec(select(Entry)).one()
    written = entry.created_at - entry.occurred_at
    assert timedelta(minutes=2, seconds=55) <= written <= timedelta(minutes=3, seconds=5)
    assert not entry.occurred_at_clamped
    page = client.get("/linimasa").get_data(as_text=True)
    assert 'class="tl-sent-at"' in page
    assert "terkirim" in page
    assert f'datetime="{entry.occurred_at.isoformat()}"' in page


def test_post_sent_at_once_has_no_sent_note(client, auth, people, db):
    auth.login("polri-petugas")
    stamp = iso(datetime.now(UTC))
    client.post(
        "/linimasa", data={"kind": "info", "text": "Aman.", "visibility": "all", "occurred_at": stamp, "sent_at": stamp}
    )
    assert 'class="tl-sent-at"' not in client.get("/linimasa").get_data(as_text=True)


def test_unusable_phone_time_is_received_time_and_marked(client, auth, people, db):
    auth.login("polri-petugas")
    response = client.post(
        "/linimasa",
        data={
            "kind": "info",
            "text": "Jam ponsel salah.",
            "visibility": "all",
            "occurred_at": "bukan waktu",
            "sent_at": "",
        },
    )
    assert response.status_code == 303  # the report is never lost for a hidden field the user cannot fix
    entry = db.exec(select(Entry)).one()
    assert entry.occurred_at_clamped
    assert entry.occurred_at == entry.created_at
    assert "jam ponsel tidak dapat dipakai" in client.get("/linimasa").get_data(as_text=True)


def test_timeline_is_in_event_order_but_the_cursor_is_arrival(db, now, people, make_entry):
    officer = people["polri-petugas"]
    first = make_entry(officer, text="Dikirim langsung pukul 10.00.")
    late = make_entry(
        officer,
        now=now + timedelta(minutes=10),
        text="Ditulis 09.50 tanpa sinyal.",
        occurred=EventTime(now - timedelta(minutes=10)),
    )
    viewer = people["kpu-operator"]
    rows, _more = queries.page(db, viewer, queries.Filters())
    assert [e.id for e in rows] == [first.id, late.id]  # newest event first
    cards, cursor = queries.changes_after(db, viewer, first.id)  # a phone that had seen the first entry
    assert [c.id for c in cards] == [late.id]  # the late one is still delivered
    assert cursor == late.id


def test_keyset_pages_follow_event_order(db, now, people, make_entry):
    officer = people["polri-petugas"]
    made = [
        make_entry(
            officer,
            now=now + timedelta(minutes=i),
            text=f"Laporan {i}.",
            occurred=EventTime(now - timedelta(minutes=5 * i)),
        )
        for i in range(5)
    ]
    viewer = people["kpu-operator"]
    page1, more = queries.page(db, viewer, queries.Filters(), limit=2)
    page2, more2 = queries.page(db, viewer, queries.Filters(), before=more, limit=2)
    page3, more3 = queries.page(db, viewer, queries.Filters(), before=more2, limit=2)
    assert [e.id for e in page1 + page2 + page3] == [e.id for e in made]  # made[0] happened last
    assert more3 is None


def test_status_change_written_offline_counts_from_its_own_time(app, db, now, people, tps, make_incident):
    report = make_incident(people["polri-petugas"], tps["membalong1"], occurred=EventTime(now - timedelta(minutes=20)))
    kpu = people["kpu-operator"]
    with app.app_context():
        services.change_status(
            db,
            report,
            "ditangani",
            actor=kpu,
            now=now + timedelta(minutes=30),
            occurred=EventTime(now - timedelta(minutes=5)),
        )
        # a phone whose time lies before the report: never before what it follows
        services.add_followup(
            db,
            report,
            author=kpu,
            text="Sudah di lokasi.",
            now=now + timedelta(minutes=31),
            occurred=EventTime(now - timedelta(hours=1)),
        )
        db.commit()
    assert report.handled_at == now - timedelta(minutes=5)
    thread = queries.followups(db, report)
    assert [f.occurred_at for f in thread] == [now - timedelta(minutes=20), now - timedelta(minutes=5)]
    assert thread[1].created_at == now + timedelta(minutes=30)
    local_day = (now + timedelta(hours=7)).date()
    result = summarise(db, kpu, local_day, local_day)
    assert result.durations.median_handle == 15


def test_csv_gives_the_event_time_and_the_time_received(app, client, auth, people, db):
    auth.login("polri-petugas")
    real_now = datetime.now(UTC)
    client.post(
        "/linimasa",
        data={
            "kind": "kerawanan",
            "text": "Ditulis tanpa sinyal.",
            "visibility": "all",
            "category": "op.ktp_ganda",
            "severity": "sedang",
            "occurred_at": iso(real_now - timedelta(hours=2)),
            "sent_at": iso(real_now),
        },
    )
    entry = db.exec(select(Entry)).one()
    auth.logout()
    auth.login("bawaslu-pimpinan")
    day = (entry.occurred_at + timedelta(hours=7)).date().isoformat()
    rows = client.get(f"/linimasa/kerawanan.csv?dari={day}").get_data(as_text=True).splitlines()
    assert rows[0].endswith("Diterima server pada")
    with app.test_request_context():
        reported, received = (
            format_local(entry.occurred_at, entry.region_code),
            format_local(entry.created_at, entry.region_code),
        )
    assert reported != received
    assert rows[1].startswith(f'{entry.id},"{reported}",')
    assert rows[1].endswith(f'"{received}"')


def test_a_page_cursor_the_viewer_may_not_see_gives_nothing(db, now, people, make_entry):
    hidden = make_entry(people["polri-petugas"], text="Hanya untuk Polri.", visible_to=["POLRI"])
    make_entry(people["polri-petugas"], now=now - timedelta(minutes=5), text="Untuk semua.")
    rows, more = queries.page(db, people["kpu-operator"], queries.Filters(), before=hidden.id)
    assert (rows, more) == ([], None)  # the hidden entry's time does not leak through the page
