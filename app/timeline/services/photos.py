"""Timeline photos: checked and re-encoded by ``app.uploads.store_photo``, plus a small thumbnail.

``store_uploads`` takes a post's uploaded files (anything with ``filename`` and ``read()``), refuses more than
the limit before writing anything, and stores them one by one; ``discard`` removes the files of a post that was
refused afterwards (nothing refers to them).
"""

from __future__ import annotations

import contextlib
import io
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from flask_babel import lazy_gettext as _l
from PIL import Image

from app.offload import run_off_loop
from app.timeline.services.common import EntryError
from app.uploads import UploadRejected, store_photo, upload_path

THUMB_SIDE = 320


@dataclass(frozen=True)
class PhotoFile:
    """A photo already checked and stored (``store``): what an ``EntryPhoto`` row records."""

    name: str
    thumb_name: str
    width: int
    height: int
    thumb_width: int
    thumb_height: int


class Upload(Protocol):
    filename: str | None

    def read(self) -> bytes: ...


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
    return PhotoFile(
        name=stored.name,
        thumb_name=thumb_name,
        width=stored.width or 0,
        height=stored.height or 0,
        thumb_width=tw,
        thumb_height=th,
    )


def store_uploads(upload_dir: str, uploads: Sequence[Upload], *, limit: int) -> list[PhotoFile]:
    """Store a post's photos. :raise EntryError: (field ``photos``) for too many or a file that is not a usable
    photo; the files stored before the refused one are removed again."""
    if len(uploads) > limit:
        raise EntryError("photos", _l("At most %(num)s photos per post.", num=limit))
    stored: list[PhotoFile] = []
    for upload in uploads:
        try:
            stored.append(store(upload_dir, upload.read(), upload.filename or ""))
        except UploadRejected as exc:
            discard(upload_dir, stored)
            raise EntryError("photos", f"{upload.filename}: {exc.message}") from None
    return stored


def discard(upload_dir: str, photos: Sequence[PhotoFile]) -> None:
    """Remove the files of photos nothing refers to (a refused post)."""
    for photo in photos:
        for name in (photo.name, photo.thumb_name):
            with contextlib.suppress(FileNotFoundError):
                upload_path(upload_dir, name).unlink()
