"""Turnout: voters who voted per TPS, entered on voting day or imported."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from flask_babel import gettext as _
from sqlmodel import Session, select

from app.audit.services import record
from app.readiness.models import Turnout
from app.readiness.services import ReadinessError, summary
from app.readiness.services.logistics import ballots_needed
from app.regions.models import TPS
from app.regions.services import in_scope


def record_turnout(session: Session, tps: TPS, voted: int, *, actor, now: datetime, source: str = "entry",
                   refresh: bool = True) -> Turnout:
    """Voters who voted at the TPS; at most the ballots one election type has there (DPT + 2.5%)."""
    if voted is None or voted < 0:
        raise ReadinessError("voted", _("The number of voters cannot be negative."))
    limit = ballots_needed(tps.dpt, 1)
    if voted > limit:
        raise ReadinessError("voted", _("%(n)s voters is more than the %(limit)s ballots of this TPS.", n=voted,
                                        limit=limit))
    row = session.get(Turnout, tps.id) or Turnout(tps_id=tps.id)
    before = row.voted if row.updated_at else None
    row.voted, row.source, row.updated_at, row.updated_by = voted, source, now, getattr(actor, "id", None)
    session.add(row)
    session.flush()
    record(session, actor=actor, action="readiness.turnout", object_type="tps", object_id=tps.id, now=now,
           before={"voted": before}, after={"voted": voted, "source": source}, region_code=tps.village_code)
    if refresh:
        summary.refresh_tps(session, [tps], now=now)
    return row


def import_turnout(session: Session, data: bytes, scope: str, *, actor, now: datetime) -> tuple[int, list[str]]:
    """CSV ``village_code,number,voted``: all rows are checked first; nothing is saved when one is wrong."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0, [_("The file is not UTF-8 text (save it from the spreadsheet as CSV UTF-8).")]
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if header != ["village_code", "number", "voted"]:
        return 0, [_("The columns must be: village_code, number, voted.")]
    tps_by_key = {(t.village_code, t.number): t for t in session.exec(select(TPS)).all()
                  if in_scope(t.village_code, scope)}
    errors: list[str] = []
    parsed = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != 3:
            errors.append(_("Row %(line)s: expected 3 columns, found %(n)s.", line=line, n=len(cells)))
            continue
        try:
            key = (cells[0].strip(), int(cells[1])); voted = int(cells[2])  # noqa: E702
        except ValueError:
            errors.append(_("Row %(line)s: number and voted must be whole numbers.", line=line))
            continue
        tps = tps_by_key.get(key)
        if tps is None:
            errors.append(_("Row %(line)s: no TPS %(number)s in village %(code)s in your region.", line=line,
                            number=key[1], code=key[0]))
        elif voted < 0 or voted > ballots_needed(tps.dpt, 1):
            errors.append(_("Row %(line)s: %(n)s voters is not possible at this TPS.", line=line, n=voted))
        else:
            parsed.append((tps, voted))
    if errors:
        return 0, errors
    for tps, voted in parsed:
        record_turnout(session, tps, voted, actor=actor, now=now, source="import", refresh=False)
    summary.refresh_tps(session, [tps for tps, _v in parsed], now=now)
    return len(parsed), []
