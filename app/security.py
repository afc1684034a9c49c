"""Response headers that every page carries: a strict CSP (no inline script, no eval) and friends."""

from __future__ import annotations

from flask import Flask, Response, request
from wtforms.csrf.core import CSRFTokenField
from wtforms.widgets import HiddenInput

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

# Camera (photos) and location (check-in, incident place) for this origin only; everything else off.
PERMISSIONS = ", ".join(
    [
        "camera=(self)",
        "geolocation=(self)",
        "microphone=()",
        "payment=()",
        "usb=()",
        "interest-cohort=()",
        "browsing-topics=()",
        "display-capture=()",
        "serial=()",
    ]
)


# Static files that are never documents: a CSP, frame or permissions policy on them does nothing (those headers
# govern documents and workers), yet cost ~1 KB per file on a phone's first load. SVG (a document when opened)
# and everything else keep the full set; nosniff stays on everything.
NOT_DOCUMENTS = ("text/css", "text/javascript", "application/javascript", "font/", "image/png", "image/jpeg")


def _is_plain_static(response: Response) -> bool:
    return request.path.startswith("/static/") and (response.mimetype or "").startswith(NOT_DOCUMENTS)


def _governs_a_document(response: Response) -> bool:
    """Whether the document policies belong on this response. Not on a plain static file, and not on a 304: it has
    no body, and the browser keeps the headers of the copy it already holds (RFC 9111 4.3.4 updates stored headers
    with those the 304 sends; it removes none), so the CSP of the stored manifest, ``sw.js`` or page stays in force.
    That saves ~0.9 KB on each of a repeat load's revalidations."""
    return response.status_code != 304 and not _is_plain_static(response)


def _headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if _governs_a_document(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
    if request.is_secure:  # behind a TLS proxy this needs ProxyFix (X-Forwarded-Proto) to be seen
        response.headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if request.path.startswith("/static/") and (request.path.startswith("/static/vendor/") or request.args.get("v")):
        # The version is in the path: cache for a year.
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    elif response.mimetype == "text/html" and "Cache-Control" not in response.headers:
        # Pages are per user: never in a shared cache.
        response.headers["Cache-Control"] = "private, no-cache"
    return response


class _HiddenInputWithoutId(HiddenInput):
    """``{{ form.csrf_token }}`` rendered ``id="csrf_token"`` in every form: two forms on a page gave duplicate
    ids (an HTML error, and label/aria references that point nowhere). A hidden token needs no id."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", False)
        return super().__call__(field, **kwargs)


def init_app(app: Flask) -> None:
    CSRFTokenField.widget = _HiddenInputWithoutId()
    app.after_request(_headers)
