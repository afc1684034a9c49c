"""/manifest.webmanifest, /sw.js (root scope), /offline and the outbox page /kotak-keluar."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.authz import permission_required
from app.extensions import csrf

bp = Blueprint("pwa", __name__)

THEME = "#0f4c81"
BACKGROUND = "#f3f5f8"


def _icon(name: str) -> str:
    return url_for("static", filename=f"icons/{name}", v=current_app.config.get("ASSET_VERSION", "1"))


@bp.get("/manifest.webmanifest")
@csrf.exempt
def manifest():
    """The web app manifest: what Chromium needs to offer installation (Indonesian by default)."""
    data = {
        "id": "/",
        "name": _("Sinergi — Election Security Desk"),
        "short_name": "Sinergi",
        "description": _("One live picture for the regional election-security desk."),
        "lang": "id",
        "dir": "ltr",
        "start_url": "/?source=pwa",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "categories": ["government", "productivity"],
        "icons": [
            {"src": _icon("icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": _icon("icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": _icon("maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    response = jsonify(data)
    response.mimetype = "application/manifest+json"
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)


def shell_urls() -> list[str]:
    """What the service worker stores at install: the offline page, CSS, htmx, our scripts and the icons."""
    from app.core.bundles import bundle_url
    from app.core.setup import HTMX_VERSION, _asset

    urls = [
        url_for("pwa.offline"),
        bundle_url("css"),
        bundle_url("js"),
        _asset("icons/sprite.svg"),
        _icon("icon-192.png"),
        url_for("static", filename=f"vendor/htmx/{HTMX_VERSION}/htmx.min.js"),
        url_for("static", filename=f"vendor/htmx/{HTMX_VERSION}/hx-sse.min.js"),
    ]
    return urls


def _offline_data_urls() -> list[str]:
    from app.registry import current_registry

    return [url_for(e) for e in current_registry().offline_data if e in current_app.view_functions]


@bp.get("/sw.js")
@csrf.exempt
def service_worker():
    """The service worker from static/js/sw.js with the asset version and the shell list baked in.

    Its bytes must not depend on the user or the language: any difference makes the browser install it anew.
    """
    import json
    from pathlib import Path

    source = (Path(current_app.static_folder) / "js" / "sw.js").read_text(encoding="utf-8")
    config = {
        "version": current_app.config.get("ASSET_VERSION", "1"),
        "shell": shell_urls(),
        "offline": url_for("pwa.offline"),
        "login": url_for("auth.login"),
        "session": url_for("pwa.outbox_session"),
        "outboxPage": url_for("pwa.outbox"),
        "notifications": url_for("notifications.index") if "notifications.index" in current_app.view_functions else "/",
        "outbox": url_for("static", filename="js/outbox.js", v=current_app.config.get("ASSET_VERSION", "1")),
        "icon": _icon("icon-192.png"),
        "data": _offline_data_urls(),
        "timeout": current_app.config.get("SW_NAVIGATION_TIMEOUT_MS", 3500),
    }
    body = f"const SINERGI = {json.dumps(config, ensure_ascii=False)};\n{source}"
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker on every navigation: an unchanged one costs a 304, not the script.
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/offline")
@csrf.exempt
def offline():
    """Shown by the service worker when a page was never opened on this phone and there is no signal."""
    response = current_app.make_response(render_template("pwa/offline.html"))
    # Anonymous shell: cacheable by the service worker, never by shared caches.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/kotak-keluar")
@permission_required("pwa.outbox")
def outbox():
    """What this phone still has to send (read from IndexedDB by static/js/outbox.js): retry, edit, discard."""
    return render_template("pwa/outbox.html", user_id=current_user.id)


@bp.get("/kotak-keluar/sesi")
def outbox_session():
    """Who is logged in on this phone (or nobody) and the session's current CSRF token, asked before resending.

    Items of another account are left alone and items of a logged-out account wait for its login; public
    complaints (no account) go out with the anonymous session's token.
    """
    from flask_wtf.csrf import generate_csrf

    user = current_user.id if current_user.is_authenticated and current_user.active else None
    response = jsonify(user=user, csrf=generate_csrf(), login=url_for("auth.login"))
    response.headers["Cache-Control"] = "no-store"
    return response
