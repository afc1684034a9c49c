"""Turnout: voters who voted per TPS, entered on voting day or imported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func
from sqlmodel import Session, select

from app.audit.services import record
from app.readiness.constants import ELECTION_TYPE_LABELS
from app.readiness.models import Turnout, TurnoutCount
from app.readiness.services import ReadinessError, summary
from app.readiness.services.common import election_type_keys, regime_for
from app.readiness.services.logistics import ballots_needed, net_transferred_in
from app.regions.models import TPS
from app.regions.services import scope_clause

COUNT_FIELDS = ("registered_dpt", "registered_dptb", "voted_dpt", "voted_dptb", "voted_dpk")


@dataclass
class TurnoutFigures:
    """One election type's figures as on the C.HASIL (None = not a whole number)."""

    registered_dpt: int | None
    registered_dptb: int | None
    voted_dpt: int | None
    voted_dptb: int | None
    voted_dpk: int | None


def ballot_cap(session: Session, tps: TPS, election_type: str) -> int:
    """Most voters one election type can have at the TPS: its ballots (DPT + the regime's reserve) plus the
    ballots of that type transferred in, minus those given away (domain-review §3: the TPS that received shared
    ballots must be able to record its true count)."""
    regime = regime_for(session, tps.village_code)
    return ballots_needed(tps.dpt, 1, regime) + net_transferred_in(session, tps, election_type)


def check_figures(session: Session, tps: TPS, figures: dict[str, TurnoutFigures], types: list[str]) -> None:
    for etype in types:
        f = figures.get(etype)
        if f is None:
            raise ReadinessError(f"{etype}-voted_dpt", _("Enter the figures of every election."))
        for name in COUNT_FIELDS:
            value = getattr(f, name)
            if value is None or value < 0:
                raise ReadinessError(f"{etype}-{name}", _("Enter a whole number, 0 or more."))
        if f.voted_dpt > f.registered_dpt:
            raise ReadinessError(f"{etype}-voted_dpt", _("More DPT voters voted than are on the DPT."))
        if f.voted_dptb > f.registered_dptb:
            raise ReadinessError(f"{etype}-voted_dptb", _("More DPTb voters voted than are on the DPTb."))
        voters = f.voted_dpt + f.voted_dptb + f.voted_dpk
        cap = ballot_cap(session, tps, etype)
        if voters > cap:
            raise ReadinessError(
                f"{etype}-voted_dpt",
                _(
                    "%(n)s voters is more than the %(limit)s ballots of this TPS (incl. ballots transferred).",
                    n=voters,
                    limit=cap,
                ),
            )
    # PKPU 17/2024: a DPTb voter from another kabupaten in the province gets only the governor ballot, so no
    # later election type can have more DPTb voters than the first (domain.md §0).
    first = figures[types[0]]
    for etype in types[1:]:
        for name in ("registered_dptb", "voted_dptb"):
            if getattr(figures[etype], name) > getattr(first, name):
                raise ReadinessError(
                    f"{etype}-{name}",
                    _(
                        "Cannot exceed the DPTb of the %(first)s election: voters moving in from another regency get "
                        "only the governor ballot.",
                        first=ELECTION_TYPE_LABELS.get(types[0], types[0]),
                    ),
                )


def record_counts(
    session: Session,
    tps: TPS,
    figures: dict[str, TurnoutFigures],
    *,
    actor,
    now: datetime,
    source: str = "entry",
    refresh: bool = True,
) -> Turnout:
    """Turnout per election type the KPU 2024 way: pengguna hak pilih (DPT + DPTb + DPK) over pemilih (DPT +
    DPTb + DPK) (KPU, August Mellaz, antaranews 5 Jun 2024 [V]; domain.md §0). The first type is the headline."""
    types = election_type_keys(regime_for(session, tps.village_code))
    check_figures(session, tps, figures, types)
    existing = {
        r.election_type: r for r in session.exec(select(TurnoutCount).where(TurnoutCount.tps_id == tps.id)).all()
    }
    for etype in types:
        row = existing.get(etype) or TurnoutCount(tps_id=tps.id, election_type=etype)
        for name in COUNT_FIELDS:
            setattr(row, name, getattr(figures[etype], name))
        row.updated_at, row.updated_by = now, getattr(actor, "id", None)
        session.add(row)
        existing[etype] = row
    head = existing[types[0]]
    after = {etype: {n: getattr(existing[etype], n) for n in COUNT_FIELDS} for etype in types}
    return _save_headline(
        session, tps, head.voters, head.eligible, after, actor=actor, now=now, source=source, refresh=refresh
    )


def record_turnout(
    session: Session, tps: TPS, voted: int, *, actor, now: datetime, source: str = "entry", refresh: bool = True
) -> Turnout:
    """The short form (a CSV ``voted`` column, no C.HASIL breakdown): voters of the headline election over the
    TPS's DPT, capped at its ballots plus the ballots transferred in."""
    if voted is None or voted < 0:
        raise ReadinessError("voted", _("The number of voters cannot be negative."))
    types = election_type_keys(regime_for(session, tps.village_code))
    limit = ballot_cap(session, tps, types[0])
    if voted > limit:
        raise ReadinessError(
            "voted", _("%(n)s voters is more than the %(limit)s ballots of this TPS.", n=voted, limit=limit)
        )
    return _save_headline(
        session, tps, voted, tps.dpt, {"voted": voted}, actor=actor, now=now, source=source, refresh=refresh
    )


def _save_headline(session, tps, voted, eligible, after, *, actor, now, source, refresh) -> Turnout:
    row = session.get(Turnout, tps.id) or Turnout(tps_id=tps.id)
    before = {"voted": row.voted, "eligible": row.eligible} if row.updated_at else None
    row.voted, row.eligible, row.source = voted, eligible, source
    row.updated_at, row.updated_by = now, getattr(actor, "id", None)
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor,
        action="readiness.turnout",
        object_type="tps",
        object_id=tps.id,
        now=now,
        before=before,
        after={**after, "source": source},
        region_code=tps.village_code,
    )
    if refresh:
        summary.refresh_tps(session, [tps], now=now)
    return row


def counts_for(session: Session, tps: TPS) -> dict[str, TurnoutCount]:
    return {r.election_type: r for r in session.exec(select(TurnoutCount).where(TurnoutCount.tps_id == tps.id))}


def by_type(session: Session, scope: str) -> list[tuple[str, int, int]]:
    """(election type, pengguna hak pilih, pemilih) summed over the TPS in scope that reported a breakdown."""
    voters = TurnoutCount.voted_dpt + TurnoutCount.voted_dptb + TurnoutCount.voted_dpk
    eligible = TurnoutCount.registered_dpt + TurnoutCount.registered_dptb + TurnoutCount.voted_dpk
    rows = session.exec(
        select(TurnoutCount.election_type, func.sum(voters), func.sum(eligible))
        .join(TPS, TPS.id == TurnoutCount.tps_id)
        .where(scope_clause(TPS.village_code, scope))
        .group_by(TurnoutCount.election_type)
    ).all()
    order = {key: i for i, key in enumerate(ELECTION_TYPE_LABELS)}
    return sorted(((t, int(v or 0), int(e or 0)) for t, v, e in rows), key=lambda r: order.get(r[0], 99))
