"""Roster forms (format only; the rules — own agency, scope, overlaps, history — are the service's)."""

from __future__ import annotations

from datetime import date, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import DateInput, TimeInput

from app.forms import IndonesianPhone, plausible_date

TOO_LONG = _l("At most 120 characters.")


class DayField(StringField):
    """A date typed in the phone's date picker (``YYYY-MM-DD``); an Indonesian message when it is not one."""

    widget = DateInput()

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.raw_data, self.data = valuelist, None
        if raw:
            try:
                self.data = date.fromisoformat(raw)
            except ValueError:
                raise ValueError(str(_l("Enter the date as shown in the calendar."))) from None

    def _value(self):
        return self.data.isoformat() if isinstance(self.data, date) else (self.raw_data or [""])[0]


class ClockField(StringField):
    """A clock time (``HH:MM``) in the roster region's zone."""

    widget = TimeInput()

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.raw_data, self.data = valuelist, None
        if raw:
            try:
                self.data = time.fromisoformat(raw)
            except ValueError:
                raise ValueError(str(_l("Enter the time as HH:MM (e.g. 07:00)."))) from None

    def _value(self):
        return self.data.strftime("%H:%M") if isinstance(self.data, time) else (self.raw_data or [""])[0]


class ShiftForm(FlaskForm):
    region_code = SelectField(_l("Roster of"), validate_choice=False)
    day = DayField(_l("Date"), validators=[InputRequired(_l("Enter the date.")), plausible_date])
    start = ClockField(_l("From"), validators=[InputRequired(_l("Enter the start time."))])
    end = ClockField(_l("Until"), validators=[InputRequired(_l("Enter the end time."))])
    user_id = SelectField(_l("Officer on duty"), validate_choice=False, validators=[Optional()])
    name = StringField(
        _l("Or the name of someone without an account"), validators=[Optional(), Length(max=120, message=TOO_LONG)]
    )
    phone = StringField(_l("Phone on duty (optional)"), validators=[Optional(), IndonesianPhone()])
    post = StringField(_l("Post (optional)"), validators=[Optional(), Length(max=120, message=TOO_LONG)])


class HandoverForm(FlaskForm):
    note = TextAreaField(
        _l("For the next shift"),
        validators=[Optional(), Length(max=2000, message=_l("At most 2,000 characters."))],
    )
