"""When a report legally counts as received, and whether it is a *laporan* yet.

- A laporan is written and signed: Formulir Model A.1 (Pilkada, Perbawaslu 8/2020 jo. 9/2024) or B.1 (Pemilu,
  Perbawaslu 7/2022), signed at the Bawaslu office, or a signed scan with the KTP-el sent by e-mail with the
  originals delivered within the filing window (UU 1/2015 Pasal 134(3), UU 7/2017 Pasal 454(4); PPID Bawaslu Jateng
  FAQ [V]). Until Bawaslu records the signed form (``Complaint.a1_signed_at``) an online or staff-entered report
  only *waits for the signature*, and Bawaslu's handling clocks do not run.
- Bawaslu receives reports Monday–Friday 08.00–16.00 local time, except during masa tenang, voting and
  recapitulation (Perbawaslu 9/2024 as reported by merahputih.com 15 Oct 2024 [S]); see ``ComplaintSettings``.
  A report that arrives outside those hours counts as received when reception next opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import object_session

from app.complaints import deadlines
from app.complaints.settings import ComplaintSettings
from app.complaints.vocab import Kind, Status, form_code, form_name
from app.i18n import local_date
from app.regions.elections import current_election
from app.regions.models import Election, ElectionRegime, Region
from app.regions.services import zoneinfo_for

SEARCH_DAYS = 60  # reception is never closed longer than this (bounded loops)


def _hm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def special_period(day: date, election, recap_days: int) -> bool:
    """Masa tenang, voting day or recapitulation of the election (its own dates, PKPU 2/2024 for 2024)."""
    if election is None:
        return False
    if election.quiet_start and election.quiet_end and election.quiet_start <= day <= election.quiet_end:
        return True
    return election.voting_day <= day <= election.voting_day + timedelta(days=recap_days)


def hours_on(day: date, election, cfg: ComplaintSettings) -> tuple[time, time] | None:
    """Reception hours on a local day, or None when Bawaslu does not receive reports that day."""
    if special_period(day, election, cfg.recapitulation_days):
        hours = cfg.reception_special_hours
        return (_hm(hours[0]), _hm(hours[1])) if len(hours) == 2 else None
    if day.weekday() not in cfg.reception_weekdays or not deadlines.is_working(day, cfg):
        return None
    return _hm(cfg.reception_hours[0]), _hm(cfg.reception_hours[1])


def legal_receipt(moment: datetime, region_code: str, election, cfg: ComplaintSettings) -> datetime:
    """The moment the report legally counts as received: ``moment`` within reception hours, else the next opening."""
    zone = zoneinfo_for(region_code)
    local = moment.astimezone(zone)
    for offset in range(SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        hours = hours_on(day, election, cfg)
        if hours is None:
            continue
        opens = datetime.combine(day, hours[0], tzinfo=zone)
        closes = datetime.combine(day, hours[1], tzinfo=zone)
        if offset == 0 and local >= closes:
            continue
        return moment if offset == 0 and local >= opens else opens.astimezone(moment.tzinfo)
    return moment


def last_reception(
    deadline: date, region_code: str, election, cfg: ComplaintSettings, not_before: date | None = None
) -> datetime | None:
    """The last moment reception is open on or before the filing deadline (UTC), or None if there is none."""
    zone = zoneinfo_for(region_code)
    for back in range(SEARCH_DAYS):
        day = deadline - timedelta(days=back)
        if not_before and day < not_before:
            return None
        hours = hours_on(day, election, cfg)
        if hours is not None:
            return datetime.combine(day, hours[1], tzinfo=zone).astimezone(UTC)
    return None


def awaiting_signature(complaint) -> bool:
    """A laporan whose signed A.1/B.1 Bawaslu has not recorded yet: not a laporan in law, no clock runs."""
    return complaint.kind == Kind.LAPORAN and complaint.a1_signed_at is None


def handling_start(complaint, election, cfg: ComplaintSettings) -> datetime:
    """Where Bawaslu's clocks start: the signed form's legal receipt (laporan), else the report's."""
    moment = complaint.a1_signed_at or complaint.received_at
    return legal_receipt(moment, complaint.region_code, election, cfg)


def election_of(complaint):
    """The election the complaint concerns (None when unknown or detached)."""
    session = object_session(complaint)
    if session is None or not complaint.election_id:
        return None
    return session.get(Election, complaint.election_id)


def complaint_clock(complaint, today: date, cfg: ComplaintSettings):
    """The running clock of the complaint, started at the legal receipt of the signed form (None while waiting)."""
    if awaiting_signature(complaint):
        return None
    start = handling_start(complaint, election_of(complaint), cfg)
    return deadlines.complaint_clock(complaint, today, cfg, start=start)


@dataclass(frozen=True)
class Instruction:
    """What the reporter must still do for the report to become a laporan, and by when."""

    form: str  # "Formulir Model A.1"
    form_code: str  # "A.1"
    office: str  # "Bawaslu Kabupaten Belitung"
    deadline: date  # last day of the filing window
    last_moment: datetime | None  # the last reception hour on or before it (UTC); None: no reception left
    late: bool  # the filing window has already passed
    hours: str = ""  # when Bawaslu receives reports up to the deadline, from the settings ("Senin–Jumat, 08.00–16.00")


WEEKDAY_NAMES = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)


def _clock(hm: time) -> str:
    return hm.strftime("%H.%M")


def reception_hours(today: date, deadline: date, election, cfg: ComplaintSettings) -> str:
    """Bawaslu's reception hours between today and the deadline, as the reporter reads them: the weekday hours
    (``reception_weekdays`` / ``reception_hours``), and the daily ones when the window meets the quiet period,
    voting or recapitulation (``reception_special_hours``), or that reception is closed then."""
    days = sorted(set(cfg.reception_weekdays))
    if days == [0, 1, 2, 3, 4]:
        weekdays = str(_l("Monday to Friday"))
    else:
        weekdays = ", ".join(str(WEEKDAY_NAMES[d]) for d in days if 0 <= d < 7)
    opens, closes = _hm(cfg.reception_hours[0]), _hm(cfg.reception_hours[1])
    text = str(_l("%(days)s, %(open)s–%(close)s", days=weekdays, open=_clock(opens), close=_clock(closes)))
    span = (deadline - today).days
    special = any(special_period(today + timedelta(days=n), election, cfg.recapitulation_days) for n in range(span + 1))
    if not special:
        return text
    hours = cfg.reception_special_hours
    if len(hours) != 2:
        return str(_l("%(usual)s; closed during the quiet period, voting and recapitulation", usual=text))
    daily = str(_l("every day %(open)s–%(close)s", open=_clock(_hm(hours[0])), close=_clock(_hm(hours[1]))))
    return str(_l("%(usual)s; during the quiet period, voting and recapitulation %(daily)s", usual=text, daily=daily))


def instruction(
    session, region_code: str, known_on: date, now: datetime, cfg: ComplaintSettings, regime: str | None = None
) -> Instruction | None:
    """The A.1/B.1 instruction for a report about ``region_code`` learned of on ``known_on`` (None: no region)."""
    region = session.get(Region, ".".join((region_code or "").split(".")[:2])) if region_code else None
    if region is None or known_on is None:
        return None
    today = local_date(now, region.code)
    election = current_election(session, region.code, today)
    regime = regime or (election.regime if election else ElectionRegime.PILKADA)
    deadline = deadlines.filing_deadline(known_on, regime, cfg)
    last = last_reception(deadline, region.code, election, cfg, not_before=today)
    late = last is None or last < now
    return Instruction(
        form_name(regime),
        form_code(regime),
        f"Bawaslu {region.label}",
        deadline,
        None if late else last,
        late,
        reception_hours(today, max(deadline, today), election, cfg),
    )


# What happens next, as the reporter reads it on the status page (the deadline comes from the running clock).
NEXT_STEPS = {
    Status.DITERIMA: _l("Bawaslu checks the formal and material requirements (kajian awal)."),
    Status.KAJIAN_AWAL: _l("Bawaslu checks the formal and material requirements (kajian awal)."),
    Status.PERLU_PERBAIKAN: _l("Complete your report with what Bawaslu asked for, before the initial review ends."),
    Status.DIREGISTRASI: _l("Bawaslu examines the report and decides whether a violation occurred."),
    Status.KLARIFIKASI: _l("Bawaslu hears the parties and witnesses (klarifikasi), then decides."),
    Status.KAJIAN: _l("Bawaslu examines the report and decides whether a violation occurred."),
    Status.INFORMASI_AWAL: _l(
        "Bawaslu may follow this information up as its own finding; nothing more is needed from you."
    ),
}
CLOSED_STEP = _l("Bawaslu has decided; the history below says where the report went.")


def next_step(complaint, today: date, cfg: ComplaintSettings) -> tuple[str, object]:
    """(what happens next, the running clock or None) for the reporter's status page."""
    status = Status(complaint.status)
    text = NEXT_STEPS.get(status, CLOSED_STEP)
    return str(text), complaint_clock(complaint, today, cfg)


def instruction_for(session, complaint, now: datetime, cfg: ComplaintSettings) -> Instruction | None:
    """The A.1/B.1 instruction while ``complaint`` (a laporan) waits for its signature; None otherwise."""
    if complaint is None or not awaiting_signature(complaint):
        return None
    return instruction(session, complaint.region_code, complaint.known_on, now, cfg, regime=complaint.regime)
