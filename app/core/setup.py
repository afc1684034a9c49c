"""Register the core blueprint and the helpers every template uses."""

from __future__ import annotations

from flask import Flask, g, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.registry import current_registry, registry_of


def _asset(path: str) -> str:
    """URL of a static file with a version in the query string, so browsers may cache it for a year."""
    from flask import current_app

    return url_for("static", filename=path, v=current_app.config.get("ASSET_VERSION", "1"))


def _share_messages(app: Flask) -> None:
    """The texts of static/js/share.js (templates/_macros/share.html): the one "share to WhatsApp" of every
    feature."""
    registry_of(app).add_js_messages(
        "share",
        {
            "copied": _l("The text was copied. Paste it into the WhatsApp group."),
            "copy_failed": _l("Copying is not possible here: select the text and copy it."),
        },
    )


def register(app: Flask) -> None:
    from app.core.routes import bp
    from app.migrate import db_cli

    app.register_blueprint(bp)
    app.cli.add_command(db_cli)
    _share_messages(app)
    if int(app.config.get("PDF_WORKERS", 2)) == 0:
        from app.pdf import warm_up

        # PDFs laid out in this process: WeasyPrint's first import must not happen in gevent's thread pool.
        # (With renderer processes, the default, this process never imports WeasyPrint.)
        warm_up()
    app.config.setdefault("ASSET_VERSION", _asset_version(app))
    # The header's region label is cached on g per request (an app context may outlive several requests).
    app.teardown_request(lambda _exc: g.pop("region_label", None))

    @app.context_processor
    def _template_helpers():
        def nav_items():
            if not current_user.is_authenticated:
                return []
            # The one place that filters the menu by permission: the side bar, the bottom bar and /menu all use it.
            from app.authz import can

            return [
                item
                for item in current_registry().nav
                if item.visible(current_user) and can(current_user, item.permission)
            ]

        def current_region_label():
            """The user's region for the header (one query per request, cached on g)."""
            from app.db import get_session
            from app.regions.models import Region

            if "region_label" not in g:
                region = get_session().get(Region, current_user.region_code)
                g.region_label = region.label if region else current_user.region_code
            return g.region_label

        from flask_babel import get_locale

        from app.core.bundles import bundle_url

        return {
            "asset": _asset,
            "get_locale": get_locale,
            "bundle_url": bundle_url,
            "nav_items": nav_items,
            "htmx_version": HTMX_VERSION,
            "current_region_label": current_region_label,
            "js_messages": js_messages,
        }


def _htmx_version() -> str:
    """htmx's version, pinned once: in package.json (npm installs it; the Makefile copies it into static/vendor/)."""
    import json

    from app.config import ROOT

    return json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["htmx.org"]


HTMX_VERSION = _htmx_version()


def js_messages() -> dict[str, dict[str, str]]:
    """Every feature script's texts in the request's language, for the page's JSON data block.

    A data block (``<script type="application/json">``) is never executed, so the strict CSP allows it; the
    scripts read it with ``SinergiText(namespace)`` (static/js/app.js).
    """
    return {
        ns: {key: str(text) for key, text in messages.items()}
        for ns, messages in current_registry().js_messages.items()
    }


def _asset_version(app: Flask) -> str:
    """A short hash of our own static files: changes whenever CSS/JS change (and busts caches)."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256()
    static = Path(app.static_folder or "static")
    for path in sorted(static.rglob("*")):
        if path.is_file() and "vendor" not in path.parts:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]
