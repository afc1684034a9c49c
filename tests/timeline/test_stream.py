"""The SSE stream in-process: headers, retry, Last-Event-ID replay, live delivery, named heartbeat, and
restricted entries never sent to viewers outside the chosen agencies."""

from __future__ import annotations

import threading

import pytest

from app.timeline import services
from app.timeline.feed import feed

SECRET = "Rahasia Polri-TNI: patroli tambahan ke PPK."


class Stream:
    """Reads a streaming test response chunk by chunk (each chunk is one SSE block)."""

    def __init__(self, response):
        self.response = response
        self.chunks = iter(response.response)

    def next(self) -> str:
        chunk = next(self.chunks)
        return chunk.decode() if isinstance(chunk, bytes) else chunk

    def close(self):
        self.response.close()


@pytest.fixture
def fast_heartbeat(app, monkeypatch):
    monkeypatch.setitem(app.config, "TIMELINE_HEARTBEAT", 0.3)


def open_stream(client, **headers) -> Stream:
    response = client.get("/linimasa/stream", headers=headers, buffered=False)
    assert response.status_code == 200
    return Stream(response)


def test_headers_retry_and_replay_from_last_event_id(client, auth, people, make_entry, fast_heartbeat):
    first = make_entry(people["polri-operator"], text="Apel gelar pasukan selesai.")
    make_entry(people["polri-operator"], text=SECRET, visible_to=["TNI"])
    third = make_entry(people["kpu-operator"], text="Distribusi logistik tahap akhir.")
    auth.login("kpu-operator")
    stream = open_stream(client, **{"Last-Event-ID": str(first.id - 1)})
    try:
        assert stream.response.headers["Content-Type"].startswith("text/event-stream")
        assert stream.response.headers["X-Accel-Buffering"] == "no"
        assert stream.response.headers["Cache-Control"].startswith("no-cache")
        assert stream.next().startswith("retry: ")
        replay = stream.next()
        assert replay.startswith(f"id: {third.id}\n")
        assert "Apel gelar pasukan selesai." in replay
        assert "Distribusi logistik tahap akhir." in replay
        assert SECRET not in replay
        assert all(line.startswith(("id: ", "data: ")) for line in replay.strip().splitlines())
        assert stream.next() == "event: ping\ndata: \n\n"  # named heartbeat while nothing happens
    finally:
        stream.close()


def _post_later(make_entry, author, delay=0.2, **kw):
    def run():
        import time

        time.sleep(delay)
        make_entry(author, **kw)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.parametrize(("viewer", "sees_secret"), [("kpu-operator", False), ("tni-operator", True)])
def test_live_entries_reach_only_viewers_who_may_see_them(
    client, auth, people, make_entry, fast_heartbeat, viewer, sees_secret
):
    make_entry(people["kpu-operator"], text="Pembuka.")
    auth.login(viewer)
    stream = open_stream(client)
    try:
        assert stream.next().startswith("retry: ")
        thread = _post_later(make_entry, people["polri-operator"], text=SECRET, visible_to=["TNI"])
        thread.join()
        public = _post_later(make_entry, people["polri-operator"], text="Situasi umum aman.")
        received = ""
        for _ in range(10):
            chunk = stream.next()
            received += chunk
            if "Situasi umum aman." in chunk:
                break
        public.join()
        assert "Situasi umum aman." in received
        assert (SECRET in received) is sees_secret
    finally:
        stream.close()


def test_status_change_redraws_the_incident_card_live(
    app, client, auth, db, now, people, tps, make_incident, fast_heartbeat
):
    entry = make_incident(people["polri-petugas"], tps["membalong1"])
    auth.login("polri-petugas")
    stream = open_stream(client)
    try:
        assert stream.next().startswith("retry: ")

        def handle():
            with app.app_context():
                services.change_status(db, entry, "ditangani", actor=people["kpu-operator"], now=now)
                db.commit()

        thread = threading.Thread(target=handle)
        thread.start()
        thread.join()
        chunk = ""
        for _ in range(10):
            chunk = stream.next()
            if chunk.startswith("id: "):
                break
        assert f'id="entry-{entry.id}"' in chunk
        assert "tl-status-ditangani" in chunk
    finally:
        stream.close()


def test_neighbour_stream_gets_nothing_of_belitung(client, auth, people, make_entry, fast_heartbeat):
    auth.login("beltim-polri-operator")
    stream = open_stream(client)
    try:
        assert stream.next().startswith("retry: ")
        _post_later(make_entry, people["kpu-operator"], text="Belitung saja.").join()
        assert stream.next() == "event: ping\ndata: \n\n"
        assert stream.next() == "event: ping\ndata: \n\n"
    finally:
        stream.close()


def test_feed_reads_each_change_once_for_all_streams(app, people, make_entry):
    entries = [make_entry(people["kpu-operator"], text=f"Laporan {i}") for i in range(3)]
    shared = feed(app)
    base = entries[0].id - 1
    first = shared.changes_after(base, entries[-1].id)
    again = shared.changes_after(base, entries[-1].id)
    assert [c.row_id for c in first] == [e.id for e in entries]
    assert [c.card.id for c in again] == [e.id for e in entries]
    assert first[0] is again[0]  # served from the shared read, not a second query


def _end_logins(app, user_id: int, actor_id: int, how: str) -> None:
    """End the viewer's logins as the app does: deactivation by an admin, or "log out everywhere"."""
    from sqlmodel import Session

    from app.auth import logins
    from app.auth.models import User
    from app.auth.services import set_active
    from app.clock import utcnow
    from app.db import get_engine

    with app.app_context(), Session(get_engine(app, write=True)) as session:
        user = session.get(User, user_id)
        if how == "deactivated":
            set_active(session, user, False, actor=session.get(User, actor_id), now=utcnow())
        else:
            logins.end_all(session, user, now=utcnow())
        session.commit()


@pytest.mark.parametrize("how", ["deactivated", "logged out everywhere"])
def test_a_stream_stops_when_its_login_ends(app, client, auth, people, make_entry, fast_heartbeat, how):
    """The stream outlives its request: once the login ends, nothing more reaches it (an audit read an entry
    posted after the account was deactivated on its still-open stream)."""
    make_entry(people["kpu-operator"], text="Pembuka.")
    auth.login("kpu-operator")
    stream = open_stream(client)
    try:
        assert stream.next().startswith("retry: ")
        assert stream.next().startswith("event: ping")  # the stream is waiting for news
        _end_logins(app, people["kpu-operator"].id, people["polri-operator"].id, how)
        make_entry(people["polri-operator"], text="ZZAFTERDEACT dikirim sesudahnya.")
        rest = "".join(chunk.decode() if isinstance(chunk, bytes) else chunk for chunk in stream.chunks)
        assert "ZZAFTERDEACT" not in rest  # and the stream ended: the join above returned
    finally:
        stream.close()
