"""gzip for text responses (HTML, CSS, JS, JSON, SVG, the manifest) as a small WSGI middleware.

Chosen over a proxy setting so `make run` (gunicorn alone) already serves compressed pages to weak phone
connections. Streams (``text/event-stream``), already-encoded and small bodies pass through untouched.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable

COMPRESSIBLE = ("text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                "application/manifest+json", "image/svg+xml", "text/plain")
MIN_SIZE = 500


class CompressMiddleware:
    def __init__(self, app: Callable, level: int = 6) -> None:
        self.app = app
        self.level = level

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if "gzip" not in environ.get("HTTP_ACCEPT_ENCODING", "").lower():
            return self.app(environ, start_response)
        captured: dict = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info=None):
            captured["status"], captured["headers"], captured["exc_info"] = status, headers, exc_info
            return lambda _data: None  # legacy write() is not used by Flask

        result = self.app(environ, capture)
        headers = captured["headers"]
        names = {k.lower(): v for k, v in headers}
        ctype = names.get("content-type", "").split(";")[0].strip().lower()
        if (ctype not in COMPRESSIBLE or "content-encoding" in names or environ.get("REQUEST_METHOD") == "HEAD"
                or captured["status"].startswith(("204", "304"))):
            start_response(captured["status"], headers, captured["exc_info"])
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        vary = [v for k, v in headers if k.lower() == "vary"]
        headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "vary")]
        vary_values = {p.strip() for v in vary for p in v.split(",") if p.strip()} | {"Accept-Encoding"}
        headers.append(("Vary", ", ".join(sorted(vary_values))))
        if len(body) >= MIN_SIZE:
            body = gzip.compress(body, self.level, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        start_response(captured["status"], headers, captured["exc_info"])
        return [body]
