"""Compressed text responses for weak phone connections: Flask-Compress (zstd, brotli or gzip, whichever the
browser takes first), set up here so `make run` (gunicorn alone) already serves them; `SINERGI_COMPRESS=0`
turns it off when a proxy compresses.

Event streams (``text/event-stream``) are never compressed nor buffered: streamed responses are left alone
(``COMPRESS_STREAMS`` off) and the type is not listed anyway. Our static files are small: they are read into
memory first (``_buffer_static``) and compressed whole, because Flask-Compress's chunked path leaves the file
open. Bodies under 500 bytes, errors and already-encoded answers pass through.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress

COMPRESSIBLE = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
    "text/plain",
]


def init_compression(app: Flask) -> None:
    if not app.config.get("SINERGI_COMPRESS", True):
        return
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSIBLE)
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    # Brotli at 5 compresses our HTML and scripts about a fifth smaller than gzip at 6 for the same CPU.
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    # zstd or brotli for today's browsers, gzip for older ones.
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_STREAMS", False)
    Compress(app)
    app.after_request(_buffer_static)  # registered after Compress: Flask runs it before Compress's handler


def _buffer_static(response: Response) -> Response:
    """A static text file as an in-memory body (closing the file), so it is compressed like a page."""
    if request.endpoint == "static" and response.status_code == 200 and response.mimetype in COMPRESSIBLE:
        response.direct_passthrough = False
        response.make_sequence()
    return response
