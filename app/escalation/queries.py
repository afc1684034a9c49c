"""Reading escalations: the trail on the incident page, the escalations in progress (the desk head's panel and
``/eskalasi``), and the banner of the people alerted. Every list shows only incidents its reader may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, select

from app.auth.models import User
from app.escalation.engine import acks_for, state_of, target_agency
from app.escalation.models import Escalation, EscalationRecipient
from app.escalation.rules import effective
from app.escalation.settings import RuleSpec, settings
from app.escalation.vocab import Condition


@dataclass
class Step:
    """One level of the trail: fired (with whom and when it cleared) or still to come."""

    level: int
    condition: str
    minutes: int
    target: str
    agency: str
    due_at: datetime
    escalation: Escalation | None = None
    recipients: list[User] = field(default_factory=list)
    cleared_at: datetime | None = None
    cleared_how: str = ""  # "received" (diterima) or "handled" (ditangani)

    @property
    def fired(self) -> bool:
        return self.escalation is not None

    @property
    def condition_label(self) -> str:
        return Condition.label_of(self.condition)


def _users(session: Session, escalation_ids: list[int]) -> dict[int, list[User]]:
    out: dict[int, list[User]] = {i: [] for i in escalation_ids}
    if not escalation_ids:
        return out
    rows = session.exec(
        select(EscalationRecipient.escalation_id, User)
        .join(User, User.id == EscalationRecipient.user_id)
        .where(EscalationRecipient.escalation_id.in_(escalation_ids))
        .order_by(User.name)
    ).all()
    for escalation_id, user in rows:
        out[escalation_id].append(user)
    return out


def trail(session: Session, entry, now: datetime) -> list[Step]:
    """The levels that fired (in order) and, while the incident is open, those still to come."""
    fired = {
        e.level: e
        for e in session.exec(select(Escalation).where(Escalation.entry_id == entry.id).order_by(Escalation.level))
    }
    users = _users(session, [e.id for e in fired.values()])
    state = state_of(entry, acks_for(session, [entry.id]), now)
    steps = []
    for e in fired.values():
        step = Step(e.level, str(e.condition), e.minutes, str(e.target), e.agency, e.fired_at, e, users[e.id])
        step.cleared_at, step.cleared_how = state.cleared(step.condition)
        steps.append(step)
    if entry.status == "dilaporkan" and entry.handled_at is None:
        _desk, rules = effective(session, entry.region_code)
        steps += [_upcoming(entry, rule, state) for rule in rules if _applies(entry, rule, fired, state)]
    return sorted(steps, key=lambda s: (s.due_at, s.level))


def _applies(entry, rule: RuleSpec, fired: dict, state) -> bool:
    return rule.level not in fired and entry.severity in rule.severities and state.holds(rule.condition)


def _upcoming(entry, rule: RuleSpec, state) -> Step:
    due = entry.created_at + timedelta(minutes=rule.minutes)
    return Step(rule.level, rule.condition, rule.minutes, rule.target, target_agency(entry), due)


def section(session: Session, user: User, entry, now: datetime) -> dict | None:
    """Incident-page hook: the trail, for incidents that have one (or could still get one)."""
    if entry.kind != "kerawanan" or entry.parent_id is not None:
        return None
    steps = trail(session, entry, now)
    if not steps:
        return None
    return {"entry": entry, "steps": steps, "now": now}


@dataclass
class InProgress:
    entry: object
    steps: list[Step]

    @property
    def last(self) -> Step:
        return [s for s in self.steps if s.fired][-1]


def in_progress(session: Session, user: User, now: datetime, agency: str | None = None) -> list[InProgress]:
    """Open incidents (not yet taken in hand) that have escalated in the last hours, visible to ``user``, most
    escalated first; ``agency`` keeps one handling agency's."""
    from app.timeline.models import Entry
    from app.timeline.queries import visible_clause

    since = now - timedelta(hours=settings().banner_hours)
    query = (
        select(Entry)
        .where(
            Entry.id.in_(select(Escalation.entry_id).where(Escalation.fired_at >= since)),
            Entry.status == "dilaporkan",
            Entry.handled_at.is_(None),
            visible_clause(user),
        )
        .order_by(Entry.created_at, Entry.id)
        .limit(50)
    )
    if agency:
        query = query.where(Entry.handling_agency == agency)
    items = [InProgress(e, trail(session, e, now)) for e in session.exec(query).all()]
    items = [i for i in items if any(s.fired for s in i.steps)]
    return sorted(items, key=lambda i: (-i.last.level, i.entry.created_at))


def banner(session: Session, user: User, now: datetime) -> dict | None:
    """Banner hook: escalations that alerted this user and still wait (the condition holds), newest first."""
    from app.timeline.models import Entry
    from app.timeline.queries import is_visible

    since = now - timedelta(hours=settings().banner_hours)
    rows = session.exec(
        select(Escalation, Entry)
        .join(EscalationRecipient, EscalationRecipient.escalation_id == Escalation.id)
        .join(Entry, Entry.id == Escalation.entry_id)
        .where(
            EscalationRecipient.user_id == user.id,
            Escalation.fired_at >= since,
            Entry.status == "dilaporkan",
            Entry.handled_at.is_(None),
        )
        .order_by(Escalation.fired_at.desc(), Escalation.id.desc())
        .limit(10)
    ).all()
    acks = acks_for(session, [entry.id for _e, entry in rows])
    items, seen = [], set()
    for escalation, entry in rows:
        if entry.id in seen or not is_visible(user, entry):
            continue
        if not state_of(entry, acks, now).holds(str(escalation.condition)):
            continue
        seen.add(entry.id)
        items.append((escalation, entry))
    return {"rows": items[:3], "now": now} if items else None
