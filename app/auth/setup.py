"""Wire Flask-Login to our users and register the auth blueprint."""

from __future__ import annotations

from flask import Flask, redirect, request, url_for
from flask_babel import gettext as _
from htmx_flask import make_response

from app.auth import logins
from app.auth.models import User
from app.extensions import login_manager
from app.registry import registry_of


def _load_user(user_id: str) -> User | None:
    """Sessions and remember-me cookies carry ``id:token:login`` (see ``app.auth.logins``)."""
    from app.db import get_session

    return logins.resolve(get_session(), user_id)


def _unauthorized():
    """htmx requests get a 401 with HX-Redirect (else the login page would be swapped into a fragment)."""
    target = url_for("auth.login", next=request.full_path.rstrip("?") if request.method == "GET" else None)
    if request.htmx:
        return make_response(_("Please log in again."), 401, redirect=target)
    from flask import flash

    flash(_("Please log in to open this page."), "info")
    return redirect(target)


def register(app: Flask) -> None:
    from app.auth.cli import users_cli
    from app.auth.policies import policies
    from app.auth.routes import bp

    reg = registry_of(app)
    reg.add_policies(policies)
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
