"""Server-Sent Events, written one way for every stream (the timeline's cards, a meeting's changes, the board).

A stream view closes its request's database session (nothing is held while it waits), then returns
``sse_response(events())`` where ``events`` yields ``sse_message(...)`` strings; ``PING`` is the named heartbeat
the client's watchdog listens for. Behind nginx ``X-Accel-Buffering: no`` keeps each message unbuffered.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, g, stream_with_context

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
