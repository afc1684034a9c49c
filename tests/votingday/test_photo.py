"""The optional photo of a check-in (issue 15 point 1): re-encoded without EXIF, refused with a message by the
field (nothing recorded, no file left), shown on the board to those who may read its TPS, no one else."""

from __future__ import annotations

import io
import os

from PIL import Image
from sqlmodel import select

from app.votingday.models import Checkin
from tests.votingday.conftest import NOW
from tests.votingday.test_checkin import iso


def jpeg_with_gps() -> bytes:
    """A phone photo with the officer's location in its EXIF."""
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (2.0, 44.0, 10.0), "E", (107.0, 38.0, 0.0)
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def send(client, tps, step, photo: tuple[bytes, str] | None):
    data = {"tps_id": str(tps.id), "step": step, "clock": "", "occurred_at": iso(NOW), "sent_at": iso(NOW)}
    if photo is not None:
        data["photo"] = (io.BytesIO(photo[0]), photo[1])
    return client.post("/hari-h/lapor", data=data, content_type="multipart/form-data")


def test_a_check_in_keeps_its_photo_without_exif_and_the_board_links_it(
    app, client, login_as, accounts, places, clock, db
):
    login_as("polri-petugas")
    assert send(client, places["membalong1"], "petugas_tiba", (jpeg_with_gps(), "tiba.jpg")).status_code == 303
    db.expire_all()
    (row,) = db.exec(select(Checkin)).all()
    assert row.photo_name.endswith(".jpg")
    with Image.open(os.path.join(app.config["UPLOAD_DIR"], row.photo_name)) as stored:
        assert not stored.getexif().get_ifd(0x8825)  # the location is gone

    login_as("kpu-operator")  # the desk reads the kecamatan's board, with the photo beside the time
    board = client.get("/hari-h?kecamatan=19.02.02").get_data(as_text=True)
    assert f"/hari-h/foto/{row.id}" in board
    photo = client.get(f"/hari-h/foto/{row.id}")
    assert photo.status_code == 200
    assert photo.mimetype == "image/jpeg"
    assert "private" in photo.headers["Cache-Control"]
    assert photo.data.startswith(b"\xff\xd8")
    photo.close()

    login_as("beltim-polri-operator")  # another kabupaten: not its TPS
    assert client.get(f"/hari-h/foto/{row.id}").status_code in (403, 404)


def test_a_file_that_is_not_a_photo_is_refused_by_the_field_and_nothing_is_kept(
    app, client, login_as, accounts, places, clock, db
):
    login_as("polri-petugas")
    before = set(os.listdir(app.config["UPLOAD_DIR"])) if os.path.isdir(app.config["UPLOAD_DIR"]) else set()
    response = send(client, places["membalong1"], "petugas_tiba", (b"%PDF-1.4 bukan foto", "tiba.jpg"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="photo-err"' in page
    assert db.exec(select(Checkin)).all() == []
    after = set(os.listdir(app.config["UPLOAD_DIR"])) if os.path.isdir(app.config["UPLOAD_DIR"]) else set()
    assert after == before


def test_a_refused_check_in_leaves_no_photo_behind(app, client, login_as, accounts, places, clock, db):
    login_as("kpu-petugas")  # voting started before the TPS was ready: refused by the service
    before = set(os.listdir(app.config["UPLOAD_DIR"])) if os.path.isdir(app.config["UPLOAD_DIR"]) else set()
    response = send(client, places["membalong1"], "pemungutan_dimulai", (jpeg_with_gps(), "mulai.jpg"))
    assert response.status_code == 422
    after = set(os.listdir(app.config["UPLOAD_DIR"])) if os.path.isdir(app.config["UPLOAD_DIR"]) else set()
    assert after == before


def test_without_a_photo_nothing_changes(client, login_as, accounts, places, clock, db):
    login_as("polri-petugas")
    assert send(client, places["membalong1"], "petugas_tiba", None).status_code == 303
    db.expire_all()
    assert db.exec(select(Checkin)).one().photo_name == ""
