"""Making, editing, signing and correcting situation reports. Services take ``session, actor, now``, flush and
never commit; bad input raises ``SitrepError(field, message)`` and changes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import Session, select

from app.audit.services import record
from app.errors import DomainError
from app.i18n import local_date
from app.regions.services import desk_of, zoneinfo_for
from app.sitrep import generate
from app.sitrep.models import DRAFT, SIGNED, SitrepReport
from app.sitrep.settings import parse_time, settings
from app.sitrep.signature import content_hash, new_code, report_number

NARRATIVE = ("situasi_umum", "kebutuhan", "rekomendasi")


class SitrepError(DomainError):
    pass


def default_period(region_code: str, now: datetime) -> tuple[datetime, datetime]:
    """The local day of ``now`` in the region's zone, from the configured start to end (00.00–20.00)."""
    cfg = settings()
    day = local_date(now, region_code)
    zone = zoneinfo_for(region_code)
    start = datetime.combine(day, parse_time(cfg.period_start) or datetime.min.time(), zone)
    end = datetime.combine(day, parse_time(cfg.period_end) or datetime.min.time(), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def check_period(start: datetime | None, end: datetime | None) -> None:
    if start is None:
        raise SitrepError("start", _l("Give the start of the period."))
    if end is None:
        raise SitrepError("end", _l("Give the end of the period."))
    if end <= start:
        raise SitrepError("end", _l("The end of the period must be after its start."))
    days = settings().max_days
    if end - start > timedelta(days=days):
        raise SitrepError("end", _l("A report covers at most %(num)s days.", num=days))


def is_signed_already(session: Session, region_code: str, start: datetime, end: datetime) -> bool:
    """The newest version of the desk's report for this period is signed (a correction in progress is not)."""
    existing = _same_period(session, region_code, start, end)
    return bool(existing) and existing[0].status == SIGNED


def _same_period(session: Session, region_code: str, start: datetime, end: datetime) -> list[SitrepReport]:
    return list(
        session.exec(
            select(SitrepReport)
            .where(
                SitrepReport.region_code == region_code,
                SitrepReport.period_start == start,
                SitrepReport.period_end == end,
            )
            .order_by(SitrepReport.version.desc())
        ).all()
    )


def _fill(session: Session, report: SitrepReport, *, viewer, now: datetime) -> None:
    sections = generate.build_sections(
        session,
        region_code=report.region_code,
        start=report.period_start,
        end=report.period_end,
        viewer=viewer,
        now=now,
    )
    previous = json.loads(report.sections or "{}").get("headline")
    report.sections = json.dumps(sections, ensure_ascii=False, sort_keys=True)
    if not report.situasi_umum.strip() or (previous and report.situasi_umum == "\n".join(previous)):
        report.situasi_umum = "\n".join(sections["headline"])  # one sentence a line: short lines on WhatsApp


def create_report(
    session: Session,
    *,
    actor,
    now: datetime,
    region_code: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    scheduled: bool = False,
    schedule_key: str | None = None,
    viewer=None,
) -> SitrepReport:
    """A draft for the region and period (default: the actor's desk, today 00.00–20.00 local). A draft of the
    same period is refreshed instead of doubled; a signed one is corrected with ``correct``, not made again."""
    region_code = desk_of(region_code or actor.region_code)
    if start is None and end is None:
        start, end = default_period(region_code, now)
    check_period(start, end)
    existing = _same_period(session, region_code, start, end)
    if existing and existing[0].status == SIGNED:
        raise SitrepError(
            "start", _l("The report for this period is already signed. Make a correction (a new version) instead.")
        )
    if existing:
        report = existing[0]
        if schedule_key and report.schedule_key is None:  # the schedule found the day's draft made by hand
            report.scheduled, report.schedule_key = True, schedule_key
        _fill(session, report, viewer=viewer or actor, now=now)
        report.updated_at = now
        session.add(report)
        session.flush()
        return report
    report = SitrepReport(
        region_code=region_code,
        period_start=start,
        period_end=end,
        scheduled=scheduled,
        schedule_key=schedule_key,
        created_by_id=getattr(actor, "id", None),
        created_at=now,
        updated_at=now,
    )
    _fill(session, report, viewer=viewer or actor, now=now)
    session.add(report)
    session.flush()
    _audit(session, actor, "sitrep.generate", report, now, {"region_code": region_code, "version": report.version})
    return report


def _not_signed(report: SitrepReport) -> None:
    if report.status == SIGNED:
        raise SitrepError(
            "status", _l("This report is already signed and can no longer be changed. Make a correction instead.")
        )


def refresh(session: Session, report: SitrepReport, *, actor, now: datetime) -> SitrepReport:
    """Generate the sections of a draft again from the current data (the narrative is kept)."""
    _not_signed(report)
    _fill(session, report, viewer=actor, now=now)
    report.updated_at = now
    session.add(report)
    session.flush()
    _audit(session, actor, "sitrep.refresh", report, now, {"version": report.version})
    return report


def edit_narrative(
    session: Session, report: SitrepReport, values: dict[str, str], *, actor, now: datetime
) -> SitrepReport:
    """Change the desk head's sections (situasi umum, kebutuhan, rekomendasi) of a draft."""
    _not_signed(report)
    limit = settings().max_text
    cleaned = {}
    for name in NARRATIVE:
        value = (values.get(name) or "").replace("\r\n", "\n").strip()
        if len(value) > limit:
            raise SitrepError(name, _l("At most %(max)d characters.", max=limit))
        cleaned[name] = value
    for name, value in cleaned.items():
        setattr(report, name, value)
    report.updated_at = now
    session.add(report)
    session.flush()
    _audit(session, actor, "sitrep.edit", report, now, {name: cleaned[name] for name in NARRATIVE})
    return report


def sign(session: Session, report: SitrepReport, *, actor, now: datetime, confirmed: bool) -> SitrepReport:
    """Freeze the report: number, signer, time, SHA-256 of the content and a verification code."""
    _not_signed(report)
    if not confirmed:
        raise SitrepError("confirm", _l("Tick the box to confirm that you sign this report."))
    report.status = SIGNED
    report.number = report_number(report)
    report.signed_by_id = actor.id
    report.signed_name = actor.name
    report.signed_position = actor.position or "Ketua Desk Pilkada"
    report.signed_rank = actor.rank_id or ""
    report.signed_at = now
    report.code = new_code(session)
    report.sha256 = content_hash(report)
    report.updated_at = now
    session.add(report)
    session.flush()
    _audit(session, actor, "sitrep.sign", report, now, {"version": report.version, "code": report.code})
    return report


def correct(session: Session, report: SitrepReport, *, actor, now: datetime) -> SitrepReport:
    """A correction of a signed report: a new draft, version n+1, of the same period (sections generated again,
    the narrative copied). The signed version stays as it was and keeps answering its code."""
    if report.status != SIGNED:
        raise SitrepError("status", _l("Only a signed report can be corrected; edit the draft instead."))
    latest = session.exec(
        select(func.max(SitrepReport.version)).where(
            SitrepReport.region_code == report.region_code,
            SitrepReport.period_start == report.period_start,
            SitrepReport.period_end == report.period_end,
        )
    ).one()
    if latest != report.version:
        raise SitrepError("status", _l("A newer version of this report exists already."))
    draft = SitrepReport(
        region_code=report.region_code,
        period_start=report.period_start,
        period_end=report.period_end,
        version=report.version + 1,
        supersedes_id=report.id,
        situasi_umum=report.situasi_umum,
        kebutuhan=report.kebutuhan,
        rekomendasi=report.rekomendasi,
        sections=report.sections,
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    _fill(session, draft, viewer=actor, now=now)
    session.add(draft)
    session.flush()
    _audit(session, actor, "sitrep.correct", draft, now, {"version": draft.version, "supersedes_id": report.id})
    return draft


def _audit(session: Session, actor, action: str, report: SitrepReport, now: datetime, after: dict) -> None:
    record(
        session,
        actor=actor,
        action=action,
        object_type="sitrep_report",
        object_id=report.id,
        now=now,
        after=after,
        region_code=report.region_code,
    )


def reports_for(session: Session, scope: str, limit: int = 60) -> list[SitrepReport]:
    from app.regions.services import scope_clause

    return list(
        session.exec(
            select(SitrepReport)
            .where(scope_clause(SitrepReport.region_code, scope))
            .order_by(SitrepReport.period_end.desc(), SitrepReport.region_code, SitrepReport.version.desc())
            .limit(limit)
        ).all()
    )


__all__ = ["DRAFT", "SIGNED", "SitrepError"]
