"""Demo roster: every agency of the Belitung desk on duty on voting day (27 Nov 2024, three shifts from 23.00 the
night before) and around the moment the seed runs (the shift before, the one running, the next), plus hand-over
notes at the morning shift change of voting day and at the start of the current shift. Idempotent: nothing is
added when the desk already has a shift on voting day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from app.auth.models import User
from app.duty import handover
from app.duty.models import DutyHandover, DutyShift
from app.forms import phone_e164
from app.i18n import zone

REGION = "19.02"
VOTING_DAY = date(2024, 11, 27)
# Per agency: who stands each shift, in turn (an account's username, or a name and phone without an account),
# and the post. The morning shift of voting day is the desk operators' (they are alerted first).
ROSTER = {
    "POLRI": (["polri-petugas", "polri-operator", ("AIPTU Suharto", "081377120045")], "Posko Polres Belitung"),
    "TNI": (["tni-petugas", "tni-operator", ("Serma Budi Santoso", "081369004512")], "Makodim 0414/Belitung"),
    "KPU": ([("Rina Marlina", "081933410078"), "kpu-operator", "kpu-petugas"], "Kantor KPU Kabupaten Belitung"),
    "BAWASLU": ([("Hendri Saputra", "082178004466"), "bawaslu-operator", "bawaslu-petugas"], "Sekretariat Bawaslu"),
    "KEJAKSAAN": (
        [("Yusuf Maulana", "081271550903"), "kejaksaan-operator", "kejaksaan-petugas"],
        "Posko Pemilu Kejari",
    ),
    "PEMDA": (["pemda-petugas", "pemda-operator", "pemda-sekretariat"], "Ruang Desk Pilkada, rumah dinas Bupati"),
}
HOURS = 8
FIRST = 7  # 07.00 local: the morning shift


def _person(ctx, who) -> dict:
    if isinstance(who, tuple):
        return {"user_id": None, "name": who[0], "phone": who[1]}
    user = ctx.users.get(who)
    return {"user_id": user.id if user else None, "name": user.name if user else who, "phone": ""}


def _blocks(start: datetime, count: int) -> list[tuple[datetime, datetime]]:
    return [(start + timedelta(hours=HOURS * i), start + timedelta(hours=HOURS * (i + 1))) for i in range(count)]


def _add(session: Session, ctx, agency: str, span, who, post: str) -> DutyShift:
    person = _person(ctx, who)
    creator = ctx.users.get(f"{agency.lower()}-operator")
    shift = DutyShift(
        agency=agency,
        region_code=REGION,
        starts_at=span[0],
        ends_at=span[1],
        user_id=person["user_id"],
        name=person["name"],
        phone=phone_e164(person["phone"]) if person["phone"] else None,
        post=post,
        created_by_id=creator.id,
        created_at=span[0] - timedelta(days=2),
        updated_at=span[0] - timedelta(days=2),
    )
    if shift.user_id and not shift.phone:
        shift.phone = session.get(User, shift.user_id).phone
    session.add(shift)
    return shift


def current_block(now: datetime) -> datetime:
    """Start of the shift running at ``now`` (07.00, 15.00 or 23.00 local)."""
    tz = zone(REGION)
    here = now.astimezone(tz)
    start = datetime.combine(here.date(), time(FIRST), tz)
    while start > here:
        start -= timedelta(hours=HOURS)
    while start + timedelta(hours=HOURS) <= here:
        start += timedelta(hours=HOURS)
    return start


def seed_duty(session: Session, ctx) -> None:
    tz = zone(REGION)
    night = datetime.combine(VOTING_DAY, time(FIRST), tz) - timedelta(hours=HOURS)
    exists = session.exec(select(DutyShift.id).where(DutyShift.starts_at == night)).first()
    if exists is not None or "polri-operator" not in ctx.users:
        return
    # Written directly (not through add_shift): the service refuses shifts that have ended, which is all of these.
    for agency, (people, post) in ROSTER.items():
        for i, span in enumerate(_blocks(night, 3)):
            _add(session, ctx, agency, span, people[i], post)
    today = current_block(ctx.now) - timedelta(hours=HOURS)
    for agency, (people, post) in ROSTER.items():
        for i, span in enumerate(_blocks(today, 3)):
            if span[0] <= night + timedelta(hours=3 * HOURS) and span[1] > night:
                continue  # the seed runs on voting day itself: those shifts are there already
            _add(session, ctx, agency, span, people[i], post)
    session.flush()


def seed_handovers(session: Session, ctx) -> None:
    """After the other seeders (today's incident, the instructions): the night officer's note at the morning shift
    change of voting day, the TNI desk's at the afternoon change (the Sekda's instruction still unread by one of
    them), and the note the current Polri officer has just prepared for the next shift (its list fills itself
    with what is open now). Idempotent (marker text)."""
    if session.exec(select(DutyHandover.id).where(DutyHandover.note == NOTES[0][2])).first() is not None:
        return
    morning = datetime.combine(VOTING_DAY, time(FIRST), zone(REGION))
    for username, at, text in NOTES:
        author = ctx.users.get(username)
        if author is not None:
            handover.write(session, actor=author, note=text, now=morning - at if at else ctx.now - timedelta(minutes=3))


NOTES = [
    (
        "polri-petugas",
        timedelta(minutes=5),
        "Malam aman. Patroli gabungan dengan Babinsa ke gudang logistik PPK Membalong pukul 02.00 dan 05.00; "
        "segel kotak suara utuh. Personel pengamanan TPS berangkat dari Mapolres pukul 05.30.",
    ),
    (
        "polri-operator",
        None,
        "Spanduk provokatif di dekat kantor PPK Membalong belum diturunkan: Bhabinkamtibmas sudah berkoordinasi "
        "dengan Satpol PP. Mohon dipantau; hubungi Kasat Intelkam bila ada pengerahan massa.",
    ),
    (
        "tni-operator",
        -timedelta(hours=7, minutes=55),
        "Situasi TPS di wilayah Kodim kondusif; Babinsa mendampingi penghitungan suara. Instruksi Sekda pukul "
        "06.30 belum dibaca Dandim: mohon disampaikan langsung.",
    ),
]
