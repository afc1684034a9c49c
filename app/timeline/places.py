"""The places a user may post from: kecamatan, villages and TPS within their scope (the place pickers).

``scope`` is the user's region code. A user scoped to one kecamatan (or village) has that kecamatan only and
starts in it; the whole of one kabupaten is a few hundred rows, small enough for the phone to keep
(``place_data``, the pickers' offline copy).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from app.regions.models import TPS, Region
from app.regions.services import scope_clause


def kecamatan_code(code: str) -> str | None:
    """The kecamatan a region code lies in (``19.02.02.2001`` → ``19.02.02``), None above kecamatan level."""
    return ".".join(code.split(".")[:3]) if code.count(".") >= 2 else None


def kecamatan_options(session: Session, scope: str) -> list[Region]:
    """Kecamatan the user may choose (their own when scoped to one)."""
    own = kecamatan_code(scope)
    if own:
        region = session.get(Region, own)
        return [region] if region else []
    return list(
        session.exec(
            select(Region).where(scope_clause(Region.code, scope), Region.level == 3).order_by(Region.name)
        ).all()
    )


def start_kecamatan(scope: str, kecamatans: Sequence[Region]) -> str:
    """Where the pickers start: the user's own kecamatan when scoped to one, else nowhere in particular."""
    return kecamatans[0].code if kecamatan_code(scope) and kecamatans else ""


def village_options(session: Session, kecamatan_codes: Sequence[str], scope: str) -> list[Region]:
    """The villages of these kecamatan within the scope, by name."""
    if not kecamatan_codes:
        return []
    return list(
        session.exec(
            select(Region)
            .where(
                Region.parent_code.in_(list(kecamatan_codes)),
                Region.level == 4,
                scope_clause(Region.code, scope) | (Region.code == scope),
            )
            .order_by(Region.name)
        ).all()
    )


def tps_options(session: Session, village: str | None, scope: str) -> list[TPS]:
    """The TPS of one village (every TPS in scope with ``village`` None), in village and number order."""
    query = select(TPS).where(scope_clause(TPS.village_code, scope))
    if village is not None:
        query = query.where(TPS.village_code == village)
    return list(session.exec(query.order_by(TPS.village_code, TPS.number)).all())


def place_data(session: Session, scope: str) -> dict:
    """Every kecamatan, village and TPS the user may choose, for the place pickers to work offline.
    ``start`` is the kecamatan a user scoped to one starts in."""
    kecamatans = kecamatan_options(session, scope)
    villages = village_options(session, [k.code for k in kecamatans], scope)
    return {
        "start": start_kecamatan(scope, kecamatans),
        "kecamatan": [{"code": k.code, "name": k.name} for k in kecamatans],
        "villages": [{"code": v.code, "name": v.name, "kec": v.parent_code} for v in villages],
        "tps": [{"id": t.id, "label": t.label, "village": t.village_code} for t in tps_options(session, None, scope)],
    }
