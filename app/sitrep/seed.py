"""Demo situation reports of the Belitung desk: the signed report of voting day (Rabu 27 November 2024,
00.00–20.00 WIB, signed 20.30 WIB) with the desk head's judgement, and a draft of the day the demo is seeded
(or of H-1 when that is voting day itself). Idempotent (nothing is made when the desk has reports)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.sitrep import services
from app.sitrep.models import SitrepReport

DESK = "19.02"
KEBUTUHAN = "Tambahan 2 unit kendaraan roda empat untuk pergeseran kotak suara dari Kecamatan Membalong ke PPK."
REKOMENDASI = "Patroli gabungan Polri-TNI mengawal rekapitulasi di PPK mulai pukul 08.00 WIB."
KEBUTUHAN_DRAFT = "Genset cadangan untuk gudang logistik KPU selama rekapitulasi."


def _wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 11, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


def seed_sitrep(session: Session, ctx) -> None:
    head = ctx.users.get("pemda-pimpinan")
    if head is None:
        return
    if session.exec(select(SitrepReport.id).where(SitrepReport.region_code == DESK)).first() is not None:
        return
    signed = services.create_report(
        session, actor=head, now=_wib(27, 20, 5), region_code=DESK, start=_wib(27, 0), end=_wib(27, 20)
    )
    services.edit_narrative(
        session,
        signed,
        {"situasi_umum": signed.situasi_umum, "kebutuhan": KEBUTUHAN, "rekomendasi": REKOMENDASI},
        actor=head,
        now=_wib(27, 20, 20),
    )
    services.sign(session, signed, actor=head, now=_wib(27, 20, 30), confirmed=True)
    start, end = services.default_period(DESK, ctx.now)
    if start == signed.period_start:
        start, end = _wib(26, 0), _wib(26, 20)
    draft = services.create_report(session, actor=head, now=ctx.now, region_code=DESK, start=start, end=end)
    services.edit_narrative(
        session,
        draft,
        {"situasi_umum": draft.situasi_umum, "kebutuhan": KEBUTUHAN_DRAFT, "rekomendasi": ""},
        actor=head,
        now=ctx.now,
    )


NEIGHBOUR = "19.06"  # Belitung Timur: signs today's report, so the province roll-up has one desk in each state
NEIGHBOUR_INCIDENTS = (
    # (village, category, text, resolution note or "" while still being handled)
    (
        "19.06.01.2001",
        "op.logistik_terlambat",
        "Distribusi kotak suara ke Desa Lalang tertunda karena jalan tergenang; truk KPU menunggu air surut.",
        "",
    ),
    (
        "19.06.02.2001",
        "op.konflik_tps",
        "Adu mulut dua kelompok pendukung di dekat lokasi TPS 01; dilerai Bhabinkamtibmas.",
        "Kedua kelompok dipertemukan dengan kepala desa dan sepakat menjaga ketertiban.",
    ),
)
NEIGHBOUR_NEEDS = "Perahu karet untuk distribusi logistik ke desa yang tergenang."


def seed_neighbour_desk(session: Session, ctx) -> None:
    """Belitung Timur's day: two incidents (one resolved) and today's report, signed by its desk head, while
    Belitung's own report of today stays a draft. Idempotent (nothing when the desk has reports)."""
    from app.timeline import services as timeline

    head, officer = ctx.users.get("beltim-pemda-pimpinan"), ctx.users.get("beltim-polri-operator")
    if head is None or officer is None:
        return
    if session.exec(select(SitrepReport.id).where(SitrepReport.region_code == NEIGHBOUR)).first() is not None:
        return
    start, end = services.default_period(NEIGHBOUR, ctx.now)
    until = min(end, ctx.now)
    _neighbour_logistics(session, ctx, at=start)
    for step, (village, category, text, resolution) in enumerate(NEIGHBOUR_INCIDENTS, start=1):
        at = start + (until - start) * step / 3  # inside today's period whatever the hour of the seed
        entry = timeline.post_entry(
            session,
            author=officer,
            kind="kerawanan",
            text=text,
            now=at,
            village_code=village,
            category=category,
            severity="sedang",
            handling_agency="POLRI",
            emit=False,
        )
        if resolution:
            timeline.change_status(session, entry, "selesai", actor=officer, now=at + (until - at) / 2, note=resolution)
    report = services.create_report(session, actor=head, now=until, region_code=NEIGHBOUR, start=start, end=end)
    services.edit_narrative(
        session,
        report,
        {"situasi_umum": report.situasi_umum, "kebutuhan": NEIGHBOUR_NEEDS, "rekomendasi": ""},
        actor=head,
        now=until,
    )
    services.sign(session, report, actor=head, now=until, confirmed=True)


def _neighbour_logistics(session: Session, ctx, *, at) -> None:
    """Belitung Timur's logistics: complete except the ballot boxes of the flooded village (Lalang)."""
    from app.readiness.models import LogisticsStock
    from app.readiness.services import logistics, summary

    head = ctx.users.get("beltim-pemda-pimpinan")
    for tps in (t for t in ctx.tps if t.village_code.startswith(NEIGHBOUR + ".")):
        flooded = tps.village_code == NEIGHBOUR_INCIDENTS[0][0]
        for item, needed in logistics.default_needed(tps.dpt).items():
            short = flooded and item == "kotak_suara"
            session.add(
                LogisticsStock(
                    tps_id=tps.id,
                    item=item,
                    needed=needed,
                    received=0 if short else needed,
                    updated_at=at,
                    updated_by=getattr(head, "id", None),
                )
            )
    session.flush()
    summary.refresh_scope(session, NEIGHBOUR, now=ctx.now)  # the pages and reports read the village summaries
