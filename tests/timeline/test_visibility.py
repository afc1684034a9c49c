"""Scope and restricted visibility on every channel: page, since fragment, entry page, photo URL, summary
counts, CSV, the provider for other features and the stream (see test_stream.py)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import select

from app.registry import registry_of
from app.timeline import queries
from app.timeline.models import Entry, EntryPhoto
from app.timeline.services import PhotoFile
from app.timeline.services.photos import store

SECRET = "Info intelijen: pengerahan massa ke kantor PPK malam ini."


@pytest.fixture
def world(app, db, people, tps, make_entry, make_incident):
    """A public incident in Membalong, a POLRI→TNI restricted post with a photo, and a post in Belitung Timur."""
    public = make_incident(people["polri-petugas"], tps["membalong2"])
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "JPEG")
    upload_dir = app.config["UPLOAD_DIR"]
    photo = store(upload_dir, buf.getvalue(), "bukti.jpg")
    restricted = make_entry(
        people["polri-operator"],
        kind="keamanan",
        text=SECRET,
        village_code="19.02.02",
        visible_to=["TNI"],
        photos=[photo],
    )
    neighbour = make_entry(people["beltim-polri-operator"], text="Belitung Timur aman terkendali.")
    photo_id = db.exec(select(EntryPhoto.id).where(EntryPhoto.entry_id == restricted.id)).one()
    return {"public": public, "restricted": restricted, "neighbour": neighbour, "photo_id": photo_id}


# (viewer, sees public, sees restricted, sees neighbour)
MATRIX = [
    ("kpu-operator", True, False, False),
    ("tni-operator", True, True, False),
    ("polri-operator", True, True, False),
    ("polri-petugas", True, True, False),
    ("pemda-sekretariat", True, False, False),
    ("beltim-polri-operator", False, False, True),
    ("prov-kpu-pimpinan", True, False, True),
]


@pytest.mark.parametrize(("viewer", "public", "restricted", "neighbour"), MATRIX)
def test_page_since_and_entry_pages_follow_the_rule(client, auth, world, viewer, public, restricted, neighbour):
    auth.login(viewer)
    page = client.get("/linimasa").get_data(as_text=True)
    since = client.get("/linimasa?since=0")
    fragment = since.get_data(as_text=True)
    for key, expected, text in (
        ("public", public, "Surat suara di TPS 002 kurang"),
        ("restricted", restricted, SECRET),
        ("neighbour", neighbour, "Belitung Timur aman terkendali."),
    ):
        assert (text in page) is expected, key
        assert (text in fragment) is expected, key
        entry = world[key]
        url = f"/kerawanan/{entry.id}" if entry.kind == "kerawanan" else f"/linimasa/{entry.id}"
        assert client.get(url).status_code == (200 if expected else 403), key
    for url in (f"/linimasa/foto/{world['photo_id']}", f"/linimasa/foto/{world['photo_id']}?kecil=1"):
        response = client.get(url)
        response.close()
        assert response.status_code == (200 if restricted else 403)


@pytest.mark.parametrize(("viewer", "public", "restricted", "neighbour"), MATRIX)
def test_sql_and_python_rules_agree(db, world, people, viewer, public, restricted, neighbour):
    user = people[viewer]
    ids = set(db.exec(select(Entry.id).where(queries.visible_clause(user))).all())
    for key, expected in (("public", public), ("restricted", restricted), ("neighbour", neighbour)):
        entry = world[key]
        assert (entry.id in ids) is expected
        assert queries.is_visible(user, entry) is expected


def test_since_is_204_when_nothing_visible_is_new(client, auth, world):
    auth.login("kpu-operator")
    response = client.get(f"/linimasa?since={world['public'].id}")
    assert response.status_code == 204  # the restricted and the neighbour's entries are newer but not for KPU
    assert int(response.headers["X-Timeline-Cursor"]) >= world["public"].id


def test_counts_csv_and_provider_follow_the_rule(app, client, auth, world, db, people, tps, make_incident):
    restricted_incident = make_incident(
        people["polri-operator"],
        tps["membalong1"],
        now=world["public"].created_at,
        text="Kerawanan rahasia untuk Polri dan TNI.",
        visible_to=["TNI"],
    )
    auth.login("kpu-operator")
    summary = client.get("/linimasa/ringkasan?dari=2024-11-27").get_data(as_text=True)
    assert "1 kerawanan" in summary
    csv_text = client.get("/linimasa/kerawanan.csv?dari=2024-11-27").get_data(as_text=True)
    assert "Surat suara di TPS 002 kurang" in csv_text
    assert "rahasia" not in csv_text
    auth.logout()
    auth.login("tni-operator")
    assert "2 kerawanan" in client.get("/linimasa/ringkasan?dari=2024-11-27").get_data(as_text=True)
    assert "rahasia" in client.get("/linimasa/kerawanan.csv?dari=2024-11-27").get_data(as_text=True)
    auth.logout()
    auth.login("beltim-polri-operator")
    assert "0 kerawanan" in client.get("/linimasa/ringkasan?dari=2024-11-27").get_data(as_text=True)
    assert "Surat suara" not in client.get("/linimasa/kerawanan.csv?dari=2024-11-27").get_data(as_text=True)

    provider = registry_of(app).provider("tps_incidents")
    tps_ids = [tps["membalong1"].id, tps["membalong2"].id]
    with app.test_request_context():
        for_kpu = provider(db, people["kpu-operator"], tps_ids)
        for_tni = provider(db, people["tni-operator"], tps_ids)
        for_beltim = provider(db, people["beltim-polri-operator"], tps_ids)
    assert [i["id"] for i in for_kpu] == [world["public"].id]
    assert {i["id"] for i in for_tni} == {world["public"].id, restricted_incident.id}
    assert for_beltim == []
    item = for_kpu[0]
    assert set(item) == {
        "id",
        "tps_id",
        "title",
        "category_label",
        "severity",
        "status",
        "status_label",
        "created_at",
        "url",
    }
    assert item["url"] == f"/kerawanan/{world['public'].id}"
    assert item["status"] == "dilaporkan"
    assert item["created_at"].tzinfo is not None


def test_unknown_entry_is_404(client, auth, people):
    auth.login("kpu-operator")
    assert client.get("/linimasa/999999").status_code == 404
    assert client.get("/kerawanan/999999").status_code == 404
    assert client.get("/linimasa/foto/999999").status_code == 404


def test_photo_file_stays_private(world, app):
    assert PhotoFile  # stored outside static/
    assert "static" not in app.config["UPLOAD_DIR"]
