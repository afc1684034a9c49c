"""What every feature's forms share: putting a service's refusal on the right field, confirming a save, validators
for Indonesian phone numbers and NIKs (lokal-id does the checking; nothing is parsed by hand here) and for plausible
dates, and WTForms' own messages in the app's catalog."""

from __future__ import annotations

from datetime import date, datetime

from flask import flash, request
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from lokal import is_valid_nik, parse_phone
from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from app.errors import DomainError


def attach_error(form: FlaskForm, exc: DomainError, fallback: str | None = None) -> None:
    """Show ``exc.message`` next to the field it names (or ``fallback`` when the form has no such field; with
    neither, among the form's own errors), so the user sees it where they typed."""
    field = getattr(form, exc.field, None) if exc.field else None
    if not isinstance(field, Field) and fallback:
        field = getattr(form, fallback, None)
    if isinstance(field, Field):
        field.errors = [*field.errors, str(exc.message)]
    else:
        form.form_errors.append(str(exc.message))


def confirm(message: str) -> None:
    """Flash ``message`` as a success: shown by ``_partials/_flash.html`` on the next page, or in the fragment an
    htmx form swaps in. Not on the offline outbox's resend (``X-Outbox-Replay``, static/js/outbox.js): the outbox
    says "… terkirim" itself, and a flash kept in the cookie would surface later on an unrelated page."""
    if request.headers.get("X-Outbox-Replay") != "1":
        flash(message, "success")


def readable(form, field) -> None:
    """Stop a field's checks when it could not read the input ("1,5" in a whole-number field): its own message
    says what is wrong, and a range check on the missing value would add a second, misleading one."""
    if field.process_errors:
        raise StopValidation()


def plausible_date(form, field) -> None:
    """A date of the desk's work: 2000–2100 (``app.params``' bounds). 9999-12-31 is a slip of the date picker, and
    past the year 9999 a date plus a clock time overflows further on."""
    from app.params import MAX_DATE, MIN_DATE

    value = field.data.date() if isinstance(field.data, datetime) else field.data
    if isinstance(value, date) and not MIN_DATE <= value <= MAX_DATE:
        raise StopValidation(str(_l("Choose a date between 2000 and 2100.")))


def birth_date(form, field) -> None:
    """A date of birth: from 1900 to today."""
    value = field.data
    if isinstance(value, date) and not date(1900, 1, 1) <= value <= date.today():
        raise StopValidation(str(_l("Enter the date of birth (from 1900 to today).")))


def phone_e164(raw: str | None) -> str | None:
    """E.164 form of an Indonesian phone number (``+6281234567890``), None when empty or not a number."""
    if not raw or not raw.strip():
        return None
    info = parse_phone(raw)
    return info.e164 if info.valid and info.e164 else None


def phone_display(value: str | None) -> str:
    """How Indonesian forms write a number (``0812-3456-7890``, ``(021) 5551234``); other text as it is."""
    if not value:
        return ""
    info = parse_phone(value)
    return info.national if info.valid and info.national else value


class IndonesianPhone:
    """An optional field's value, when given, is an Indonesian phone number (mobile or landline)."""

    def __init__(self, message=None):
        self.message = message or _l("This is not a valid Indonesian phone number.")

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        if value and phone_e164(value) is None:
            raise ValidationError(str(self.message))


class NIK:
    """An optional field's value, when given, is a valid 16-digit NIK (lokal-id checks region, date and form)."""

    def __init__(self, message=None):
        self.message = message or _l("This NIK is not valid. Check the 16 digits on your KTP-el.")

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        if value and not is_valid_nik(value):
            raise ValidationError(str(self.message))


# WTForms' own messages (a number field given text, a choice not in the list…) through the app's catalogs:
# WTForms ships no Indonesian catalog, so Flask-WTF's translations would show them in English. Listed here so
# the catalog keeps them (scripts/i18n.py extracts from code).
WTFORMS_MESSAGES = (
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid datetime value."),
    _l("This field is required."),
    _l("Invalid input."),
    _l("Invalid email address."),
    _l("Invalid URL."),
    _l("Field must be equal to %(other_name)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Date must be at least %(min)s."),
    _l("Date must be at most %(max)s."),
    _l("Date must be between %(min)s and %(max)s."),
    _l("Invalid value, must be one of: %(values)s."),
    _l("Invalid value, can't be any of: %(values)s."),
    # Length's messages are plural forms (WTForms asks ngettext): a text sent through the offline outbox is not
    # capped by the browser's maxlength and meets them.
    lazy_ngettext(
        "Field must be at least %(min)d character long.", "Field must be at least %(min)d characters long.", 1
    ),
    lazy_ngettext(
        "Field cannot be longer than %(max)d character.", "Field cannot be longer than %(max)d characters.", 1
    ),
    lazy_ngettext("Field must be exactly %(max)d character long.", "Field must be exactly %(max)d characters long.", 1),
)


class CatalogTranslations:
    """The ``get_translations`` answer for every form: the request's Flask-Babel catalogs, unformatted (WTForms
    fills its own placeholders)."""

    def gettext(self, string: str) -> str:
        from flask_babel import get_translations

        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        from flask_babel import get_translations

        return get_translations().ungettext(singular, plural, n)


def use_catalog_for_wtforms() -> None:
    """Make every ``FlaskForm`` read WTForms' messages from the app's catalogs (called once by ``create_app``)."""
    translations = CatalogTranslations()
    FlaskForm.Meta.get_translations = lambda self, form: translations
