"""The complaint form (Formulir Model A.1 / B.1) split in steps, and the reporter's status look-up. Bawaslu's
handling forms are in handling_forms.py.

One form holds every field; each step (wizard.STEPS) shows its own fields and carries the others as hidden inputs,
so nothing typed is lost when a step fails validation or the user goes back. Field names are those of
``inputs.ComplaintCreate``: the filled form turns into it without naming a field again (wizard.py).
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    MultipleFileField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from app.clock import utcnow
from app.complaints.validators import (
    ChoiceField,
    FitsSubject,
    InRegency,
    LinkWhenKind,
    LocalDateField,
    NeededWith,
    NotBefore,
    NotInFuture,
    OneOfTheElections,
    ProxyIdentity,
    ReporterIdentity,
)
from app.complaints.vocab import Channel, EvidenceKind, Gender, Standing, Subject, Violation
from app.forms import NIK, IndonesianPhone, birth_date, plausible_date
from app.i18n import local_date

MAX_WITNESSES = 10
MAX_EVIDENCE_ITEMS = 10
DATE_MSG = _l("Enter a valid date.")
PHONE_MSG = _l("This phone number is not valid, e.g. 0812-3456-7890.")
CHOOSE = _l("— choose —")


def with_blank(choices: list[SelectChoice], blank=CHOOSE) -> list[SelectChoice]:
    return [SelectChoice("", blank), *choices]


class WitnessForm(Form):
    name = StringField(
        _l("Name"),
        validators=[
            NeededWith("address", "phone", message=_l("Enter the witness's name.")),
            Optional(),
            Length(max=120),
        ],
    )
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30), IndonesianPhone(PHONE_MSG)])


class EvidenceItemForm(Form):
    kind = ChoiceField(_l("Kind of evidence"), choices=with_blank(EvidenceKind.choices()), validators=[Optional()])
    description = StringField(
        _l("Description"),
        validators=[
            NeededWith("kind", "medium", message=_l("Describe the evidence.")),
            Optional(),
            Length(max=300),
        ],
    )
    medium = StringField(
        _l("Where it is or how it is handed in (a link, a flash drive, at the office)"),
        validators=[
            LinkWhenKind(EvidenceKind.TAUTAN, _l("Write the address of the post or page (https://…).")),
            Optional(),
            Length(max=300),
        ],
    )


class ComplaintForm(FlaskForm):
    step = HiddenField(default="pelapor")
    idempotency_key = HiddenField()
    website = StringField(_l("Leave this empty"), validators=[Optional(), Length(max=200)])  # honeypot

    # 1. Reporter
    anonymous = BooleanField(_l("I want to stay anonymous"))
    reporter_name = StringField(
        _l("Full name"),
        validators=[ReporterIdentity(_l("Enter your full name, or choose to stay anonymous.")), Length(max=120)],
    )
    reporter_nik = StringField(
        _l("NIK (16 digits, from your KTP-el)"),
        validators=[ReporterIdentity(_l("Enter your NIK (16 digits).")), Length(max=30), NIK()],
    )
    reporter_birth_place = StringField(_l("Place of birth"), validators=[Optional(), Length(max=80)])
    reporter_birth_date = LocalDateField(_l("Date of birth"), validators=[Optional(), birth_date], message=DATE_MSG)
    reporter_gender = ChoiceField(_l("Sex"), choices=with_blank(Gender.choices()), validators=[Optional()])
    reporter_occupation = StringField(_l("Occupation"), validators=[Optional(), Length(max=80)])
    reporter_address = TextAreaField(
        _l("Address"), validators=[ReporterIdentity(_l("Enter your address.")), Length(max=300)]
    )
    reporter_phone = StringField(
        _l("Mobile phone"),
        validators=[
            ReporterIdentity(_l("Enter your mobile phone number.")),
            Length(max=30),
            IndonesianPhone(PHONE_MSG),
        ],
    )
    reporter_email = EmailField(
        _l("E-mail (optional)"), validators=[Optional(), Email(_l("Enter a valid e-mail address.")), Length(max=254)]
    )
    reporter_standing = ChoiceField(_l("You report as"), choices=Standing.choices(), default=Standing.PEMILIH.value)
    disclosure_consent = BooleanField(_l("Other agencies handling the case may see my name and contact details"))
    by_proxy = BooleanField(_l("The report is filed by a kuasa with a special power of attorney (surat kuasa khusus)"))
    proxy_name = StringField(
        _l("Name of the kuasa"),
        validators=[
            ProxyIdentity(_l("Enter the name of the kuasa, or untick the power of attorney.")),
            Length(max=120),
        ],
    )
    proxy_address = StringField(_l("Address of the kuasa"), validators=[Optional(), Length(max=300)])
    proxy_phone = StringField(
        _l("Phone of the kuasa"), validators=[Optional(), Length(max=30), IndonesianPhone(PHONE_MSG)]
    )

    # 2. Reported person
    subject_name = StringField(
        _l("Name of the reported person"),
        validators=[
            DataRequired(_l("Enter the name of the reported person (or a description if unknown).")),
            Length(max=120),
        ],
    )
    subject_type = ChoiceField(
        _l("The reported person is"),
        choices=with_blank(Subject.choices()),
        validators=[DataRequired(_l("Choose who the reported person is."))],
    )
    subject_institution = StringField(_l("Institution or unit"), validators=[Optional(), Length(max=160)])
    subject_position = StringField(_l("Position"), validators=[Optional(), Length(max=120)])
    subject_address = StringField(_l("Address (optional)"), validators=[Optional(), Length(max=300)])
    subject_phone = StringField(
        _l("Phone (optional)"), validators=[Optional(), Length(max=30), IndonesianPhone(PHONE_MSG)]
    )

    # 3. Event
    violation_type = ChoiceField(
        _l("What happened"),
        choices=with_blank(Violation.choices()),
        validators=[DataRequired(_l("Choose what happened.")), FitsSubject(_l("Choose what happened from the list."))],
        validate_choice=False,  # FitsSubject names the right list
    )
    event_summary = StringField(
        _l("Short title of the event"),
        validators=[DataRequired(_l("Write a short title of the event.")), Length(max=200)],
    )
    region_code = ChoiceField(
        _l("Regency or city"), validators=[DataRequired(_l("Choose the regency or city."))], validate_choice=False
    )
    # Shown only where more than one election is held that day (Gubernur and Bupati, 27 Nov 2024): the register
    # number's election code comes from it.
    election_id = ChoiceField(
        _l("Election the report concerns"),
        validators=[
            OneOfTheElections(
                _l("Choose the election the report concerns."),
                _l("Choose an election held in this regency or city."),
            )
        ],
        validate_choice=False,
    )
    event_region_code = ChoiceField(
        _l("District (optional)"),
        validators=[Optional(), InRegency(_l("This district is not in the chosen regency or city."))],
        validate_choice=False,
    )
    event_place = StringField(
        _l("Place (village, street, building, or a link for online posts)"),
        validators=[DataRequired(_l("Write where it happened.")), Length(max=300)],
    )
    occurred_on = LocalDateField(
        _l("Date of the event"),
        validators=[
            DataRequired(DATE_MSG),
            plausible_date,
            NotInFuture(_l("The date of the event cannot be in the future.")),
        ],
        message=DATE_MSG,
    )
    known_on = LocalDateField(
        _l("Date you learned of it"),
        validators=[
            DataRequired(DATE_MSG),
            plausible_date,
            NotInFuture(_l("The date you learned of it cannot be in the future.")),
            NotBefore("occurred_on", _l("You cannot have learned of the event before it happened.")),
        ],
        message=DATE_MSG,
    )
    description = TextAreaField(
        _l("What happened, in order: what, where, when, how"),
        validators=[
            DataRequired(_l("Describe what happened.")),
            Length(min=20, max=5000, message=_l("Write between 20 and 5000 characters.")),
        ],
    )

    # 4. Witnesses
    witnesses = FieldList(FormField(WitnessForm), min_entries=1, max_entries=MAX_WITNESSES)

    # 5. Evidence: a list of items (A.1 item 5: a video, a link, an object…) and photos or PDFs uploaded
    evidence_items = FieldList(FormField(EvidenceItemForm), min_entries=1, max_entries=MAX_EVIDENCE_ITEMS)
    evidence_files = MultipleFileField(_l("Photos (JPEG, PNG, WebP) or PDF documents"))
    evidence_tokens = HiddenField()  # signed list of files already stored

    # 6. Review
    consent = BooleanField(
        _l("I agree that Bawaslu processes my data to handle this complaint"),
        validators=[DataRequired(_l("Your agreement is needed to send the complaint."))],
    )
    truth_statement = BooleanField(
        _l("I declare that what I reported is true"), validators=[DataRequired(_l("Confirm that the report is true."))]
    )

    # Staff intake only
    channel = ChoiceField(
        _l("Received"),
        choices=Channel.choices([c for c in Channel if c != Channel.ONLINE]),
        default=Channel.LANGSUNG.value,
    )
    a1_signed = BooleanField(_l("The reporter signed the report form (A.1/B.1) in front of me"))

    def region_today(self) -> date | None:
        """Today where the complaint happened (the chosen regency's zone), None before one is chosen."""
        return local_date(utcnow(), self.region_code.data) if self.region_code.data else None


class StatusLookupForm(FlaskForm):
    code = StringField(_l("Tracking code"), validators=[DataRequired(_l("Enter the tracking code.")), Length(max=30)])
    secret = StringField(_l("Secret"), validators=[DataRequired(_l("Enter the secret.")), Length(max=30)])


class ReporterInfoForm(StatusLookupForm):
    text = TextAreaField(_l("Additional information"), validators=[Optional(), Length(max=5000)])
    files = MultipleFileField(_l("Add photos or PDF (optional)"))
