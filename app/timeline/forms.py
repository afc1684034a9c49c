"""Timeline forms (Flask-WTF; every form carries CSRF and, for resends, an idempotency key)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField, SelectChoice, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.auth.models import AGENCY_LABELS
from app.timeline.vocab import KIND_LABELS, POST_KINDS, SEVERITIES, category_choices


def agency_choices(empty=None) -> list[SelectChoice]:
    out = [SelectChoice("", empty)] if empty else []
    return out + [SelectChoice(a.value, label) for a, label in AGENCY_LABELS.items()]


class PostForm(FlaskForm):
    idempotency_key = HiddenField()
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k.value, KIND_LABELS[k]) for k in POST_KINDS])
    text = TextAreaField(_l("What happened?"), validators=[
        DataRequired(_l("Write what happened.")), Length(max=2000, message=_l("At most 2,000 characters."))])
    kecamatan = SelectField(_l("Kecamatan"), validate_choice=False, validators=[Optional()])
    village_code = SelectField(_l("Village"), validate_choice=False, validators=[Optional()])
    tps_id = SelectField(_l("TPS"), validate_choice=False, validators=[Optional()])
    category = SelectField(_l("Incident category"), validate_choice=False, validators=[Optional()])
    severity = SelectField(_l("Severity"), choices=[SelectChoice("", _l("Choose"))] + [
        SelectChoice(k, v) for k, v in SEVERITIES.items()], validators=[Optional()])
    handling_agency = SelectField(_l("Handling agency"), validate_choice=False, validators=[Optional()])
    visibility = SelectField(_l("Who may see it"), choices=[
        SelectChoice("all", _l("All agencies in my region")), SelectChoice("chosen", _l("Only chosen agencies"))])
    visible_to = SelectMultipleField(_l("Agencies"), validate_choice=False, validators=[Optional()])
    photos = MultipleFileField(_l("Photos (up to 4)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices()
        self.handling_agency.choices = agency_choices(_l("Not yet decided"))
        self.visible_to.choices = agency_choices()


class FollowupForm(FlaskForm):
    idempotency_key = HiddenField()
    text = TextAreaField(_l("Follow-up"), validators=[
        DataRequired(_l("Write the follow-up.")), Length(max=2000, message=_l("At most 2,000 characters."))])


class StatusForm(FlaskForm):
    idempotency_key = HiddenField()
    status = HiddenField()
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])
