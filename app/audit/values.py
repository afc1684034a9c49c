"""An audit entry's stored values as the user reads them: a status, agency, stage, category… by its label, a
date in words, yes/no; never a code (``app/audit/sentences.py`` builds the sentences and details with them)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def agency_label(code: str) -> str:
    from app.auth.models import Agency

    try:
        return Agency(code).label
    except ValueError:
        return code


def _status_label(object_type: str, value: str) -> str:
    try:
        if object_type == "complaint":
            from app.complaints.vocab import Status as ComplaintStatus

            return ComplaintStatus(value).label
        from app.timeline.vocab import Status

        return Status.label_of(value)
    except (ImportError, KeyError, ValueError):
        return value


def value_text(object_type: str, key: str, value: Any) -> str:
    """One stored value as the user reads it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(value_text(object_type, key, v) for v in value) or "–"
    if isinstance(value, dict):
        return "–"
    text = str(value)
    if key == "status":
        return _status_label(object_type, text)
    if key in ("handling_agency", "agency", "owner"):
        return agency_label(text)
    if key == "visible_agencies":
        return ", ".join(agency_label(a) for a in text.strip(",").split(",") if a) or _("all agencies")
    if key == "stage":
        return _stage_label(text)
    if key == "recipient":
        return _recipient_label(text)
    if key == "severity":
        from app.timeline.vocab import Severity

        return Severity.label_of(text)
    if key == "category":
        return _category_label(text)
    return _dates(text)


def _category_label(code: str) -> str:
    """An incident category (timeline vocabulary) or a Polri security category of a TPS; never the code."""
    from app.readiness.constants import CATEGORY_LABELS as SECURITY
    from app.timeline.vocab import category_label

    label = category_label(code) or SECURITY.get(code)
    return str(label) if label else _("another category")


def _dates(text: str) -> str:
    from app.i18n import format_day, format_local

    try:
        if _ISO_DATE.match(text):
            return format_day(date.fromisoformat(text))
        if _ISO_DATETIME.match(text):
            return format_local(datetime.fromisoformat(text))
    except ValueError:
        pass
    return text


def _stage_label(value: str) -> str:
    try:
        from app.complaints.vocab import Stage

        return Stage(value).label
    except (ImportError, KeyError, ValueError):
        return value


def _recipient_label(value: str) -> str:
    try:
        from app.complaints.vocab import Recipient

        return Recipient(value).label
    except (ImportError, KeyError, ValueError):
        return value
