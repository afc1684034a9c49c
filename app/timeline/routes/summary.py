"""``/linimasa/ringkasan`` (incident summary) and ``/linimasa/kerawanan.csv`` (export of visible incidents)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.authz import permission_required
from app.clock import utcnow
from app.db import get_session
from app.i18n import format_local, local
from app.params import parse_date
from app.regions.elections import current_election
from app.regions.services import describe_place
from app.timeline import queries, summary
from app.timeline.routes import bp
from app.timeline.vocab import SEVERITIES, STATUS_LABELS, Status, category_label

MAX_RANGE_DAYS = 366


def _range(db) -> tuple[date, date, str | None]:
    """From ``?dari=YYYY-MM-DD&sampai=YYYY-MM-DD``, else the voting day of the user's election, else today."""
    error = None
    try:
        start = parse_date(request.args.get("dari", ""))
        end = parse_date(request.args.get("sampai", "") or request.args.get("dari", ""))
        if end < start or (end - start).days > MAX_RANGE_DAYS:
            error = _("Choose an end date after the start date, at most one year apart.")
            raise ValueError
        return start, end, None
    except ValueError:
        if request.args.get("dari") and error is None:
            error = _("Enter dates as shown in the calendar.")
    today = local(utcnow(), current_user.region_code).date()
    election = current_election(db, current_user.region_code, today)
    day = election.voting_day if election else today
    return day, day, error


@bp.get("/linimasa/ringkasan")
@permission_required("timeline.summary")
def summary_page():
    db = get_session()
    start, end, error = _range(db)
    result = summary.summarise(db, current_user, start, end)
    places = describe_place(db, [k for k in result.by_kecamatan if k])
    response = render_template("timeline/summary.html", s=result, places=places, error=error,
                               start=start, end=end, category_label=category_label)
    return response, 422 if error else 200


@bp.get("/linimasa/kerawanan.csv")
@permission_required("timeline.summary")
def export_csv():
    """The incidents the user may see in the chosen range, one row each."""
    db = get_session()
    start, end, error = _range(db)
    if error:
        start, end = date.today() - timedelta(days=MAX_RANGE_DAYS), date.today()
    rows = summary.incidents(db, current_user, start, end)
    cd = queries.card_data(db, rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("ID"), _("Reported at"), _("Place"), _("Category"), _("Severity"), _("Handling agency"),
                     _("Status"), _("Handled at"), _("Resolved at"), _("Reporter"), _("Reporter agency"),
                     _("Text"), _("Resolution note"), _("Received at")])
    for e in rows:
        author = cd.users.get(e.author_id)
        writer.writerow([
            e.id, format_local(e.occurred_at, e.region_code), ", ".join(cd.place(e)), category_label(e.category),
            str(SEVERITIES.get(e.severity, "")), e.handling_agency or "", str(STATUS_LABELS[Status(e.status)]),
            format_local(e.handled_at, e.region_code), format_local(e.resolved_at, e.region_code),
            author.name if author else "", e.author_agency, _csv_safe(e.text), _csv_safe(e.resolution_note or ""),
            format_local(e.created_at, e.region_code)])
    filename = f"kerawanan-{start.isoformat()}-{end.isoformat()}.csv"
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas in user text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
