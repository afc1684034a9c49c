"""The scheduled draft: at each desk's hour (setting ``SITREP_SCHEDULE_TIME`` / ``SITREP_SCHEDULES``), one
draft of the day's report, made once however many processes run the job; on the desk's voting day also a midday
report (00.00 to ``SITREP_MIDDAY_TIME``, key ``"<desk>:<local date>:siang"``).

Exactly once: the job is ``exclusive`` (on PostgreSQL one process per round holds the job's advisory lock,
``app.jobs``), and the draft carries ``schedule_key = "<desk>:<local date>"``, unique in the table, inserted
in a savepoint: a second process that gets there anyway (SQLite, a lock lost) fails the insert and moves on.
The desk head and the secretariat are notified that the draft is ready.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.auth.models import Agency, Role, User
from app.i18n import local
from app.regions.services import zoneinfo_for
from app.sitrep.models import SitrepReport
from app.sitrep.settings import parse_time, schedule_for, settings

JOB = "sitrep.schedule"


def desk_users(session: Session, region_code: str) -> list[User]:
    """The desk's head(s) (Pemda pimpinan) and secretariat of this kabupaten/kota, heads first."""
    rows = session.exec(
        select(User)
        .where(User.region_code == region_code, User.active.is_(True))
        .where(
            ((User.agency == Agency.PEMDA.value) & (User.role == Role.PIMPINAN.value))
            | (User.role == Role.SEKRETARIAT.value)
        )
        .order_by(User.id)
    ).all()
    return sorted(rows, key=lambda u: u.role != Role.PIMPINAN.value)


def desks(session: Session) -> list[str]:
    """Kabupaten/kota that have a desk head account."""
    codes = session.exec(
        select(User.region_code)
        .where(User.agency == Agency.PEMDA.value, User.role == Role.PIMPINAN.value, User.active.is_(True))
        .distinct()
    ).all()
    return sorted(c for c in codes if c.count(".") == 1)


def run_schedule(session: Session, now: datetime) -> list[SitrepReport]:
    """One round: the drafts now due and not yet made."""
    from app.sitrep.services import create_report, default_period, is_signed_already

    cfg = settings()
    made = []
    for desk in desks(session):
        for key, start, end in _due(session, desk, now, cfg):
            if session.exec(select(SitrepReport.id).where(SitrepReport.schedule_key == key)).first() is not None:
                continue
            if is_signed_already(session, desk, *((start, end) if start else default_period(desk, now))):
                continue  # the desk signed this period's report by hand before the schedule: nothing to draft
            people = desk_users(session, desk)
            if not people:
                break
            try:
                with session.begin_nested():
                    report = create_report(
                        session,
                        actor=None,
                        viewer=people[0],
                        now=now,
                        region_code=desk,
                        start=start,
                        end=end,
                        scheduled=True,
                        schedule_key=key,
                    )
            except IntegrityError:
                continue  # another process made it first
            except Exception:  # noqa: BLE001 - one desk's bad data must not stop the others' drafts
                import logging

                logging.getLogger(__name__).exception("sitrep: scheduled draft of %s failed", desk)
                continue
            _notify(session, report, people, now)
            made.append(report)
    return made


def _due(session: Session, desk: str, now: datetime, cfg) -> list[tuple[str, datetime | None, datetime | None]]:
    """The scheduled reports of ``desk`` whose time has come today: (schedule key, start, end); a period of None
    is the default day (00.00–20.00)."""
    at = schedule_for(desk, cfg)
    if at is None:
        return []
    here = local(now, desk)
    clock, day = here.time().replace(second=0, microsecond=0), here.date()
    due: list[tuple[str, datetime | None, datetime | None]] = []
    midday = parse_time(cfg.midday_time)
    if midday is not None and clock >= midday and _is_voting_day(session, desk, day):
        zone = zoneinfo_for(desk)
        start = datetime.combine(day, parse_time(cfg.period_start) or time(0, 0), zone).astimezone(UTC)
        due.append((f"{desk}:{day.isoformat()}:siang", start, datetime.combine(day, midday, zone).astimezone(UTC)))
    if clock >= at:
        due.append((f"{desk}:{day.isoformat()}", None, None))
    return due


def _is_voting_day(session: Session, desk: str, day: date) -> bool:
    from app.regions.elections import elections_for_scope

    return any(e.voting_day == day for e in elections_for_scope(session, desk))


def _notify(session: Session, report: SitrepReport, people: list[User], now: datetime) -> None:
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from app.notifications.models import Kind
    from app.notifications.services import notify

    with force_locale("id"):
        title = _("The situation report draft of today is ready")
        body = _("Review it, add the needs and recommendations, and sign it.")
    notify(
        session,
        user_ids=[u.id for u in people],
        kind=Kind.SITREP,
        key=f"sitrep:{report.id}:draft",
        title=title,
        body=body,
        url=f"/laporan-situasi/{report.id}",
        now=now,
        object_type="sitrep_report",
        object_id=report.id,
        obj=report,
    )


def unsigned_reminders(session: Session, now: datetime) -> list:
    """Reminder source: at ``SITREP_SIGN_BY`` (20.30 local) the desk heads and the secretariat of a desk whose
    report of the day (default period) is not signed yet are reminded once (the key is per desk and day)."""
    from flask_babel import lazy_gettext as _l

    from app.notifications.listeners import stored_text
    from app.registry import Reminder
    from app.sitrep.models import SIGNED
    from app.sitrep.services import default_period

    cfg = settings()
    deadline = parse_time(cfg.sign_by)
    if deadline is None:
        return []
    out = []
    for desk in desks(session):
        here = local(now, desk)
        if here.time() < deadline:
            continue
        start, end = default_period(desk, now)
        signed = session.exec(
            select(SitrepReport.id).where(
                SitrepReport.region_code == desk,
                SitrepReport.period_start == start,
                SitrepReport.period_end == end,
                SitrepReport.status == SIGNED,
            )
        ).first()
        people = desk_users(session, desk)
        if signed is not None or not people:
            continue
        out.append(
            Reminder(
                key=f"sitrep:{desk}:{here.date().isoformat()}:unsigned",
                user_ids=tuple(sorted(u.id for u in people)),
                title=stored_text(_l("Today's situation report is not signed yet")),
                body=stored_text(_l("The province waits for the desk's daily report. Review and sign it.")),
                url="/laporan-situasi",
            )
        )
    return out + _province_reminders(session, now, deadline)


def _province_reminders(session: Session, now: datetime, deadline) -> list:
    """The province head (Pemda pimpinan scoped to a province) hears once a day, at the same hour, which
    kabupaten/kota have not signed their report of the day."""
    from flask_babel import lazy_gettext as _l

    from app.notifications.listeners import stored_text
    from app.registry import Reminder
    from app.sitrep.queries import province_rollup

    heads = session.exec(
        select(User).where(User.agency == Agency.PEMDA.value, User.role == Role.PIMPINAN.value, User.active.is_(True))
    ).all()
    by_province: dict[str, list[int]] = {}
    for user in heads:
        if "." not in user.region_code:
            by_province.setdefault(user.region_code, []).append(user.id)
    out = []
    for province, user_ids in sorted(by_province.items()):
        here = local(now, province)
        if here.time() < deadline:
            continue
        missing = [d.name for d in province_rollup(session, heads_of(session, user_ids[0]), now) or [] if d.missing]
        if not missing:
            continue
        out.append(
            Reminder(
                key=f"sitrep:{province}:{here.date().isoformat()}:missing",
                user_ids=tuple(sorted(user_ids)),
                title=stored_text(_l("%(num)s kabupaten/kota have not signed today's report", num=len(missing))),
                body=", ".join(missing)[:300],
                url="/laporan-situasi",
            )
        )
    return out


def heads_of(session: Session, user_id: int) -> User:
    return session.get(User, user_id)


def scheduled_round(session: Session, now: datetime) -> dict[str, int]:
    """The job's round (``app.jobs`` wants counts)."""
    return {"drafts": len(run_schedule(session, now))}
