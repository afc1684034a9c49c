"""Login (/masuk), logout (/keluar) and password change."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf.csrf import generate_csrf

from app.audit.services import record
from app.auth import logins, services
from app.auth.forms import LoginForm, PasswordChangeForm
from app.clock import utcnow
from app.db import get_session
from app.extensions import client_ip
from app.forms import attach_error
from app.redirects import local_target

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    return local_target(target, url_for("dashboard.index"))


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    """Log in by username or e-mail."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        db = get_session()
        try:
            user = services.authenticate(
                db, form.login.data, form.password.data, ip=client_ip(), now=utcnow(), config=current_app.config
            )
        except services.LoginRefused as refused:
            db.commit()  # the failure counters must persist
            attach_error(form, refused)
            status = 429 if refused.retry_after else 401
        else:
            _start_session(db, user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")), 303)
    elif request.method == "POST":
        status = 422
    return render_template("auth/login.html", form=form), status


def _start_session(db, user, *, remember: bool = False) -> None:
    """A fresh session (no fixation) tied to a new server-side login record."""
    ident = logins.start(db, user, now=utcnow())
    db.commit()
    session.clear()
    login_user(user, remember=remember)
    session["_user_id"] = ident  # what Flask-Login keeps in the session and in the remember-me cookie
    session.permanent = True
    session["lang"] = user.language
    # The form secret goes into the very first cookie of the new session. Without it, the first pages
    # after login each mint their own (the page and the service worker's background copy of "/" run
    # at once): the last response wins the cookie and the other page's form fails CSRF.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)  # minted for the old session
    generate_csrf()


def _logged_out(message: str):
    logout_user()
    session.clear()
    flash(message, "info")
    response = redirect(url_for("auth.login"), 303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.post("/keluar")
def logout():
    """Log out: this login ends server-side (its session and remember-me cookies stop working), and the
    browser is told to drop cached pages and the outbox (shared phones)."""
    db = get_session()
    logins.end(db, session.get("_user_id"), now=utcnow())
    db.commit()
    return _logged_out(_("You have logged out."))


@bp.post("/akun/keluar-semua")
@login_required
def logout_everywhere():
    """End every login of this account, on every device (a lost phone, a shared computer)."""
    db = get_session()
    user = db.merge(current_user._get_current_object())
    logins.end_all(db, user, now=utcnow())
    record(
        db,
        actor=user,
        action="user.logout_everywhere",
        object_type="user",
        object_id=user.id,
        now=utcnow(),
        region_code=user.region_code,
    )
    db.commit()
    return _logged_out(_("You have logged out on every device."))


@bp.route("/akun/sandi", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password."""
    form = PasswordChangeForm()
    status = 200
    if form.validate_on_submit():
        db = get_session()
        user = db.merge(current_user._get_current_object())
        try:
            services.change_own_password(db, user, form.current.data, form.new.data, now=utcnow())
        except services.AccountError as exc:
            attach_error(form, exc, fallback="new")
            status = 422
        else:
            _start_session(db, user)  # every login ended with the old password: this device continues
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("dashboard.index"), 303)
    elif request.method == "POST":
        status = 422
        if form.current.data and not form.current.errors:  # say so now too, not after the other fields are fixed
            try:
                services.check_current_password(current_user, form.current.data)
            except services.AccountError as exc:
                attach_error(form, exc)
    return render_template("auth/password.html", form=form), status
