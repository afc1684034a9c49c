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
PERMISSIONS = ", ".join([
    "camera=(self)", "geolocation=(self)", "microphone=()", "payment=()", "usb=()", "interest-cohort=()",
    "browsing-topics=()", "display-capture=()", "serial=()", "bluetooth=()",
])


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
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
