"""The board: counts per step and per kecamatan → village → TPS, the silent list at an injected time, the wall
view, the late opening to the timeline, the dashboard panels, and scope (planted markers)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.db import get_engine
from app.timeline.models import Entry
from app.votingday import board as boards
from app.votingday.models import Checkin
from tests.votingday.conftest import NOW

WIB = timedelta(hours=7)


def at(hhmm: str) -> datetime:
    """A voting-day time in WIB, as UTC."""
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime(2024, 11, 27, h, m, tzinfo=UTC) - WIB


def add(app, user, tps, step, when: str, note: str = ""):
    with Session(get_engine(app, write=True), expire_on_commit=False) as s:
        s.add(
            Checkin(
                tps_id=tps.id,
                step=step,
                region_code=tps.village_code,
                occurred_at=at(when),
                recorded_at=at(when),
                user_id=user.id,
                agency=user.agency,
                note=note,
            )
        )
        s.commit()


def test_counts_per_step_and_per_kecamatan(app, db, accounts, places):
    kpu, polri = accounts["kpu-operator"], accounts["polri-operator"]
    add(app, polri, places["membalong1"], "petugas_tiba", "06:10")
    add(app, polri, places["tanjungpandan1"], "petugas_tiba", "06:20")
    add(app, kpu, places["membalong1"], "tps_siap", "06:50")
    board = boards.build(db, kpu, at("07:30"))
    assert board.total == 3  # Belitung's three TPS; Belitung Timur's is not in scope
    assert board.reached == {"petugas_tiba": 2, "tps_siap": 1}
    kec = {g.code: (g.total, dict(g.reached)) for g in board.kecamatan}
    assert kec == {"19.02.02": (2, {"petugas_tiba": 1, "tps_siap": 1}), "19.02.01": (1, {"petugas_tiba": 1})}
    one = boards.build(db, kpu, at("07:30"), kecamatan="19.02.02")
    assert one.total == 2
    assert [v.code for v in one.villages] == ["19.02.02.2001"]
    assert [r.label for r in one.villages[0].tps] == ["TPS 001", "TPS 002"]
    assert boards.build(db, kpu, at("07:30"), kecamatan="19.06.01").total == 3  # outside: ignored


def test_the_silent_list_follows_the_expected_times(app, db, accounts, places):
    kpu = accounts["kpu-operator"]
    add(app, kpu, places["membalong1"], "tps_siap", "06:50")
    add(app, kpu, places["membalong1"], "pemungutan_dimulai", "07:02")
    early = boards.build(db, kpu, at("06:20"))
    assert early.silent == []  # nothing is due before 06.30
    ten_past = {sl.step.value: [r.id for r in sl.rows] for sl in boards.build(db, kpu, at("07:10")).silent}
    assert set(ten_past) == {"petugas_tiba", "tps_siap"}  # started is due at 07.15
    assert places["membalong1"].id not in ten_past["tps_siap"]
    late = {sl.step.value: [r.id for r in sl.rows] for sl in boards.build(db, kpu, at("07:16")).silent}
    # each TPS once per chain, under the first step it is silent on: the two never ready are listed there
    assert set(late["tps_siap"]) == {places["tanjungpandan1"].id, places["membalong2"].id}
    assert "pemungutan_dimulai" not in late
    db.rollback()  # end the board's read before writing
    add(app, kpu, places["membalong2"], "tps_siap", "07:12")
    late = {sl.step.value: [r.id for r in sl.rows] for sl in boards.build(db, kpu, at("07:16")).silent}
    assert late["tps_siap"] == [places["tanjungpandan1"].id]
    assert late["pemungutan_dimulai"] == [places["membalong2"].id]
    dimulai = boards.build(db, kpu, at("07:16"), step="pemungutan_dimulai").silent
    assert {r.id for r in dimulai[0].rows} == {places["tanjungpandan1"].id, places["membalong2"].id}
    only = boards.build(db, kpu, at("07:16"), step="tps_siap")
    assert [sl.step.value for sl in only.silent] == ["tps_siap"]


def test_the_board_page_lists_the_silent_tps_in_the_viewers_zone(client, login_as, accounts, places, clock):
    add(client.application, accounts["kpu-operator"], places["membalong1"], "tps_siap", "06:50")
    clock.now = at("07:20")
    login_as("pemda-pimpinan")
    page = client.get("/hari-h?langkah=tps_siap").get_data(as_text=True)
    assert 'id="vd-silent-tps_siap"' in page
    assert f'id="vd-silent-tps_siap-{places["membalong2"].id}"' in page
    assert f'id="vd-silent-tps_siap-{places["membalong1"].id}"' not in page
    assert "batas 07.00 WIB" in page
    assert "Per pukul 07.20 WIB" in page
    # Read days later, the time alone would date the final counts to that hour of voting day: the date is said.
    from app.regions.models import Election

    with Session(get_engine(client.application)) as s:
        s.add(Election(name="Pilkada Belitung", region_code="19.02", voting_day=NOW.date()))
        s.commit()
    clock.now = at("07:20") + timedelta(days=3)
    later = client.get("/hari-h").get_data(as_text=True)
    assert "Per pukul" not in later
    assert "Keadaan akhir, dibaca Sabtu, 30 November 2024 07.20 WIB" in later
    clock.now = at("07:20")
    assert 'id="vd-checkin-form"' not in page  # the desk head reads, the field officers record
    drill = client.get("/hari-h?kecamatan=19.02.02").get_data(as_text=True)
    assert f'id="vd-tps-{places["membalong1"].id}"' in drill
    assert "06.50" in drill
    fragment = client.get("/hari-h/papan?kecamatan=19.02.02", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.get_data(as_text=True)


def test_another_regions_checkins_and_notes_never_appear(client, login_as, accounts, places, clock, db):
    """Planted markers: Belitung Timur's check-in and note stay in Belitung Timur."""
    login_as("beltim-polri-operator")
    response = client.post(
        "/hari-h/lapor",
        data={"tps_id": str(places["beltim1"].id), "step": "petugas_tiba", "note": "MARKER-BELTIM-NOTE"},
    )
    assert response.status_code == 303
    assert "MARKER-BELTIM-NOTE" not in client.get("/hari-h").get_data(as_text=True)  # notes are not on the board
    own = boards.build(db, accounts["beltim-polri-operator"], NOW)
    assert own.reached == {"petugas_tiba": 1}
    beltim_village = own.names[places["beltim1"].village_code]
    login_as("polri-operator")
    for url in ("/hari-h", "/hari-h/papan", "/hari-h/layar", "/hari-h?kecamatan=19.06.01", "/"):
        page = client.get(url).get_data(as_text=True)
        assert "MARKER-BELTIM-NOTE" not in page, url
        assert beltim_village not in page, url
    board = boards.build(db, accounts["polri-operator"], NOW)
    assert board.reached == {}
    assert board.total == 3
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "MARKER-BELTIM-NOTE" not in audit


def test_a_late_opening_becomes_one_timeline_incident(client, login_as, accounts, places, clock, db):
    kpu = accounts["kpu-petugas"]
    add(client.application, kpu, places["membalong1"], "tps_siap", "07:20")
    add(client.application, kpu, places["membalong1"], "pemungutan_dimulai", "07:48")
    add(client.application, kpu, places["membalong2"], "tps_siap", "06:50")
    add(client.application, kpu, places["membalong2"], "pemungutan_dimulai", "07:01")
    clock.now = at("07:50")
    login_as("kpu-petugas")
    on_time = client.post(f"/hari-h/tps/{places['membalong2'].id}/terlambat")
    assert on_time.status_code == 422
    assert "tidak terlambat dibuka" in on_time.get_data(as_text=True)
    response = client.post(f"/hari-h/tps/{places['membalong1'].id}/terlambat")
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    db.expire_all()
    (entry,) = db.exec(select(Entry).where(Entry.category == "op.tps_terlambat_dibuka")).all()
    assert entry.tps_id == places["membalong1"].id
    assert entry.kind == "kerawanan"
    assert "terlambat dibuka" in entry.text
    assert "07.48" in entry.text
    assert response.headers["Location"].endswith(f"/kerawanan/{entry.id}")
    again = client.post(f"/hari-h/tps/{places['membalong1'].id}/terlambat")
    assert again.status_code == 422
    assert "sudah ada di linimasa" in again.get_data(as_text=True)
    assert len(db.exec(select(Entry).where(Entry.category == "op.tps_terlambat_dibuka")).all()) == 1
    page = client.get("/hari-h?kecamatan=19.02.02").get_data(as_text=True)
    assert f"Kerawanan #{entry.id}" in page or f"/kerawanan/{entry.id}" in page
    # not open at all by 07.30: the silent TPS can be reported too; outside the scope it is refused
    login_as("polri-petugas")
    assert client.post(f"/hari-h/tps/{places['tanjungpandan1'].id}/terlambat").status_code == 403


def test_the_wall_view_refreshes_itself_and_keeps_the_login(client, login_as, accounts, places, clock):
    login_as("pemda-pimpinan")
    page = client.get("/hari-h/layar").get_data(as_text=True)
    assert 'id="vd-wall"' in page
    assert "hx-sse:connect" in page
    assert "every 60s" in page
    assert client.get("/hari-h/papan?layar=1").status_code == 200
    response = client.get("/hari-h/hidup")
    assert response.status_code == 204
    assert "session=" in response.headers.get("Set-Cookie", "")  # each request renews the login's cookie


def test_dashboard_panels_per_agency(client, login_as, accounts, places, clock, monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: at("07:30"))
    monkeypatch.setattr("app.dashboard.routes.utcnow", lambda: at("07:30"), raising=False)
    add(client.application, accounts["polri-operator"], places["membalong1"], "petugas_tiba", "06:10")
    login_as("polri-operator")
    home = client.get("/").get_data(as_text=True)
    assert "TPS belum ada petugas pengamanan" in home
    login_as("kpu-operator")
    assert "TPS belum dibuka" in client.get("/").get_data(as_text=True)
    login_as("pemda-pimpinan")
    assert "Papan hari-H" in client.get("/").get_data(as_text=True)
    login_as("kejaksaan-pimpinan")
    assert 'id="vd-panel"' not in client.get("/").get_data(as_text=True)


def test_the_stream_wakes_the_board_only_for_its_own_scope(app, client, login_as, accounts, monkeypatch):
    from app.live import hub

    monkeypatch.setitem(app.config, "VOTINGDAY_HEARTBEAT", 0.2)
    monkeypatch.setitem(app.config, "VOTINGDAY_STREAM_MIN_INTERVAL", 0.0)
    login_as("polri-operator")
    response = client.get("/hari-h/stream", buffered=False)
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    chunks = iter(response.response)

    def text(chunk):
        return chunk.decode() if isinstance(chunk, bytes) else chunk

    assert text(next(chunks)).startswith("retry:")
    assert "ping" in text(next(chunks))  # subscribed; nothing yet
    hub(app).publish_local("votingday", "19.06.01.2001")  # Belitung Timur: not this viewer's business
    assert "vd-board" not in text(next(chunks))
    hub(app).publish_local("votingday", "19.02.02.2001")
    assert 'data: <div id="vd-board"' in text(next(chunks))  # the board itself, for htmx to swap in
    response.close()
