"""Server-Sent Events, written one way for every stream (the timeline's cards, a meeting's changes, the board).

A stream view closes its request's database session (nothing is held while it waits), then returns
``sse_response(events())`` where ``events`` yields ``sse_message(...)`` strings; ``PING`` is the named heartbeat
the client's watchdog listens for. Behind nginx ``X-Accel-Buffering: no`` keeps each message unbuffered. A stream
that sends content checks ``LoginWatch.holds()`` before each message: it stops when its login ends.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, g, stream_with_context
from sqlmodel import Session

RETRY_MS = 3000  # how long a client waits before reconnecting (it sends Last-Event-ID)


def sse_message(data: str = "", *, id: int | str | None = None, event: str | None = None) -> str:
    """One event: optional ``id:`` (the client's resume cursor) and ``event:`` name, then the data lines."""
    head = (f"id: {id}\n" if id is not None else "") + (f"event: {event}\n" if event else "")
    lines = [line for line in data.splitlines() if line.strip()] or [""]
    return head + "".join(f"data: {line}\n" for line in lines) + "\n"


PING = sse_message(event="ping")


def retry(ms: int = RETRY_MS) -> str:
    return f"retry: {ms}\n\n"


def release_request_session() -> None:
    """Close the request's session before streaming: a stream must not hold a connection or a snapshot."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def sse_response(events: Iterable[str]) -> Response:
    """A ``text/event-stream`` response that proxies and caches pass through unbuffered and unstored."""
    response = Response(stream_with_context(events), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache, no-store"
    response.headers["X-Accel-Buffering"] = "no"
    return response


class LoginWatch:
    """Whether the login a stream was opened with still holds. A stream outlives its request by up to 30 minutes;
    when that login ends (logout, "log out everywhere", password change, deactivation: ``app.auth.logins``
    announces the user id) the stream must stop sending, as the next request would be refused (an audit read a
    timeline entry on a deactivated account's open stream). One query when the stream starts, then none while
    nothing ended for this user.

    ``ident = LoginWatch.ident()`` in the view, then in the stream ``with LoginWatch(app, ident) as watch: ...
    if not watch.holds(): return``."""

    def __init__(self, app: Flask, ident: str):
        from app.auth.logins import ENDED
        from app.live import hub

        self.app, self.ident = app, ident
        self.user_id = ident.partition(":")[0]
        self._sub = hub(app).subscribe(ENDED)
        self._ended = not self._resolves()  # subscribed first: a login ended since the request is seen here

    def _resolves(self) -> bool:
        from app.auth.logins import resolve
        from app.db import get_engine

        with Session(get_engine(self.app)) as session:
            return bool(self.ident) and resolve(session, self.ident) is not None

    @staticmethod
    def ident() -> str:
        """The request's login (``<user id>:<token>:<login id>``, as Flask-Login keeps it in the session)."""
        from flask import session

        return str(session.get("_user_id") or "")

    def holds(self) -> bool:
        if self._ended or not self.ident:
            return False
        if self.user_id in self._sub.drain():
            self._ended = not self._resolves()
        return not self._ended

    def __enter__(self) -> LoginWatch:
        return self

    def __exit__(self, *exc) -> None:
        self._sub.close()
