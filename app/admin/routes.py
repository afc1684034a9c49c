"""Admin pages: list, create, deactivate users and reset passwords, all within the admin's scope."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlmodel import select
from wtforms import SelectChoice

from app.admin.forms import PasswordResetForm, UserCreateForm
from app.auth import services
from app.auth.models import User
from app.authz import get_or_404, permission_required
from app.clock import utcnow
from app.db import get_session
from app.forms import attach_error
from app.idempotency.decorators import idempotent
from app.regions.models import Region
from app.regions.services import describe_place, scope_clause

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _scope_regions(db) -> list[SelectChoice]:
    """Regions an admin may give as a scope: their own and the levels down to kecamatan."""
    rows = db.exec(
        select(Region)
        .where(scope_clause(Region.code, current_user.region_code), Region.level <= 3)
        .order_by(Region.code)
    ).all()
    return [SelectChoice(r.code, f"{r.code} — {r.label}") for r in rows]


@bp.get("/pengguna")
@permission_required("users.manage")
def users():
    """Accounts in the admin's scope, optionally filtered by a search term."""
    db = get_session()
    q = (request.args.get("q") or "").strip()[:100]
    query = select(User).where(scope_clause(User.region_code, current_user.region_code))
    if q:
        like = f"%{q.lower()}%"
        query = query.where(User.username.like(like) | User.name.ilike(like))
    accounts = db.exec(query.order_by(User.agency, User.username)).all()
    places = describe_place(db, {a.region_code for a in accounts})  # names, not codes, in one query
    return render_template("admin/users.html", accounts=accounts, q=q, places=places)


@bp.route("/pengguna/baru", methods=["GET", "POST"])
@permission_required("users.manage")
@idempotent
def user_new():
    """Create an account inside the admin's scope."""
    db = get_session()
    form = UserCreateForm()
    form.region_code.choices = _scope_regions(db)
    status = 200
    if form.validate_on_submit():
        data = services.UserInput(
            username=form.username.data,
            name=form.name.data,
            agency=form.agency.data,
            role=form.role.data,
            region_code=form.region_code.data,
            password=form.password.data,
            email=form.email.data or None,
            phone=form.phone.data or None,
            position=form.position.data or "",
        )
        try:
            user = services.create_user(db, data, actor=current_user, now=utcnow())
        except services.AccountError as exc:
            attach_error(form, exc, fallback="username")
            status = 422
        else:
            db.commit()
            flash(_("Account %(username)s created.", username=user.username), "success")
            return redirect(url_for("admin.users"), 303)
    elif request.method == "POST":
        status = 422
    return render_template("admin/user_new.html", form=form), status


@bp.post("/pengguna/<int:user_id>/aktif")
@permission_required("users.manage")
def user_active(user_id: int):
    """Activate or deactivate an account."""
    db = get_session()
    user = get_or_404(db, User, user_id, user=current_user, action="user.edit")
    active = request.form.get("active") == "1"
    try:
        services.set_active(db, user, active, actor=current_user, now=utcnow())
    except services.AccountError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("admin.users"), 303)
    db.commit()
    flash(
        _("Account %(username)s activated.", username=user.username)
        if active
        else _("Account %(username)s deactivated.", username=user.username),
        "success",
    )
    return redirect(url_for("admin.users"), 303)


@bp.route("/pengguna/<int:user_id>/sandi", methods=["GET", "POST"])
@permission_required("users.manage")
def user_password(user_id: int):
    """Reset another user's password."""
    db = get_session()
    user = get_or_404(db, User, user_id, user=current_user, action="user.edit")
    form = PasswordResetForm()
    status = 200
    if form.validate_on_submit():
        services.set_password(db, user, form.password.data, actor=current_user, now=utcnow())
        db.commit()
        flash(_("The password of %(username)s has been reset.", username=user.username), "success")
        return redirect(url_for("admin.users"), 303)
    if request.method == "POST":
        status = 422
    return render_template("admin/user_password.html", form=form, account=user), status
