"""Personnel deployment: an operation with its staffing pattern, a category per TPS and personnel posted per
TPS or per group of TPS; gaps where a TPS has fewer officers than its pattern requires."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, or_
from sqlmodel import Session, select

from app.audit.services import record, snapshot
from app.readiness.constants import CATEGORY_KEYS, DEFAULT_PATTERN
from app.readiness.models import Operation, StaffingPattern, TpsSecurity
from app.readiness.services import ReadinessError
from app.regions.models import TPS
from app.regions.services import scope_clause

SECURITY_FIELDS = ["category", "polri", "tni", "linmas", "group_label"]
PATTERN_FIELDS = ["personnel", "tps", "linmas"]


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def current_operation(session: Session, scope: str) -> Operation | None:
    """The newest operation over the scope (held by an ancestor region or inside it)."""
    query = select(Operation).where(
        or_(Operation.region_code.in_(_ancestors(scope)), scope_clause(Operation.region_code, scope))
    )
    return session.exec(query.order_by(Operation.created_at.desc(), Operation.id.desc())).first()


def create_operation(session: Session, name: str, region_code: str, *, actor, now: datetime) -> Operation:
    name = (name or "").strip()
    if not name:
        raise ReadinessError("name", _("Enter the operation name."))
    op = Operation(name=name[:200], region_code=region_code, created_at=now)
    session.add(op)
    session.flush()
    for category, (personnel, tps, linmas) in DEFAULT_PATTERN.items():
        session.add(StaffingPattern(operation_id=op.id, category=category, personnel=personnel, tps=tps, linmas=linmas))
    session.flush()
    record(
        session,
        actor=actor,
        action="readiness.operation_create",
        object_type="operation",
        object_id=op.id,
        now=now,
        after={"name": op.name, "region_code": region_code},
        region_code=region_code,
    )
    _refresh_scope(session, region_code, now)
    return op


def _refresh_scope(session: Session, region_code: str, now: datetime) -> None:
    from app.readiness.services import summary  # summary imports this module

    summary.refresh_scope(session, region_code, now=now)


def patterns(session: Session, op: Operation) -> dict[str, StaffingPattern]:
    rows = session.exec(select(StaffingPattern).where(StaffingPattern.operation_id == op.id)).all()
    return {p.category: p for p in rows}


def set_patterns(
    session: Session, op: Operation, values: dict[str, tuple[int, int, int]], *, actor, now: datetime
) -> dict[str, StaffingPattern]:
    """Save the staffing pattern: ``values`` maps a category to (personnel, per this many TPS, Linmas). One save is
    one audit row naming the categories that changed (none when nothing did). :raise ReadinessError:"""
    for category, (personnel, tps, linmas) in values.items():
        if category not in CATEGORY_KEYS:
            raise ReadinessError("category", _("Unknown security category."))
        if personnel is None or personnel < 0 or linmas is None or linmas < 0:
            raise ReadinessError("personnel", _("Numbers cannot be negative."))
        if tps is None or tps < 1:
            raise ReadinessError("tps", _("A pattern covers at least 1 TPS."))
    existing = patterns(session, op)
    saved: dict[str, StaffingPattern] = {}
    before: dict[str, dict] = {}
    after: dict[str, dict] = {}
    for category, (personnel, tps, linmas) in values.items():
        pattern = existing.get(category) or StaffingPattern(operation_id=op.id, category=category, personnel=0, tps=1)
        was = snapshot(pattern, PATTERN_FIELDS)
        pattern.personnel, pattern.tps, pattern.linmas = personnel, tps, linmas
        session.add(pattern)
        saved[category] = pattern
        if pattern.id is None or snapshot(pattern, PATTERN_FIELDS) != was:
            before[category], after[category] = was, snapshot(pattern, PATTERN_FIELDS)
    session.flush()
    if after:
        record(
            session,
            actor=actor,
            action="readiness.pattern",
            object_type="operation",
            object_id=op.id,
            now=now,
            before=before,
            after=after,
            region_code=op.region_code,
        )
    _refresh_scope(session, op.region_code, now)
    return saved


def required(pattern: StaffingPattern | None) -> float:
    """Officers one TPS needs under the pattern (2 per 4 TPS → 0.5)."""
    return 0.0 if pattern is None else pattern.personnel / pattern.tps


def security_for(session: Session, op: Operation, tps_ids: list[int]) -> dict[int, TpsSecurity]:
    if not tps_ids:
        return {}
    rows = session.exec(
        select(TpsSecurity).where(TpsSecurity.operation_id == op.id, TpsSecurity.tps_id.in_(tps_ids))
    ).all()
    return {r.tps_id: r for r in rows}


def _row(session: Session, op: Operation, tps: TPS) -> TpsSecurity:
    row = security_for(session, op, [tps.id]).get(tps.id)
    if row is None:
        row = TpsSecurity(operation_id=op.id, tps_id=tps.id)
        session.add(row)
    return row


def _save(session, op, tps_list, change, *, actor, now, action):
    for tps in tps_list:
        row = _row(session, op, tps)
        before = snapshot(row, SECURITY_FIELDS)
        change(row)
        row.updated_at, row.updated_by = now, getattr(actor, "id", None)
        session.flush()
        record(
            session,
            actor=actor,
            action=action,
            object_type="tps",
            object_id=tps.id,
            now=now,
            before=before,
            after=snapshot(row, SECURITY_FIELDS),
            region_code=tps.village_code,
        )
    from app.readiness.services import summary

    summary.refresh_tps(session, tps_list, now=now)


def set_category(session: Session, op: Operation, tps_list: list[TPS], category: str, *, actor, now: datetime) -> None:
    if category not in CATEGORY_KEYS:
        raise ReadinessError("category", _("Unknown security category."))
    if not tps_list:
        raise ReadinessError("tps_ids", _("Choose at least one TPS."))

    def change(row):
        row.category = category

    _save(session, op, tps_list, change, actor=actor, now=now, action="readiness.category")


def assign(
    session: Session,
    op: Operation,
    tps_list: list[TPS],
    polri: int,
    tni: int,
    group_label: str = "",
    *,
    actor,
    now: datetime,
) -> None:
    """Post officers to one TPS or to a group of TPS (they are spread evenly over the group)."""
    if not tps_list:
        raise ReadinessError("tps_ids", _("Choose at least one TPS."))
    if polri is None or tni is None or polri < 0 or tni < 0:
        raise ReadinessError("polri", _("Numbers cannot be negative."))
    n = len(tps_list)
    label = (group_label or "").strip()[:120] if n > 1 else ""
    if n > 1 and not label:  # a post needs a name: it is how its officers are shown as whole people
        label = _("Joint post %(tps)s", tps=", ".join(t.label for t in tps_list))[:120]

    def change(row):
        row.polri, row.tni, row.group_label = polri / n, tni / n, label

    _save(session, op, tps_list, change, actor=actor, now=now, action="readiness.assign")


def set_linmas(session: Session, op: Operation, tps: TPS, linmas: int, *, actor, now: datetime) -> None:
    if linmas is None or linmas < 0:
        raise ReadinessError("linmas", _("Numbers cannot be negative."))

    def change(row):
        row.linmas = linmas

    _save(session, op, [tps], change, actor=actor, now=now, action="readiness.linmas")


@dataclass
class Post:
    """Officers posted together: one TPS, or a group of TPS sharing them (pos gabungan). Shown as whole people
    (UX review e.1, domain-review §3: never "0,5 personel")."""

    label: str
    tps: int
    polri: int
    tni: int

    @property
    def personnel(self) -> int:
        return self.polri + self.tni


@dataclass
class TpsDeployment:
    tps: TPS
    category: str
    polri: float
    tni: float
    linmas: int
    required: float
    group_label: str
    post: Post | None = None
    pattern: tuple[int, int] | None = None  # (officers, per this many TPS) of the TPS's category

    @property
    def assigned(self) -> float:
        return self.polri + self.tni

    @property
    def gap(self) -> bool:
        return self.assigned + 1e-9 < self.required


def _posts(session: Session, op: Operation, labels: set[str]) -> dict[str, Post]:
    """Whole-people totals of the named group posts (each member row holds its share of the officers)."""
    if not labels:
        return {}
    rows = session.exec(
        select(TpsSecurity.group_label, func.count(), func.sum(TpsSecurity.polri), func.sum(TpsSecurity.tni))
        .where(TpsSecurity.operation_id == op.id, TpsSecurity.group_label.in_(labels))
        .group_by(TpsSecurity.group_label)
    ).all()
    return {label: Post(label, n, round(polri or 0), round(tni or 0)) for label, n, polri, tni in rows}


def deployment_rows(session: Session, op: Operation, tps_list: list[TPS]) -> list[TpsDeployment]:
    pats = patterns(session, op)
    rows = security_for(session, op, [t.id for t in tps_list])
    posts = _posts(session, op, {r.group_label for r in rows.values() if r.group_label})
    out = []
    for tps in tps_list:
        row = rows.get(tps.id)
        category = row.category if row else "kurang_rawan"
        pattern = pats.get(category)
        item = TpsDeployment(
            tps=tps,
            category=category,
            polri=row.polri if row else 0,
            tni=row.tni if row else 0,
            linmas=row.linmas if row else 0,
            required=required(pattern),
            group_label=row.group_label if row else "",
            pattern=(pattern.personnel, pattern.tps) if pattern else None,
        )
        if item.group_label:
            item.post = posts.get(item.group_label)
        elif row is not None:
            item.post = Post("", 1, round(item.polri), round(item.tni))
        out.append(item)
    return out
