"""Typed, bounded parsing of what a request carries in its query string, path and form.

Every integer a view reads from the request is an id, a count or a version number: it fits PostgreSQL's
INTEGER (and SQLite's, and Python's ``datetime``), so anything outside ``1 … 2**31-1`` is refused here with a
400 and an Indonesian message instead of overflowing the database driver (a 500). Dates are bounded to the
years the desk can mean (2000–2100): ``0001-01-01`` or ``9999-12-31`` would overflow when turned into a UTC
range. ``<int:…>`` path parts use :class:`BoundedIntConverter`: a huge id is simply a page that does not exist.
"""

from __future__ import annotations

from datetime import date

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

MAX_INT = 2**31 - 1  # PostgreSQL INTEGER
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2100, 12, 31)
MAX_LIST = 2000


class ParamError(BadRequest):
    """A query/form value is malformed or out of range; ``message`` is shown to the user (400)."""

    def __init__(self, message):
        super().__init__(description=str(message))
        self.message = message


class BoundedIntConverter(IntegerConverter):
    """``<int:id>`` that only matches ids a database column can hold (a bigger one is a 404, not a 500)."""

    def __init__(self, map, fixed_digits=0, min=0, max=MAX_INT, signed=False):  # noqa: A002 - werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def parse_int(raw: str | None, *, lo: int = 1, hi: int = MAX_INT) -> int:
    """``raw`` as an integer in ``lo … hi``. :raise ValueError: when it is not one."""
    text = (raw or "").strip()
    if not text or len(text) > 12 or not text.lstrip("-").isdigit():
        raise ValueError(raw)
    value = int(text)
    if not lo <= value <= hi:
        raise ValueError(raw)
    return value


def parse_date(raw: str | None, *, lo: date = MIN_DATE, hi: date = MAX_DATE) -> date:
    """``raw`` (YYYY-MM-DD) as a date in ``lo … hi``. :raise ValueError: when it is not one."""
    text = (raw or "").strip()
    if len(text) != 10:
        raise ValueError(raw)
    value = date.fromisoformat(text)
    if not lo <= value <= hi:
        raise ValueError(raw)
    return value


def _source(form: bool):
    return request.form if form else request.args


def int_arg(name: str, default: int | None = None, *, lo: int = 1, hi: int = MAX_INT, form: bool = False):
    """An optional integer query (or form) value; absent/empty → ``default``. :raise ParamError: 400."""
    raw = _source(form).get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse_int(raw, lo=lo, hi=hi)
    except ValueError:
        raise ParamError(
            _l("“%(name)s” must be a whole number from %(lo)s to %(hi)s.", name=name, lo=lo, hi=hi)
        ) from None


def id_list(name: str, *, form: bool = True, limit: int = MAX_LIST) -> list[int]:
    """Ids from a repeated field (checkbox lists); anything that is not an id is refused (400)."""
    values = _source(form).getlist(name)
    if len(values) > limit:
        raise ParamError(_l("Too many items chosen (at most %(limit)s).", limit=limit))
    try:
        return [parse_int(v) for v in values]
    except ValueError:
        raise ParamError(_l("The chosen items are not valid. Reload the page and choose again.")) from None


def date_arg(name: str, default: date | None = None, *, form: bool = False) -> date | None:
    """An optional YYYY-MM-DD value between 2000 and 2100. :raise ParamError: 400."""
    raw = _source(form).get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse_date(raw)
    except ValueError:
        raise ParamError(_l("“%(name)s” must be a date between 2000 and 2100 (YYYY-MM-DD).", name=name)) from None
