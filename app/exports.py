"""Downloads every feature offers: CSV exports and PDF documents, built one way.

``csv_response`` neutralises every cell against spreadsheet formula injection (a cell starting with
``= + - @``, tab or carriage return is prefixed with ``'``, OWASP's advice), writes a UTF-8 BOM so Excel
reads Indonesian text right, and sets the download headers; ``pdf_response`` wraps ``send_file`` (style §4.6)
with the same cache rule for every document.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from flask import Response, send_file

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A value as CSV text that no spreadsheet evaluates as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text  # a negative number is data, not a formula
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def csv_response(filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Response:
    """A CSV download of ``rows`` under ``header`` (each cell neutralised), never cached by shared caches."""
    body = csv_text(header, rows).encode("utf-8-sig")
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def pdf_response(data: bytes, filename: str, *, inline: bool = True, cache: bool = False) -> Response:
    """A PDF document: shown in the browser (``inline``) or downloaded; ``cache`` only for immutable versions."""
    response = send_file(
        io.BytesIO(data), mimetype="application/pdf", download_name=filename, as_attachment=not inline, max_age=0
    )
    response.headers["Cache-Control"] = "private, max-age=3600" if cache else "private, no-store"
    return response


def upload_response(name: str, mimetype: str, *, cache_seconds: int = 0, download: bool = False) -> Response:
    """A stored upload (a photo, an evidence file) after the caller checked who may see it: 404 when the file is
    gone (erased), never sniffed as another type, cached only by the viewer's own browser (``cache_seconds``)."""
    from flask import abort, current_app

    from app.uploads import upload_path

    try:
        path = upload_path(current_app.config["UPLOAD_DIR"], name)
    except FileNotFoundError:
        abort(404)
    response = send_file(path, mimetype=mimetype, download_name=name, as_attachment=download, max_age=cache_seconds)
    response.headers["Cache-Control"] = f"private, max-age={cache_seconds}" if cache_seconds else "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
