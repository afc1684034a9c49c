"""The public verification form: a GET form (a bookmarkable, shareable address), so no CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


def clean_code(raw: str | None) -> str:
    """A code as read off paper: spaces and dashes dropped, case ignored (codes are upper-case letters and digits)."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:32]


class VerifyForm(FlaskForm):
    class Meta:
        csrf = False

    kode = StringField(
        _l("Verification code"),
        filters=[clean_code],
        validators=[DataRequired(_l("Type the code printed on the document.")), Length(max=32)],
    )
