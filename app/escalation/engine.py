"""Evaluating the rules: the job ``escalation.evaluate`` (exclusive: one process per round on PostgreSQL).

For every open incident received in the last hours and not yet taken in hand, each rule whose time has come and
whose condition still holds fires once: the people it names (who may see the incident) are recorded and notified
(in-app and push). A condition that has cleared (received, taken in hand, resolved) fires nothing, then or later;
a duplicate incident never escalates (its original does).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Role, User
from app.escalation.models import Escalation, EscalationRecipient
from app.escalation.rules import chain, effective
from app.escalation.settings import RuleSpec, settings
from app.escalation.vocab import Condition, Target
from app.registry import current_registry

DESK_AGENCY = "PEMDA"  # the desk's secretariat: its head leads the desk (Sekda), its piket covers unassigned work


@dataclass(frozen=True)
class State:
    """What has happened to an incident by ``now``."""

    acknowledged_at: datetime | None
    handled_at: datetime | None

    def holds(self, condition: str) -> bool:
        if self.handled_at is not None:
            return False
        return condition != Condition.NOT_ACKNOWLEDGED or self.acknowledged_at is None

    def cleared(self, condition: str) -> tuple[datetime | None, str]:
        """When the condition cleared and how (``"received"`` or ``"handled"``); (None, "") while it holds."""
        acked = self.acknowledged_at
        if condition == Condition.NOT_ACKNOWLEDGED and acked and (self.handled_at is None or acked <= self.handled_at):
            return acked, "received"
        return (self.handled_at, "handled") if self.handled_at else (None, "")


def target_agency(entry) -> str:
    return entry.handling_agency or DESK_AGENCY


def state_of(entry, acks: dict[tuple[int, str], datetime], now: datetime) -> State:
    acked = acks.get((entry.id, target_agency(entry)))
    handled = entry.handled_at or entry.resolved_at
    return State(acked if acked and acked <= now else None, handled if handled and handled <= now else None)


def acks_for(session: Session, ids: list[int]) -> dict[tuple[int, str], datetime]:
    from app.timeline.models import EntryAck

    if not ids:
        return {}
    rows = session.exec(select(EntryAck).where(EntryAck.entry_id.in_(ids))).all()
    return {(a.entry_id, a.agency): a.created_at for a in rows}


def open_incidents(session: Session, now: datetime) -> list:
    from app.timeline.duplicates import counted
    from app.timeline.models import Entry

    since = now - timedelta(hours=settings().lookback_hours)
    query = select(Entry).where(
        Entry.kind == "kerawanan",
        Entry.parent_id.is_(None),
        Entry.status == "dilaporkan",
        Entry.created_at >= since,
        Entry.created_at <= now,
        counted(),
    )
    return list(session.exec(query.order_by(Entry.created_at, Entry.id)).all())


def nearest(session: Session, agency: str, role: str, region_code: str) -> list[int]:
    """Active accounts of ``agency`` with ``role`` in the nearest region containing ``region_code``."""
    codes = chain(region_code)
    rows = session.exec(
        select(User.id, User.region_code).where(
            User.active.is_(True), User.agency == agency, User.role == role, User.region_code.in_(codes)
        )
    ).all()
    for code in codes:
        found = sorted(uid for uid, region in rows if region == code)
        if found:
            return found
    return []


def people(session: Session, target: str, agency: str, entry, now: datetime) -> tuple[list[int], bool]:
    """Whom a rule names: (account ids, True when nobody was on duty and the operators stand in)."""
    if target == Target.PIKET:
        provider = current_registry().provider("duty_on_duty")
        on_duty = provider(session, agency, entry.region_code, now) if provider else []
        if on_duty:
            return list(on_duty), False
        return nearest(session, agency, Role.OPERATOR.value, entry.region_code), True
    if target == Target.PIMPINAN:
        return nearest(session, agency, Role.PIMPINAN.value, entry.region_code), False
    return nearest(session, DESK_AGENCY, Role.PIMPINAN.value, entry.region_code), False


def evaluate(session: Session, now: datetime) -> dict[str, int]:
    """One round: fire every escalation that is due. Returns counts for the job log."""
    incidents = open_incidents(session, now)
    ids = [e.id for e in incidents]
    fired: set[tuple[int, int]] = set()
    if ids:
        rows = session.exec(select(Escalation.entry_id, Escalation.level).where(Escalation.entry_id.in_(ids)))
        fired = {(entry_id, level) for entry_id, level in rows}
    acks = acks_for(session, ids)
    cache: dict = {}
    counts = {"escalations": 0, "alerted": 0}
    for entry in incidents:
        _desk, rules = effective(session, entry.region_code, cache)
        state = state_of(entry, acks, now)
        for rule in rules:
            if (entry.id, rule.level) in fired or entry.severity not in rule.severities:
                continue
            if entry.created_at + timedelta(minutes=rule.minutes) > now or not state.holds(rule.condition):
                continue
            counts["alerted"] += fire(session, entry, rule, now)
            counts["escalations"] += 1
    return counts


def fire(session: Session, entry, rule: RuleSpec, now: datetime) -> int:
    """Record one escalation and alert its people (those who may see the incident). Returns how many."""
    from app.notifications.services import entitled

    agency = target_agency(entry)
    ids, fallback = people(session, rule.target, agency, entry, now)
    allowed = entitled(session, ids, "timeline_entry", entry.id, entry)
    escalation = Escalation(
        entry_id=entry.id,
        level=rule.level,
        condition=rule.condition,
        minutes=rule.minutes,
        target=rule.target,
        agency=agency,
        fired_at=now,
        fallback=fallback,
    )
    session.add(escalation)
    session.flush()
    for user_id in allowed:
        session.add(EscalationRecipient(escalation_id=escalation.id, user_id=user_id))
    record(
        session,
        actor=None,
        action="escalation.fire",
        object_type="timeline_entry",
        object_id=entry.id,
        now=now,
        after={
            "kind": "kerawanan",
            "level": rule.level,
            "agency": agency,
            "target": rule.target,
            "minutes": rule.minutes,
            "recipients": len(allowed),
        },
        region_code=entry.region_code,
    )
    _alert(session, entry, escalation, allowed, now)
    return len(allowed)


def _alert(session: Session, entry, escalation: Escalation, user_ids: list[int], now: datetime) -> None:
    from app.notifications.listeners import stored_text
    from app.notifications.services import notify

    if not user_ids:
        return
    title = _l(
        "Escalation: incident %(condition)s after %(minutes)s minutes",
        condition=Condition(escalation.condition).lazy_label,
        minutes=escalation.minutes,
    )
    created = notify(
        session,
        user_ids=user_ids,
        kind="escalation",
        key=f"escalation:{entry.id}:{escalation.level}",
        title=stored_text(title),
        body=" ".join(f"#{entry.id} {entry.text}".split())[:200],
        url=f"/kerawanan/{entry.id}",
        now=now,
        object_type="timeline_entry",
        object_id=entry.id,
        obj=entry,
    )
    if created:
        from app.jobs import wake

        wake()
