"""TPS master data: edit one TPS, and the CSV bulk import (validate everything → preview → apply in chunks)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlmodel import Session, insert, select, update

from app.audit.services import record, snapshot
from app.offload import Yielder, run_off_loop_in_app, yield_to_loop
from app.readiness.models import ImportJob
from app.readiness.services import ReadinessError, csv_columns, summary
from app.readiness.services.common import config
from app.regions.models import TPS, Region
from app.regions.services import in_scope, scope_clause

TPS_FIELDS = ["village_code", "number", "address", "dpt", "latitude", "longitude"]
REQUIRED_COLUMNS = ["village_code", "number", "address", "dpt"]
OPTIONAL_COLUMNS = ["latitude", "longitude"]


def max_dpt() -> int:
    """Voters per TPS: at most 600 in Pilkada 2024 (domain.md §5); READINESS_MAX_DPT."""
    return int(config("READINESS_MAX_DPT", 600))


def max_import_bytes() -> int:
    return int(config("READINESS_IMPORT_MAX_MB", 5)) * 1024 * 1024


def _coord(raw: str, low: float, high: float, name: str) -> float | None:
    raw = (raw or "").strip().replace(",", ".")
    if not raw:
        return None
    value = float(raw)  # ValueError is turned into a row error by the caller
    if not low <= value <= high:
        raise ValueError(name)
    return value


def validate_values(number: int, dpt: int, latitude: float | None, longitude: float | None) -> list[str]:
    errors = []
    if number < 1:
        errors.append(_("The TPS number must be 1 or more."))
    if dpt < 0:
        errors.append(_("DPT cannot be negative."))
    elif dpt > max_dpt():
        errors.append(_("DPT %(dpt)s exceeds the maximum of %(max)s voters per TPS.", dpt=dpt, max=max_dpt()))
    if (latitude is None) != (longitude is None):
        errors.append(_("Give both latitude and longitude, or neither."))
    return errors


def update_tps(
    session: Session,
    tps: TPS,
    *,
    address: str,
    dpt: int,
    latitude: float | None,
    longitude: float | None,
    actor,
    now: datetime,
) -> TPS:
    errors = validate_values(tps.number, dpt, latitude, longitude)
    if errors:
        raise ReadinessError("dpt" if dpt < 0 or dpt > max_dpt() else "latitude", errors[0])
    before = snapshot(tps, TPS_FIELDS)
    tps.address, tps.dpt, tps.latitude, tps.longitude = (address or "").strip()[:300], dpt, latitude, longitude
    session.add(tps)
    session.flush()
    record(
        session,
        actor=actor,
        action="readiness.tps_update",
        object_type="tps",
        object_id=tps.id,
        now=now,
        before=before,
        after=snapshot(tps, TPS_FIELDS),
        region_code=tps.village_code,
    )
    summary.refresh_tps(session, [tps], now=now)
    return tps


class FileRejected(ReadinessError):
    """The whole file is unusable (too large, not text, wrong columns)."""


def parse_csv(session: Session, data: bytes, scope: str) -> tuple[list[dict], list[dict]]:
    """Check every row. Returns (rows, errors); an error is ``{"line": n, "messages": [...], "cells": [...]}``.

    The villages in scope are read here; the rows are checked in gevent's thread pool (``run_off_loop``): 20,000
    rows take ~0.2 s of pure Python that would otherwise hold every other request of the worker (issue 12).

    :raise FileRejected: when the file as a whole cannot be read.
    """
    villages = set(session.exec(select(Region.code).where(scope_clause(Region.code, scope), Region.level == 4)).all())
    return run_off_loop_in_app(check_rows, data, villages, scope)


def check_rows(data: bytes, villages: set[str], scope: str) -> tuple[list[dict], list[dict]]:
    """:func:`parse_csv` without the database: pure Python, safe in a thread (needs an app context for ``_()``)."""
    header, reader = _open_table(data)
    rows: list[dict] = []
    errors: list[dict] = []
    seen: dict[tuple[str, int], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            found = _("Expected %(expected)s columns, found %(found)s.", expected=len(header), found=len(cells))
            errors.append({"line": line, "cells": cells[:8], "messages": [found]})
            continue
        values = dict(zip(header, (c.strip() for c in cells), strict=True))
        row, messages = _check_row(values, line, villages, scope, seen)
        if messages:
            errors.append({"line": line, "cells": cells[:8], "messages": messages})
        else:
            rows.append(row)
    if not rows and not errors:
        raise FileRejected("file", _("The file has no data rows."))
    return rows, errors


def _open_table(data: bytes):
    """The header and a reader of the rows. :raise FileRejected: too large, not UTF-8, or the wrong columns."""
    if len(data) > max_import_bytes():
        raise FileRejected(
            "file",
            _(
                "The file is %(size)s MB; the limit is %(max)s MB. Split it into smaller files.",
                size=f"{len(data) / 1048576:.1f}".replace(".", ","),
                max=max_import_bytes() // 1048576,
            ),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(
            "file", _("The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”.")
        ) from exc
    reader = csv_columns.reader_for(text)
    header = csv_columns.header_keys(reader)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        raise FileRejected("file", _("A column appears twice: %(columns)s.", columns=csv_columns.names(twice)))
    if missing or unknown:
        raise FileRejected(
            "file",
            _(
                "Wrong columns. Expected: %(expected)s. Missing: %(missing)s. Unknown: %(unknown)s.",
                expected=csv_columns.names(REQUIRED_COLUMNS + OPTIONAL_COLUMNS),
                missing=csv_columns.names(missing) or "–",
                unknown=", ".join(unknown) or "–",
            ),
        )
    return header, reader


def _check_row(values: dict, line: int, villages: set[str], scope: str, seen: dict) -> tuple[dict, list[str]]:
    """One data row as the import stores it, and what is wrong with it (``seen`` tracks duplicates)."""
    messages: list[str] = []
    code = values["village_code"]
    if code not in villages:
        messages.append(
            _("Unknown village code %(code)s (or outside your region).", code=code)
            if not in_scope(code, scope) or code
            else _("The village code is empty.")
        )
    try:
        number = int(values["number"])
        dpt = int(values["dpt"])
    except ValueError:
        messages.append(
            _("%(number)s and %(dpt)s must be whole numbers.", number=csv_columns.name("number"), dpt="dpt")
        )
        number = dpt = None
    try:
        latitude = _coord(values.get("latitude", ""), -90, 90, "latitude")
        longitude = _coord(values.get("longitude", ""), -180, 180, "longitude")
    except ValueError:
        messages.append(_("Latitude must lie between -90 and 90 and longitude between -180 and 180."))
        latitude = longitude = None
    if number is not None:
        messages += validate_values(number, dpt, latitude, longitude)
        key = (code, number)
        if key in seen:
            messages.append(
                _(
                    "Duplicate TPS: %(code)s TPS %(number)s is already on row %(line)s.",
                    code=code,
                    number=number,
                    line=seen[key],
                )
            )
        else:
            seen[key] = line
    row = {
        "line": line,
        "village_code": code,
        "number": number,
        "address": values["address"][:300],
        "dpt": dpt,
        "latitude": latitude,
        "longitude": longitude,
    }
    return row, messages


def create_job(session: Session, filename: str, data: bytes, scope: str, *, actor, now: datetime) -> ImportJob:
    rows, errors = parse_csv(session, data, scope)
    job = ImportJob(
        filename=(filename or "tps.csv")[:200],
        scope_code=scope,
        rows=rows,
        errors=errors,
        total=len(rows),
        status="rejected" if errors else "preview",
        created_by=getattr(actor, "id", None),
        created_at=now,
    )
    session.add(job)
    session.flush()
    return job


BULK_BATCH = 100  # rows per INSERT/UPDATE statement; the loop gets a turn between batches


def apply_chunk(session: Session, job: ImportJob, *, actor, now: datetime, size: int = 500) -> ImportJob:
    """Save the next ``size`` rows (create or update); the job is done when every row is saved.

    Bulk statements (no ORM object per row: building 500 TPS objects took ~0.3 s of the event loop), in batches
    with a turn for other requests between them (issue 12: /healthz keeps answering during a 20,000-row import).
    """
    if job.status not in {"preview", "running"}:
        raise ReadinessError("file", _("This import cannot be saved: fix the file and upload it again."))
    chunk = job.rows[job.processed : job.processed + size]
    existing: dict[tuple[str, int], int] = {}
    if chunk:
        codes = {r["village_code"] for r in chunk}
        for tps_id, code, number in session.exec(
            select(TPS.id, TPS.village_code, TPS.number).where(TPS.village_code.in_(codes))
        ).all():
            existing[(code, number)] = tps_id
    new: list[dict] = []
    changed: list[dict] = []
    for r in chunk:
        values = {"address": r["address"], "dpt": r["dpt"], "latitude": r["latitude"], "longitude": r["longitude"]}
        tps_id = existing.get((r["village_code"], r["number"]))
        if tps_id is None:
            new.append({"village_code": r["village_code"], "number": r["number"], **values})
        else:
            changed.append({"id": tps_id, **values})
    job.created += len(new)
    job.updated += len(changed)
    yield_to_loop()
    _bulk_save(session, new, changed)
    yield_to_loop()
    summary.refresh(session, {r["village_code"] for r in chunk}, now=now)
    yield_to_loop()
    job.processed += len(chunk)
    job.status = "done" if job.processed >= job.total else "running"
    if job.status == "done":
        job.finished_at = now
        record(
            session,
            actor=actor,
            action="readiness.tps_import",
            object_type="import",
            object_id=job.id,
            now=now,
            after={"file": job.filename, "created": job.created, "updated": job.updated},
            region_code=job.scope_code,
        )
    session.add(job)
    session.flush()
    return job


def _bulk_save(session: Session, new: list[dict], changed: list[dict]) -> None:
    """INSERT the new TPS and UPDATE the changed ones by id, ``BULK_BATCH`` rows a statement."""
    yielder = Yielder()
    for start in range(0, len(new), BULK_BATCH):
        session.exec(insert(TPS), params=new[start : start + BULK_BATCH])
        yielder.tick()
    for start in range(0, len(changed), BULK_BATCH):
        session.exec(update(TPS), params=changed[start : start + BULK_BATCH])
        yielder.tick()
    if changed:  # TPS already loaded in this session show the saved values
        ids = {c["id"] for c in changed}
        for obj in list(session.identity_map.values()):
            if isinstance(obj, TPS) and obj.id in ids:
                session.expire(obj)
