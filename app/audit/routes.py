"""The audit log view (/admin/audit) for admins and heads, scoped and redacted."""

from __future__ import annotations

from flask import Blueprint, request
from flask_login import current_user

from app.audit.services import entries_for, present
from app.authz import permission_required
from app.db import get_session
from app.htmx import render_page_or_partial
from app.params import int_arg

bp = Blueprint("audit", __name__, url_prefix="/admin")
PAGE = 50


@bp.get("/audit")
@permission_required("audit.view")
def index():
    """Newest changes first; ``?sebelum=<id>`` continues the list (keyset, no OFFSET)."""
    db = get_session()
    object_type = (request.args.get("jenis") or "").strip()[:64] or None
    before = int_arg("sebelum")
    entries = entries_for(db, current_user, object_type=object_type, before_id=before, limit=PAGE)
    rows = present(db, current_user, entries)
    return render_page_or_partial(
        "audit/index.html",
        "audit/_rows.html",
        rows=rows,
        object_type=object_type,
        next_before=entries[-1].id if len(entries) == PAGE else None,
    )
