"""Server-side login records: what makes logout, "log out everywhere" and deactivation real.

Flask's session cookie is signed, not stored: without a server-side record a captured cookie (or a
remember-me cookie) would keep working after logout. Flask-Login stores ``User.get_id()``-like text in the
session and in the remember-me cookie; ours is ``<user id>:<session token>:<login id>``, and every request
checks all three: the account is active, its token is current, and this login has not been ended.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, update

from app.auth.models import User, UserLogin
from app.live import notify

KEEP_ENDED = timedelta(days=30)
ENDED = "logins.ended"  # live channel: a login of this user id ended (open streams check theirs: app.sse)


def start(session: Session, user: User, *, now: datetime) -> str:
    """Record a new login and return the text Flask-Login must keep (session and remember-me cookie)."""
    login = UserLogin(id=secrets.token_hex(16), user_id=user.id, created_at=now)
    session.add(login)
    session.exec(delete(UserLogin).where(col(UserLogin.ended_at) < now - KEEP_ENDED))
    session.flush()
    return f"{user.id}:{user.session_token}:{login.id}"


def resolve(session: Session, ident: str) -> User | None:
    """The user of a live login, or None when the account, its token or the login itself has ended."""
    user_id, _sep, rest = ident.partition(":")
    token, _sep, login_id = rest.partition(":")
    if not user_id.isdigit() or len(user_id) > 10 or not token or not login_id:
        return None
    user = session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    login = session.get(UserLogin, login_id)
    if login is None or login.user_id != user.id or login.ended_at is not None:
        return None
    return user


def end(session: Session, ident: str | None, *, now: datetime) -> None:
    """End the login named by ``ident`` (logout)."""
    user_id, _sep, _rest = (ident or "").partition(":")
    login_id = (ident or "").rpartition(":")[2]
    if login_id:
        session.exec(
            update(UserLogin).where(UserLogin.id == login_id, col(UserLogin.ended_at).is_(None)).values(ended_at=now)
        )
        notify(session, ENDED, user_id)


def end_all(session: Session, user: User, *, now: datetime) -> None:
    """End every login of the user (password change, deactivation, "log out everywhere")."""
    user.session_token = secrets.token_hex(16)
    session.add(user)
    session.exec(
        update(UserLogin).where(UserLogin.user_id == user.id, col(UserLogin.ended_at).is_(None)).values(ended_at=now)
    )
    notify(session, ENDED, str(user.id))
