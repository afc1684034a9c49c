"""Forms of the situation report (format only; the rules are the service's)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField

from app.regions.services import zoneinfo_for
from app.sitrep.services import SitrepError

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class GenerateForm(FlaskForm):
    idempotency_key = HiddenField()
    start = StringField(_l("Period from"), render_kw={"type": "datetime-local"})
    end = StringField(_l("Period until"), render_kw={"type": "datetime-local"})

    def period(self, region_code: str) -> tuple[datetime | None, datetime | None]:
        """Both local times (the desk's zone) as UTC; both empty: the default period. :raise SitrepError:"""
        raw_start, raw_end = (self.start.data or "").strip(), (self.end.data or "").strip()
        if not raw_start and not raw_end:
            return None, None
        return _parse(raw_start, "start", region_code), _parse(raw_end, "end", region_code)


def _parse(raw: str, name: str, region_code: str) -> datetime:
    if not raw:
        raise SitrepError(name, _l("Give a date and time."))
    try:
        value = datetime.strptime(raw[:16], LOCAL_FORMAT)
    except ValueError:
        raise SitrepError(name, _l("Write the date and time as YYYY-MM-DD HH:MM.")) from None
    return value.replace(tzinfo=zoneinfo_for(region_code)).astimezone(UTC)


class NarrativeForm(FlaskForm):
    situasi_umum = TextAreaField(_l("General situation"))
    kebutuhan = TextAreaField(_l("Needs"))
    rekomendasi = TextAreaField(_l("Recommendations"))


class SignForm(FlaskForm):
    confirm = BooleanField(_l("I have read this report and sign it as the desk's report for this period."))


class CorrectForm(FlaskForm):
    pass
