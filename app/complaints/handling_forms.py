"""Bawaslu's (and Sentra Gakkumdu's) forms on one complaint: status moves, the signed form, routing, outcomes,
messages to the reporter and Gakkumdu stages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.complaints.forms import DATE_MSG, with_blank
from app.complaints.validators import ChoiceField, LocalDateField
from app.complaints.vocab import Recipient, Sanction, SignatureWay
from app.forms import plausible_date


class TransitionForm(FlaskForm):
    to = HiddenField(validators=[DataRequired()])
    late_override = TextAreaField(_l("Reason to register a late report"), validators=[Optional(), Length(max=1000)])
    note = TextAreaField(_l("Internal note (optional)"), validators=[Optional(), Length(max=5000)])
    public_message = TextAreaField(_l("Message for the reporter (optional)"), validators=[Optional(), Length(max=2000)])


class RoutingForm(FlaskForm):
    recipient = ChoiceField(
        _l("Forward to"),
        choices=with_blank(Recipient.choices()),
        validators=[DataRequired(_l("Choose where the complaint goes."))],
    )
    letter_number = StringField(
        _l("Letter number"), validators=[DataRequired(_l("Enter the letter number.")), Length(max=80)]
    )
    letter_date = LocalDateField(
        _l("Letter date"), validators=[DataRequired(DATE_MSG), plausible_date], message=DATE_MSG
    )
    article = StringField(_l("Article (for Sentra Gakkumdu)"), validators=[Optional(), Length(max=120)])


class OutcomeForm(FlaskForm):
    routing_id = HiddenField(validators=[DataRequired()])
    outcome = TextAreaField(_l("Outcome"), validators=[DataRequired(_l("Describe the outcome.")), Length(max=1000)])
    sanction_level = ChoiceField(
        _l("Sanction level"), choices=with_blank(Sanction.choices(), _l("— none —")), validators=[Optional()]
    )


class MessageForm(FlaskForm):
    message = TextAreaField(
        _l("Message for the reporter"),
        validators=[DataRequired(_l("Write the message for the reporter.")), Length(max=2000)],
    )


class SignatureForm(FlaskForm):
    """Bawaslu records the signed A.1/B.1 (at the office, or a signed scan with the KTP-el)."""

    signed_at = DateTimeLocalField(
        _l("Signed form received on"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(_l("Enter when the signed form was received."))],
    )
    how = ChoiceField(_l("Received as"), choices=SignatureWay.choices(), default=SignatureWay.KANTOR.value)


class StageForm(FlaskForm):
    stage = HiddenField(validators=[DataRequired()])
    # When the step happened (the file received from the investigator, the P19 letter…), in the case's zone: the
    # windows count from it, not from when someone records it. Prefilled with now.
    occurred_at = DateTimeLocalField(_l("When it happened"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])


class FirstDiscussionForm(FlaskForm):
    article = StringField(_l("Article discussed (optional)"), validators=[Optional(), Length(max=120)])
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
