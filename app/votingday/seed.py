"""Demo: the Belitung TPS on voting day (27 Nov 2024) with a believable pattern of check-ins: most on time, a
few late, two TPS silent since 07.15 (security arrived, nothing from the KPPS), one late opening turned into a
*TPS terlambat dibuka* incident on the timeline. Idempotent: nothing is added when any check-in exists."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from app.i18n import zone
from app.regions.services import in_scope
from app.votingday import assignments, services
from app.votingday.models import Checkin, TpsAssignment
from app.votingday.vocab import Step

REGION = "19.02"
VOTING_DAY = date(2024, 11, 27)
# Who reports where (the demo's field officers by kecamatan); the desk operators cover the rest.
SECURITY = {"19.02.02": "polri-petugas", "19.02.01": "tni-petugas"}
VOTING = {"19.02.02": "kpu-petugas", "19.02.01": "bawaslu-petugas"}
# Minutes after midnight, local time, per step: the on-time pattern (varied per TPS below).
ON_TIME = {
    Step.PETUGAS_TIBA: 6 * 60 + 5,
    Step.TPS_SIAP: 6 * 60 + 40,
    Step.PEMUNGUTAN_DIMULAI: 7 * 60,
    Step.PEMUNGUTAN_SELESAI: 13 * 60,
    Step.PENGHITUNGAN_SELESAI: 16 * 60 + 30,
    Step.KOTAK_DISERAHKAN: 19 * 60 + 30,
}
SPREAD = {  # how far (minutes) the on-time reports spread
    Step.PETUGAS_TIBA: 25,
    Step.TPS_SIAP: 18,
    Step.PEMUNGUTAN_DIMULAI: 10,
    Step.PEMUNGUTAN_SELESAI: 9,
    Step.PENGHITUNGAN_SELESAI: 170,
    Step.KOTAK_DISERAHKAN: 150,
}
SILENT = (7, 31)  # positions among the Belitung TPS: security arrived, then nothing
LATE_OPENING = 3  # voting started 07.48: the incident
LATE = {12: 24, 20: 31, 38: 19}  # position → minutes late for TPS siap and pemungutan dimulai
NOTES = {
    LATE_OPENING: "Kunci gudang PPS terlambat diantar; KPPS baru lengkap pukul 07.40.",
    12: "Ketua KPPS terlambat datang, bilik dipasang ulang.",
}


def _user(ctx, table: dict, village_code: str, fallback: str):
    for prefix, username in table.items():
        if in_scope(village_code, prefix) and username in ctx.users:
            return ctx.users[username]
    return ctx.users.get(fallback)


def seed_checkins(session: Session, ctx) -> None:
    if session.exec(select(Checkin.id)).first() is not None or "kpu-operator" not in ctx.users:
        return
    tz = zone(REGION)
    midnight = datetime.combine(VOTING_DAY, time(0), tz)
    belitung = sorted(
        (t for t in ctx.tps if in_scope(t.village_code, REGION)), key=lambda t: (t.village_code, t.number)
    )
    late_tps = None
    for i, tps in enumerate(belitung):
        security = _user(ctx, SECURITY, tps.village_code, "polri-operator")
        voting = _user(ctx, VOTING, tps.village_code, "kpu-operator")
        for step in Step:
            if i in SILENT and step != Step.PETUGAS_TIBA:
                continue
            minutes = ON_TIME[step] + (i * 7 + list(Step).index(step) * 3) % SPREAD[step]
            if step in (Step.TPS_SIAP, Step.PEMUNGUTAN_DIMULAI):
                minutes += LATE.get(i, 0)
                if i == LATE_OPENING:
                    minutes = 7 * 60 + (30 if step == Step.TPS_SIAP else 48)
            if step == Step.PETUGAS_TIBA and i % 11 == 5:
                minutes += 22  # a few security arrivals after 06.30
            at = (midnight + timedelta(minutes=minutes)).astimezone(midnight.tzinfo)
            who = security if step == Step.PETUGAS_TIBA else voting
            session.add(
                Checkin(
                    tps_id=tps.id,
                    step=step,
                    region_code=tps.village_code,
                    occurred_at=at,
                    recorded_at=at + timedelta(seconds=20 + i % 40),
                    user_id=who.id,
                    agency=who.agency,
                    note=NOTES.get(i, "") if step == Step.PEMUNGUTAN_DIMULAI else "",
                )
            )
        if i == LATE_OPENING:
            late_tps = tps
    session.flush()
    if late_tps is not None:
        reporter = _user(ctx, VOTING, late_tps.village_code, "kpu-operator")
        services.report_late(session, late_tps, actor=reporter, now=midnight + timedelta(hours=7, minutes=50))
        session.flush()


POSTED_PER_OFFICER = 4  # the demo's field officers each cover the first TPS of their kecamatan
MANAGER = {"POLRI": "polri-operator", "TNI": "tni-operator", "KPU": "kpu-operator", "BAWASLU": "bawaslu-operator"}


def seed_assignments(session: Session, ctx) -> None:
    """Each demo field officer posted by their agency's operator to the first TPS of their kecamatan, so their
    check-in form opens on their own TPS. Idempotent: nothing is added when any posting exists."""
    if session.exec(select(TpsAssignment.id)).first() is not None:
        return
    belitung = sorted(
        (t for t in ctx.tps if in_scope(t.village_code, REGION)), key=lambda t: (t.village_code, t.number)
    )
    for table in (SECURITY, VOTING):
        for kecamatan, username in table.items():
            officer = ctx.users.get(username)
            manager = ctx.users.get(MANAGER.get(str(getattr(officer, "agency", ""))))
            if officer is None or manager is None:
                continue
            for tps in [t for t in belitung if in_scope(t.village_code, kecamatan)][:POSTED_PER_OFFICER]:
                assignments.assign(session, tps_id=tps.id, officer_id=officer.id, actor=manager, now=ctx.now)
