"""Error pages in Indonesian; htmx requests get a small fragment instead of a whole page."""

from __future__ import annotations

from flask import Flask, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException

from app.htmx import is_htmx
from app.offload import OffloadTimeout
from app.params import ParamError


class DomainError(ValueError):
    """A service refused the input. ``field`` names the form field the message belongs to (None: the whole
    form), ``message`` is a (lazy) text shown to the user. Each feature subclasses it (``MeetingError``…) so a
    route catches only its own; ``app.forms.attach_error`` puts it on the form."""

    def __init__(self, field: str | None, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Check what you entered and try again.")),
    401: (_l("Please log in"), _l("Log in again to continue.")),
    403: (_l("Access denied"), _l("Your account may not open this page or data outside your region.")),
    404: (_l("Page not found"), _l("The page or data you are looking for does not exist or has been removed.")),
    405: (_l("Not allowed"), _l("This action is not allowed here.")),
    409: (_l("Conflict"), _l("The data was changed by someone else meanwhile. Reload the page and try again.")),
    410: (_l("No longer available"), _l("This page or data is no longer available.")),
    413: (_l("File too large"), _l("The file you sent is larger than allowed.")),
    415: (_l("Unsupported file"), _l("This kind of file or data is not accepted here.")),
    422: (_l("Invalid input"), _l("Some of what you entered is not valid.")),
    429: (_l("Too many requests"), _l("Too many attempts. Wait a moment and try again.")),
    503: (_l("Server busy"), _l("The server took too long for this request. Try again in a moment.")),
    500: (_l("Something went wrong"), _l("An error occurred on the server. It has been logged; try again shortly.")),
}


def _render(code: int, detail: str | None = None):
    # Every status keeps its code; one without its own text borrows the text of its class (4xx or 5xx).
    title, text = MESSAGES.get(code) or MESSAGES[400 if code < 500 else 500]
    template = "errors/_error.html" if is_htmx() else "errors/error.html"
    return render_template(template, code=code, title=title, text=detail or text), code


def _page_above(app: Flask, path: str) -> str | None:
    """The nearest page above a POST-only address (``/pengaduan/6/pesan`` → ``/pengaduan/6``): a refused form is
    answered at its action's address, and reloading or sharing that address asked for a form that is not there."""
    adapter = app.url_map.bind("")
    parts = path.rstrip("/").split("/")
    while len(parts) > 2:  # never the home page: ``GET /keluar`` stays a 405
        parts.pop()
        candidate = "/".join(parts)
        try:
            adapter.match(candidate, method="GET")
        except HTTPException:
            continue
        return candidate
    return None


def _rollback() -> None:
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_exc: CSRFError):
        return _render(
            400, _("The security token of this form is missing or expired. Reload the page and send it again.")
        )

    @app.errorhandler(ParamError)
    def param_error(exc: ParamError):
        _rollback()
        return _render(400, str(exc.message))

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def out_of_range(exc: Exception):
        # Safety net behind app.params: a number or date too large for the database or for datetime arithmetic
        # is the client's input, not a server fault.
        _rollback()
        app.logger.warning("out-of-range input on %s %s: %s", request.method, request.path, exc)
        return _render(400, _("A number or date you sent is out of range."))

    @app.errorhandler(OffloadTimeout)
    def too_slow(exc: OffloadTimeout):
        _rollback()
        app.logger.warning("time limit on %s %s: %s", request.method, request.path, exc)
        return _render(503)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc
        _rollback()
        if exc.code == 405 and request.method == "GET" and not is_htmx():
            page = _page_above(app, request.path)
            if page is not None:
                return redirect(page, 303)
        return _render(exc.code)

    @app.errorhandler(Exception)
    def server_error(exc: Exception):
        _rollback()
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return _render(500)
