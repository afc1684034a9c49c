"""The complaint form (Formulir Model A.1 / B.1) split in steps, and the handling forms.

One form holds every field; each step shows its own fields and carries the others as hidden inputs, so
nothing typed is lost when a step fails validation or the user goes back.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    MultipleFileField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from app.complaints.constants import (
    CHANNEL_LABELS,
    GENDERS,
    RECIPIENT_LABELS,
    REPORTER_STANDING,
    SANCTION_LEVELS,
    SIGNATURE_WAYS,
    SUBJECT_LABELS,
    VIOLATIONS,
    Channel,
)

MAX_WITNESSES = 10
DATE_MSG = _l("Enter a valid date.")


def _choices(labels: dict, blank=None) -> list[SelectChoice]:
    out = [SelectChoice("", blank)] if blank else []
    return out + [SelectChoice(str(getattr(k, "value", k)), v) for k, v in labels.items()]


class WitnessForm(Form):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)])


class ComplaintForm(FlaskForm):
    step = HiddenField(default="pelapor")
    idempotency_key = HiddenField()
    website = StringField(_l("Leave this empty"), validators=[Optional(), Length(max=200)])  # honeypot

    # 1. Reporter
    anonymous = BooleanField(_l("I want to stay anonymous"))
    reporter_name = StringField(_l("Full name"), validators=[Optional(), Length(max=120)])
    reporter_nik = StringField(_l("NIK (16 digits, from your KTP-el)"), validators=[Optional(), Length(max=30)])
    reporter_birth_place = StringField(_l("Place of birth"), validators=[Optional(), Length(max=80)])
    reporter_birth_date = DateField(_l("Date of birth"), validators=[Optional()], format="%Y-%m-%d")
    reporter_gender = SelectField(_l("Sex"), choices=_choices(GENDERS, _l("— choose —")), validators=[Optional()])
    reporter_occupation = StringField(_l("Occupation"), validators=[Optional(), Length(max=80)])
    reporter_address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=300)])
    reporter_phone = StringField(_l("Mobile phone"), validators=[Optional(), Length(max=30)])
    reporter_email = EmailField(_l("E-mail (optional)"), validators=[
        Optional(), Email(_l("Enter a valid e-mail address.")), Length(max=254)])
    reporter_standing = SelectField(_l("You report as"), choices=_choices(REPORTER_STANDING), default="pemilih")
    disclosure_consent = BooleanField(_l("Other agencies handling the case may see my name and contact details"))

    # 2. Reported person
    subject_name = StringField(_l("Name of the reported person"), validators=[
        DataRequired(_l("Enter the name of the reported person (or a description if unknown).")), Length(max=120)])
    subject_type = SelectField(_l("The reported person is"), choices=_choices(SUBJECT_LABELS, _l("— choose —")),
                               validators=[DataRequired(_l("Choose who the reported person is."))])
    subject_institution = StringField(_l("Institution or unit"), validators=[Optional(), Length(max=160)])
    subject_position = StringField(_l("Position"), validators=[Optional(), Length(max=120)])
    subject_address = StringField(_l("Address (optional)"), validators=[Optional(), Length(max=300)])
    subject_phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=30)])

    # 3. Event
    violation_type = SelectField(_l("What happened"), choices=_choices(
        {k: v[0] for k, v in VIOLATIONS.items()}, _l("— choose —")),
        validators=[DataRequired(_l("Choose what happened."))])
    event_summary = StringField(_l("Short title of the event"), validators=[
        DataRequired(_l("Write a short title of the event.")), Length(max=200)])
    region_code = SelectField(_l("Regency or city"), validators=[DataRequired(_l("Choose the regency or city."))],
                              validate_choice=False)
    event_region_code = SelectField(_l("District (optional)"), validators=[Optional()], validate_choice=False)
    event_place = StringField(_l("Place (village, street, building, or a link for online posts)"),
                              validators=[DataRequired(_l("Write where it happened.")), Length(max=300)])
    occurred_on = DateField(_l("Date of the event"), validators=[DataRequired(DATE_MSG)], format="%Y-%m-%d")
    known_on = DateField(_l("Date you learned of it"), validators=[DataRequired(DATE_MSG)], format="%Y-%m-%d")
    description = TextAreaField(_l("What happened, in order: what, where, when, how"), validators=[
        DataRequired(_l("Describe what happened.")), Length(min=20, max=5000, message=_l(
            "Write between 20 and 5000 characters."))])

    # 4. Witnesses
    witnesses = FieldList(FormField(WitnessForm), min_entries=1, max_entries=MAX_WITNESSES)

    # 5. Evidence
    evidence_files = MultipleFileField(_l("Photos (JPEG, PNG, WebP) or PDF documents"))
    evidence_tokens = HiddenField()  # signed list of files already stored

    # 6. Review
    consent = BooleanField(_l("I agree that Bawaslu processes my data to handle this complaint"),
                           validators=[DataRequired(_l("Your agreement is needed to send the complaint."))])
    truth_statement = BooleanField(_l("I declare that what I reported is true"),
                                   validators=[DataRequired(_l("Confirm that the report is true."))])

    # Staff intake only
    channel = SelectField(_l("Received"), choices=[SelectChoice(c.value, CHANNEL_LABELS[c])
                                                   for c in Channel if c != Channel.ONLINE],
                          default=Channel.LANGSUNG.value)
    a1_signed = BooleanField(_l("The reporter signed the report form (A.1/B.1) in front of me"))


STEPS: list[tuple[str, object, list[str]]] = [
    ("pelapor", _l("Reporter"), ["anonymous", "reporter_name", "reporter_nik", "reporter_birth_place",
                                  "reporter_birth_date", "reporter_gender", "reporter_occupation",
                                  "reporter_address", "reporter_phone", "reporter_email", "reporter_standing",
                                  "disclosure_consent"]),
    ("terlapor", _l("Reported person"), ["subject_name", "subject_type", "subject_institution", "subject_position",
                                         "subject_address", "subject_phone"]),
    ("peristiwa", _l("Event"), ["violation_type", "event_summary", "region_code", "event_region_code",
                                "event_place", "occurred_on", "known_on", "description"]),
    ("saksi", _l("Witnesses"), ["witnesses"]),
    ("bukti", _l("Evidence"), ["evidence_files"]),
    ("tinjau", _l("Review and send"), ["consent", "truth_statement"]),
]
STEP_NAMES = [s[0] for s in STEPS]
CARRIED = [f for s in STEPS for f in s[2] if f != "evidence_files"] + ["evidence_tokens"]


class StatusLookupForm(FlaskForm):
    code = StringField(_l("Tracking code"), validators=[DataRequired(_l("Enter the tracking code.")),
                                                        Length(max=30)])
    secret = StringField(_l("Secret"), validators=[DataRequired(_l("Enter the secret.")), Length(max=30)])


class ReporterInfoForm(StatusLookupForm):
    text = TextAreaField(_l("Additional information"), validators=[Optional(), Length(max=5000)])
    files = MultipleFileField(_l("Add photos or PDF (optional)"))


class TransitionForm(FlaskForm):
    to = HiddenField(validators=[DataRequired()])
    late_override = TextAreaField(_l("Reason to register a late report"), validators=[Optional(), Length(max=1000)])
    note = TextAreaField(_l("Internal note (optional)"), validators=[Optional(), Length(max=5000)])
    public_message = TextAreaField(_l("Message for the reporter (optional)"), validators=[Optional(),
                                                                                          Length(max=2000)])


class RoutingForm(FlaskForm):
    recipient = SelectField(_l("Forward to"), choices=_choices(RECIPIENT_LABELS, _l("— choose —")),
                            validators=[DataRequired(_l("Choose where the complaint goes."))])
    letter_number = StringField(_l("Letter number"), validators=[DataRequired(_l("Enter the letter number.")),
                                                                Length(max=80)])
    letter_date = DateField(_l("Letter date"), validators=[DataRequired(DATE_MSG)], format="%Y-%m-%d")
    article = StringField(_l("Article (for Sentra Gakkumdu)"), validators=[Optional(), Length(max=120)])


class OutcomeForm(FlaskForm):
    routing_id = HiddenField(validators=[DataRequired()])
    outcome = TextAreaField(_l("Outcome"), validators=[DataRequired(_l("Describe the outcome.")), Length(max=1000)])
    sanction_level = SelectField(_l("Sanction level"), choices=_choices(SANCTION_LEVELS, _l("— none —")),
                                 validators=[Optional()])


class MessageForm(FlaskForm):
    message = TextAreaField(_l("Message for the reporter"), validators=[
        DataRequired(_l("Write the message for the reporter.")), Length(max=2000)])


class SignatureForm(FlaskForm):
    """Bawaslu records the signed A.1/B.1 (at the office, or a signed scan with the KTP-el)."""
    signed_at = DateTimeLocalField(_l("Signed form received on"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(_l("Enter when the signed form was received."))])
    how = SelectField(_l("Received as"), choices=_choices(SIGNATURE_WAYS), default="kantor")


class StageForm(FlaskForm):
    stage = HiddenField(validators=[DataRequired()])
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
