"""The board's numbers: per step, per kecamatan → village → TPS, and the TPS silent past a step's time.

Three queries whatever the size (the TPS of the scope, their check-ins, the names of their kecamatan and
villages), counted in Python: a kabupaten of 1,600 TPS is ~10,000 rows (bench/votingday_board.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import String, func, type_coerce
from sqlmodel import Session, select

from app.i18n import local_date
from app.regions.models import TPS, Region
from app.regions.services import in_scope, scope_clause
from app.votingday.models import Checkin
from app.votingday.regimes import settings_for
from app.votingday.services import expected_at, voting_day
from app.votingday.vocab import LATE_CATEGORY, Step


@dataclass
class TpsRow:
    id: int
    number: int
    village_code: str
    steps: dict[str, datetime | bool] = field(default_factory=dict)  # step → its time (True: not loaded)
    photos: dict[str, int] = field(default_factory=dict)  # step → its check-in's id, where it has a photo

    @property
    def label(self) -> str:
        return f"TPS {self.number:03d}"


@dataclass
class Group:
    code: str
    name: str
    total: int = 0
    reached: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    tps: list[TpsRow] = field(default_factory=list)


@dataclass
class Silent:
    step: Step
    due: datetime
    count: int
    rows: list[TpsRow]


@dataclass
class Board:
    scope: str
    day: date
    now: datetime
    steps: list[Step]
    due: dict[str, datetime]
    total: int
    reached: dict[str, int]
    kecamatan: list[Group]
    villages: list[Group]  # only when one kecamatan is chosen
    silent: list[Silent]
    names: dict[str, str]
    step_filter: str | None
    kecamatan_filter: str | None
    # The board's fragment as rendered for its viewers, by what else it shows (routes.fragment): a cached board
    # is rendered once per language, permission and visible late-opening incidents, not once per viewer.
    renders: dict[tuple, str] = field(default_factory=dict, repr=False, compare=False)
    # Per region and agency of its viewers: the late-opening incidents they may see, their kecamatan choices.
    views: dict[tuple, tuple] = field(default_factory=dict, repr=False, compare=False)
    version: str = ""  # the data it was built from (``data_version``): the page's stream starts from it

    def overdue(self, step) -> bool:
        return self.now >= self.due[str(step)]

    @property
    def on_its_day(self) -> bool:
        """Read on voting day itself: "as of 06.09" alone would otherwise date a past day's final counts."""
        return local_date(self.now, self.scope) == self.day


CACHE_ENTRIES = 64  # boards kept per process (scopes × filters in use)
CACHE_SECONDS = 30  # a cached board is built again after this long even when no check-in came in


class BoardCache:
    """Boards shared by every viewer of the same scope and filters, per process (on ``app.extensions``).

    After a check-in every open board re-fetches itself at about the same moment (500 boards on a voting
    morning); the first request builds the board (~20 ms for 1,600 TPS), the others reuse it. A board is keyed by
    what it depends on: the scope, the filters, the settings, the minute (the steps that fall due) and the data's
    version — the newest check-in and TPS ids, which every process reads from the database, so a check-in made
    through another process is seen at once. What the version cannot see (a TPS's address edited, a region
    renamed) is at most ``CACHE_SECONDS`` old. Builds of one key wait for each other (gevent: one build, not 500).
    """

    def __init__(self) -> None:
        self._boards: OrderedDict[tuple, tuple[datetime, Board]] = OrderedDict()
        self._locks: dict[tuple, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(
        self, session: Session, user, now: datetime, *, kecamatan: str | None, step: str | None, version: str = ""
    ) -> Board:
        version = version or data_version(session)
        s = settings_for(session, user.region_code, now)
        key = (user.region_code, kecamatan or "", step or "", s, now.replace(second=0, microsecond=0), version)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            hit = self._boards.get(key)
            if hit is not None and (now - hit[0]).total_seconds() < CACHE_SECONDS:
                self._boards.move_to_end(key)
                return hit[1]
            board = build(session, user, now, kecamatan=kecamatan, step=step)
            board.version = version
            with self._guard:
                self._boards[key] = (now, board)
                while len(self._boards) > CACHE_ENTRIES:
                    old, _value = self._boards.popitem(last=False)
                    self._locks.pop(old, None)
        return board


def data_version(session: Session) -> str:
    """What a board is built from, as one short string: the newest check-in, TPS and late-opening incident (a
    new one turns a board's "report" button into a link), read by every process from the database."""
    from app.timeline.models import Entry  # the timeline is a feature above this one

    late = select(func.max(Entry.id)).where(Entry.category == LATE_CATEGORY).scalar_subquery()
    row = session.exec(select(func.max(Checkin.id), select(func.max(TPS.id)).scalar_subquery(), late)).one()
    return "-".join(str(x or 0) for x in row)


def cached(session: Session, user, now: datetime, *, kecamatan=None, step=None, version: str = "") -> Board:
    """``build`` through this app's ``BoardCache`` (the pages, the fragment, the stream); ``version``: the
    ``data_version`` when the caller has just read it."""
    cache = current_app.extensions.setdefault("votingday_boards", BoardCache())
    return cache.get(session, user, now, kecamatan=kecamatan, step=step, version=version)


def build(session: Session, user, now: datetime, *, kecamatan: str | None = None, step: str | None = None) -> Board:
    """The board for ``user``'s scope (or one kecamatan of it). Unknown filters are ignored."""
    scope = user.region_code
    if kecamatan and in_scope(kecamatan, scope) and kecamatan.count(".") == 2:
        scope = kecamatan
    elif scope.count(".") >= 2:  # a kecamatan (or village) officer: their villages and TPS at once
        kecamatan = scope
    else:
        kecamatan = None
    step = step if step in {x.value for x in Step} else None
    day = voting_day(session, scope, now)
    s = settings_for(session, scope, now)
    due = {x.value: expected_at(day, x, scope, s) for x in Step}
    by_id = _tps_with_steps(session, scope, with_times=bool(kecamatan))
    names = {
        code: region_label(name, type_)
        for code, name, type_ in session.exec(
            select(Region.code, Region.name, Region.type).where(
                scope_clause(Region.code, scope), Region.level.in_([3, 4])
            )
        ).all()
    }
    reached, kec, villages = _count(by_id.values(), names, by_village=bool(kecamatan))
    silent = _silent(list(by_id.values()), due, now, step, s.silent_limit)
    return Board(
        scope=scope,
        day=day,
        now=now,
        steps=list(Step),
        due=due,
        total=len(by_id),
        reached=dict(reached),
        kecamatan=sorted(kec.values(), key=lambda g: g.name),
        villages=sorted(villages.values(), key=lambda g: g.name),
        silent=silent,
        names=names,
        step_filter=step,
        kecamatan_filter=kecamatan,
    )


def _tps_with_steps(session: Session, scope: str, *, with_times: bool) -> dict[int, TpsRow]:
    """Every TPS of ``scope`` with the steps it has reached. The step as plain text (no enum per row); the times
    only where the TPS are shown one by one (a kecamatan): a kabupaten's counts and silent list need only which
    steps each TPS has."""
    rows = session.exec(
        select(TPS.id, TPS.village_code, TPS.number)
        .where(scope_clause(TPS.village_code, scope))
        .order_by(TPS.village_code, TPS.number)
    ).all()
    by_id = {tid: TpsRow(tid, number, village) for tid, village, number in rows}
    columns = [Checkin.tps_id, type_coerce(Checkin.step, String)]
    if with_times:
        columns += [Checkin.occurred_at, Checkin.id, Checkin.photo_name != ""]
    for tid, st, *more in session.exec(select(*columns).where(scope_clause(Checkin.region_code, scope))).all():
        row = by_id.get(tid)
        if row is not None:
            row.steps[st] = more[0] if more else True
            if more and more[2]:
                row.photos[st] = more[1]
    return by_id


def _count(rows, names: dict[str, str], *, by_village: bool):
    """How many TPS reached each step: in all, per kecamatan and (``by_village``) per village with its TPS."""
    reached: dict[str, int] = defaultdict(int)
    kec: dict[str, Group] = {}
    villages: dict[str, Group] = {}
    for row in rows:
        kcode = row.village_code.rsplit(".", 1)[0]
        group = kec.get(kcode) or kec.setdefault(kcode, Group(kcode, names.get(kcode, kcode)))
        group.total += 1
        village = None
        if by_village:
            village = villages.get(row.village_code) or villages.setdefault(
                row.village_code, Group(row.village_code, names.get(row.village_code, row.village_code))
            )
            village.total += 1
            village.tps.append(row)
        for st in row.steps:
            reached[st] += 1
            group.reached[st] += 1
            if village is not None:
                village.reached[st] += 1
    return reached, kec, villages


def _silent(rows: list[TpsRow], due: dict, now: datetime, step: str | None, limit: int) -> list[Silent]:
    """TPS that have not reported a step past its time. With a step chosen: every TPS missing it. Without: each
    TPS once per chain, under the first step it is silent on ("silent since"), so a TPS that never opened is
    one line, not five."""
    overdue = [x for x in Step if now >= due[x.value] and (step is None or x.value == step)]
    groups: dict[Step, list[TpsRow]] = {x: [] for x in overdue}
    for row in rows:
        seen: set[str] = set()
        for x in overdue:
            if x.value in row.steps or (step is None and x.chain in seen):
                continue
            groups[x].append(row)
            seen.add(x.chain)
    return [Silent(x, due[x.value], len(g), g[:limit]) for x, g in groups.items() if g]


def kecamatan_choices(session: Session, user) -> list[tuple[str, str]]:
    rows = session.exec(
        select(Region).where(scope_clause(Region.code, user.region_code), Region.level == 3).order_by(Region.name)
    ).all()
    return [(r.code, r.label) for r in rows]


def region_label(name: str, type_: str) -> str:
    """``Region.label`` from two columns (building a Region per row costs more than the whole board)."""
    return Region.label.fget(SimpleNamespace(name=name, type=type_))


def build_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = session.exec(select(Region.code, Region.name, Region.type).where(Region.code.in_(codes))).all()
    return {code: region_label(name, type_) for code, name, type_ in rows}
