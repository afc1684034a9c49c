"""User-management forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.auth.models import Agency, Role


class UserCreateForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(_l("Enter a username.")), Length(max=64)])
    name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter the full name.")), Length(max=120)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Mobile phone (optional)"), validators=[Optional(), Length(max=30)])
    agency = SelectField(_l("Agency"), choices=Agency.choices())
    role = SelectField(_l("Role"), choices=Role.choices())
    region_code = SelectField(_l("Region"), validate_choice=False)
    password = PasswordField(
        _l("Initial password"),
        validators=[
            DataRequired(_l("Enter a password.")),
            Length(min=8, max=256, message=_l("At least 8 characters.")),
        ],
    )


class PasswordResetForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Enter a password.")),
            Length(min=8, max=256, message=_l("At least 8 characters.")),
        ],
    )
