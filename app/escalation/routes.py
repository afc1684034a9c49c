"""``/eskalasi``: escalations in progress; ``/eskalasi/aturan``: the desk's rules (administrators)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.authz import permission_required
from app.clock import utcnow
from app.db import get_session
from app.escalation import rules as rule_service
from app.escalation.queries import in_progress
from app.escalation.settings import settings
from app.escalation.vocab import SEVERITY_CODES, Condition, Target
from app.htmx import refused
from app.regions.models import Region

bp = Blueprint("escalation", __name__)


@bp.get("/eskalasi")
@permission_required("escalation.view")
def index():
    """Open incidents that have escalated, most escalated first (only those the viewer may see)."""
    db = get_session()
    now = utcnow()
    return render_template("escalation/index.html", items=in_progress(db, current_user, now), now=now)


def _desk_code() -> str:
    """The admin's desk: their kabupaten/kota (or province)."""
    return ".".join(current_user.region_code.split(".")[:2])


def _rows_from_form() -> list[dict]:
    rows = []
    for n in range(1, settings().max_levels + 2):
        prefix = f"rule-{n}-"
        minutes = request.form.get(prefix + "minutes", "").strip()
        if not minutes and not request.form.get(prefix + "condition"):
            continue
        rows.append(
            {
                "severities": request.form.getlist(prefix + "severities"),
                "condition": request.form.get(prefix + "condition", ""),
                "minutes": minutes,
                "target": request.form.get(prefix + "target", ""),
                "remove": request.form.get(prefix + "remove") == "1",
            }
        )
    return rows


def _render(db, desk: str, rows: list[dict], error: str | None = None, status: int = 200, field: str | None = None):
    """The rules page; a refusal is shown in the level it names (``field`` ``rule-<n>``), else above the levels."""
    region = db.get(Region, desk)
    own, _specs = rule_service.effective(db, desk)
    page = render_template(
        "escalation/rules.html",
        region=region,
        rows=rows,
        own=own == desk,
        error=error,
        error_field=field,
        severities=SEVERITY_CODES,
        conditions=list(Condition),
        targets=list(Target),
        blank=len(rows) < settings().max_levels,
    )
    return refused(page, "#es-rules-form", status) if status >= 400 else page


@bp.route("/eskalasi/aturan", methods=["GET", "POST"])
@permission_required("escalation.rules")
def rules():
    """The rules of the admin's desk: edit the levels, or go back to the defaults."""
    db = get_session()
    desk = _desk_code()
    if request.method == "POST":
        raw = _rows_from_form()
        try:
            specs = [] if request.form.get("reset") == "1" else rule_service.check(raw)
            if request.form.get("reset") != "1" and not specs:
                raise rule_service.RuleError("rules", _("Keep at least one level, or go back to the default rules."))
            rule_service.save(db, desk, specs, actor=current_user, now=utcnow())
        except rule_service.RuleError as exc:
            db.rollback()
            return _render(db, desk, raw, str(exc.message), 422, exc.field)
        db.commit()
        flash(_("The escalation rules were saved."), "success")
        return redirect(url_for("escalation.rules"), 303)
    _own, specs = rule_service.effective(db, desk)
    rows = [
        {"severities": list(s.severities), "condition": s.condition, "minutes": str(s.minutes), "target": s.target}
        for s in specs
    ]
    return _render(db, desk, rows)
