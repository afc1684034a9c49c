"""Demo instructions: the Sekda's on voting day (06.30 WIB, to the heads and desk operators of every agency), read by
most and not by two; and one sent shortly before the seed runs, to the agency heads, read by three of five (the
other two see it on top of every page, and the reminder job reminds them once). Idempotent (marker text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.instructions import services
from app.instructions.models import Instruction

VOTING_DAY_TEXT = (
    "Seluruh unsur Forkopimda agar melaporkan kesiapan personel dan logistik di TPS masing-masing kepada Desk "
    "Pilkada paling lambat pukul 07.00 WIB melalui Sinergi."
)
TODAY_TEXT = (
    "Mohon kepala instansi hadir di Desk Pilkada, rumah dinas Bupati, pukul 19.30 WIB untuk evaluasi harian "
    "pengamanan dan tindak lanjut laporan kerawanan."
)
# Who read the voting-day instruction, and when (WIB).
READ_VOTING_DAY = {
    "polri-pimpinan": "06.34",
    "polri-operator": "06.31",
    "kpu-pimpinan": "06.40",
    "kpu-operator": "06.33",
    "bawaslu-pimpinan": "06.45",
    "bawaslu-operator": "06.38",
    "tni-operator": "06.36",
    "kejaksaan-pimpinan": "06.52",
    "pemda-operator": "06.31",
}
READ_TODAY = {"polri-pimpinan": 4, "kpu-pimpinan": 11, "bawaslu-pimpinan": 17}  # minutes after it was sent


def _wib(hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split("."))
    return datetime(2024, 11, 27, h, m, tzinfo=UTC) - timedelta(hours=7)


def seed_instructions(session: Session, ctx) -> None:
    sekda = ctx.users.get("pemda-pimpinan")
    if sekda is None or session.exec(select(Instruction.id).where(Instruction.text == VOTING_DAY_TEXT)).first():
        return
    first = services.send(
        session,
        actor=sekda,
        text=VOTING_DAY_TEXT,
        audience=services.Audience([], ["pimpinan", "operator"], "19.02"),
        now=_wib("06.30"),
        remind_after=15,
    )
    for username, hhmm in READ_VOTING_DAY.items():
        if username in ctx.users:
            services.acknowledge(session, first, actor=ctx.users[username], now=_wib(hhmm))
    _remind(session, _wib("06.46"))
    sent = ctx.now - timedelta(minutes=40)
    today = services.send(
        session,
        actor=sekda,
        text=TODAY_TEXT,
        audience=services.Audience([], ["pimpinan"], "19.02"),
        now=sent,
        remind_after=30,
    )
    for username, minutes in READ_TODAY.items():
        if username in ctx.users:
            services.acknowledge(session, today, actor=ctx.users[username], now=sent + timedelta(minutes=minutes))


def _remind(session: Session, now: datetime) -> None:
    """The reminder round of 06.46 on voting day, as the job would have run it."""
    from app.instructions.queries import due_reminders
    from app.notifications.services import notify

    for reminder in due_reminders(session, now):
        notify(
            session,
            user_ids=reminder.user_ids,
            kind="reminder",
            key=reminder.key,
            title=reminder.title,
            body=reminder.body,
            url=reminder.url,
            now=now,
        )
