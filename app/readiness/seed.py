"""Demo data from the seed reports: logistics at about 70% received, Operasi Mantap Praja Menumbing 2024 with
a posting per TPS, TPS-rawan answers, AGHT entries of the Posko Pemilu, one ballot transfer and turnout near
79,80%. Idempotent: nothing is added twice."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.demo.seed import MAIN_REGION, SeedContext
from app.readiness.models import Delivery, LogisticsStock, Operation
from app.readiness.services import deployment, logistics, summary, vulnerability
from app.readiness.services.turnout import TurnoutFigures, ballot_cap, record_counts
from app.regions.models import TPS
from app.regions.services import in_scope

OPERATION = "Operasi Mantap Praja Menumbing 2024"
AGHT = [
    (
        "ancaman",
        "19.02.02",
        "Isu serangan fajar menjelang hari pemungutan suara di desa pesisir.",
        "Desa Membalong dan sekitarnya",
        "tinggi",
        "Patroli gabungan malam H-1 dan sosialisasi larangan politik uang.",
        "POLRI",
    ),
    (
        "gangguan",
        "19.02.01",
        "Baliho pasangan calon dirusak orang tak dikenal di beberapa titik kota.",
        "Jl. Jenderal Sudirman, Tanjungpandan",
        "sedang",
        "Penertiban APK oleh Satpol PP dan pengawasan Bawaslu.",
        "PEMDA",
    ),
    (
        "hambatan",
        "19.02.02",
        "Akses ke TPS di dusun terpencil terganggu bila hujan deras (jalan tanah).",
        "Dusun terpencil Membalong",
        "sedang",
        "Distribusi logistik dimajukan ke H-2 dengan kendaraan gardan ganda.",
        "KPU",
    ),
    (
        "tantangan",
        "19.02",
        "Netralitas ASN dan kepala desa dalam kegiatan kampanye terselubung.",
        "Kabupaten Belitung",
        "sedang",
        "Surat edaran Sekda dan pemantauan bersama Bawaslu.",
        "BAWASLU",
    ),
]


def seed_readiness(session: Session, ctx: SeedContext) -> None:
    tps_list = [t for t in ctx.tps if in_scope(t.village_code, MAIN_REGION)]
    if not tps_list or session.exec(select(Operation).where(Operation.name == OPERATION)).first():
        return
    rng = random.Random(2024)  # noqa: S311 (demo data, not security)
    kpu, polri = ctx.users.get("kpu-operator"), ctx.users.get("polri-operator")
    bawaslu, jaksa = ctx.users.get("bawaslu-operator"), ctx.users.get("kejaksaan-operator")
    voting_day = datetime(2024, 11, 27, 0, 0, tzinfo=UTC)  # 07.00 WIB
    meeting = voting_day - timedelta(days=6)  # the rakor logistik: ~70% received
    for tps in tps_list:
        behind = tps.village_code.startswith("19.02.02")  # Membalong is further from the warehouse
        full_share = 0.55 if behind else 0.72
        for item, needed in logistics.default_needed(tps.dpt).items():
            r = rng.random()
            received = needed if r < full_share else (needed // 2 if r < full_share + 0.2 else 0)
            heavy = 1 if item == "kotak_suara" and received and rng.random() < 0.08 else 0
            light = 1 if item == "bilik" and received and rng.random() < 0.15 else 0
            session.add(
                LogisticsStock(
                    tps_id=tps.id,
                    item=item,
                    needed=needed,
                    received=received,
                    damaged_light=light,
                    damaged_heavy=heavy,
                    updated_at=meeting,
                    updated_by=getattr(kpu, "id", None),
                )
            )
        stage = rng.choice(["gudang", "ppk", "pps"] if behind else ["ppk", "pps", "kpps", "kpps"])
        delivery = Delivery(tps_id=tps.id, updated_by=getattr(kpu, "id", None))
        for i, key in enumerate(["gudang", "ppk", "pps", "kpps"]):
            setattr(delivery, f"{key}_at", meeting - timedelta(days=3 - i, hours=rng.randint(0, 6)))
            if key == stage:
                break
        session.add(delivery)
    session.flush()

    # TPS-rawan (Bawaslu, 10–15 Nov 2024) and the categories they suggest.
    presence: dict[int, set[int]] = {}
    for tps in tps_list:
        answers = {}
        for number in _indicators(rng):
            answers[number] = (True, "Catatan PKD: terpantau pada pemetaan 10–15 November 2024.")
        if answers:
            vulnerability.set_indicators(session, tps, answers, actor=bawaslu, now=voting_day - timedelta(days=14))
        presence[tps.id] = set(answers)

    op = deployment.create_operation(session, OPERATION, MAIN_REGION, actor=polri, now=voting_day - timedelta(days=30))
    by_category: dict[str, list[TPS]] = {}
    for tps in tps_list:
        by_category.setdefault(vulnerability.suggested_category(presence[tps.id]), []).append(tps)
    for category, group in by_category.items():
        deployment.set_category(session, op, group, category, actor=polri, now=voting_day - timedelta(days=7))
    for category, group in by_category.items():
        if category == "kurang_rawan":  # 2 officers per 4 TPS, posted as groups
            for start in range(0, len(group), 4):
                chunk = group[start : start + 4]
                deployment.assign(
                    session,
                    op,
                    chunk,
                    2 if start else 1,
                    0,
                    f"Pos gabungan {start // 4 + 1}",
                    actor=polri,
                    now=voting_day - timedelta(days=5),
                )
        else:
            for i, tps in enumerate(group):
                deployment.assign(
                    session,
                    op,
                    [tps],
                    1 if i % 5 == 4 else 2,
                    1 if category == "sangat_rawan" else 0,
                    actor=polri,
                    now=voting_day - timedelta(days=5),
                )
    for tps in tps_list:
        deployment.set_linmas(
            session, op, tps, 2, actor=ctx.users.get("pemda-operator"), now=voting_day - timedelta(days=4)
        )

    for kind, region, description, place, level, recommendation, to in AGHT:
        vulnerability.create_aght(
            session,
            vulnerability.AghtInput(
                region_code=region,
                kind=kind,
                description=description,
                place=place,
                level=level,
                recommendation=recommendation,
                recommended_to=to,
                visible_to=vulnerability.default_visible_to() + [to],
            ),
            actor=jaksa,
            now=voting_day - timedelta(days=10),
        )

    # Voting day: a ballot shortage solved by sharing between two TPS of one village (10.40 WIB, before the
    # polls close at 13.00), then turnout near 79,80% the KPU 2024 way (DPT + DPTb + DPK, per election type).
    source, target = (
        tps_list[0],
        next((t for t in tps_list[1:] if t.village_code == tps_list[0].village_code), tps_list[1]),
    )
    stock = logistics.stocks_for(session, source, create=True)["surat_suara"]
    if logistics.usable(stock) < 20:
        stock.received = stock.needed
    logistics.record_transfer(
        session,
        source,
        target,
        logistics.TransferInput(
            quantity=15,
            election_type="gubernur",
            reason="Surat suara pemilihan gubernur kurang untuk pemilih DPTb dan DPK.",
            witnesses="PTPS, saksi paslon 01 dan 02",
            outside_village_ok=True,
        ),
        actor=kpu,
        now=voting_day + timedelta(hours=3, minutes=40),
    )
    for tps in tps_list:
        share = min(0.95, max(0.6, rng.gauss(0.80 if tps.village_code.startswith("19.02.02") else 0.795, 0.03)))
        record_counts(
            session,
            tps,
            _counts(session, tps, share, rng),
            actor=kpu,
            now=voting_day + timedelta(hours=7),
            refresh=False,
        )
    summary.refresh_scope(session, MAIN_REGION, now=ctx.now)


def _indicators(rng: random.Random) -> list[int]:
    """Indicators present at one demo TPS: most TPS have one or two common (non-security) ones, some money politics
    or partisanship, a few a security history."""
    out = []
    if rng.random() < 0.6:
        out.append(1)  # disabled voters on the DPT: the most frequent nationally
    if rng.random() < 0.35:
        out.append(2)
    if rng.random() < 0.2:
        out.append(rng.choice([17, 19, 25]))
    if rng.random() < 0.2:
        out.append(rng.choice([10, 13]))  # money politics, partisan officials: these suggest "rawan"
    if rng.random() < 0.08:
        out.append(7)
    return out


def _counts(session: Session, tps: TPS, share: float, rng: random.Random) -> dict[str, TurnoutFigures]:
    """C.HASIL figures of both elections: a few DPTb voters (some from another kabupaten: governor ballot only)
    and a few DPK voters, never above the ballots of the TPS."""
    voted_dpt = round(tps.dpt * share)
    dptb = rng.randint(0, 6)
    from_other_kab = rng.randint(0, dptb)
    out: dict[str, TurnoutFigures] = {}
    for etype, registered_dptb in (("gubernur", dptb), ("bupati_walikota", dptb - from_other_kab)):
        voted_dptb = max(0, registered_dptb - rng.randint(0, 1))
        if out:  # no more DPTb voters than the governor election had
            voted_dptb = min(voted_dptb, out["gubernur"].voted_dptb)
        room = ballot_cap(session, tps, etype) - voted_dpt - voted_dptb
        out[etype] = TurnoutFigures(
            registered_dpt=tps.dpt,
            registered_dptb=registered_dptb,
            voted_dpt=voted_dpt,
            voted_dptb=voted_dptb,
            voted_dpk=max(0, min(rng.randint(0, 3), room)),
        )
    return out
