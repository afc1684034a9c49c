"""Photos on posts: re-encoded server-side (EXIF/GPS gone, ≤ 1600 px), bad files refused in Indonesian."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import select

from app.timeline.models import Entry, EntryPhoto


def jpeg_with_gps(size=(2400, 1800)) -> bytes:
    image = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (2.0, 44.0, 10.0)
    gps[3] = "E"
    gps[4] = (107.0, 38.0, 0.0)
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (50, 50), "green").save(buf, "PNG")
    return buf.getvalue()


def form(files):
    return {"kind": "info", "text": "Foto situasi TPS.", "visibility": "all", "photos": files}


def test_photo_is_reencoded_without_exif_and_served_only_through_the_view(client, auth, people, app, db):
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)  # the original does carry GPS
    auth.login("polri-petugas")
    response = client.post(
        "/linimasa", data=form([(io.BytesIO(original), "IMG_0001.jpg")]), content_type="multipart/form-data"
    )
    assert response.status_code == 303
    photo = db.exec(select(EntryPhoto)).one()
    served = client.get(f"/linimasa/foto/{photo.id}")
    data = served.get_data()
    served.close()
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(data)) as image:
        assert max(image.size) == 1600
        assert not image.getexif()
        assert "exif" not in image.info
    thumb = client.get(f"/linimasa/foto/{photo.id}?kecil=1")
    thumb_data = thumb.get_data()
    thumb.close()
    with Image.open(io.BytesIO(thumb_data)) as image:
        assert max(image.size) <= 320
    page = client.get("/linimasa").get_data(as_text=True)
    assert f'src="/linimasa/foto/{photo.id}?kecil=1"' in page
    assert 'loading="lazy"' in page
    assert f'width="{photo.thumb_width}" height="{photo.thumb_height}"' in page


@pytest.mark.parametrize(
    ("payload", "name", "message"),
    [
        (png_bytes(), "foto.jpg", "Nama berkas tidak sesuai dengan isinya"),
        (jpeg_with_gps((800, 600))[:3000], "terpotong.jpg", "Foto rusak atau tidak lengkap."),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "gambar.svg",
            "Hanya foto berformat JPEG, PNG atau WebP",
        ),
        (b"%PDF-1.4 bukan foto", "dokumen.jpg", "Berkas ini bukan foto yang dapat dibaca."),
        (b"MZ\x90\x00 executable", "foto.png", "Berkas ini bukan foto yang dapat dibaca."),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(client, auth, people, db, payload, name, message):
    auth.login("polri-petugas")
    response = client.post("/linimasa", data=form([(io.BytesIO(payload), name)]), content_type="multipart/form-data")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body
    assert "Foto situasi TPS." in body
    assert db.exec(select(Entry)).first() is None


def test_a_30_mb_upload_is_refused(client, auth, people, db):
    auth.login("polri-petugas")
    boundary = "batasuji"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in (("kind", "info"), ("text", "Foto besar."), ("visibility", "all"))
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="besar.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
        + b"\xff\xd8"
        + b"0" * (30 * 1024 * 1024)
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    response = client.post(
        "/linimasa",
        input_stream=io.BytesIO(body),
        content_length=len(body),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 413
    assert "Berkas" in response.get_data(as_text=True)
    assert db.exec(select(Entry)).first() is None


def test_more_than_four_photos_are_refused(client, auth, people, db):
    auth.login("polri-petugas")
    files = [(io.BytesIO(png_bytes()), f"f{i}.png") for i in range(5)]
    response = client.post("/linimasa", data=form(files), content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Paling banyak 4 foto per laporan." in response.get_data(as_text=True)


def test_a_refused_post_leaves_no_photo_behind(client, auth, people, tps, app):
    from pathlib import Path

    before = set(Path(app.config["UPLOAD_DIR"]).iterdir())
    auth.login("polri-petugas")
    response = client.post(
        "/linimasa",
        data={**form([(io.BytesIO(png_bytes()), "ok.png")]), "tps_id": str(tps["beltim1"].id)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Pilih TPS di wilayah Anda." in response.get_data(as_text=True)
    assert set(Path(app.config["UPLOAD_DIR"]).iterdir()) == before
