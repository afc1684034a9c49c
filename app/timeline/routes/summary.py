"""``/linimasa/ringkasan`` (incident summary) and ``/linimasa/kerawanan.csv`` (export of visible incidents)."""

from __future__ import annotations

from datetime import date

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.authz import permission_required
from app.clock import utcnow
from app.db import get_session
from app.exports import csv_response
from app.i18n import format_local, local_date
from app.params import ParamError, parse_date
from app.regions.elections import current_election
from app.regions.services import describe_place
from app.timeline import queries, summary
from app.timeline.routes import bp
from app.timeline.vocab import Severity, Status, category_label

MAX_RANGE_DAYS = 366


def _default_day(db) -> date:
    """The voting day of the user's election, else today in the user's region (never the server's date)."""
    today = local_date(utcnow(), current_user.region_code)
    election = current_election(db, current_user.region_code, today)
    return election.voting_day if election else today


def _asked_range() -> tuple[date, date] | None:
    """``?dari=YYYY-MM-DD&sampai=YYYY-MM-DD`` (``sampai`` defaults to ``dari``); None when no range is asked.
    :raise ParamError: (400) with what is wrong, in Indonesian."""
    raw_start = request.args.get("dari", "")
    if not raw_start:
        return None
    try:
        start = parse_date(raw_start)
        end = parse_date(request.args.get("sampai", "") or raw_start)
    except ValueError:
        raise ParamError(_("Enter dates as shown in the calendar.")) from None
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise ParamError(_("Choose an end date after the start date, at most one year apart."))
    return start, end


@bp.get("/linimasa/ringkasan")
@permission_required("timeline.summary")
def summary_page():
    """Counts, times to handle and resolve, by agency and kecamatan; a refused range is shown on the form."""
    db = get_session()
    try:
        start, end = _asked_range() or (_default_day(db),) * 2
        error = None
    except ParamError as exc:
        start = end = _default_day(db)
        error = str(exc.message)
    result = summary.summarise(db, current_user, start, end)
    places = describe_place(db, [k for k in result.by_kecamatan if k])
    page = render_template("timeline/summary.html", s=result, places=places, error=error, start=start, end=end)
    return page, 422 if error else 200


CSV_HEADER = (
    _l("ID"),
    _l("Reported at"),
    _l("Place"),
    _l("Category"),
    _l("Severity"),
    _l("Handling agency"),
    _l("Status"),
    _l("Handled at"),
    _l("Resolved at"),
    _l("Reporter"),
    _l("Reporter agency"),
    _l("Text"),
    _l("Resolution note"),
    _l("Received at"),
)


@bp.get("/linimasa/kerawanan.csv")
@permission_required("timeline.summary")
def export_csv():
    """The incidents the user may see in the chosen range (the default day without one), one row each;
    an unreadable range is refused (400), never replaced by another."""
    db = get_session()
    start, end = _asked_range() or (_default_day(db),) * 2
    rows = summary.incidents(db, current_user, start, end)
    cd = queries.card_data(db, rows)

    def line(e):
        author = cd.users.get(e.author_id)
        return [
            e.id,
            format_local(e.occurred_at, e.region_code),
            ", ".join(cd.place(e)),
            category_label(e.category),
            Severity.label_of(e.severity),
            e.handling_agency or "",
            Status.label_of(e.status),
            format_local(e.handled_at, e.region_code),
            format_local(e.resolved_at, e.region_code),
            author.name if author else "",
            e.author_agency,
            e.text,
            e.resolution_note or "",
            format_local(e.created_at, e.region_code),
        ]

    filename = f"kerawanan-{start.isoformat()}-{end.isoformat()}.csv"
    return csv_response(filename, CSV_HEADER, (line(e) for e in rows))
