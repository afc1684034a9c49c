"""Uploaded photos and documents: checked, re-encoded, stored outside static/ under random names.

Photos are re-encoded as JPEG (longest side ≤ 1600 px) without EXIF, so GPS positions and camera serials never
leave the server; the re-encode is the real check (a truncated JPEG passes ``verify()`` but fails here).
PDFs (complaint evidence) are accepted when pypdf can read them, and stored as sent.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from app.offload import run_off_loop

MAX_PHOTO_BYTES = 12 * 1024 * 1024
MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1600
JPEG_QUALITY = 82
# What the file name promises → what Pillow must find inside.
# Pixel budget, read from the file's header BEFORE anything is decoded: a 13000×13000 PNG of a few KB would
# otherwise grow the worker by gigabytes. JPEGs are decoded at 1/8 scale at most (``draft``), so a 200 MP camera
# photo costs ~3 MP; PNG and WebP decode whole, so 25 MP (≈75 MB as RGB) is their ceiling.
MAX_PIXELS = {"JPEG": 250_000_000, "PNG": 25_000_000, "WEBP": 25_000_000}
PHOTO_EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", "": None}
NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


class UploadRejected(ValueError):
    """The file was refused; ``message`` says why, in words the user understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class StoredFile:
    name: str  # random file name under UPLOAD_DIR
    content_type: str
    size: int
    width: int | None = None
    height: int | None = None


def _reencode(data: bytes, filename: str) -> tuple[bytes, int, int]:
    # WeasyPrint sets this Pillow global to True when it is imported (rendering any PDF does): a truncated
    # upload would then be padded and accepted. Uploads must decode strictly, so insist on False each time.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    if len(data) > MAX_PHOTO_BYTES:
        raise UploadRejected(_l("The photo is larger than 12 MB."))
    suffix = Path(filename or "").suffix.lower()
    if suffix not in PHOTO_EXTENSIONS:
        raise UploadRejected(_l("Only photos in JPEG, PNG or WebP format can be uploaded."))
    try:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            found, (width, height) = probe.format, probe.size
            if found not in MAX_PIXELS:
                raise UploadRejected(_l("Only photos in JPEG, PNG or WebP format can be uploaded."))
            if width * height > MAX_PIXELS[found]:
                raise UploadRejected(
                    _l("The photo has too many pixels (%(w)s × %(h)s). Send a smaller photo.", w=width, h=height)
                )
            probe.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:  # Pillow's own, cruder check
        raise UploadRejected(_l("The photo has too many pixels. Send a smaller photo.")) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, UploadRejected):
            raise
        raise UploadRejected(_l("This file is not a photo that can be read.")) from exc
    expected = PHOTO_EXTENSIONS[suffix]
    if expected and expected != found:
        raise UploadRejected(_l("The file name does not match its content (for example a PNG named .jpg)."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at the smallest scale that is still enough
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            # No exif= argument: the new file carries no EXIF (and no GPS) at all.
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            return out.getvalue(), image.width, image.height
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise UploadRejected(_l("The photo is damaged or incomplete.")) from exc


def _random_name(suffix: str) -> str:
    return "".join(secrets.choice(NAME_CHARS) for _ in range(24)) + suffix


def _write(upload_dir: str | Path, data: bytes, suffix: str) -> str:
    directory = Path(upload_dir)
    directory.mkdir(parents=True, exist_ok=True)
    name = _random_name(suffix)
    (directory / name).write_bytes(data)
    return name


def store_photo(upload_dir: str | Path, data: bytes, filename: str) -> StoredFile:
    """Check, re-encode (off the event loop) and store a photo. :raise UploadRejected: with the reason."""
    jpeg, width, height = run_off_loop(_reencode, data, filename)
    return StoredFile(_write(upload_dir, jpeg, ".jpg"), "image/jpeg", len(jpeg), width, height)


def store_pdf(upload_dir: str | Path, data: bytes) -> StoredFile:
    """Store a PDF document after checking it parses. :raise UploadRejected: with the reason."""
    if len(data) > MAX_PDF_BYTES:
        raise UploadRejected(_l("The PDF document is larger than 10 MB."))
    if not data.startswith(b"%PDF-"):
        raise UploadRejected(_l("This file is not a PDF document."))
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, OSError, KeyError) as exc:
        raise UploadRejected(_l("The PDF document is damaged and cannot be read.")) from exc
    if pages == 0:
        raise UploadRejected(_l("The PDF document has no pages."))
    return StoredFile(_write(upload_dir, data, ".pdf"), "application/pdf", len(data))


def upload_path(upload_dir: str | Path, name: str) -> Path:
    """Path of a stored file; refuses anything but our own random names (no path tricks)."""
    if not name or any(c not in NAME_CHARS + "." for c in name) or name.count(".") != 1:
        raise FileNotFoundError(name)
    path = Path(upload_dir) / name
    if not path.is_file():
        raise FileNotFoundError(name)
    return path
