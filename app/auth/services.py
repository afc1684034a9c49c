"""Account rules: creating users, logging in with a throttle, changing passwords."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.audit.services import record, snapshot
from app.auth import logins, throttle
from app.auth.models import Agency, Role, User
from app.errors import DomainError
from app.forms import phone_e164
from app.regions.services import UnknownRegion, in_scope, require_region, scope_clause

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 8
# A dummy hash per hashing method, so that an unknown username costs as much time as a wrong password of a real
# account (no user enumeration by timing): it must be made with the method real hashes use (PASSWORD_HASH_METHOD).
_DUMMY_HASHES: dict[str, str] = {}
AUDITED_FIELDS = ["username", "name", "email", "phone", "agency", "role", "region_code", "active", "position"]


class AccountError(DomainError):
    """An account rule refused the input; ``field`` names the form field, ``message`` is shown to the user."""


class LoginRefused(AccountError):
    """Login refused; ``retry_after`` (seconds) is set when the throttle, not the password, refused it."""

    def __init__(self, retry_after: int = 0):
        if retry_after:
            message = _l("Too many failed attempts. Try again in %(seconds)s seconds.", seconds=retry_after)
            super().__init__("login", message)
        else:
            super().__init__("password", _l("The username or password is wrong."))
        self.retry_after = retry_after


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


def _hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"


def hash_password(password: str) -> str:
    """Werkzeug's scrypt (technical.md §7); the test suite configures a cheaper method to stay fast."""
    return generate_password_hash(password, method=_hash_method())


def _dummy_hash() -> str:
    method = _hash_method()
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash("sinergi-dummy-password", method=method)
    return _DUMMY_HASHES[method]


def normalise_phone(raw: str | None) -> str | None:
    """E.164 form of an Indonesian phone number (None when empty). :raise AccountError: when it is not one."""
    if not raw or not raw.strip():
        return None
    e164 = phone_e164(raw)
    if e164 is None:
        raise AccountError("phone", _l("This is not a valid Indonesian phone number."))
    return e164


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
        username=data.username,
        name=data.name.strip(),
        email=data.email or None,
        phone=data.phone,
        position=data.position.strip(),
        rank_id=data.rank_id.strip(),
        agency=data.agency,
        role=data.role,
        region_code=data.region_code,
        language=data.language,
        password_hash=hash_password(data.password),
        session_token=secrets.token_hex(16),
        created_at=now,
    )
    session.add(user)
    session.flush()
    record(
        session,
        actor=actor,
        action="user.create",
        object_type="user",
        object_id=user.id,
        now=now,
        after=snapshot(user, AUDITED_FIELDS),
        region_code=user.region_code,
    )
    return user


def set_active(session: Session, user: User, active: bool, *, actor: User, now: datetime) -> None:
    """Activate or deactivate; deactivation also ends the user's sessions."""
    if user.id == actor.id and not active:
        raise AccountError("active", _l("You cannot deactivate your own account."))
    before = snapshot(user, ["active"])
    user.active = active
    if not active:
        logins.end_all(session, user, now=now)
    session.add(user)
    record(
        session,
        actor=actor,
        action="user.activate" if active else "user.deactivate",
        object_type="user",
        object_id=user.id,
        now=now,
        before=before,
        after=snapshot(user, ["active"]),
        region_code=user.region_code,
    )


def check_current_password(user: User, current: str) -> None:
    """:raise AccountError: ``current`` is not the user's password."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError("current", _l("The current password is wrong."))


def change_own_password(session: Session, user: User, current: str, new: str, *, now: datetime) -> None:
    """The user changes their own password. :raise AccountError: the current password is wrong."""
    check_current_password(user, current)
    set_password(session, user, new, actor=user, now=now)


def set_password(session: Session, user: User, password: str, *, actor: User, now: datetime) -> None:
    """Set a new password (own change or admin reset); other sessions of the user end."""
    if len(password) < MIN_PASSWORD:
        raise AccountError("password", _l("The password needs at least 8 characters."))
    user.password_hash = hash_password(password)
    logins.end_all(session, user, now=now)
    session.add(user)
    action = "user.password_change" if actor.id == user.id else "user.password_reset"
    record(
        session,
        actor=actor,
        action=action,
        object_type="user",
        object_id=user.id,
        now=now,
        region_code=user.region_code,
    )


def find_login(session: Session, login: str) -> User | None:
    """The account for a username or an e-mail address (case-insensitive)."""
    login = login.strip().lower()
    return session.exec(select(User).where((User.username == login) | (func.lower(User.email) == login))).first()


# ---- logging in ---------------------------------------------------------------------------------------------


def authenticate(session: Session, login: str, password: str, *, ip: str, now: datetime, config: dict) -> User:
    """Check credentials through the failed-login throttle (``app.auth.throttle``).

    :raise LoginRefused: wrong credentials (``retry_after`` 0) or throttled (``retry_after`` > 0). A throttled
        attempt is refused before the password is checked. Unknown, inactive and existing accounts take the
        same path, the same time (one hash check) and get the same message: no user enumeration.
    """
    login = login.strip().lower()[:254]
    pair, per_ip = throttle.pair_key(login, ip), throttle.ip_key(ip)
    store = throttle.store_for(session, config)
    wait = store.wait_seconds([pair, per_ip], now)
    if wait:
        raise LoginRefused(retry_after=wait)
    user = find_login(session, login)
    valid = check_password_hash(user.password_hash if user else _dummy_hash(), password)
    if user is None or not valid or not user.active:
        decay = config.get("LOGIN_DECAY_SECONDS", 900)
        free, max_delay = config["LOGIN_FREE_FAILURES"], config["LOGIN_MAX_DELAY_SECONDS"]
        store.fail(pair, now, free=free, max_delay=max_delay, decay=decay)
        free, max_delay = config["IP_FREE_FAILURES"], config.get("IP_MAX_DELAY_SECONDS", 60)
        store.fail(per_ip, now, free=free, max_delay=max_delay, decay=decay)
        raise LoginRefused()
    store.clear(pair)
    store.clear(throttle.pair_key(user.username, ip))
    user.last_login_at = now
    session.add(user)
    session.flush()
    return user


def colleagues(session: Session, user: User) -> list[User]:
    """The active accounts of ``user``'s agency in ``user``'s scope, by name: whom a head or an operator may put
    on their agency's roster or post to a TPS."""
    return list(
        session.exec(
            select(User)
            .where(User.active.is_(True), User.agency == user.agency, scope_clause(User.region_code, user.region_code))
            .order_by(User.name)
        ).all()
    )
