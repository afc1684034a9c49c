"""Recording a step (a check-in) and turning a late opening into a timeline incident.

Services take ``(session, ..., actor=, now=)``, flush but never commit, audit every change and announce it on the
live channel inside the inserting transaction (``app.live.notify``).

The event's time: the page stamps ``occurred_at`` (the phone's clock at the tap) and ``sent_at`` (the phone's
clock when this request leaves it; the offline outbox renews it when it resends, ``static/js/outbox.js``), as the
timeline does (``app/timeline/services/event_time.py``). The event time is the server's receive time minus the
delay measured on the phone's own clock, so a check-in written offline at 06.40 and sent at 07.30 is stored as
06.40 even when the phone's clock is off. Unlike a timeline post, a check-in whose time lies in the future beyond
the clock skew is **refused** (issue 15), and so is one older than ``max_age_hours``. The visible ``pukul`` field
(HH:MM in the TPS's zone) overrides the time when the officer corrects it ("tiba 06.30, dicatat 06.40").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.audit.services import record as audit
from app.auth.models import Agency, User
from app.errors import DomainError
from app.i18n import format_time, local_date, zone
from app.live import notify
from app.regions.models import TPS, Region
from app.regions.services import in_scope
from app.timeline.services.event_time import parse
from app.votingday.models import Checkin
from app.votingday.policies import steps_for
from app.votingday.regimes import settings_for, voting_election
from app.votingday.settings import VotingDaySettings, expected_times, recorders
from app.votingday.vocab import LATE_CATEGORY, Step

CHANNEL = "votingday"
MAX_NOTE = 500


class CheckinError(DomainError):
    """A check-in refused; ``field`` names the form field."""


@dataclass(frozen=True)
class CheckinInput:
    tps_id: int
    step: str
    occurred_at: str | None = None  # ISO 8601, the phone's clock at the tap
    sent_at: str | None = None  # ISO 8601, the phone's clock when this request left it
    clock: str | None = None  # "HH:MM" typed by the officer, in the TPS's zone
    note: str = ""
    photo_name: str = ""  # already stored (app/votingday/photos.py)


# ---- voting day and expected times --------------------------------------------------------------------------


def voting_day(session: Session, region_code: str, now: datetime) -> date:
    """The voting day of ``region_code``'s election (``regimes.voting_election``); today when there is none."""
    election = voting_election(session, region_code, now)
    return election.voting_day if election else local_date(now, region_code)


def expected_at(day: date, step: str, region_code: str, s: VotingDaySettings) -> datetime:
    """When ``step`` is expected by, in UTC, on ``day`` in the zone of ``region_code`` (``s``: that region's
    regime's settings, ``regimes.settings_for``)."""
    hh, mm = (int(x) for x in expected_times(s)[str(step)].split(":"))
    return datetime.combine(day, time(hh, mm), zone(region_code)).astimezone(UTC)


# ---- the event time -----------------------------------------------------------------------------------------


def _clock(raw: str | None) -> time | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        parsed = time.fromisoformat(raw)
    except ValueError:
        raise CheckinError("clock", _l("Enter the time as HH:MM, e.g. 06:40.")) from None
    return parsed.replace(second=0, microsecond=0, tzinfo=None)


def event_time(data: CheckinInput, region_code: str, now: datetime, s: VotingDaySettings) -> datetime:
    """The step's time, from the phone's stamps or the typed clock (module docstring). :raise CheckinError:"""
    skew = timedelta(seconds=s.clock_skew_seconds)
    future = CheckinError("clock", _l("The time lies in the future. Check the time of the event."))
    at = now
    if data.occurred_at:
        occurred, sent = parse(data.occurred_at), parse(data.sent_at)
        if occurred is None:
            raise CheckinError("clock", _l("The time of the event could not be read. Enter it again."))
        if sent is not None:
            delay = sent - occurred
            if delay < -skew:
                raise future
            at = now - max(delay, timedelta(0))
        else:
            if occurred > now + skew:
                raise future
            at = min(occurred, now)
    typed = _clock(data.clock)
    if typed is not None:
        day = local_date(at, region_code)
        at = datetime.combine(day, typed, zone(region_code)).astimezone(UTC)
        if at > now + skew:
            raise future
        at = min(at, now)
    if at < now - timedelta(hours=s.max_age_hours):
        raise CheckinError("clock", _l("The time is too long ago for a voting-day step."))
    return at


# ---- recording ----------------------------------------------------------------------------------------------


def agencies_label(step: str, s: VotingDaySettings) -> str:
    return "/".join(Agency.label_of(a) for a in recorders(s).get(str(step), ()))


def existing(session: Session, tps_id: int) -> dict[str, Checkin]:
    rows = session.exec(select(Checkin).where(Checkin.tps_id == tps_id)).all()
    return {str(c.step): c for c in rows}


def record_checkin(session: Session, data: CheckinInput, *, actor: User, now: datetime) -> Checkin:
    """Record one step of one TPS. :raise CheckinError: (out of scope, not this agency's step, twice, out of
    order, a time in the future)"""
    tps = session.get(TPS, data.tps_id) if data.tps_id else None
    if tps is None or not in_scope(tps.village_code, actor.region_code):
        raise CheckinError("tps_id", _l("Choose a TPS in your region."))
    s = settings_for(session, tps.village_code, now)
    try:
        step = Step(data.step)
    except ValueError:
        raise CheckinError("step", _l("Choose the step from the list.")) from None
    if step not in steps_for(actor, s):
        raise CheckinError(
            "step", _l("This step is recorded by %(agencies)s officers.", agencies=agencies_label(step, s))
        )
    note = (data.note or "").strip()
    if len(note) > MAX_NOTE:
        raise CheckinError("note", _l("At most %(num)s characters.", num=MAX_NOTE))
    done = existing(session, tps.id)
    _check_order(step, tps, done)
    at = event_time(data, tps.village_code, now, s)
    _check_after_earlier_steps(at, step, tps, done)
    checkin = Checkin(
        tps_id=tps.id,
        step=step,
        region_code=tps.village_code,
        occurred_at=at,
        recorded_at=now,
        user_id=actor.id,
        agency=actor.agency,
        note=note,
        photo_name=data.photo_name,
    )
    session.add(checkin)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # the same step at the same moment from another phone
        raise CheckinError("step", _l("This step was just recorded by someone else. Nothing was added.")) from None
    audit(
        session,
        actor=actor,
        action="votingday.checkin",
        object_type="tps",
        object_id=tps.id,
        now=now,
        after={"step": step.value, "occurred_at": at.isoformat(), "note": note, "photo": bool(data.photo_name)},
        region_code=tps.village_code,
    )
    notify(session, CHANNEL, tps.village_code)
    return checkin


def _check_order(step: Step, tps: TPS, done: dict) -> None:
    """:raise CheckinError: the step is already recorded, or an earlier one is missing."""
    if step in done:
        prior = done[step]
        raise CheckinError(
            "step",
            _l(
                "%(step)s at %(tps)s was already recorded at %(time)s (%(agency)s). Nothing was added.",
                step=step.label,
                tps=tps.label,
                time=format_time(prior.occurred_at, tps.village_code),
                agency=Agency.label_of(prior.agency),
            ),
        )
    missing = [s_.label for s_ in step.earlier if s_ not in done]
    if missing:
        raise CheckinError(
            "step", _l("Record the earlier steps first: %(steps)s.", steps=", ".join(str(m) for m in missing))
        )


def _check_after_earlier_steps(at: datetime, step: Step, tps: TPS, done: dict) -> None:
    """:raise CheckinError: the event time is before the TPS's previous step."""
    before = [done[e] for e in step.earlier if e in done]
    if before and at < before[-1].occurred_at:
        last = before[-1]
        raise CheckinError(
            "clock",
            _l(
                "The time is before %(step)s (%(time)s). Check the time of the event.",
                step=Step(last.step).label,
                time=format_time(last.occurred_at, tps.village_code),
            ),
        )


# ---- a late opening becomes an incident ----------------------------------------------------------------------


def late_opening(session: Session, tps: TPS, now: datetime) -> tuple[bool, Checkin | None, datetime]:
    """(late?, the start check-in if any, the expected time): not started by its time, or started after it."""
    day = voting_day(session, tps.village_code, now)
    due = expected_at(day, Step.PEMUNGUTAN_DIMULAI, tps.village_code, settings_for(session, tps.village_code, now))
    started = existing(session, tps.id).get(Step.PEMUNGUTAN_DIMULAI.value)
    if started is not None:
        return started.occurred_at > due, started, due
    return now > due, None, due


def late_incident_ids(session: Session, user: User, tps_ids: list[int]) -> dict[int, int]:
    """TPS id → the *TPS terlambat dibuka* incident the user may see (the timeline's rule)."""
    if not tps_ids:
        return {}
    from app.timeline.models import Entry
    from app.timeline.queries import visible_clause

    rows = session.exec(
        select(Entry.tps_id, Entry.id).where(
            Entry.category == LATE_CATEGORY,
            Entry.parent_id.is_(None),
            Entry.tps_id.in_(tps_ids),
            visible_clause(user),
        )
    ).all()
    return {tps_id: entry_id for tps_id, entry_id in rows}


def report_late(session: Session, tps: TPS, *, actor: User, now: datetime):
    """One tap: a *TPS terlambat dibuka* incident on the timeline, through the timeline's own posting service
    (its audit, live announcement, notifications and escalations). Once per TPS. :raise CheckinError:"""
    from app.timeline.models import Entry
    from app.timeline.services import EntryError, post_entry

    if not in_scope(tps.village_code, actor.region_code):
        raise CheckinError("tps_id", _l("Choose a TPS in your region."))
    known = session.exec(
        select(Entry.id).where(Entry.category == LATE_CATEGORY, Entry.tps_id == tps.id, Entry.parent_id.is_(None))
    ).first()
    if known is not None:
        raise CheckinError("tps_id", _l("The late opening of this TPS is already on the timeline."))
    late, started, due = late_opening(session, tps, now)
    if not late:
        raise CheckinError("tps_id", _l("This TPS has not opened late."))
    village = session.get(Region, tps.village_code)
    place = f"{tps.label} {village.label if village else tps.village_code}"
    if started is not None:
        text = _l(
            "%(place)s opened late: voting started at %(time)s (expected by %(due)s).",
            place=place,
            time=format_time(started.occurred_at, tps.village_code),
            due=format_time(due, tps.village_code),
        )
    else:
        text = _l(
            "%(place)s has not opened: no report of voting started by %(now)s (expected by %(due)s).",
            place=place,
            now=format_time(now, tps.village_code),
            due=format_time(due, tps.village_code),
        )
    try:
        entry = post_entry(
            session,
            author=actor,
            kind="kerawanan",
            text=str(text),
            now=now,
            tps_id=tps.id,
            category=LATE_CATEGORY,
            severity="sedang",
            handling_agency="KPU",  # the KPPS opens the TPS; KPU kabupaten acts through PPK/PPS
        )
    except EntryError as exc:
        raise CheckinError("tps_id", exc.message) from None
    notify(session, CHANNEL, tps.village_code)  # open boards turn its "report" button into the incident's link
    return entry
