"""The board as its open pages see it, and the events of ``/hari-h/stream``, which push it to them.

On a voting morning 500 boards may be open while a check-in comes in every few seconds. Each board used to be
told "changed" and re-fetch itself: ~3 ms of server time per board per re-draw (session, login, queries), so
one process could re-draw each board only every 2 s and the last board learned of a check-in ~2 s late
(bench/checkin_fanout.py). Now the stream sends the board's HTML itself: it is built once per scope and data
(``board.BoardCache``) and rendered once per kind of viewer (``render``), so a re-draw costs a board one
query and a write. Only the CSRF token (the late-opening button) is the viewer's own: rendered as a slot and
filled in per viewer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from flask import render_template, request
from flask_babel import get_locale
from flask_login import current_user
from sqlmodel import Session

from app.authz import can
from app.clock import utcnow
from app.db import get_engine
from app.live import hub
from app.regions.services import in_scope
from app.sse import PING, LoginWatch, retry, sse_message
from app.votingday import board as boards
from app.votingday import services
from app.votingday.settings import settings
from app.votingday.vocab import Step

HEARTBEAT = 15.0
STREAM_SECONDS = 30 * 60
CSRF_SLOT = "__SINERGI_CSRF_SLOT__"


def context(db, user, now, *, kecamatan: str | None, step: str | None, version: str = "") -> dict:
    """What the board's templates need for ``user``: the shared board, the late-opening incidents they may see,
    their right to report one and to post officers, the kecamatan to filter by."""
    board = boards.cached(db, user, now, kecamatan=kecamatan, step=step, version=version)
    view = board.views.get((user.region_code, user.agency))
    if view is None:  # the same for every viewer of one region and agency (the timeline's visibility rule)
        late_ids = [r.id for sl in board.silent if sl.step in (Step.TPS_SIAP, Step.PEMUNGUTAN_DIMULAI) for r in sl.rows]
        late_ids += [r.id for v in board.villages for r in v.tps if Step.PEMUNGUTAN_DIMULAI.value in r.steps]
        view = board.views[(user.region_code, user.agency)] = (
            services.late_incident_ids(db, user, late_ids),
            boards.kecamatan_choices(db, user),
        )
    late, kecamatan_choices = view
    return {
        "board": board,
        "late": late,
        "may_report_late": can(user, "votingday.report_late"),
        "may_assign": can(user, "votingday.assign"),
        "kecamatan_choices": kecamatan_choices,
    }


def request_context(db, now) -> dict:
    """``context`` for the current user and the request's filters (``?kecamatan=``, ``?langkah=``)."""
    return context(db, current_user, now, kecamatan=request.args.get("kecamatan"), step=request.args.get("langkah"))


def render(template: str, ctx: dict, token: str) -> str:
    """The board's fragment, rendered once for all viewers who would get the same HTML: the same cached board
    (scope, filters, data, minute), language, rights and late-opening incidents. ``token`` fills the slot of the
    viewer's own CSRF token."""
    board = ctx["board"]
    key = (template, str(get_locale()), ctx["may_report_late"], ctx["may_assign"], tuple(sorted(ctx["late"].items())))
    html = board.renders.get(key)
    if html is None:
        html = board.renders[key] = compact(
            render_template(template, csrf_token=lambda: CSRF_SLOT, now=board.now, **ctx)
        )
    return html.replace(CSRF_SLOT, token)


def compact(html: str) -> str:
    """The template's indentation and line breaks as single spaces (the same page to the browser: the board has
    no ``<pre>`` or ``<textarea>``): ~10 % fewer bytes to every open board, and one ``data:`` line per message."""
    return " ".join(line.strip() for line in html.splitlines() if line.strip())


def template_of(args) -> str:
    """``?layar=1``: the wall's board."""
    return "votingday/_wall_board.html" if args.get("layar") else "votingday/_board.html"


def events(app, user, args, token: str, ident: str) -> Iterator[str]:
    """The stream of ``user``'s board with the page's ``args`` (``?kecamatan=``, ``?langkah=``, ``?layar=``, and
    ``?v=``: the version the page was drawn from). Each message is the board's HTML, unnamed, so htmx swaps it in;
    sent when a TPS of the viewer's scope records a step or is reported late (at once after a quiet spell, then
    at most every ``stream_min_interval`` seconds), and on connecting when the data changed since ``?v=`` (a
    reconnect catches up). ``token``: the viewer's CSRF token, made before the request's session closed;
    ``ident``: the viewer's login (the stream ends with it, ``app.sse.LoginWatch``)."""
    scope = user.region_code
    filters = {"kecamatan": args.get("kecamatan"), "step": args.get("langkah")}
    template, seen = template_of(args), args.get("v", "")
    heartbeat = float(app.config.get("VOTINGDAY_HEARTBEAT", HEARTBEAT))
    pause = settings().stream_min_interval

    sent = ""  # the last board sent: a wake-up that changes nothing this viewer sees sends nothing

    def board_message(seq: int) -> str:
        nonlocal sent
        with Session(get_engine(app), expire_on_commit=False) as db:
            version = shared_version(app, db, seq)
            html = render(template, context(db, user, utcnow(), version=version, **filters), token)
        if html == sent:
            return ""
        sent = html
        return sse_message(html)

    with hub(app).subscribe(services.CHANNEL) as sub, LoginWatch(app, ident) as login:
        yield retry()
        if seen and login.holds() and seen != _version(app):
            yield board_message(sub.seq)  # not empty: nothing was sent yet
        deadline = time.monotonic() + STREAM_SECONDS
        last = float("-inf")  # when this stream last sent the board
        while time.monotonic() < deadline:
            payload = sub.get(timeout=heartbeat)
            if not login.holds():  # logged out, deactivated…: nothing more
                return
            if payload is None:
                yield PING
                continue
            # The first check-in after a quiet spell is sent at once; during a burst, at most one board per
            # ``pause`` seconds (what came in meanwhile is drained into it).
            time.sleep(max(0.0, last + pause - time.monotonic()))
            if any(in_scope(code, scope) for code in [payload, *sub.drain()]):
                message = board_message(sub.seq)
                if message:
                    last = time.monotonic()
                    yield message


class SharedVersion:
    """The data's version as last read by a stream of this process, and the newest publish that stream had taken
    (``Subscription.seq``). 500 streams woken by one check-in read it once: a read made after publish ``n``
    serves every stream whose newest wake-up is ``n`` or older."""

    def __init__(self) -> None:
        self.seq, self.version = -1, ""


def shared_version(app, db, seq: int) -> str:
    memo = app.extensions.setdefault("votingday_version", SharedVersion())
    if memo.seq >= seq and memo.version:
        return memo.version
    version = boards.data_version(db)
    if seq > memo.seq:
        memo.seq, memo.version = seq, version
    return version


def _version(app) -> str:
    with Session(get_engine(app)) as db:
        return boards.data_version(db)
