"""Reading the timeline with the viewer's visibility rules: one rule in SQL and the same rule in Python.

Pages are in event order (``occurred_at``, then id) with keyset pagination, never OFFSET; what is new is read
by id (the live cursor, arrival order), so an entry written offline and received late is still delivered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, select

from app.auth.models import Agency, User
from app.regions.models import TPS
from app.regions.services import describe_place, in_scope, parent_code, scope_clause
from app.timeline.models import Entry, EntryAck, EntryPhoto
from app.timeline.vocab import POST_KINDS, Status

PAGE_SIZE = 20
MAX_SINCE = 100


def _ancestors(code: str) -> list[str]:
    out, c = [], parent_code(code)
    while c:
        out.append(c)
        c = parent_code(c)
    return out


def visible_clause(user: User) -> ColumnElement[bool]:
    """SQL: the entry lies in the user's scope (or is a post for a region above it) and is not restricted
    to agencies other than the user's."""
    region = scope_clause(Entry.region_code, user.region_code)
    ancestors = _ancestors(user.region_code)
    if ancestors:
        region = or_(region, Entry.region_code.in_(ancestors))
    agency = or_(Entry.visible_agencies == "", Entry.visible_agencies.contains(f",{user.agency},", autoescape=True))
    return and_(region, agency)


def is_visible(user: User, entry: Entry) -> bool:
    """The same rule as ``visible_clause``, for objects already loaded (streams, policies)."""
    region_ok = in_scope(entry.region_code, user.region_code) or in_scope(user.region_code, entry.region_code)
    return region_ok and (not entry.visible_agencies or f",{user.agency}," in entry.visible_agencies)


@dataclass(frozen=True)
class Filters:
    agency: str = ""
    kind: str = ""
    kecamatan: str = ""
    status: str = ""
    important: bool = False

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        agency = args.get("instansi", "")
        kind = args.get("jenis", "")
        kecamatan = args.get("kecamatan", "")
        status = args.get("status", "")
        return cls(
            agency=agency if agency in set(Agency) else "",
            kind=kind if kind in set(POST_KINDS) else "",
            kecamatan=kecamatan if kecamatan.count(".") == 2 and len(kecamatan) <= 13 else "",
            status=status if status in set(Status) else "",
            important=args.get("penting") == "1",
        )

    def as_args(self) -> dict[str, str]:
        out = {
            "instansi": self.agency,
            "jenis": self.kind,
            "kecamatan": self.kecamatan,
            "status": self.status,
            "penting": "1" if self.important else "",
        }
        return {k: v for k, v in out.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.as_args())

    def clause(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.agency:
            out.append(Entry.author_agency == self.agency)
        if self.kind:
            out.append(Entry.kind == self.kind)
        if self.kecamatan:
            out.append(scope_clause(Entry.region_code, self.kecamatan))
        if self.status:
            out.append(Entry.status == self.status)
        if self.important:
            out.append(Entry.important.is_(True))
        return out

    def matches(self, entry: Entry) -> bool:
        return (
            (not self.agency or entry.author_agency == self.agency)
            and (not self.kind or entry.kind == self.kind)
            and (not self.kecamatan or in_scope(entry.region_code, self.kecamatan))
            and (not self.status or entry.status == self.status)
            and (not self.important or entry.important)
        )


def page(
    session: Session, user: User, filters: Filters, before: int | None = None, limit: int = PAGE_SIZE
) -> tuple[list[Entry], int | None]:
    """Top-level entries, newest event first, after the entry ``before`` in that order; returns (entries, the id
    of the last one when there are more, else None)."""
    query = select(Entry).where(Entry.parent_id.is_(None), visible_clause(user), *filters.clause())
    if before:
        # the cursor entry must be one the viewer may see: its time would otherwise leak through the page
        at = session.exec(select(Entry.occurred_at).where(Entry.id == before, visible_clause(user))).first()
        if at is None:
            return [], None
        query = query.where(or_(Entry.occurred_at < at, and_(Entry.occurred_at == at, Entry.id < before)))
    rows = list(session.exec(query.order_by(Entry.occurred_at.desc(), Entry.id.desc()).limit(limit + 1)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more and rows else None)


def latest_id(session: Session) -> int:
    return session.exec(select(Entry.id).order_by(Entry.id.desc()).limit(1)).first() or 0


def changes_after(session: Session, user: User | None, since: int, limit: int = MAX_SINCE) -> tuple[list[Entry], int]:
    """Cards to (re)draw for entries newer than ``since``: a new post itself, a follow-up its parent.

    With ``user`` the viewer's rule is applied in SQL; with None every row is returned (the stream's shared
    read, which then filters per viewer with ``is_visible``). Returns (cards newest first, new cursor).
    """
    query = select(Entry).where(Entry.id > since)
    if user is not None:
        query = query.where(visible_clause(user))
    rows = list(session.exec(query.order_by(Entry.id).limit(limit)).all())
    if not rows:
        return [], since
    parent_ids = {r.parent_id for r in rows if r.parent_id}
    parents = {p.id: p for p in session.exec(select(Entry).where(Entry.id.in_(parent_ids))).all()} if parent_ids else {}
    cards: dict[int, Entry] = {}
    for row in rows:
        card = parents.get(row.parent_id) if row.parent_id else row
        if card is not None:
            cards.pop(card.id, None)
            cards[card.id] = card
    return list(reversed(cards.values())), rows[-1].id


def followups(session: Session, entry: Entry) -> list[Entry]:
    return list(
        session.exec(select(Entry).where(Entry.parent_id == entry.id).order_by(Entry.occurred_at, Entry.id)).all()
    )


@dataclass
class CardData:
    """What the card template needs besides the entries, loaded in a few queries for a batch."""

    users: dict[int, User] = field(default_factory=dict)
    regions: dict[str, Any] = field(default_factory=dict)
    tps: dict[int, TPS] = field(default_factory=dict)
    photos: dict[int, list[EntryPhoto]] = field(default_factory=lambda: defaultdict(list))
    acks: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def place(self, entry: Entry) -> list[str]:
        """TPS, village, kecamatan labels (most precise first)."""
        parts = []
        if entry.tps_id and entry.tps_id in self.tps:
            parts.append(self.tps[entry.tps_id].label)
        code = entry.region_code
        while code and code.count(".") >= 2:
            region = self.regions.get(code)
            if region:
                parts.append(region.label)
            code = parent_code(code)
        if not parts:
            region = self.regions.get(entry.region_code)
            parts.append(region.label if region else entry.region_code)
        return parts


def card_data(session: Session, entries: Iterable[Entry]) -> CardData:
    entries = list(entries)
    data = CardData()
    if not entries:
        return data
    ids = [e.id for e in entries]
    user_ids = (
        {e.author_id for e in entries}
        | {e.handled_by_id for e in entries if e.handled_by_id}
        | {e.resolved_by_id for e in entries if e.resolved_by_id}
    )
    data.users = {u.id: u for u in session.exec(select(User).where(User.id.in_(user_ids))).all()}
    data.regions = describe_place(session, {e.region_code for e in entries})
    tps_ids = {e.tps_id for e in entries if e.tps_id}
    if tps_ids:
        data.tps = {t.id: t for t in session.exec(select(TPS).where(TPS.id.in_(tps_ids))).all()}
    for photo in session.exec(
        select(EntryPhoto).where(EntryPhoto.entry_id.in_(ids)).order_by(EntryPhoto.entry_id, EntryPhoto.position)
    ).all():
        data.photos[photo.entry_id].append(photo)
    for ack in session.exec(select(EntryAck).where(EntryAck.entry_id.in_(ids)).order_by(EntryAck.id)).all():
        data.acks[ack.entry_id].append(ack.agency)
    return data
