"""The optional photo of a check-in (issue 15 point 1): checked and re-encoded by ``app.uploads.store_photo``
(EXIF and its GPS stripped, image bombs refused), stored under ``UPLOAD_DIR``, shown to those who may read the
board of its TPS. The phone shrinks it first (``data-shrink``, pwa-photos.js) and the outbox keeps it offline."""

from __future__ import annotations

import contextlib

from flask import current_app
from werkzeug.datastructures import FileStorage

from app.uploads import UploadRejected, store_photo, upload_path
from app.votingday.services import CheckinError


def store(upload: FileStorage | None) -> str:
    """The stored file's name, "" when no photo was sent. :raise CheckinError: (field ``photo``) why not."""
    if upload is None or not upload.filename:
        return ""
    try:
        return store_photo(current_app.config["UPLOAD_DIR"], upload.read(), upload.filename).name
    except UploadRejected as exc:
        raise CheckinError("photo", exc.message) from None


def discard(name: str) -> None:
    """Remove the photo of a refused check-in (nothing refers to it)."""
    if name:
        with contextlib.suppress(FileNotFoundError):
            upload_path(current_app.config["UPLOAD_DIR"], name).unlink()
