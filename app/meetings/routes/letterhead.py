"""Admin: the kop naskah dinas of each agency in the admin's kabupaten/kota (with an optional logo)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import FileField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app import clock
from app.authz import permission_required
from app.db import get_session
from app.meetings import letterheads
from app.meetings.forms import AGENCY_CHOICES
from app.meetings.routes import bp
from app.uploads import UploadRejected, store_photo


class LetterheadForm(FlaskForm):
    agency = SelectField(_l("Agency"), choices=AGENCY_CHOICES)
    line1 = StringField(_l("Line 1"), validators=[DataRequired(_l("Enter the first line.")), Length(max=160)])
    line2 = StringField(_l("Line 2"), validators=[Optional(), Length(max=160)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    city = StringField(_l("City (where the minutes are signed)"), validators=[Optional(), Length(max=80)])
    logo = FileField(_l("Logo (JPEG/PNG, optional)"))


@bp.route("/kop", methods=["GET", "POST"])
@permission_required("meetings.letterhead")
def letterhead():
    db = get_session()
    region = current_user.region_code[:5]
    form = LetterheadForm()
    status = 200
    if request.method == "GET":
        agency = request.args.get("instansi") or current_user.agency
        form.agency.data = agency
        existing = letterheads.for_agency(db, agency, region)
        if existing is not None:
            form.line1.data, form.line2.data = existing.line1, existing.line2
            form.address.data, form.city.data = existing.address, existing.city
    elif form.validate_on_submit():
        logo_name = None
        upload = request.files.get("logo")
        try:
            if upload and upload.filename:
                logo_name = store_photo(current_app.config["UPLOAD_DIR"], upload.read(), upload.filename).name
        except UploadRejected as exc:
            form.logo.errors = [str(exc.message)]
            status = 422
        else:
            letterheads.save(
                db,
                agency=form.agency.data,
                region_code=region,
                line1=form.line1.data,
                line2=form.line2.data or "",
                address=form.address.data or "",
                city=form.city.data or "",
                logo_file=logo_name,
                actor=current_user,
                now=clock.utcnow(),
            )
            db.commit()
            flash(_("Letterhead saved."), "success")
            return redirect(url_for("meetings.letterhead", instansi=form.agency.data), 303)
    else:
        status = 422
    return render_template("meetings/letterhead.html", form=form), status
