"""Register the PWA blueprint, the cacheable-page header and response compression."""

from __future__ import annotations

from flask import Flask, Response, g, request

# Pages the service worker may keep for offline reading (network-first, then this copy). Features whose
# pages should open offline add their endpoint here, set ``g.sw_cacheable = True`` in the view (when only some
# answers qualify) or set the header themselves (docs/features/pwa.md).
CACHEABLE_ENDPOINTS = {"dashboard.index", "pwa.outbox", "notifications.index", "timeline.index",
                       "timeline.entry", "timeline.incident", "meetings.index", "meetings.detail"}
SW_CACHE_HEADER = "X-SW-Cache"
# Data (JSON) the service worker keeps for offline forms: network first, then the newest copy. Their views set
# the X-SW-Cache header themselves; the worker learns the URLs from SINERGI.data.
OFFLINE_DATA_ENDPOINTS = ("timeline.places_data",)


def sw_cacheable() -> bool:
    """This request's page may be kept by the service worker (a full page, not an htmx partial)."""
    return (request.method == "GET" and request.headers.get("HX-Request") != "true"
            and (request.endpoint in CACHEABLE_ENDPOINTS or bool(g.get("sw_cacheable"))))


def _mark_cacheable(response: Response) -> Response:
    if sw_cacheable() and response.status_code == 200 and response.mimetype == "text/html":
        response.headers.setdefault(SW_CACHE_HEADER, "1")
    if request.endpoint in CACHEABLE_ENDPOINTS or g.get("sw_cacheable"):
        # The same URL serves the page and its htmx fragment: caches must keep them apart.
        response.vary.add("HX-Request")
    return response


def save_data() -> bool:
    """The browser asks to save data (``Save-Data: on``): templates keep the first page small, no images."""
    return request.headers.get("Save-Data", "").strip().lower() == "on"


def _vary_save_data(response: Response) -> Response:
    if request.headers.get("Save-Data") is not None and response.mimetype == "text/html":
        response.vary.add("Save-Data")
    return response


def register(app: Flask) -> None:
    from app.pwa import policies  # noqa: F401  (registers the rules)
    from app.pwa.compress import CompressMiddleware
    from app.pwa.js_messages import MESSAGES
    from app.pwa.routes import bp
    from app.registry import registry

    app.register_blueprint(bp)
    registry.add_js_messages("pwa", MESSAGES)
    app.after_request(_mark_cacheable)
    app.after_request(_vary_save_data)
    app.context_processor(lambda: {"save_data": save_data, "sw_cacheable": sw_cacheable})
    if app.config.get("SINERGI_COMPRESS", True):
        app.wsgi_app = CompressMiddleware(app.wsgi_app)
