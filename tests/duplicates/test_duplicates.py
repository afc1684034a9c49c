"""Duplicate incidents: suggested to the poster and operators, linked and unlinked by operators (audited), counted
once everywhere incidents are counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.notifications.models import Notification
from app.timeline import duplicates
from app.timeline.models import IncidentDuplicate

T0 = datetime(2024, 11, 27, 7, 0, tzinfo=UTC)  # 14.00 WIB


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: T0 + timedelta(hours=1))
    for module in (
        "app.registry",
        "app.timeline.duplicate_routes",
        "app.timeline.routes.summary",
        "app.dashboard.routes",
    ):
        monkeypatch.setattr(f"{module}.utcnow", lambda: T0 + timedelta(hours=1), raising=False)


@pytest.fixture
def pair(accounts, make_incident, places):
    """The same ballot shortage at TPS 001 Membalong, reported by Polri and then by KPU."""
    first = make_incident(
        accounts["polri-petugas"], T0, category="op.surat_suara_kurang", text="Surat suara kurang 12."
    )
    second = make_incident(
        accounts["kpu-petugas"],
        T0 + timedelta(minutes=20),
        category="op.surat_suara_kurang",
        text="Kurang surat suara.",
    )
    return first, second


def test_likely_duplicates_same_category_place_and_hours(app, db, accounts, make_incident, places, pair):
    first, second = pair
    other_tps = make_incident(
        accounts["polri-petugas"], T0, category="op.surat_suara_kurang", tps_id=places["membalong2"].id
    )
    village = make_incident(
        accounts["polri-petugas"], T0, category="op.surat_suara_kurang", village_code="19.02.02.2001"
    )
    other_kind = make_incident(accounts["polri-petugas"], T0, category="op.konflik_tps")
    late = make_incident(accounts["polri-petugas"], T0 + timedelta(hours=4), category="op.surat_suara_kurang")
    with app.app_context():
        found = {e.id for e in duplicates.candidates(db, accounts["polri-operator"], second)}
    assert found == {first.id, village.id}  # same TPS, or the village when one names no TPS
    assert not found & {other_tps.id, other_kind.id, late.id}


def test_only_incidents_the_viewer_may_see_are_suggested(app, db, accounts, make_incident, pair):
    _first, second = pair
    hidden = make_incident(accounts["kpu-operator"], T0, category="op.surat_suara_kurang", visible_to=["KPU"])
    with app.app_context():
        assert hidden.id not in {e.id for e in duplicates.candidates(db, accounts["polri-operator"], second)}
        assert hidden.id in {e.id for e in duplicates.candidates(db, accounts["kpu-operator"], second)}


def test_the_poster_and_the_operators_hear_of_a_likely_duplicate(db, accounts, pair):
    _first, second = pair
    notes = db.exec(select(Notification).where(Notification.key == f"incident:{second.id}:duplicates")).all()
    users = {n.user_id for n in notes}
    assert accounts["kpu-petugas"].id in users  # the poster
    assert accounts["polri-operator"].id in users  # the handling agency's operator
    assert accounts["pemda-operator"].id in users  # the desk's operator
    assert accounts["tni-operator"].id not in users
    note = next(n for n in notes if n.user_id == accounts["kpu-petugas"].id)
    assert note.title == "Mungkin sudah dilaporkan"
    assert f"mirip dengan #{pair[0].id}" in note.body


def test_link_and_unlink_are_audited_and_reversible(app, db, accounts, pair):
    first, second = pair
    operator = accounts["polri-operator"]
    with app.test_request_context():
        assert duplicates.link(db, second, first, actor=operator, now=T0).id == first.id
        with pytest.raises(duplicates.DuplicateError) as twice:
            duplicates.link(db, second, first, actor=operator, now=T0)
        assert f"sudah ditandai sebagai duplikat dari #{first.id}" in str(twice.value.message)
        with pytest.raises(duplicates.DuplicateError):
            duplicates.link(db, first, first, actor=operator, now=T0)
        duplicates.unlink(db, second, actor=operator, now=T0)
        with pytest.raises(duplicates.DuplicateError):
            duplicates.unlink(db, second, actor=operator, now=T0)
        db.commit()
    actions = [a.action for a in db.exec(select(AuditLog).where(AuditLog.action.startswith("timeline.duplicate")))]
    assert actions == ["timeline.duplicate_link", "timeline.duplicate_unlink"]
    assert db.exec(select(IncidentDuplicate)).all() == []


def test_links_never_chain(app, db, accounts, make_incident, pair):
    first, second = pair
    third = make_incident(accounts["tni-operator"], T0 + timedelta(minutes=40), category="op.surat_suara_kurang")
    operator = accounts["polri-operator"]
    with app.test_request_context():
        duplicates.link(db, third, second, actor=operator, now=T0)  # third → second
        duplicates.link(db, second, first, actor=operator, now=T0)  # second → first: third moves to first
        assert (
            duplicates.link(db, make_incident(operator, T0, category="op.lainnya"), second, actor=operator, now=T0).id
            == first.id
        )
    links = {d.entry_id: d.duplicate_of_id for d in db.exec(select(IncidentDuplicate))}
    assert links[third.id] == first.id
    assert links[second.id] == first.id


def test_counts_take_a_duplicate_once(client, login_as, app, db, accounts, pair):
    first, second = pair
    login_as("polri-operator")
    summary = client.get("/linimasa/ringkasan?dari=2024-11-27").get_data(as_text=True)
    assert "2 kerawanan" in summary
    with app.test_request_context():
        duplicates.link(db, second, first, actor=accounts["polri-operator"], now=T0)
        db.commit()
    summary = client.get("/linimasa/ringkasan?dari=2024-11-27").get_data(as_text=True)
    assert "1 kerawanan" in summary
    csv = client.get("/linimasa/kerawanan.csv?dari=2024-11-27").get_data(as_text=True)
    assert "Surat suara kurang 12." in csv
    assert "Kurang surat suara." not in csv
    login_as("kpu-operator")  # the KPU queue (handled by Polri: not theirs), and the home panel's count
    home = client.get("/").get_data(as_text=True)
    assert "Kurang surat suara." not in home
    with app.test_request_context():
        rows = app.extensions["sinergi.registry"].provider("tps_incidents")(
            db, accounts["kpu-operator"], [first.tps_id]
        )
    assert [r["id"] for r in rows] == [first.id]


def test_the_incident_page_offers_the_link_to_operators_only(client, login_as, accounts, pair, db):
    first, second = pair
    login_as("kpu-petugas")
    page = client.get(f"/kerawanan/{second.id}").get_data(as_text=True)
    assert 'id="incident-duplicates"' in page
    assert f'id="duplicate-candidate-{first.id}"' in page
    assert f"/kerawanan/{second.id}/duplikat" not in page
    assert client.post(f"/kerawanan/{second.id}/duplikat", data={"asli": first.id}).status_code == 403
    login_as("polri-operator")
    assert f'action="/kerawanan/{second.id}/duplikat"' in client.get(f"/kerawanan/{first.id}").get_data(as_text=True)
    response = client.post(f"/kerawanan/{second.id}/duplikat", data={"asli": first.id})
    assert response.status_code == 303
    page = client.get(f"/kerawanan/{second.id}").get_data(as_text=True)
    assert "Laporan ini duplikat dari" in page
    assert client.post(f"/kerawanan/{second.id}/bukan-duplikat").status_code == 303
    assert db.exec(select(IncidentDuplicate)).all() == []


@pytest.mark.parametrize("original", ["", "abc", "99999999999", "0"])
def test_a_bad_link_is_refused_in_place(client, login_as, accounts, pair, original):
    message = "Pilih kerawanan yang dapat Anda lihat."
    _first, second = pair
    login_as("polri-operator")
    response = client.post(f"/kerawanan/{second.id}/duplikat", data={"asli": original}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#incident-duplicates"
    assert message in response.get_data(as_text=True)


def test_linking_to_an_incident_one_may_not_see_is_refused(client, login_as, accounts, make_incident, pair):
    _first, second = pair
    hidden = make_incident(accounts["kpu-operator"], T0, category="op.surat_suara_kurang", visible_to=["KPU"])
    login_as("polri-operator")
    response = client.post(f"/kerawanan/{second.id}/duplikat", data={"asli": hidden.id})
    assert response.status_code == 422  # without htmx: a page with the message
    assert "Pilih kerawanan yang dapat Anda lihat." in response.get_data(as_text=True)
