"""Turnout from a CSV: the short form (a headline ``voted`` per TPS) or the C.HASIL breakdown per election type;
all rows checked by the form's own rules first, nothing saved when one is wrong."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlmodel import Session, select

from app.readiness.services import ReadinessError, csv_columns, summary
from app.readiness.services.common import election_type_keys, regime_for, scoped_tps
from app.readiness.services.turnout import (
    COUNT_FIELDS,
    TurnoutFigures,
    ballot_cap,
    check_figures,
    record_counts,
    record_turnout,
)
from app.regions.models import TPS
from app.regions.services import scope_clause

SHORT_HEADER = ["village_code", "number", "voted"]
# The C.HASIL breakdown: one row per TPS and election type (keys as in ELECTION_TYPE_LABELS: gubernur, bupati,
# walikota…), the KPU 2024 way (pemilih and pengguna hak pilih per voter list; domain.md §0).
COUNTS_HEADER = ["village_code", "number", "election_type", *COUNT_FIELDS]


def import_turnout(session: Session, data: bytes, scope: str, *, actor, now: datetime) -> tuple[int, list[str]]:
    """A CSV in one of two shapes: ``village_code,number,voted`` (the headline election's voters) or the C.HASIL
    breakdown (``COUNTS_HEADER``: every election type of the TPS, one row each). All rows are checked first, by
    the same rules as the form; nothing is saved when one is wrong. Returns (TPS saved, errors)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0, [_("The file is not UTF-8 text (save it from the spreadsheet as CSV UTF-8).")]
    reader = csv_columns.reader_for(text)
    header = csv_columns.header_keys(reader)
    if header == SHORT_HEADER:
        return _import_short(session, reader, scope, actor=actor, now=now)
    if header == COUNTS_HEADER:
        return _import_counts(session, reader, scope, actor=actor, now=now)
    return 0, [
        _(
            "The columns must be: %(short)s — or, with the C.HASIL figures, %(full)s.",
            short=csv_columns.names(SHORT_HEADER),
            full=csv_columns.names(COUNTS_HEADER),
        )
    ]


def blank_sheet(session: Session, scope: str) -> list[list]:
    """The C.HASIL sheet of every TPS in ``scope``: one row per TPS and election held there, the figures empty for
    the operator to fill in (the file :func:`import_turnout` reads back)."""
    held: dict[str, list[str]] = {}
    rows = []
    for tps in scoped_tps(session, scope):
        if tps.village_code not in held:
            held[tps.village_code] = election_type_keys(regime_for(session, tps.village_code))
        rows += [[tps.village_code, tps.number, etype, *[""] * len(COUNT_FIELDS)] for etype in held[tps.village_code]]
    return rows


def _tps_of(session: Session, scope: str) -> dict[tuple[str, int], TPS]:
    rows = session.exec(select(TPS).where(scope_clause(TPS.village_code, scope))).all()
    return {(t.village_code, t.number): t for t in rows}


def _rows(reader, width: int, errors: list[str]):
    """(line, cells) of the non-empty rows with ``width`` cells; the others become errors."""
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != width:
            errors.append(
                _("Row %(line)s: expected %(n)s columns, found %(found)s.", line=line, n=width, found=len(cells))
            )
            continue
        yield line, [c.strip() for c in cells]


def _no_tps(line: int, key: tuple[str, int]) -> str:
    return _(
        "Row %(line)s: no TPS %(number)s in village %(code)s in your region.", line=line, number=key[1], code=key[0]
    )


def _import_short(session: Session, reader, scope: str, *, actor, now: datetime) -> tuple[int, list[str]]:
    tps_by_key = _tps_of(session, scope)
    headline = election_type_keys(regime_for(session, scope))[0]
    errors: list[str] = []
    parsed = []
    for line, cells in _rows(reader, len(SHORT_HEADER), errors):
        try:
            key, voted = (cells[0], int(cells[1])), int(cells[2])
        except ValueError:
            errors.append(
                _(
                    "Row %(line)s: %(number)s and %(voted)s must be whole numbers.",
                    line=line,
                    number=csv_columns.name("number"),
                    voted=csv_columns.name("voted"),
                )
            )
            continue
        tps = tps_by_key.get(key)
        if tps is None:
            errors.append(_no_tps(line, key))
        elif voted < 0 or voted > ballot_cap(session, tps, headline):
            errors.append(_("Row %(line)s: %(n)s voters is not possible at this TPS.", line=line, n=voted))
        else:
            parsed.append((tps, voted))
    if errors:
        return 0, errors
    for tps, voted in parsed:
        record_turnout(session, tps, voted, actor=actor, now=now, source="import", refresh=False)
    summary.refresh_tps(session, [tps for tps, _v in parsed], now=now)
    return len(parsed), []


# Per TPS: the TPS, its figures by election type and the line each came from.
Parsed = dict[int, tuple[TPS, dict[str, TurnoutFigures], dict[str, int]]]


def _import_counts(session: Session, reader, scope: str, *, actor, now: datetime) -> tuple[int, list[str]]:
    held: dict[str, list[str]] = {}  # village → its election types (one query per village, not per row)

    def types_at(tps: TPS) -> list[str]:
        if tps.village_code not in held:
            held[tps.village_code] = election_type_keys(regime_for(session, tps.village_code))
        return held[tps.village_code]

    read: list[str] = []  # rows of the wrong width
    per_tps, errors = _parse_counts(_rows(reader, len(COUNTS_HEADER), read), _tps_of(session, scope), types_at)
    errors += _check_counts(session, per_tps, types_at)
    if errors or read:
        return 0, read + [message for _line, message in sorted(errors, key=lambda e: e[0])]
    for tps, figures, _lines in per_tps.values():
        record_counts(session, tps, figures, actor=actor, now=now, source="import", refresh=False)
    summary.refresh_tps(session, [tps for tps, _f, _l in per_tps.values()], now=now)
    return len(per_tps), []


def _parse_counts(rows, tps_by_key: dict, types_at) -> tuple[Parsed, list[tuple[int, str]]]:
    """The rows grouped by TPS; (line, message) for each row that names no TPS, no held election or one twice."""
    errors: list[tuple[int, str]] = []
    per_tps: Parsed = {}
    for line, cells in rows:
        try:
            key = (cells[0], int(cells[1]))
            numbers = [int(c) for c in cells[3:]]
        except ValueError:
            errors.append(
                (
                    line,
                    _(
                        "Row %(line)s: %(number)s and the figures must be whole numbers.",
                        line=line,
                        number=csv_columns.name("number"),
                    ),
                )
            )
            continue
        tps = tps_by_key.get(key)
        if tps is None:
            errors.append((line, _no_tps(line, key)))
            continue
        etype, types = cells[2].lower(), types_at(tps)
        if etype not in types:
            message = _(
                "Row %(line)s: election type %(type)s is not held at this TPS (%(types)s).",
                line=line,
                type=etype,
                types=", ".join(types),
            )
            errors.append((line, message))
            continue
        _tps, figures, lines = per_tps.setdefault(tps.id, (tps, {}, {}))
        if etype in figures:
            errors.append(
                (line, _("Row %(line)s: %(type)s of this TPS is already in the file.", line=line, type=etype))
            )
            continue
        figures[etype], lines[etype] = TurnoutFigures(*numbers), line
    return per_tps, errors


def _check_counts(session: Session, per_tps: Parsed, types_at) -> list[tuple[int, str]]:
    """(line, message) for each TPS missing an election or breaking the form's rules (``check_figures``), on the
    row of the election the rule names."""
    errors: list[tuple[int, str]] = []
    for tps, figures, lines in per_tps.values():
        types = types_at(tps)
        first = min(lines.values())
        missing = [t for t in types if t not in figures]
        if missing:
            message = _(
                "Row %(line)s: TPS %(number)s also needs the rows of %(types)s.",
                line=first,
                number=tps.number,
                types=", ".join(missing),
            )
            errors.append((first, message))
            continue
        try:
            check_figures(session, tps, figures, types)
        except ReadinessError as exc:
            line = lines.get((exc.field or "").split("-")[0], first)
            message = _("Row %(line)s (TPS %(number)s): %(message)s", line=line, number=tps.number, message=exc.message)
            errors.append((line, message))
    return errors
