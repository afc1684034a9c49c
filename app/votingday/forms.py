"""The check-in form (format only: scope, who records which step, order and time are the service's rules)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import TimeInput


class CheckinForm(FlaskForm):
    # Choices are the user's (their steps, the TPS of their scope); an id outside them is the service's refusal
    # (a TPS outside the scope is a 403 before the form is read), so the selects do not validate choices.
    step = SelectField(_l("Step"), validate_choice=False)
    tps_id = SelectField(_l("TPS"), validate_choice=False)
    clock = StringField(_l("Time of the event"), widget=TimeInput(), validators=[Optional(), Length(max=8)])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])
    photo = FileField(_l("Photo (optional)"))  # checked by app.uploads when stored (app/votingday/photos.py)
    occurred_at = HiddenField()
    sent_at = HiddenField()


class AssignmentForm(FlaskForm):
    # The choices are the actor's officers and TPS; anything else is the service's refusal (app/votingday/assignments).
    officer = SelectField(_l("Officer"), validate_choice=False)
    tps_id = SelectField(_l("TPS"), validate_choice=False)
