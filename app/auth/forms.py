"""Login and password forms (format checks only; rules live in services)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    login = StringField(
        _l("Username or e-mail"),
        validators=[
            DataRequired(_l("Enter your username or e-mail.")),
            Length(max=254, message=_l("This is too long.")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=256, message=_l("This is too long."))],
    )
    remember = BooleanField(_l("Keep me logged in on this phone"))


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))])
    new = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Enter a new password.")),
            Length(min=8, max=256, message=_l("The password needs at least 8 characters.")),
        ],
    )
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[EqualTo("new", message=_l("The two passwords are not the same."))]
    )
