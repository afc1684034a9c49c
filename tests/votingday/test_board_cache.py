"""The board is built once for all viewers of one scope until something it shows changes (a check-in, a TPS, the
minute), and the stream sends the first check-in after a quiet spell at once (issue 15: fan-out)."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from app.live import hub
from app.votingday import board as boards
from tests.conftest import TEST_PASSWORD
from tests.votingday.test_board import add, at


def _count_builds(monkeypatch) -> list[str]:
    built: list[str] = []
    real = boards.build

    def counting(session, user, now, **kw):
        built.append(user.region_code)
        return real(session, user, now, **kw)

    monkeypatch.setattr(boards, "build", counting)
    return built


def test_viewers_of_one_scope_share_the_board_until_a_checkin(
    app, client, login_as, accounts, places, clock, monkeypatch
):
    built = _count_builds(monkeypatch)
    for viewer in ("pemda-pimpinan", "kpu-operator", "polri-operator"):  # all three see kabupaten 19.02
        login_as(viewer)
        assert client.get("/hari-h/papan").status_code == 200
    assert built == ["19.02"]

    add(app, accounts["kpu-petugas"], places["membalong1"], "tps_siap", "06:55")
    board = client.get("/hari-h/papan").get_data(as_text=True)
    assert built == ["19.02", "19.02"]  # the check-in is seen at once
    assert 'id="vd-board"' in board or "TPS" in board

    login_as("beltim-pemda-pimpinan")  # another kabupaten: a board of its own
    client.get("/hari-h/papan")
    assert built == ["19.02", "19.02", "19.06"]

    clock.now += timedelta(minutes=1)  # a new minute: steps may have fallen due
    login_as("pemda-pimpinan")
    client.get("/hari-h/papan")
    assert built[-1] == "19.02"
    assert len(built) == 4


def test_a_filter_is_a_board_of_its_own(app, client, login_as, accounts, places, clock, monkeypatch):
    built = _count_builds(monkeypatch)
    login_as("pemda-pimpinan")
    client.get("/hari-h/papan")
    client.get("/hari-h/papan?kecamatan=19.02.02")
    client.get("/hari-h/papan?kecamatan=19.02.02")
    client.get("/hari-h/papan?langkah=tps_siap")
    assert len(built) == 3


def test_the_first_checkin_after_a_quiet_spell_is_told_at_once(app, client, login_as, accounts, places, monkeypatch):
    monkeypatch.setitem(app.config, "VOTINGDAY_HEARTBEAT", 5.0)
    monkeypatch.setitem(app.config, "VOTINGDAY_STREAM_MIN_INTERVAL", 3.0)  # a long pause: it must not delay this
    login_as("polri-operator")
    response = client.get("/hari-h/stream", buffered=False)
    chunks = iter(response.response)
    assert next(chunks).decode().startswith("retry:")
    hub(app).publish_local("votingday", "19.02.02.2001")
    started = time.monotonic()
    assert 'id="vd-board"' in next(chunks).decode()
    assert time.monotonic() - started < 1.0
    add(app, accounts["polri-operator"], places["membalong1"], "petugas_tiba", "06:40")
    hub(app).publish_local("votingday", "19.02.02.2001")  # right after: one re-draw per pause at most
    started = time.monotonic()
    assert 'id="vd-board"' in next(chunks).decode()
    assert time.monotonic() - started >= 2.5
    response.close()


def test_a_wakeup_that_changes_nothing_sends_nothing(app, client, login_as, accounts, places, monkeypatch):
    monkeypatch.setitem(app.config, "VOTINGDAY_HEARTBEAT", 0.5)
    monkeypatch.setitem(app.config, "VOTINGDAY_STREAM_MIN_INTERVAL", 0.0)
    login_as("polri-operator")
    response = client.get("/hari-h/stream", buffered=False)
    chunks = iter(response.response)
    assert next(chunks).decode().startswith("retry:")
    hub(app).publish_local("votingday", "19.02.02.2001")
    assert 'id="vd-board"' in next(chunks).decode()
    hub(app).publish_local("votingday", "19.02.02.2001")  # the same board: not sent again
    assert next(chunks).decode().startswith("event: ping")
    response.close()


def test_the_fragment_is_rendered_once_and_each_viewer_gets_a_working_token_of_their_own(
    app, client, login_as, accounts, places, clock, make_user, monkeypatch
):
    """Two KPU officers of one kecamatan re-fetch the board: it is rendered once, each page carries the viewer's
    own CSRF token (the slot never shows), and that token reports the late opening from the fragment."""
    import app.votingday.live_board as live_board

    renders = []
    real = live_board.render_template
    monkeypatch.setattr(live_board, "render_template", lambda name, **ctx: renders.append(name) or real(name, **ctx))
    make_user("kpu-petugas-2", agency="KPU", role="petugas", region_code="19.02.02")
    add(app, accounts["kpu-petugas"], places["membalong1"], "tps_siap", "07:20")
    clock.now = at("07:50")  # voting had not started by 07.15: the late opening may be reported
    login_as("kpu-petugas")
    other = app.test_client()
    assert other.post("/masuk", data={"login": "kpu-petugas-2", "password": TEST_PASSWORD}).status_code == 303
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)

    first = client.get("/hari-h/papan?kecamatan=19.02.02").get_data(as_text=True)
    second = other.get("/hari-h/papan?kecamatan=19.02.02").get_data(as_text=True)
    assert renders.count("votingday/_board.html") == 1
    assert live_board.CSRF_SLOT not in first + second
    token = re.findall(r'name="csrf_token" value="([^"]+)"', second)
    assert token
    assert re.sub(r'value="[^"]+"', "", first) == re.sub(r'value="[^"]+"', "", second)

    tps = places["membalong1"].id
    assert other.post(f"/hari-h/tps/{tps}/terlambat", data={"csrf_token": "forged"}).status_code == 400
    reported = other.post(f"/hari-h/tps/{tps}/terlambat", data={"csrf_token": token[0]})
    assert reported.status_code == 303
    again = other.get("/hari-h/papan?kecamatan=19.02.02").get_data(as_text=True)
    assert "vd-incident" in again  # its late-opening incident: a different HTML, rendered anew
    assert renders.count("votingday/_board.html") == 2
