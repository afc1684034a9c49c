"""Helpers shared by the timeline views."""

from __future__ import annotations

import os

from flask import Response, current_app, render_template, request, url_for
from sqlmodel import Session

from app.timeline import queries
from app.timeline.models import Entry
from app.timeline.settings import TimelineSettings


def entry_url(entry: Entry) -> str:
    endpoint = "timeline.incident" if entry.is_incident else "timeline.entry"
    return url_for(endpoint, entry_id=entry.id)


def render_cards(session: Session, cards: list[Entry], **extra) -> str:
    return render_template("timeline/_cards.html", cards=cards, cd=queries.card_data(session, cards), **extra)


def int_arg(name: str) -> int | None:
    """A cursor from the query string; anything that is not one is ignored (a stale or hand-typed link)."""
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def mark_worker(response: Response, config: TimelineSettings) -> Response:
    """``X-Timeline-Worker: <pid>``, test instrumentation only: the multi-process tests check that a post served
    by one process reaches a stream held by another (``app.testing`` or ``TIMELINE_WORKER_HEADER``)."""
    if current_app.testing or config.worker_header:
        response.headers["X-Timeline-Worker"] = str(os.getpid())
    return response
