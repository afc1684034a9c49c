"""Health check, language switch and the public verification of signed documents."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core.forms import VerifyForm, clean_code
from app.db import get_engine, get_session
from app.extensions import csrf
from app.i18n import LANGUAGES
from app.redirects import local_target
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
    return redirect(local_target(request.form.get("next"), url_for("dashboard.index")), 303)


@bp.get("/verifikasi")
def verify_form():
    """Public: type the code printed at the foot of a document (``?kode=`` opens its page)."""
    form = VerifyForm(request.args)
    if "kode" not in request.args:  # a first visit, nothing typed yet
        return render_template("core/verify_form.html", form=form)
    if form.validate():
        return redirect(url_for("core.verify", code=form.kode.data), 303)
    return render_template("core/verify_form.html", form=form), 400


@bp.get("/verifikasi/<code>")
def verify(code: str):
    """Public: the signed document a printed verification code belongs to (no login), asked of every feature
    that signs documents; 404 with a form to type the code again when none knows it."""
    code = clean_code(code)
    db = get_session()
    for verifier in current_registry().verifiers:
        found = verifier(db, code)
        if found is not None:
            return render_template(found.template, code=code, **found.context)
    return render_template("core/verify_unknown.html", code=code, form=VerifyForm(data={"kode": code})), 404


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it on pages without a <link rel="icon">: the PDFs opened in a tab, for one."""
    from flask import current_app

    response = current_app.send_static_file("icons/icon-192.png")
    response.cache_control.max_age = 7 * 24 * 3600
    response.cache_control.public = True
    return response


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
