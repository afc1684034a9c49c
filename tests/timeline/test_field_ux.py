"""Field UX of the timeline: refused forms swap in place (no 405 URL), the offline place data per scope, a
kecamatan-scoped officer starts in their kecamatan, the incident's own durations, summary cells labelled."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app.timeline import services
from app.timeline.services.event_time import EventTime

HX = {"HX-Request": "true", "HX-Request-Type": "full"}  # a boosted form post


@pytest.mark.parametrize(
    ("url", "data", "target"),
    [
        ("/kerawanan/{id}/status", {"status": "selesai", "note": ""}, "#incident-steps"),
        ("/kerawanan/{id}/penanganan", {"handling_agency": "XX"}, "#incident-steps"),
        ("/linimasa/{id}/tindak-lanjut", {"text": ""}, "#followup-form"),
        ("/linimasa", {"kind": "info", "text": "", "visibility": "all"}, "#post-form"),
    ],
)
def test_refused_forms_swap_in_place_and_never_push_their_url(
    client, auth, people, tps, make_incident, url, data, target
):
    entry = make_incident(people["polri-petugas"], tps["membalong1"])
    auth.login("kpu-operator")
    response = client.post(url.format(id=entry.id), data=data, headers=HX)
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == target
    assert response.headers["HX-Reselect"] == target
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert response.headers["HX-Push-Url"] == "false"
    assert f'id="{target[1:]}"' in response.get_data(as_text=True)
    plain = client.post(url.format(id=entry.id), data=data)  # without JS: the whole page, as before
    assert plain.status_code == 422
    assert "HX-Retarget" not in plain.headers


def test_refused_resolve_shows_the_message_inside_the_steps(client, auth, people, tps, make_incident):
    entry = make_incident(people["polri-petugas"], tps["membalong1"])
    auth.login("kpu-operator")
    body = client.post(f"/kerawanan/{entry.id}/status", data={"status": "selesai", "note": " "}, headers=HX).get_data(
        as_text=True
    )
    section = body[body.index('id="incident-steps"') : body.index("</section>", body.index('id="incident-steps"'))]
    assert "Tulis catatan penyelesaian sebelum menutup kerawanan." in section
    assert 'id="mark-resolved"' in section


def test_place_data_covers_the_scope_only(client, auth, people, tps):
    auth.login("polri-petugas")  # scoped to Kecamatan Membalong
    response = client.get("/linimasa/tempat.json")
    assert response.status_code == 200
    assert response.headers["X-SW-Cache"] == "1"
    data = response.get_json()
    assert data["start"] == "19.02.02"
    assert [k["code"] for k in data["kecamatan"]] == ["19.02.02"]
    assert data["villages"]
    assert all(v["kec"] == "19.02.02" for v in data["villages"])
    assert {t["id"] for t in data["tps"]} == {tps["membalong1"].id, tps["membalong2"].id}
    auth.logout()
    auth.login("kpu-operator")  # the whole kabupaten: every kecamatan, no start
    data = client.get("/linimasa/tempat.json").get_json()
    assert data["start"] == ""
    assert {"19.02.01", "19.02.02"} <= {k["code"] for k in data["kecamatan"]}
    assert tps["beltim1"].id not in {t["id"] for t in data["tps"]}
    auth.logout()
    auth.login("beltim-polri-operator")
    data = client.get("/linimasa/tempat.json").get_json()
    assert not [v for v in data["villages"] if v["code"].startswith("19.02")]
    assert {t["id"] for t in data["tps"]} == {tps["beltim1"].id}


def test_the_service_worker_keeps_the_place_data(client):
    assert '"/linimasa/tempat.json"' in client.get("/sw.js").get_data(as_text=True)


def test_officer_scoped_to_a_kecamatan_starts_there(client, auth, people, tps):
    auth.login("polri-petugas")
    page = client.get("/linimasa").get_data(as_text=True)
    assert '<option selected value="19.02.02">' in page
    assert 'value="19.02.02.2001"' in page  # its villages are listed without choosing anything


def test_incident_page_shows_its_own_durations(app, client, auth, db, now, people, tps, make_incident):
    entry = make_incident(people["polri-petugas"], tps["membalong1"])
    with app.app_context():
        kpu = people["kpu-operator"]
        services.change_status(db, entry, "ditangani", actor=kpu, now=now + timedelta(minutes=12))
        services.change_status(
            db,
            entry,
            "selesai",
            actor=kpu,
            now=now + timedelta(minutes=50),
            note="Beres.",
            occurred=EventTime(now + timedelta(minutes=45)),
        )
        db.commit()
    auth.login("kpu-operator")
    page = client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)
    steps = page[page.index('id="incident-steps"') :]
    assert "Waktu sampai ditangani" in steps
    assert "12 menit" in steps
    assert "Waktu sampai selesai" in steps
    assert "45 menit" in steps


def test_summary_cells_carry_their_column_names(client, auth, people, tps, make_incident):
    make_incident(people["polri-petugas"], tps["membalong1"])
    auth.login("bawaslu-pimpinan")
    page = client.get("/linimasa/ringkasan?dari=2024-11-27").get_data(as_text=True)
    assert 'data-label="Ditangani (median/terlama)"' in page
    assert 'class="table-wrap tl-stack-table" tabindex="0"' in page


def test_place_pickers_cascade_with_htmx(client, auth, people, tps):
    """The selects carry the cascade (hx-get on change, into the next select); the data the phone keeps offline
    is named on the form, not hard-coded in the script."""
    auth.login("kpu-operator")
    page = client.get("/linimasa").get_data(as_text=True)
    assert 'data-places-url="/linimasa/tempat.json"' in page
    selects = {re.search(r'id="([\w-]+)"', tag).group(1): tag for tag in re.findall(r"<select[^>]*>", page)}
    for select, target in ((selects["kecamatan"], "#village_code"), (selects["village_code"], "#tps_id")):
        assert 'hx-get="/linimasa/tempat"' in select
        assert 'hx-trigger="change"' in select
        assert f'hx-target="{target}"' in select
    whole = client.get("/linimasa/tempat?kecamatan=").get_data(as_text=True)
    assert '<optgroup label="Membalong">' in whole  # the whole region, by kecamatan
    assert 'value="19.02.02.2001"' in whole
    assert "19.06" not in whole  # the neighbouring kabupaten is not in kpu-operator's scope
    tps_options = client.get("/linimasa/tempat?village_code=19.02.02.2001").get_data(as_text=True)
    assert f'value="{tps["membalong1"].id}"' in tps_options
    assert client.get("/linimasa/tempat?village_code=").get_data(as_text=True).count("<option") == 1
    assert client.get("/linimasa/tempat").status_code == 400
