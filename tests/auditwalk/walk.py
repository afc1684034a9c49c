"""The audit walk's one way to check a change (issue 12 point 8): the exact audit rows a request writes, each with
a sentence of its own that reads as Indonesian and names who acted. Used by every file of tests/auditwalk/."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask_babel import force_locale
from sqlmodel import Session, select

from app.audit.models import AuditLog
from app.audit.sentences import OBJECTS, SENTENCES, sentence
from app.db import get_engine

# A step: (who acts — a username, or None for the public reporter —, the request, the audit actions it writes: one,
# or a tuple where one request changes two records).
Step = tuple[str | None, Callable, str | tuple[str, ...]]


def rows(app) -> list[AuditLog]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(AuditLog).order_by(AuditLog.id)).all())


def check_rows(app, before: int, actions: tuple[str, ...], actor, anonymous: dict[str, str] | None = None) -> None:
    """The rows after the first ``before`` are ``actions``, in order, each acted by ``actor`` (None: no account;
    its sentence then starts with ``anonymous[action]``, e.g. "Pelapor ")."""
    new = rows(app)[before:]
    assert tuple(r.action for r in new) == actions
    for row in new:
        assert row.action in SENTENCES, f"{row.action} has no sentence of its own"
        assert row.object_type in OBJECTS, f"{row.action} names its object without a label ({row.object_type})"
        assert row.actor_id == (actor.id if actor is not None else None), row.action
        data = {"before": row.before or {}, "after": row.after or {}}
        with app.test_request_context(), force_locale("id"):
            text = sentence(row, actor, data)
        with app.test_request_context(), force_locale("en"):
            english = sentence(row, actor, data)
        if actor is None:
            assert text.startswith((anonymous or {})[row.action]), text
        else:
            assert actor.name in text, text
        assert row.action not in text, text
        assert "{" not in text, text
        assert text != english, f"{row.action}: the sentence is not translated into Indonesian ({text})"


def walk(app, login_as, people: dict, steps: Iterable[Step], anonymous: dict[str, str] | None = None) -> None:
    """Each step as its account (logged in first), answered with success, writing exactly its audit rows."""
    for username, act, actions in steps:
        actions = (actions,) if isinstance(actions, str) else actions
        if username is not None:
            login_as(username)
        before = len(rows(app))
        response = act()
        assert response.status_code in (200, 201, 303), (actions, response.get_data(as_text=True)[:300])
        check_rows(app, before, actions, people[username] if username is not None else None, anonymous)
