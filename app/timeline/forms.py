"""Timeline forms (Flask-WTF; every form carries CSRF and, for resends, an idempotency key)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField, SelectChoice, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.auth.models import Agency
from app.timeline.services.common import MAX_TEXT
from app.timeline.vocab import POST_KINDS, Kind, Severity, category_choices


def agency_choices(empty=None) -> list[SelectChoice]:
    out = [SelectChoice("", empty)] if empty else []
    return out + Agency.choices()


def _text_field(label, missing) -> TextAreaField:
    """A required text of at most ``MAX_TEXT`` characters (the service checks the same after stripping)."""
    return TextAreaField(
        label, validators=[DataRequired(missing), Length(max=MAX_TEXT, message=_l("At most 2,000 characters."))]
    )


class PostForm(FlaskForm):
    idempotency_key = HiddenField()
    kind = SelectField(_l("Kind"), choices=Kind.choices(POST_KINDS))
    text = _text_field(_l("What happened?"), _l("Write what happened."))
    kecamatan = SelectField(_l("Kecamatan"), validate_choice=False, validators=[Optional()])
    village_code = SelectField(_l("Village"), validate_choice=False, validators=[Optional()])
    tps_id = SelectField(_l("TPS"), validate_choice=False, validators=[Optional()])
    category = SelectField(_l("Incident category"), validate_choice=False, validators=[Optional()])
    severity = SelectField(
        _l("Severity"), choices=[SelectChoice("", _l("Choose")), *Severity.choices()], validators=[Optional()]
    )
    handling_agency = SelectField(_l("Handling agency"), validate_choice=False, validators=[Optional()])
    visibility = SelectField(
        _l("Who may see it"),
        choices=[
            SelectChoice("all", _l("All agencies in my region")),
            SelectChoice("chosen", _l("Only chosen agencies")),
        ],
    )
    visible_to = SelectMultipleField(_l("Agencies"), validate_choice=False, validators=[Optional()])
    photos = MultipleFileField()  # its label names the limit (set in __init__)

    def __init__(self, *args, max_photos: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices()
        self.handling_agency.choices = agency_choices(_l("Not yet decided"))
        self.visible_to.choices = agency_choices()
        self.max_photos = max_photos
        self.photos.label.text = _l("Photos (up to %(num)s)", num=max_photos)

    def wire_places(self, places_url: str) -> None:
        """The cascade of the place pickers (htmx): a kecamatan loads its villages into the village select, a
        village its TPS into the TPS select. GET sends the changed select's own value (``?kecamatan=…``,
        ``?village_code=…``); offline, static/js/timeline-form.js fills them from the kept place data."""
        for field, target in ((self.kecamatan, "#village_code"), (self.village_code, "#tps_id")):
            field.render_kw = {"hx-get": places_url, "hx-trigger": "change", "hx-target": target}

    @property
    def uploads(self) -> list:
        """The files actually chosen (a browser sends one empty part when none is)."""
        return [f for f in self.photos.data or [] if getattr(f, "filename", None)]

    def entry_fields(self) -> dict[str, Any]:
        """The post as ``services.post_entry`` takes it (the most precise place chosen wins)."""
        tps = self.tps_id.data
        return {
            "kind": self.kind.data,
            "text": self.text.data,
            "village_code": self.village_code.data or self.kecamatan.data or None,
            "tps_id": int(tps) if tps and tps.isdigit() and len(tps) < 12 else None,
            "visible_to": self.visible_to.data if self.visibility.data == "chosen" else None,
            "category": self.category.data or None,
            "severity": self.severity.data or None,
            "handling_agency": self.handling_agency.data or None,
        }


class FollowupForm(FlaskForm):
    idempotency_key = HiddenField()
    text = _text_field(_l("Follow-up"), _l("Write the follow-up."))


class StatusForm(FlaskForm):
    idempotency_key = HiddenField()
    status = HiddenField()
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=MAX_TEXT)])


class AssignForm(FlaskForm):
    """The handling agency of an incident; the service refuses an agency that is not on the list."""

    handling_agency = SelectField(_l("Handling agency"), choices=Agency.choices(), validate_choice=False)
