"""The stream sends the board itself (issue 15's fan-out: no re-fetch per open board): the viewer's own board with
their filters and CSRF token, rendered once for viewers who see the same, caught up on reconnecting, the wall's
board for the wall, and woken by a late opening reported on the timeline."""

from __future__ import annotations

import re

from app.live import hub
from app.votingday import live_board
from tests.conftest import TEST_PASSWORD
from tests.votingday.test_board import add, at


def _stream(client, url="/hari-h/stream"):
    response = client.get(url, buffered=False)
    assert response.status_code == 200
    chunks = iter(response.response)
    assert next(chunks).decode().startswith("retry:")
    return response, chunks


def _html(message: str) -> str:
    """The HTML of one SSE message (its data lines joined, as the browser does)."""
    return "\n".join(line[6:] for line in message.splitlines() if line.startswith("data: "))


def _quick(app, monkeypatch):
    monkeypatch.setitem(app.config, "VOTINGDAY_HEARTBEAT", 0.3)
    monkeypatch.setitem(app.config, "VOTINGDAY_STREAM_MIN_INTERVAL", 0.0)


def test_the_stream_sends_the_board_with_the_checkin_and_the_viewers_own_token(
    app, client, login_as, accounts, places, clock, make_user, monkeypatch
):
    _quick(app, monkeypatch)
    renders = []
    real = live_board.render_template
    monkeypatch.setattr(live_board, "render_template", lambda name, **ctx: renders.append(name) or real(name, **ctx))
    make_user("kpu-petugas-2", agency="KPU", role="petugas", region_code="19.02.02")
    clock.now = at("07:50")  # voting had not started by 07.15 anywhere: each TPS may be reported late
    login_as("kpu-petugas")
    other = app.test_client()
    assert other.post("/masuk", data={"login": "kpu-petugas-2", "password": TEST_PASSWORD}).status_code == 303
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)  # the tokens in the pushed boards must work
    first, chunks = _stream(client, "/hari-h/stream?kecamatan=19.02.02&v=0-0-0")
    one = _html(next(chunks).decode())  # behind the data: the board at once
    first.close()
    add(app, accounts["kpu-petugas"], places["membalong1"], "tps_siap", "07:20")
    first, chunks = _stream(client, "/hari-h/stream?kecamatan=19.02.02")
    hub(app).publish_local("votingday", places["membalong1"].village_code)
    one = _html(next(chunks).decode())
    first.close()
    assert one.startswith('<div id="vd-board"')
    assert "07.20" in one  # the kecamatan's TPS rows, with the new step's time
    second, chunks = _stream(other, "/hari-h/stream?kecamatan=19.02.02&v=0-0-0")
    two = _html(next(chunks).decode())
    second.close()
    assert renders.count("votingday/_board.html") == 2  # before and after the check-in; not per viewer
    assert live_board.CSRF_SLOT not in one + two
    assert re.sub(r'value="[^"]+"', "", one) == re.sub(r'value="[^"]+"', "", two)

    tps = places["membalong1"].id
    token = re.findall(r'name="csrf_token" value="([^"]+)"', two)[0]
    assert other.post(f"/hari-h/tps/{tps}/terlambat", data={"csrf_token": "forged"}).status_code == 400
    assert other.post(f"/hari-h/tps/{tps}/terlambat", data={"csrf_token": token}).status_code == 303


def test_a_reconnect_catches_up_and_an_up_to_date_page_gets_nothing_twice(
    app, client, login_as, accounts, places, clock, monkeypatch
):
    _quick(app, monkeypatch)
    login_as("pemda-pimpinan")
    page = client.get("/hari-h").get_data(as_text=True)
    version = re.search(r'hari-h/stream\?v=([0-9-]+)"', page.replace("&amp;", "&")).group(1)

    response, chunks = _stream(client, f"/hari-h/stream?v={version}")
    assert next(chunks).decode().startswith("event: ping")  # the page is current: nothing to send
    response.close()

    add(app, accounts["polri-operator"], places["membalong1"], "petugas_tiba", "06:40")  # while disconnected
    response, chunks = _stream(client, f"/hari-h/stream?v={version}")
    board = _html(next(chunks).decode())
    assert board.startswith('<div id="vd-board"')
    assert "1<span" in board  # one TPS with its security arrival
    response.close()


def test_the_wall_stream_sends_the_wall_board(app, client, login_as, accounts, places, clock, monkeypatch):
    _quick(app, monkeypatch)
    login_as("pemda-pimpinan")
    wall = client.get("/hari-h/layar").get_data(as_text=True)
    assert 'id="vd-wall-live" hx-sse:connect="/hari-h/stream?layar=1' in wall
    response, chunks = _stream(client, "/hari-h/stream?layar=1")
    hub(app).publish_local("votingday", places["membalong1"].village_code)
    assert _html(next(chunks).decode()).startswith('<div id="vd-wall-board"')
    response.close()


def test_a_late_opening_reported_wakes_the_boards_and_shows_its_incident(
    app, client, login_as, accounts, places, clock, monkeypatch
):
    _quick(app, monkeypatch)
    clock.now = at("07:50")
    login_as("kpu-operator")
    response, chunks = _stream(client, "/hari-h/stream?kecamatan=19.02.02")
    tps = places["membalong1"].id
    assert client.post(f"/hari-h/tps/{tps}/terlambat").status_code == 303
    message = next(chunks).decode()
    assert not message.startswith("event: ping")  # woken by the report, not by the heartbeat
    assert re.search(r'href="/kerawanan/\d+"', _html(message))  # the button became the incident's link
    response.close()


def test_streams_woken_together_read_the_data_version_once(app, db, monkeypatch):
    """500 boards woken by one check-in share one read of the data's version; a later publish reads again, and a
    stream that subscribes later never reuses a read from before its subscription's last publish."""
    from app.votingday import board as boards

    reads = []
    real = boards.data_version
    monkeypatch.setattr(boards, "data_version", lambda session: reads.append(1) or real(session))
    the_hub = hub(app)
    with the_hub.subscribe("votingday") as one, the_hub.subscribe("votingday") as two:
        the_hub.publish_local("votingday", "19.02.02.2001")
        one.get(timeout=1), two.get(timeout=1)
        first = live_board.shared_version(app, db, one.seq)
        assert live_board.shared_version(app, db, two.seq) == first
        assert len(reads) == 1
        the_hub.publish_local("votingday", "19.02.02.2001")
        one.get(timeout=1)
        live_board.shared_version(app, db, one.seq)
        assert len(reads) == 2
        the_hub.publish_local("votingday", "19.02.02.2001")
        with the_hub.subscribe("votingday") as late:  # after a publish no stream has read after
            live_board.shared_version(app, db, late.seq)
        assert len(reads) == 3


def test_the_board_stream_stops_when_its_login_ends(app, client, login_as, accounts, places, monkeypatch):
    from sqlmodel import Session

    from app.auth import logins
    from app.auth.models import User
    from app.clock import utcnow
    from app.db import get_engine

    _quick(app, monkeypatch)
    login_as("pemda-pimpinan")
    response, chunks = _stream(client)
    assert next(chunks).decode().startswith("event: ping")
    with Session(get_engine(app, write=True)) as session:  # "log out everywhere" from another phone
        logins.end_all(session, session.get(User, accounts["pemda-pimpinan"].id), now=utcnow())
        session.commit()
    hub(app).publish_local("votingday", places["membalong1"].village_code)
    assert list(chunks) == []  # no board, no ping: the stream ended
    response.close()
