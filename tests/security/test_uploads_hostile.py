"""Hostile uploads: decompression bombs, polyglots, SVG, empty files, wrong names, bodies over the limit.

Every one is refused with an Indonesian message or safely re-encoded; the pixel count is read from the
header before anything is decoded, so a bomb never costs memory.
"""

from __future__ import annotations

import io
import resource
import struct
import zlib
from functools import cache

import pytest
from PIL import Image

from app.uploads import UploadRejected, store_photo


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


@cache
def png_bomb(side: int = 13000) -> bytes:
    """A valid greyscale PNG of side×side black pixels: ~170 MB decoded, a few hundred KB on disk."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (side + 1)  # filter byte + pixels
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _jpeg(size=(64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "red").save(buf, "JPEG")
    return buf.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def _refused(data: bytes, name: str, tmp_path) -> str:
    with pytest.raises(UploadRejected) as info:
        store_photo(tmp_path, data, name)
    return str(info.value.message)


def test_png_bomb_is_refused_before_decoding(app, tmp_path):
    bomb = png_bomb()
    assert len(bomb) < 400_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with app.test_request_context():
        message = _refused(bomb, "bom.png", tmp_path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "terlalu banyak piksel" in message
    assert grown_mb < 50, f"peak RSS grew by {grown_mb:.0f} MB"
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"", "kosong.jpg", "bukan foto yang dapat dibaca"),
        (SVG, "gambar.svg", "Hanya foto berformat JPEG, PNG atau WebP"),
        (SVG, "gambar.png", "bukan foto yang dapat dibaca"),
        (b"%PDF-1.4\n%%EOF", "dok.jpg", "bukan foto yang dapat dibaca"),
        (b"GIF89a" + b"\x00" * 30, "anim.gif", "Hanya foto berformat JPEG, PNG atau WebP"),
        (_jpeg()[:200], "patah.jpg", "bukan foto yang dapat dibaca"),
    ],
)
def test_hostile_files_are_refused_in_indonesian(app, tmp_path, data, name, expected):
    with app.test_request_context():
        assert expected in _refused(data, name, tmp_path)


def test_wrong_extension_is_refused(app, tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buf, "PNG")
    with app.test_request_context():
        assert "tidak sesuai dengan isinya" in _refused(buf.getvalue(), "foto.jpg", tmp_path)


def test_polyglot_tail_is_dropped_by_the_reencode(app, tmp_path):
    """A JPEG with an HTML/ZIP payload appended is stored as a fresh JPEG: the payload is gone."""
    payload = b"<html><script>alert(document.cookie)</script></html>PK\x03\x04"
    with app.test_request_context():
        stored = store_photo(tmp_path, _jpeg() + payload, "poli.jpg")
    data = (tmp_path / stored.name).read_bytes()
    assert b"<script>" not in data
    assert b"PK\x03\x04" not in data
    assert data.startswith(b"\xff\xd8")
    assert stored.content_type == "image/jpeg"


def test_timeline_photo_bomb_gives_422_in_indonesian(client, make_user):
    from tests.conftest import TEST_PASSWORD

    make_user("bom-petugas", agency="POLRI", role="petugas", region_code="19.02")
    client.post("/masuk", data={"login": "bom-petugas", "password": TEST_PASSWORD})
    response = client.post(
        "/linimasa",
        data={
            "kind": "info",
            "text": "Foto situasi TPS.",
            "visibility": "all",
            "photos": [(io.BytesIO(png_bomb()), "bom.png")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "terlalu banyak piksel" in response.get_data(as_text=True)


def test_body_over_the_limit_is_413_in_indonesian(client, app, monkeypatch, make_user):
    from tests.conftest import TEST_PASSWORD

    make_user("besar-petugas", agency="POLRI", role="petugas", region_code="19.02")
    client.post("/masuk", data={"login": "besar-petugas", "password": TEST_PASSWORD})
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    body = (
        b'--b\r\nContent-Disposition: form-data; name="photos"; filename="besar.jpg"\r\n\r\n'
        + b"\xff" * (2 * 1024 * 1024)
        + b"\r\n--b--\r\n"
    )  # raw bytes: the test client spools no file
    response = client.post("/linimasa", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.get_data(as_text=True)
