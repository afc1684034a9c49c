"""Health check and language switch."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.db import get_engine, get_session
from app.extensions import csrf
from app.i18n import LANGUAGES

bp = Blueprint("core", __name__)


@bp.get("/healthz")
@csrf.exempt
def healthz():
    """200 when the database answers, 503 otherwise (for the proxy and the monitor)."""
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.post("/bahasa")
def set_language():
    """Switch the interface language (saved on the account when logged in)."""
    lang = request.form.get("lang", "id")
    if lang not in LANGUAGES:
        lang = "id"
    session["lang"] = lang
    if current_user.is_authenticated:
        db = get_session()
        user = db.merge(current_user._get_current_object())
        user.language = lang
        db.commit()
    target = request.form.get("next") or url_for("dashboard.index")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("dashboard.index")
    return redirect(target, 303)
