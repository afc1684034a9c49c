"""The send form (format only; who may receive what is the service's rule)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth.models import Agency
from app.instructions.vocab import TARGET_ROLES


class Checkboxes(SelectMultipleField):
    """Several choices as tap-sized checkboxes (a phone has no ctrl-click)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class Minutes:
    """0 to 240 whole minutes, written as digits."""

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        if not value.isdigit() or int(value) > 240:
            raise ValidationError(str(_l("Remind after 0 to 240 minutes (0: no reminder).")))


class SendForm(FlaskForm):
    idempotency_key = HiddenField()
    text = TextAreaField(
        _l("Instruction"),
        validators=[
            DataRequired(_l("Write the instruction.")),
            Length(max=1000, message=_l("At most 1,000 characters.")),
        ],
    )
    agencies = Checkboxes(_l("To agencies (none chosen: all)"), choices=Agency.choices(), validators=[Optional()])
    roles = Checkboxes(
        _l("To roles (none chosen: all)"),
        choices=[SelectChoice(r.value, r.lazy_label) for r in TARGET_ROLES],
        validators=[Optional()],
    )
    region_code = SelectField(_l("Region"), validate_choice=False)
    incident_id = HiddenField()
    remind_after = StringField(
        _l("Remind the unread after (minutes)"),
        default="15",
        validators=[Optional(), Minutes()],
        render_kw={"inputmode": "numeric", "pattern": "[0-9]*", "maxlength": "3"},
    )
