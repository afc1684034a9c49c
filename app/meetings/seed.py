"""Demo meetings from the seed reports (SPEC.md §1): a finalised KPU logistics meeting with minutes, decisions,
actions (some overdue) and attendance, and an upcoming police security meeting. Idempotent: each meeting is
looked up by title first."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from app.i18n import local
from app.meetings import attendance, minutes, services, versions
from app.meetings.models import AgendaItem, Letterhead, Meeting, Participant

LOGISTICS = "Rapat Koordinasi Logistik Pilkada Kabupaten Belitung 2024"
SECURITY = "Rapat Koordinasi Pengamanan Operasi Mantap Praja Menumbing"
SERIES = "desk-pilkada-belitung"

LETTERHEADS = [
    (
        "KPU",
        "KOMISI PEMILIHAN UMUM",
        "KABUPATEN BELITUNG",
        "Jl. Jenderal Sudirman No. 12, Tanjungpandan, Belitung 33411 · Telp. (0719) 21xxx",
        "Tanjungpandan",
    ),
    (
        "PEMDA",
        "PEMERINTAH KABUPATEN BELITUNG",
        "BADAN KESATUAN BANGSA DAN POLITIK",
        "Jl. Merdeka No. 3, Tanjungpandan, Belitung 33411",
        "Tanjungpandan",
    ),
    (
        "POLRI",
        "KEPOLISIAN NEGARA REPUBLIK INDONESIA",
        "RESOR BELITUNG",
        "Jl. Pattimura No. 1, Tanjungpandan, Belitung 33411",
        "Tanjungpandan",
    ),
]


def _letterheads(session: Session, now: datetime) -> None:
    for agency, line1, line2, address, city in LETTERHEADS:
        exists = session.exec(
            select(Letterhead).where(Letterhead.agency == agency, Letterhead.region_code == "19.02")
        ).first()
        if exists is None:
            session.add(
                Letterhead(
                    agency=agency,
                    region_code="19.02",
                    line1=line1,
                    line2=line2,
                    address=address,
                    city=city,
                    updated_at=now,
                )
            )


def _ids(ctx, *usernames: str) -> list[int]:
    return [ctx.users[u].id for u in usernames if u in ctx.users]


def _logistics(session: Session, ctx) -> None:
    if session.exec(select(Meeting).where(Meeting.title == LOGISTICS)).first() is not None:
        return
    kpu_head, kpu_op = ctx.users["kpu-pimpinan"], ctx.users["kpu-operator"]
    start = datetime(2024, 11, 20, 2, 0, tzinfo=ctx.now.tzinfo)  # 09.00 WIB
    data = services.MeetingInput(
        title=LOGISTICS,
        kind="logistik",
        organiser_agency="KPU",
        region_code="19.02",
        day=date(2024, 11, 20),
        start=time(9, 0),
        end=time(11, 30),
        place="Aula KPU Kabupaten Belitung, Tanjungpandan",
        chair_name=kpu_head.name,
        chair_position=kpu_head.position,
        chair_rank=kpu_head.rank_id,
        chair_user_id=kpu_head.id,
        minute_name=kpu_op.name,
        minute_position=kpu_op.position,
        minute_rank=kpu_op.rank_id,
        series=SERIES,
        opening="Rapat dibuka pukul 09.00 WIB oleh Ketua KPU Kabupaten Belitung dengan menyampaikan tujuan rapat: "
        "memastikan kesiapan logistik pemungutan suara tanggal 27 November 2024.",
        agenda=[
            "Laporan penerimaan perlengkapan pemungutan suara",
            "Pemetaan AGHT (ancaman, gangguan, hambatan, tantangan) oleh Posko Pemilu Kejaksaan Negeri",
            "Rencana distribusi logistik ke PPK, PPS dan TPS",
        ],
        participant_ids=_ids(
            ctx,
            "kejaksaan-operator",
            "polri-operator",
            "bawaslu-pimpinan",
            "pemda-sekretariat",
            "tni-operator",
            "kpu-petugas",
        ),
    )
    meeting = services.create_meeting(session, data, actor=kpu_head, now=start - timedelta(days=3))
    items = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)
    ).all()
    for n, participant in enumerate(
        session.exec(select(Participant).where(Participant.meeting_id == meeting.id)).all()
    ):
        participant.attended_at = start + timedelta(minutes=n * 3 - 10)
        participant.checked_in_by_id = kpu_op.id
        session.add(participant)
    attendance.add_guest(
        session,
        meeting,
        name="Hj. Rosmawati",
        position="Ketua PPK Membalong",
        agency="PPK Membalong",
        phone="+6281366612345",
        present=True,
        actor=kpu_op,
        now=start + timedelta(minutes=5),
    )
    notes = [
        (
            0,
            "discussion",
            kpu_op.name,
            "Kasubbag Logistik KPU",
            "Sekitar 70% perlengkapan pemungutan suara (kotak suara, bilik suara, tinta, alat coblos) sudah diterima "
            "di gudang KPU; sisanya dijadwalkan tiba paling lambat 23 November 2024.",
        ),
        (
            0,
            "discussion",
            "Ahmad Fauzi, S.H.",
            "Ketua KPU",
            "Surat suara dicetak sesuai DPT ditambah 2,5% cadangan per TPS; "
            "penyortiran dan pelipatan mulai 21 November.",
        ),
        (0, "decision", "", "", "Kekurangan perlengkapan dilaporkan harian ke Desk Pilkada sampai lengkap 100%."),
        (
            1,
            "discussion",
            "Putri Maharani, S.H.",
            "Kasi Intelijen Kejari",
            "Posko Pemilu memetakan AGHT: titik rawan banjir di Membalong dan akses laut ke pulau kecil; "
            "rekomendasi disampaikan kepada penyelenggara.",
        ),
        (1, "decision", "", "", "Rekomendasi Posko Pemilu menjadi lampiran rencana distribusi logistik."),
        (
            2,
            "discussion",
            "IPTU Fajar Nugroho",
            "Kasat Intelkam Polres Belitung",
            "Pengawalan logistik dari gudang KPU ke PPK dilakukan oleh personel Polres dengan dukungan Kodim 0414.",
        ),
        (2, "decision", "", "", "Distribusi ke PPK H-3 (24 November), ke PPS dan TPS H-1 dengan pengawalan."),
    ]
    for n, (index, kind, speaker, role, text) in enumerate(notes):
        minutes.add_minute(
            session,
            meeting,
            items[index].id,
            kind=kind,
            speaker=speaker,
            speaker_role=role,
            text=text,
            actor=kpu_op,
            now=start + timedelta(minutes=15 + n * 12),
        )
    actions = [
        (0, "Laporkan sisa perlengkapan yang belum diterima", "KPU", "Nurul Hidayah", date(2024, 11, 23), True),
        (
            1,
            "Serahkan peta AGHT per kecamatan ke KPU dan Bawaslu",
            "KEJAKSAAN",
            "Putri Maharani, S.H.",
            date(2024, 11, 22),
            False,
        ),
        (
            2,
            "Tetapkan jadwal dan rute pengawalan logistik ke PPK",
            "POLRI",
            "IPTU Fajar Nugroho",
            date(2024, 11, 23),
            False,
        ),
        (
            2,
            "Siapkan perahu untuk distribusi ke pulau kecil",
            "PEMDA",
            "Sri Wahyuni, S.Sos.",
            date(2024, 11, 24),
            False,
        ),
    ]
    for index, what, agency, person, due, done in actions:
        action = minutes.add_action(
            session,
            meeting,
            items[index].id,
            what=what,
            owner_agency=agency,
            person=person,
            due_date=due,
            actor=kpu_op,
            now=start + timedelta(minutes=120),
        )
        if done:
            minutes.set_action_status(session, action, True, actor=kpu_op, now=start + timedelta(days=2))
    meeting.closed_at = start + timedelta(minutes=145)
    session.add(meeting)
    session.flush()

    def render(m: Meeting, number: int, code: str) -> bytes:
        from app.meetings.documents import notula_pdf

        return notula_pdf(session, m, version=number, code=code)

    versions.finalise(session, meeting, render=render, actor=kpu_head, now=start + timedelta(hours=3))


def _security(session: Session, ctx) -> None:
    if session.exec(select(Meeting).where(Meeting.title == SECURITY)).first() is not None:
        return
    sek, pim = ctx.users["pemda-sekretariat"], ctx.users["pemda-pimpinan"]
    day = local(ctx.now + timedelta(days=1), "19.02").date()
    data = services.MeetingInput(
        title=SECURITY,
        kind="pengamanan",
        organiser_agency="PEMDA",
        region_code="19.02",
        day=day,
        start=time(9, 0),
        end=time(11, 0),
        place="Ruang Rapat Satya Haprabu Polres Belitung",
        chair_name=pim.name,
        chair_position=pim.position,
        chair_rank=pim.rank_id,
        chair_user_id=pim.id,
        minute_name=sek.name,
        minute_position=sek.position,
        minute_rank=sek.rank_id,
        series=SERIES,
        agenda=[
            "Kesiapan 363 personel pengamanan untuk 452 TPS",
            "Kesiapan sarana dan prasarana pengamanan",
            "Netralitas personel TNI, Polri dan ASN",
            "Tindak lanjut rapat koordinasi logistik",
        ],
        participant_ids=_ids(
            ctx,
            "polri-pimpinan",
            "polri-operator",
            "tni-pimpinan",
            "kpu-pimpinan",
            "bawaslu-pimpinan",
            "kejaksaan-pimpinan",
            "pemda-operator",
        ),
    )
    services.create_meeting(session, data, actor=sek, now=ctx.now)


def seed_meetings(session: Session, ctx) -> None:
    _letterheads(session, ctx.now)
    session.flush()
    _logistics(session, ctx)
    _security(session, ctx)
    session.flush()
