"""Health check and language switch."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.db import get_engine, get_session
from app.extensions import csrf
from app.i18n import LANGUAGES
from app.registry import current_registry

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


@bp.get("/verifikasi/<code>")
def verify(code: str):
    """Public: the signed document a printed verification code belongs to (no login), asked of every feature
    that signs documents; 404 with the same page when none knows the code."""
    code = code.strip().upper()[:32]
    db = get_session()
    for verifier in current_registry().verifiers:
        found = verifier(db, code)
        if found is not None:
            return render_template(found.template, code=code, **found.context)
    return render_template("core/verify_unknown.html", code=code), 404


@bp.get("/static/bundle/sinergi.<any(css, js):kind>")
def bundle(kind: str):
    """Every page's stylesheet or script in one answer (app/core/bundles.py); ``?v=`` busts the year-long cache."""
    from flask import current_app

    from app.core.bundles import MIMETYPES
    from app.core.bundles import bundle as joined

    data, etag = joined(current_app._get_current_object(), kind)
    response = current_app.response_class(data, mimetype=MIMETYPES[kind])
    response.set_etag(etag)
    return response.make_conditional(request)
