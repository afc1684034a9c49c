"""The ``idempotent`` view decorator (it reads the request, so it is a decorator, not a service).

A key belongs to one request: the scope (who), the key and the path (what). The same key sent to another path
is refused with 422, as the IETF "Idempotency-Key" draft asks, instead of replaying the other path's answer.

The key row is inserted (flushed) in the same transaction as the view's own changes, before the view runs:
the view's single commit stores both or neither. A concurrent duplicate therefore either waits for the write
lock (SQLite) or hits the unique constraint (PostgreSQL) and is answered as a replay.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

from flask import Response, current_app, make_response, request, session
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from app.clock import utcnow
from app.db import get_session
from app.idempotency.models import IdempotencyRecord

KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")
# Replays can only return what fits comfortably in a row.
MAX_STORED_BODY = 512 * 1024
DEVICE_KEY = "_device"


def request_key() -> str | None:
    """The key from the ``Idempotency-Key`` header or an ``idempotency_key`` form field (no-JS forms)."""
    key = request.headers.get("Idempotency-Key") or request.form.get("idempotency_key")
    if key and KEY_RE.match(key):
        return key
    return None


def current_scope() -> str:
    """Whose keys these are: the user, or for anonymous visitors (the public complaint form) this browser.

    Anonymous keys were once one shared "public" scope: replaying another reporter's key handed over their
    complaint. The browser is named by a secret its session already holds before it submits (the CSRF
    token the form page put there, else a random device id), so a resend whose answer was lost still
    finds its record, and nobody else can.
    """
    if getattr(current_user, "is_authenticated", False):
        return f"user:{current_user.id}"
    seed = session.get(DEVICE_KEY) or session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if not seed:
        seed = session[DEVICE_KEY] = secrets.token_hex(16)
    return "anon:" + hashlib.sha256(f"idempotency:{seed}".encode()).hexdigest()[:32]


def purge(session_: Session, *, now: datetime, window: timedelta) -> int:
    """Forget records older than the window (no outbox resends that late). Returns how many went."""
    result = session_.exec(delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < now - window))
    return result.rowcount or 0


def _window() -> timedelta:
    return timedelta(days=current_app.config.get("IDEMPOTENCY_WINDOW_DAYS", 7))


def find(session: Session, scope: str, key: str) -> IdempotencyRecord | None:
    return session.exec(
        select(IdempotencyRecord).where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
    ).first()


def _reused(record: IdempotencyRecord) -> bool:
    """The stored key was used for another request (another path or method): never replay it here."""
    return record.path != request.path[:300] or record.method != request.method


def _refuse_reuse() -> Response:
    from flask import render_template
    from flask_babel import gettext as _

    from app.htmx import is_htmx

    template = "errors/_error.html" if is_htmx() else "errors/error.html"
    text = _("This request was already sent for another action. Reload the page and try again.")
    return make_response(render_template(template, code=422, title=_("Invalid input"), text=text), 422)


def _replay(record: IdempotencyRecord) -> Response:
    if record.status_code is None:
        # Stored, but the first answer was never recorded: the change exists, so this is still a success.
        response = make_response("", 200)
    else:
        response = make_response(record.body or b"", record.status_code)
        if record.content_type:
            response.content_type = record.content_type
        if record.location:
            response.headers["Location"] = record.location
    response.headers["X-Replayed"] = "1"
    return response


def idempotent(view: Callable | None = None, *, on_replay: Callable[[IdempotencyRecord], None] | None = None):
    """Make a state-changing view safe to resend. Requests without a key run as usual.

    ``on_replay(record)`` runs before a resend is answered with the stored response: for answers that also
    changed the session (the public complaint's one-time receipt), which a lost answer never delivered.
    Use as ``@idempotent`` or ``@idempotent(on_replay=fn)``.
    """
    if view is None:
        return lambda v: idempotent(v, on_replay=on_replay)

    def replay(record: IdempotencyRecord) -> Response:
        if _reused(record):
            return _refuse_reuse()
        if on_replay is not None and record.status_code is not None and record.status_code < 400:
            on_replay(record)
        return _replay(record)

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request_key()
        if key is None:
            return view(*args, **kwargs)
        db = get_session()
        scope = current_scope()
        existing = find(db, scope, key)
        if existing is not None:
            return replay(existing)
        now = utcnow()
        purge(db, now=now, window=_window())
        record = IdempotencyRecord(scope=scope, key=key, method=request.method, path=request.path[:300], created_at=now)
        db.add(record)
        try:
            db.flush()
        except IntegrityError:
            db.rollback()
            existing = find(db, scope, key)
            return replay(existing) if existing else make_response("", 409)
        response = make_response(view(*args, **kwargs))
        if response.status_code >= 400:
            # Refused: nothing was stored, so a corrected resend with the same key must be able to succeed.
            db.rollback()
            stale = find(db, scope, key)
            if stale is not None:  # the view committed before refusing: forget the key explicitly
                db.delete(stale)
                db.commit()
            return response
        stored = find(db, scope, key) or record
        stored.status_code = response.status_code
        stored.content_type = response.content_type
        stored.location = response.headers.get("Location")
        if not response.is_streamed:
            body = response.get_data()
            stored.body = body if len(body) <= MAX_STORED_BODY else b""
        db.add(stored)
        db.commit()
        return response

    return wrapper
