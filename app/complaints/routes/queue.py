"""Staff: the queue of complaints (per status tab, most urgent first) and its CSV export."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.authz import permission_required
from app.clock import utcnow
from app.complaints import queries, reception
from app.complaints.identity import audit_identity_views, reporter_view
from app.complaints.routes import bp
from app.complaints.settings import settings
from app.complaints.vocab import QueueTab, Subject, Violation
from app.db import get_session, writes
from app.exports import csv_response
from app.i18n import local_date
from app.params import int_arg

CSV_HEADER = (
    _l("Tracking code"),
    _l("Register number"),
    _l("Type"),
    _l("Status"),
    _l("Received"),
    _l("Reporter"),
    _l("NIK"),
    _l("Reporter phone"),
    _l("Reported person"),
    _l("Subject type"),
    _l("Violation"),
    _l("Place"),
    _l("Late filing"),
)


@bp.get("/pengaduan")
@permission_required("complaints.list")
@writes
def index():
    """The queue: complaints per status with their deadline clocks."""
    db = get_session()
    tab = request.args.get("status") or ""
    q = (request.args.get("q") or "").strip()[:100]
    page = int_arg("page", 1, hi=100000)
    rows = queries.queue(db, current_user, tab=tab or None, q=q, page=page)
    more = len(rows) > queries.PAGE_SIZE
    cfg, now = settings(), utcnow()
    items = [
        (c, reporter_view(current_user, c), reception.complaint_clock(c, local_date(now, c.region_code), cfg))
        for c in rows[: queries.PAGE_SIZE]
    ]
    audit_identity_views(db, current_user, [c for c, r, _clock in items if r.full], now=now, where="list")
    db.commit()
    return render_template(
        "complaints/index.html",
        items=items,
        tab=tab,
        q=q,
        tabs=list(QueueTab),
        counts=queries.counts(db, current_user),
        page=page,
        more=more,
    )


def _csv_row(c, r) -> list:
    return [
        c.tracking_code,
        c.register_number or "",
        c.kind,
        c.status.label,
        c.received_at,
        r.label,
        r.nik,
        r.phone,
        c.subject_name,
        Subject.label_of(c.subject_type),
        Violation.label_of(c.violation_type, ""),
        c.event_place,
        _("yes") if c.late_filing else _("no"),
    ]


@bp.get("/pengaduan.csv")
@permission_required("complaints.list")
@writes
def export_csv():
    """CSV of what the user may see; the reporter column respects confidentiality."""
    db = get_session()
    rows = queries.queue(
        db, current_user, tab=request.args.get("status") or None, q=request.args.get("q") or "", limit=None
    )
    views = [(c, reporter_view(current_user, c)) for c in rows]
    audit_identity_views(db, current_user, [c for c, r in views if r.full], now=utcnow(), where="csv")
    db.commit()
    return csv_response("pengaduan.csv", CSV_HEADER, [_csv_row(c, r) for c, r in views])
