"""The push settings form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField


class SettingsForm(FlaskForm):
    push_enabled = BooleanField(_l("Send notifications to my devices"))
    incidents = BooleanField(_l("New high-severity incidents in my area"))
    assignments = BooleanField(_l("Incidents assigned to my agency"))
    reminders = BooleanField(_l("Reminders: complaint deadlines and meetings about to start"))
