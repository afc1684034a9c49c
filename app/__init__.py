"""Sinergi: one live picture of the election for the regional election-security desk."""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask

from app.config import ROOT, load_config

APP_DIR = Path(__file__).resolve().parent


def feature_packages() -> list[str]:
    """Every package under app/ with a ``setup.py`` is a feature; found, not listed, so features never collide."""
    return sorted(p.parent.name for p in APP_DIR.glob("*/setup.py"))


def import_models() -> None:
    """Import every feature's ``models`` so SQLModel.metadata (and Alembic) knows all tables."""
    import importlib

    for path in sorted(APP_DIR.glob("*/models.py")):
        importlib.import_module(f"app.{path.parent.name}.models")


def create_app(config: dict | None = None) -> Flask:
    """Application factory: config → extensions → features → errors."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    from app.params import BoundedIntConverter

    app.url_map.converters["int"] = BoundedIntConverter  # before any route: a huge <int:id> is a 404
    app.config.update(load_config())
    settings = os.environ.get("SINERGI_SETTINGS")
    if settings:
        # Feature settings (deadline windows, register-number segments, staffing defaults…) as a JSON object.
        app.config.from_file(os.path.abspath(settings), load=json.load)
    if config:
        app.config.update(config)
    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)

    from app import db, errors, htmx, i18n, live, security
    from app.extensions import babel, csrf, limiter, login_manager
    from app.registry import EXTENSION, Registry

    app.extensions[EXTENSION] = Registry()  # this app's policies, menus, panels…: filled by each feature

    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(i18n.translation_directories(APP_DIR))
    db.init_app(app)
    live.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    from app.forms import use_catalog_for_wtforms

    use_catalog_for_wtforms()  # WTForms ships no Indonesian: its messages come from our catalogs
    i18n.init_app(app)
    security.init_app(app)

    import importlib

    import_models()
    for name in feature_packages():
        importlib.import_module(f"app.{name}.setup").register(app)
    errors.init_app(app)
    return app
