"""Evidence files sent with a report or added by the reporter later: one way to store them (photos re-encoded
without their location data, PDFs checked; app/uploads.py), shared by the intake steps and the status page."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from flask_babel import lazy_gettext as _l

from app.complaints.models import EvidenceFile
from app.uploads import UploadRejected, store_pdf, store_photo


class Upload(Protocol):
    """What a file of a multipart form offers (werkzeug's ``FileStorage``)."""

    filename: str | None

    def read(self) -> bytes: ...


def store_evidence(
    upload_dir: str | Path, files: Iterable[Upload], *, limit: int | None = None, already: int = 0
) -> tuple[list[EvidenceFile], list[str]]:
    """Store each file sent (empty file inputs are skipped) until ``already`` + the stored ones reach ``limit``
    (None: no limit); returns what was stored and, for each refusal, a message naming the file (for the form)."""
    stored: list[EvidenceFile] = []
    refused: list[str] = []
    for upload in files:
        if not upload or not upload.filename:
            continue
        if limit is not None and already + len(stored) >= limit:
            refused.append(str(_l("At most %(n)d files can be attached.", n=limit)))
            break
        name = Path(upload.filename).name[:200]
        data = upload.read()
        try:
            if name.lower().endswith(".pdf") or data.startswith(b"%PDF-"):
                saved = store_pdf(upload_dir, data)
            else:
                saved = store_photo(upload_dir, data, name)
        except UploadRejected as exc:
            refused.append(f"{name}: {exc.message}")
            continue
        stored.append(
            EvidenceFile(file_name=saved.name, content_type=saved.content_type, size=saved.size, original_name=name)
        )
    return stored, refused
