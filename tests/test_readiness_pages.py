"""Readiness pages beyond permissions: dashboard panels per agency, the live turnout fragment, the CSV,
turnout import, and the card's incidents from the timeline provider."""

from __future__ import annotations

import io

import pytest

from app.readiness.models import LogisticsStock, Turnout
from app.readiness.services import summary
from app.readiness.services.turnout import record_turnout
from app.regions.models import Election
from app.registry import registry
from tests.readiness_helpers import V_MEMBALONG, V_TANJUNG_1, add_tps


@pytest.fixture
def filled(app, db, now, make_user):
    kpu = make_user("kpu-data", agency="KPU")
    with app.app_context():
        db.add(Election(name="Pilkada Belitung 2024", region_code="19.02", voting_day=now.date(), created_at=now))
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        b = add_tps(db, V_MEMBALONG, 1, 500)
        db.add(LogisticsStock(tps_id=a.id, item="surat_suara", needed=820, received=820))
        db.add(LogisticsStock(tps_id=b.id, item="surat_suara", needed=1026, received=513))
        record_turnout(db, a, 320, actor=kpu, now=now)
        record_turnout(db, b, 399, actor=kpu, now=now)
        summary.refresh_scope(db, "19.02", now=now)
        db.commit()
    return {"a": a.id, "b": b.id}


@pytest.mark.parametrize(("agency", "role", "shown", "hidden"), [
    ("KPU", "operator", ["Logistik siap", "Pemindahan surat suara", "Partisipasi"], ["TPS rawan"]),
    ("POLRI", "operator", ["Personel"], ["Logistik siap"]),
    ("BAWASLU", "operator", ["TPS rawan"], ["Logistik siap"]),
    ("KEJAKSAAN", "operator", ["AGHT"], ["Logistik siap"]),
    ("PEMDA", "sekretariat", ["Logistik siap", "Personel", "TPS rawan", "AGHT", "Partisipasi"], []),
    ("TNI", "pimpinan", ["Logistik siap", "Personel", "TPS rawan"], []),
])
def test_dashboard_panel_per_agency(client, auth, make_user, filled, agency, role, shown, hidden):
    auth.login(make_user(agency=agency, role=role).username)
    page = client.get("/").get_data(as_text=True)
    panel = page[page.index('id="panel-readiness"'):]
    panel = panel[:panel.index("</section>")]
    for text in shown:
        assert text in panel, text
    for text in hidden:
        assert text not in panel, text


def test_overview_numbers_live_fragment_and_csv(client, htmx, auth, make_user, filled, now, monkeypatch):
    monkeypatch.setattr("app.readiness.routes.common.utcnow", lambda: now)  # voting day, 14.30 WIB
    auth.login(make_user(agency="PEMDA", role="pimpinan").username)
    page = client.get("/kesiapan").get_data(as_text=True)
    # (320 + 399) / (400 + 500) = 79,89%; on voting day the block polls itself.
    assert "79,89%" in page
    assert 'hx-trigger="every 30s"' in page
    assert "Tertinggi: Kelurahan Kota (80,00%) · Terendah: Desa Membalong (79,80%)" in page
    fragment = htmx.get("/kesiapan/partisipasi")
    assert fragment.status_code == 200
    assert fragment.get_data(as_text=True).lstrip().startswith('<section class="card" id="turnout"')
    assert client.get("/kesiapan/partisipasi").status_code == 303
    csv = client.get("/kesiapan/ringkasan.csv").get_data(as_text=True).splitlines()
    assert csv[1].startswith("kabupaten,19.02,Kabupaten Belitung,2,900,1846,1333,")
    assert csv[1].endswith(",79.89")


def test_turnout_import_all_or_nothing(client, auth, make_user, filled, db):
    auth.login(make_user(agency="KPU").username)

    def upload(body: str):
        return client.post("/kesiapan/partisipasi/impor", data={"file": (io.BytesIO(body.encode()), "t.csv")},
                           content_type="multipart/form-data")

    response = upload(f"village_code,number,voted\n{V_TANJUNG_1},1,300\n{V_MEMBALONG},9,10\n")
    assert response.status_code == 422
    assert f"Baris 3: tidak ada TPS 9 di desa {V_MEMBALONG} dalam wilayah Anda." in response.get_data(as_text=True)
    assert db.get(Turnout, filled["a"]).voted == 320
    assert upload(f"village_code,number,voted\n{V_TANJUNG_1},1,300\n").status_code == 303
    db.expire_all()
    assert db.get(Turnout, filled["a"]).voted == 300


def test_card_shows_incidents_from_the_timeline_provider(client, auth, make_user, filled):
    calls = []

    def incidents(session, user, tps_ids):
        calls.append((user.username, tps_ids))
        return [{"id": 7, "tps_id": tps_ids[0], "title": "Surat suara kurang <b>", "category_label": "Logistik",
                 "severity": "rawan", "status": "ditangani", "status_label": "Ditangani", "created_at": None,
                 "url": "/kerawanan/7"}]

    previous = registry.providers.get("tps_incidents")
    registry.provide("tps_incidents", incidents)
    try:
        user = make_user(agency="BAWASLU")
        auth.login(user.username)
        card = client.get(f"/tps/{filled['a']}").get_data(as_text=True)
    finally:
        if previous is None:
            registry.providers.pop("tps_incidents", None)
        else:
            registry.provide("tps_incidents", previous)
    assert calls == [(user.username, [filled["a"]])]
    assert 'href="/kerawanan/7"' in card
    assert "Surat suara kurang &lt;b&gt;" in card
    assert "Ditangani" in card
