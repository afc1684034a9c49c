"""Form of the first Sentra Gakkumdu discussion (kept apart from forms.py, which is the intake's)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional


class FirstDiscussionForm(FlaskForm):
    article = StringField(_l("Article discussed (optional)"), validators=[Optional(), Length(max=120)])
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
