"""Meeting forms (the minutes use small per-item forms so nobody overwrites anybody)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.auth.models import Agency
from app.forms import plausible_date
from app.meetings.models import KIND_LABELS

AGENCY_CHOICES = Agency.choices()


class MeetingForm(FlaskForm):
    title = StringField(
        _l("Topic"),
        validators=[
            DataRequired(_l("Enter the topic of the meeting.")),
            Length(max=200, message=_l("At most 200 characters.")),
        ],
    )
    kind = SelectField(
        _l("Kind of meeting"), choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()]
    )
    organiser_agency = SelectField(_l("Organising agency"), choices=AGENCY_CHOICES)
    series = StringField(_l("Series (optional)"), validators=[Optional(), Length(max=80)])
    day = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date.")), plausible_date])
    start = TimeField(_l("Start"), validators=[DataRequired(_l("Enter the start time."))])
    end = TimeField(_l("End"), validators=[DataRequired(_l("Enter the end time."))])
    place = StringField(
        _l("Place"),
        validators=[DataRequired(_l("Enter the place.")), Length(max=200, message=_l("At most 200 characters."))],
    )
    agenda = TextAreaField(
        _l("Agenda (one item per line)"), validators=[DataRequired(_l("Enter at least one agenda item."))]
    )
    opening = TextAreaField(_l("Opening (optional)"), validators=[Optional(), Length(max=4000)])
    chair_user = SelectField(_l("Chair is a user of the app (optional)"), validate_choice=False)
    chair_name = StringField(
        _l("Chair: name"), validators=[DataRequired(_l("Enter the chair's name.")), Length(max=120)]
    )
    chair_position = StringField(_l("Chair: position"), validators=[Optional(), Length(max=120)])
    chair_rank = StringField(_l("Chair: rank / NIP / NRP"), validators=[Optional(), Length(max=60)])
    minute_name = StringField(
        _l("Minute-taker: name"), validators=[DataRequired(_l("Enter the minute-taker's name.")), Length(max=120)]
    )
    minute_position = StringField(_l("Minute-taker: position"), validators=[Optional(), Length(max=120)])
    minute_rank = StringField(_l("Minute-taker: rank / NIP / NRP"), validators=[Optional(), Length(max=60)])
    participants = SelectMultipleField(_l("Invited participants"), validate_choice=False, coerce=str)


class GuestForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the guest's name.")), Length(max=120)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=120)])
    agency = StringField(_l("Agency"), validators=[Optional(), Length(max=120)])
    phone = StringField(_l("Mobile phone number"), validators=[Optional(), Length(max=30)])
    present = BooleanField(_l("Present now"), default=True)


def minute_prefix(item_id: int) -> str:
    """Each agenda item's form has its own field names and ids (several forms on one page)."""
    return f"m{item_id}"


class MinuteForm(FlaskForm):
    kind = SelectField(
        _l("Type"), choices=[SelectChoice("discussion", _l("Discussion")), SelectChoice("decision", _l("Decision"))]
    )
    speaker = StringField(_l("Who"), validators=[Optional(), Length(max=120)])
    speaker_role = StringField(_l("Position / agency"), validators=[Optional(), Length(max=160)])
    text = TextAreaField(
        _l("What was said or decided"),
        validators=[
            DataRequired(_l("Write what was said or decided.")),
            Length(max=4000, message=_l("At most 4000 characters.")),
        ],
    )


class ActionForm(FlaskForm):
    what = TextAreaField(
        _l("Follow-up action"),
        validators=[
            DataRequired(_l("Describe the follow-up action.")),
            Length(max=500, message=_l("At most 500 characters.")),
        ],
    )
    owner_agency = SelectField(_l("Agency responsible"), choices=AGENCY_CHOICES)
    person = StringField(_l("Person in charge"), validators=[Optional(), Length(max=120)])
    due_date = DateField(_l("Due date"), validators=[Optional(), plausible_date])


class FinaliseForm(FlaskForm):
    reason = TextAreaField(_l("What was corrected (for a correction)"), validators=[Optional(), Length(max=500)])


class CheckinForm(FlaskForm):
    kode = StringField(
        _l("Check-in code"), validators=[DataRequired(_l("Enter the code shown in the room.")), Length(max=12)]
    )
