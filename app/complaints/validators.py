"""WTForms validators of the report form: the reporter's identity unless anonymous, dates not in the future of the
complaint's own region, a violation that fits the reported person, a district inside the regency, an election held
there. Format only: what needs the database (is the regency known?) is the service's (services/intake.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField
from wtforms.validators import StopValidation, ValidationError

from app.complaints.rules import violations_for


def _text(field) -> str:
    return "" if field.data is None else str(field.data).strip()


class LocalDateField(DateField):
    """A ``YYYY-MM-DD`` date whose parse error is the form's own Indonesian message (not WTForms' English)."""

    def __init__(self, label=None, validators=None, message=None, **kwargs):
        super().__init__(label, validators, format="%Y-%m-%d", **kwargs)
        self.parse_message = message

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(self.parse_message) if self.parse_message else str(exc)) from exc


class ChoiceField(SelectField):
    """A select that refuses a value not on its list with the form's own Indonesian message (WTForms has no
    Indonesian catalog: "Not a valid choice." would reach the user in English)."""

    def pre_validate(self, form):
        try:
            super().pre_validate(form)
        except ValidationError as exc:
            raise ValidationError(str(_l("Choose from the list."))) from exc


class ReporterIdentity:
    """A field of the reporter's identity: required unless the reporter stays anonymous, and not checked at all
    when they do (the form hides it and intake keeps no identity for informasi awal)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field) -> None:
        if form.anonymous.data:
            field.errors[:] = []
            raise StopValidation()
        if not _text(field):
            raise StopValidation(str(self.message))


class ProxyIdentity:
    """The kuasa's name: required when the report is filed through a kuasa (field ``by_proxy``), not checked
    otherwise or when the reporter stays anonymous."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field) -> None:
        if form.anonymous.data or not form.by_proxy.data:
            field.errors[:] = []
            raise StopValidation()
        if not _text(field):
            raise StopValidation(str(self.message))


class LinkWhenKind:
    """For an evidence item of kind ``kind`` (a link to a post or page), the medium is an http(s) address."""

    def __init__(self, kind: str, message):
        self.kind = kind
        self.message = message

    def __call__(self, form, field) -> None:
        if form.kind.data == self.kind and not _text(field).lower().startswith(("http://", "https://")):
            raise ValidationError(str(self.message))


class NeededWith:
    """Required when any of the ``others`` fields of the same (sub)form is filled (a witness needs a name)."""

    def __init__(self, *others: str, message):
        self.others = others
        self.message = message

    def __call__(self, form, field) -> None:
        if not _text(field) and any(_text(form[name]) for name in self.others):
            raise StopValidation(str(self.message))


class NotInFuture:
    """A date no later than today where the complaint happened (``form.region_today()``: the local date of the
    chosen regency, WIB, WITA or WIT); not checked while no regency is chosen."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field) -> None:
        today = form.region_today()
        if field.data and today and field.data > today:
            raise ValidationError(str(self.message))


class NotBefore:
    """A date no earlier than the date in field ``other`` (one learns of an event after it happened)."""

    def __init__(self, other: str, message):
        self.other = other
        self.message = message

    def __call__(self, form, field) -> None:
        earlier = form[self.other].data
        if field.data and earlier and field.data < earlier:
            raise ValidationError(str(self.message))


class FitsSubject:
    """A violation from the list of the chosen reported person (field ``subject_type``)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field) -> None:
        if field.data and field.data not in violations_for(form.subject_type.data):
            raise ValidationError(str(self.message))


class InRegency:
    """A district (kecamatan) code inside the chosen regency or city (field ``region_code``)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field) -> None:
        regency = form.region_code.data
        if field.data and regency and not str(field.data).startswith(regency + "."):
            raise ValidationError(str(self.message))


class OneOfTheElections:
    """The election the report concerns, from the field's choices (the elections held over the chosen regency that
    day): required when there is more than one."""

    def __init__(self, required, unknown):
        self.required = required
        self.unknown = unknown

    def __call__(self, form, field) -> None:
        offered = [str(c.value) for c in field.choices or [] if c.value]
        if not _text(field):
            if len(offered) > 1:
                raise StopValidation(str(self.required))
            raise StopValidation()
        if str(field.data) not in offered:
            raise StopValidation(str(self.unknown))
