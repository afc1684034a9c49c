"""The TPS a voting-day form offers, as (id, label) pairs rendered by the template's own loop
(``templates/votingday/_tps_select.html``): a kabupaten has 1,600 TPS and WTForms' option widget costs ~90 ms."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from flask_babel import gettext as _
from sqlmodel import Session, select

from app.regions.models import TPS
from app.regions.services import scope_clause
from app.votingday import board as boards


def tps_options(
    session: Session, user, *, first: Sequence[int] = (), marked: Collection[int] = ()
) -> list[tuple[str, str]]:
    """Every TPS of ``user``'s scope by village and number, those in ``first`` on top in that order; the ones in
    ``marked`` say "your TPS"."""
    rows = session.exec(
        select(TPS.id, TPS.village_code, TPS.number)
        .where(scope_clause(TPS.village_code, user.region_code))
        .order_by(TPS.village_code, TPS.number)
    ).all()
    rank = {tps_id: i for i, tps_id in enumerate(dict.fromkeys(first))}
    rows = sorted(rows, key=lambda t: (rank.get(t[0], len(rank)), t[1], t[2]))
    names = boards.build_names(session, {village for _id, village, _n in rows})
    mark = " · " + _("your TPS")
    return [
        (str(tps_id), f"TPS {number:03d} — {names.get(village, village)}{mark if tps_id in marked else ''}")
        for tps_id, village, number in rows
    ]


def tps_villages(session: Session, user) -> dict[str, str]:
    """TPS id → its village code, for the TPS of ``user``'s scope (the postings form narrows its TPS to the
    chosen officer's area with them)."""
    rows = session.exec(select(TPS.id, TPS.village_code).where(scope_clause(TPS.village_code, user.region_code)))
    return {str(tps_id): village for tps_id, village in rows.all()}
