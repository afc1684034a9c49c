"""Account rules: creating users, logging in with a throttle, changing passwords."""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from lokal import parse_phone
from sqlalchemy import func
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.audit.services import record, snapshot
from app.auth.models import Agency, LoginThrottle, Role, User
from app.regions.services import UnknownRegion, in_scope, require_region

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 8
# A dummy hash so that an unknown username costs as much time as a wrong password (no user enumeration).
_DUMMY_HASH = generate_password_hash("sinergi-dummy-password")
AUDITED_FIELDS = ["username", "name", "email", "phone", "agency", "role", "region_code", "active", "position"]


class AccountError(ValueError):
    """A rule refused the input; ``field`` names the form field, ``message`` is shown to the user."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


@dataclass(frozen=True)
class LoginRefused(Exception):
    """Login refused; ``retry_after`` (seconds) is set when the throttle, not the password, refused it."""

    retry_after: int = 0


@dataclass
class UserInput:
    username: str
    name: str
    agency: str
    role: str
    region_code: str
    password: str
    email: str | None = None
    phone: str | None = None
    position: str = ""
    rank_id: str = ""
    language: str = "id"


def hash_password(password: str) -> str:
    """Werkzeug's scrypt (technical.md §7); the test suite configures a cheaper method to stay fast."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
    return generate_password_hash(password, method=method)


def normalise_phone(raw: str | None) -> str | None:
    """E.164 form of an Indonesian phone number. :raise AccountError: when it is not one."""
    if not raw or not raw.strip():
        return None
    info = parse_phone(raw)
    if not info.valid or not info.e164:
        raise AccountError("phone", _l("This is not a valid Indonesian phone number."))
    return info.e164


def _validate(session: Session, data: UserInput, *, existing: User | None = None) -> None:
    username = data.username.strip().lower()
    if not USERNAME_RE.match(username):
        raise AccountError("username", _l("Username: 2–64 lowercase letters, digits, dot, dash or underscore."))
    clash = session.exec(select(User).where(User.username == username)).first()
    if clash is not None and clash is not existing:
        raise AccountError("username", _l("This username is already taken."))
    if not data.name.strip() or len(data.name) > 120:
        raise AccountError("name", _l("Enter a name of at most 120 characters."))
    if data.agency not in {a.value for a in Agency}:
        raise AccountError("agency", _l("Unknown agency."))
    if data.role not in {r.value for r in Role}:
        raise AccountError("role", _l("Unknown role."))
    try:
        region = require_region(session, data.region_code)
    except UnknownRegion as exc:
        raise AccountError("region_code", _l("Unknown region code. Load the regions first.")) from exc
    if region.level > 3:
        raise AccountError("region_code", _l("A scope is a province, regency/city or district."))
    if data.email:
        try:
            data.email = validate_email(data.email.strip(), check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise AccountError("email", _l("This e-mail address is not valid.")) from exc
        clash = session.exec(select(User).where(func.lower(User.email) == data.email.lower())).first()
        if clash is not None and clash is not existing:
            raise AccountError("email", _l("This e-mail address is already used."))
    data.phone = normalise_phone(data.phone)
    data.username = username


def create_user(session: Session, data: UserInput, *, actor: User | None, now: datetime) -> User:
    """Create an account. :raise AccountError: on invalid input or when the actor's scope does not cover it."""
    _validate(session, data)
    if len(data.password) < MIN_PASSWORD:
        raise AccountError("password", _l("The password needs at least 8 characters."))
    if actor is not None and not in_scope(data.region_code, actor.region_code):
        raise AccountError("region_code", _l("You can only create accounts inside your own region."))
    user = User(
        username=data.username, name=data.name.strip(), email=data.email or None, phone=data.phone,
        position=data.position.strip(), rank_id=data.rank_id.strip(), agency=data.agency, role=data.role,
        region_code=data.region_code, language=data.language, password_hash=hash_password(data.password),
        session_token=secrets.token_hex(16), created_at=now,
    )
    session.add(user)
    session.flush()
    record(session, actor=actor, action="user.create", object_type="user", object_id=user.id, now=now,
           after=snapshot(user, AUDITED_FIELDS), region_code=user.region_code)
    return user


def set_active(session: Session, user: User, active: bool, *, actor: User, now: datetime) -> None:
    """Activate or deactivate; deactivation also ends the user's sessions."""
    if user.id == actor.id and not active:
        raise AccountError("active", _l("You cannot deactivate your own account."))
    before = snapshot(user, ["active"])
    user.active = active
    if not active:
        user.session_token = secrets.token_hex(16)
    session.add(user)
    record(session, actor=actor, action="user.activate" if active else "user.deactivate", object_type="user",
           object_id=user.id, now=now, before=before, after=snapshot(user, ["active"]),
           region_code=user.region_code)


def set_password(session: Session, user: User, password: str, *, actor: User, now: datetime) -> None:
    """Set a new password (own change or admin reset); other sessions of the user end."""
    if len(password) < MIN_PASSWORD:
        raise AccountError("password", _l("The password needs at least 8 characters."))
    user.password_hash = hash_password(password)
    user.session_token = secrets.token_hex(16)
    session.add(user)
    action = "user.password_change" if actor.id == user.id else "user.password_reset"
    record(session, actor=actor, action=action, object_type="user", object_id=user.id, now=now,
           region_code=user.region_code)


def find_login(session: Session, login: str) -> User | None:
    """The account for a username or an e-mail address (case-insensitive)."""
    login = login.strip().lower()
    return session.exec(
        select(User).where((User.username == login) | (func.lower(User.email) == login))
    ).first()


# ---- failed-login throttle --------------------------------------------------------------------------------


def _delay_for(failures: int, free: int, max_delay: int) -> int:
    """Seconds to wait after ``failures`` failures: none for the first ``free``, then doubling from 2 s."""
    if failures < free:
        return 0
    return min(max_delay, 2 ** (failures - free + 1))


def _throttle(session: Session, key: str) -> LoginThrottle | None:
    return session.get(LoginThrottle, key)


def _blocked_for(row: LoginThrottle | None, now: datetime) -> int:
    if row is None or row.blocked_until is None or row.blocked_until <= now:
        return 0
    return math.ceil((row.blocked_until - now).total_seconds())


def _fail(session: Session, key: str, now: datetime, free: int, max_delay: int) -> None:
    row = _throttle(session, key) or LoginThrottle(key=key)
    row.failures += 1
    row.last_failure_at = now
    delay = _delay_for(row.failures, free, max_delay)
    row.blocked_until = now + timedelta(seconds=delay) if delay else None
    session.add(row)
    session.flush()


def authenticate(
    session: Session, login: str, password: str, *, ip: str, now: datetime, config: dict
) -> User:
    """Check credentials through the per-account and per-IP throttle.

    :raise LoginRefused: wrong credentials (``retry_after`` 0) or throttled (``retry_after`` > 0). A throttled
        attempt is refused before the password is even checked.
    """
    login = login.strip().lower()[:254]
    account_key, ip_key = f"user:{login}", f"ip:{ip}"
    wait = max(_blocked_for(_throttle(session, account_key), now), _blocked_for(_throttle(session, ip_key), now))
    if wait:
        raise LoginRefused(retry_after=wait)
    user = find_login(session, login)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid or not user.active:
        _fail(session, account_key, now, config["LOGIN_FREE_FAILURES"], config["LOGIN_MAX_DELAY_SECONDS"])
        _fail(session, ip_key, now, config["IP_FREE_FAILURES"], config["LOGIN_MAX_DELAY_SECONDS"])
        raise LoginRefused()
    for key in (account_key, f"user:{user.username}"):
        row = _throttle(session, key)
        if row is not None:
            session.delete(row)
    user.last_login_at = now
    session.add(user)
    session.flush()
    return user
