"""Register the PWA blueprint, the cacheable-page header and response compression (``compress.py``)."""

from __future__ import annotations

from flask import Flask, Response, g, request, url_for
from flask_login import current_user

from app.htmx import is_htmx, vary_on_htmx
from app.registry import current_registry, registry_of

# Pages the service worker may keep for offline reading (network-first, then this copy): each feature names
# its own with ``registry_of(app).add_offline_page(endpoint)``, or sets ``g.sw_cacheable = True`` in the view
# when only some answers qualify (docs/features/pwa.md). Offline data (JSON for offline forms) is named with
# ``add_offline_data(endpoint)``; those views set the header themselves and the worker learns their URLs
# from SINERGI.data.
SW_CACHE_HEADER = "X-SW-Cache"
# Whose page or data this is ("-": nobody logged in). The worker keeps copies of one account only: a page from
# the network for another account (or for nobody: the session ended) drops the copies of the previous one, and
# a copy is served offline only to the account it was made for.
SW_ACCOUNT_HEADER = "X-SW-Account"


def _offline_page() -> bool:
    return request.endpoint in current_registry().offline_pages or bool(g.get("sw_cacheable"))


def sw_cacheable() -> bool:
    """This request's page may be kept by the service worker (a full page, not an htmx partial)."""
    return request.method == "GET" and _offline_page() and not is_htmx()


def _mark_cacheable(response: Response) -> Response:
    if sw_cacheable() and response.status_code == 200 and response.mimetype == "text/html":
        response.headers.setdefault(SW_CACHE_HEADER, "1")
    if request.method == "GET" and (response.mimetype == "text/html" or SW_CACHE_HEADER in response.headers):
        response.headers[SW_ACCOUNT_HEADER] = str(current_user.id) if current_user.is_authenticated else "-"
    if _offline_page():
        # The same URL serves the page and its htmx fragment: caches must keep them apart.
        vary_on_htmx(response)
    return response


def save_data() -> bool:
    """The browser asks to save data (``Save-Data: on``): templates keep the first page small, no images."""
    return request.headers.get("Save-Data", "").strip().lower() == "on"


def _vary_save_data(response: Response) -> Response:
    if request.headers.get("Save-Data") is not None and response.mimetype == "text/html":
        response.vary.add("Save-Data")
    return response


def pwa_urls() -> dict[str, str]:
    """The URLs the page scripts need (meta sinergi-pwa in base.html): never written into static/js."""
    return {
        "serviceWorker": url_for("pwa.service_worker"),
        "outboxSession": url_for("pwa.outbox_session"),
        "login": url_for("auth.login"),
    }


def register(app: Flask) -> None:
    from app.pwa.compress import init_compression
    from app.pwa.js_messages import MESSAGES
    from app.pwa.policies import policies
    from app.pwa.routes import bp
    from app.pwa.session import ForegroundSessionInterface

    app.session_interface = ForegroundSessionInterface()  # the worker's background fetches keep the cookie
    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    reg.add_js_messages("pwa", MESSAGES)
    reg.add_offline_page("pwa.outbox")
    app.after_request(_mark_cacheable)
    app.after_request(_vary_save_data)
    app.context_processor(lambda: {"save_data": save_data, "sw_cacheable": sw_cacheable, "pwa_urls": pwa_urls})
    init_compression(app)
