"""Incident summary: counts by status and category, time to handle and to resolve, per agency and per
kecamatan, for one day (the voting day by default) or a date range, of the incidents the viewer may see.
Durations run from the time the incident happened (``occurred_at``, the phone's time) to the time it was
taken in hand / resolved (also the event times of those steps)."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from app.i18n import zone
from app.timeline.duplicates import counted
from app.timeline.models import Entry
from app.timeline.queries import visible_clause
from app.timeline.vocab import Kind, Status


@dataclass
class Durations:
    handle: list[float] = field(default_factory=list)  # minutes
    resolve: list[float] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        if entry.handled_at:
            self.handle.append((entry.handled_at - entry.occurred_at).total_seconds() / 60)
        if entry.resolved_at:
            self.resolve.append((entry.resolved_at - entry.occurred_at).total_seconds() / 60)

    @staticmethod
    def _median(values):
        return round(statistics.median(values)) if values else None

    @property
    def median_handle(self):
        return self._median(self.handle)

    @property
    def max_handle(self):
        return round(max(self.handle)) if self.handle else None

    @property
    def median_resolve(self):
        return self._median(self.resolve)

    @property
    def max_resolve(self):
        return round(max(self.resolve)) if self.resolve else None


@dataclass
class Group:
    count: int = 0
    open: int = 0
    durations: Durations = field(default_factory=Durations)


@dataclass
class Summary:
    start: date
    end: date
    incidents: list[Entry]
    by_status: Counter
    by_category: Counter
    durations: Durations
    by_agency: dict[str, Group]
    by_kecamatan: dict[str, Group]
    first_at: datetime | None
    last_at: datetime | None

    @property
    def total(self) -> int:
        return len(self.incidents)

    @property
    def all_resolved(self) -> bool:
        return bool(self.incidents) and self.by_status.get(Status.SELESAI, 0) == self.total


def bounds(start: date, end: date, region_code: str) -> tuple[datetime, datetime]:
    tz = zone(region_code)
    return (datetime.combine(start, time.min, tz), datetime.combine(end + timedelta(days=1), time.min, tz))


def incidents(session: Session, user, start: date, end: date) -> list[Entry]:
    lo, hi = bounds(start, end, user.region_code)
    query = select(Entry).where(
        Entry.kind == Kind.KERAWANAN,
        Entry.parent_id.is_(None),
        visible_clause(user),
        Entry.occurred_at >= lo,
        Entry.occurred_at < hi,
        counted(),  # a duplicate is counted once, as its original
    )
    return list(session.exec(query.order_by(Entry.occurred_at, Entry.id)).all())


def summarise(session: Session, user, start: date, end: date) -> Summary:
    rows = incidents(session, user, start, end)
    durations = Durations()
    by_agency: dict[str, Group] = defaultdict(Group)
    by_kec: dict[str, Group] = defaultdict(Group)
    for entry in rows:
        durations.add(entry)
        kec = ".".join(entry.region_code.split(".")[:3]) if entry.region_code.count(".") >= 2 else ""
        for group in (by_agency[entry.handling_agency or ""], by_kec[kec]):
            group.count += 1
            group.open += entry.status != Status.SELESAI
            group.durations.add(entry)
    return Summary(
        start=start,
        end=end,
        incidents=rows,
        by_status=Counter(e.status for e in rows),
        by_category=Counter(e.category for e in rows),
        durations=durations,
        by_agency=dict(sorted(by_agency.items())),
        by_kecamatan=dict(sorted(by_kec.items())),
        first_at=rows[0].occurred_at if rows else None,
        last_at=rows[-1].occurred_at if rows else None,
    )
