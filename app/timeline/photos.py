"""Timeline photos: checked and re-encoded by ``app.uploads.store_photo``, plus a small thumbnail."""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from PIL import Image

from app.offload import run_off_loop
from app.timeline.services import PhotoFile
from app.uploads import store_photo, upload_path

THUMB_SIDE = 320


def _thumbnail(path: Path) -> tuple[bytes, int, int]:
    with Image.open(path) as image:
        image.thumbnail((THUMB_SIDE, THUMB_SIDE))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=70, optimize=True)
        return out.getvalue(), image.width, image.height


def store(upload_dir: str, data: bytes, filename: str) -> PhotoFile:
    """:raise app.uploads.UploadRejected: with the user-facing reason."""
    stored = store_photo(upload_dir, data, filename)
    thumb, tw, th = run_off_loop(_thumbnail, upload_path(upload_dir, stored.name))
    thumb_name = secrets.token_hex(12) + ".jpg"
    (Path(upload_dir) / thumb_name).write_bytes(thumb)
    return PhotoFile(name=stored.name, thumb_name=thumb_name, width=stored.width or 0, height=stored.height or 0,
                     thumb_width=tw, thumb_height=th)
