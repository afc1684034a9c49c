"""Uploads decode strictly even after WeasyPrint (which relaxes Pillow globally) has been imported."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.pdf import html_to_pdf
from app.uploads import UploadRejected, store_photo


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 120, 200)).save(out, "JPEG", quality=95)
    return out.getvalue()


def test_truncated_jpeg_is_refused_after_a_pdf_was_rendered(tmp_path):
    assert html_to_pdf("<p>Rabu, 27 November 2024</p>").startswith(b"%PDF-")
    with pytest.raises(UploadRejected) as refused:
        store_photo(tmp_path, _jpeg()[:3000], "terpotong.jpg")
    assert "rusak" in str(refused.value.message) or "damaged" in str(refused.value.message)


def test_whole_jpeg_is_accepted_and_reencoded(tmp_path):
    stored = store_photo(tmp_path, _jpeg(), "utuh.jpg")
    assert (stored.width, stored.height, stored.content_type) == (800, 600, "image/jpeg")
