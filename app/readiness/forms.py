"""Readiness forms (Flask-WTF: CSRF on every POST; 422 with the typed values on failure)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.auth.models import Agency
from app.forms import readable
from app.readiness.constants import AGHT_KINDS, LEVELS

NOT_NEGATIVE = _l("Cannot be negative.")


class TpsForm(FlaskForm):
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    dpt = IntegerField(
        _l("DPT (registered voters)"),
        validators=[InputRequired(_l("Enter the DPT.")), readable, NumberRange(min=0, message=NOT_NEGATIVE)],
    )
    latitude = DecimalField(
        _l("Latitude (optional)"),
        places=None,
        validators=[Optional(), readable, NumberRange(min=-90, max=90, message=_l("Between -90 and 90."))],
    )
    longitude = DecimalField(
        _l("Longitude (optional)"),
        places=None,
        validators=[Optional(), readable, NumberRange(min=-180, max=180, message=_l("Between -180 and 180."))],
    )


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"))


class TransferForm(FlaskForm):
    from_tps = SelectField(_l("From TPS (has surplus)"), coerce=int, validate_choice=False)
    to_tps = SelectField(_l("To TPS (short of ballots)"), coerce=int, validate_choice=False)
    election_type = SelectField(
        _l("Ballots of which election"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose the election whose ballots are moved."))],
    )
    quantity = IntegerField(
        _l("Number of ballots"),
        validators=[
            InputRequired(_l("Enter the number of ballots.")),
            readable,
            NumberRange(min=1, message=_l("At least 1.")),
        ],
    )
    reason = TextAreaField(
        _l("Reason"), validators=[DataRequired(_l("State the reason for the transfer.")), Length(max=500)]
    )
    witnesses = StringField(_l("Witnesses (pengawas TPS, saksi)"), validators=[Optional(), Length(max=500)])
    outside_village_ok = BooleanField(
        _l("I confirm the two TPS are in different villages and this transfer is intended")
    )


class OperationForm(FlaskForm):
    name = StringField(
        _l("Operation name"), validators=[DataRequired(_l("Enter the operation name.")), Length(max=200)]
    )


def agency_choices() -> list[SelectChoice]:
    return Agency.choices()


class AghtForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k, label) for k, label in AGHT_KINDS])
    region_code = SelectField(_l("Area"), validate_choice=False)
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(
        _l("Description"), validators=[DataRequired(_l("Describe the entry.")), Length(max=2000)]
    )
    level = SelectField(_l("Level"), choices=[SelectChoice(k, label) for k, label in LEVELS], default="sedang")
    recommendation = TextAreaField(_l("Recommendation"), validators=[Optional(), Length(max=1000)])
    recommended_to = SelectField(
        _l("Recommended to"), choices=[SelectChoice("", "–"), *agency_choices()], validators=[Optional()]
    )
    visible_to = SelectMultipleField(_l("Visible to"), choices=agency_choices())
