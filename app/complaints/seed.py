"""Demo complaints drawn from the seed reports (SPEC.md §1): ASN campaigning on social media, a village head at
a campaign event, money politics near a TPS… at several stages. Idempotent: keyed by the event summary.

Every complaint is dated within the stages of the election it concerns (campaign 25 Sep – 23 Nov 2024, masa
tenang 24–26 Nov, voting 27 Nov, recapitulation to 16 Dec: PKPU 2/2024, domain.md §8), counted from the seeded
election's voting day, at Bawaslu's reception hours where the report was handed in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import select

from app.complaints.inputs import ComplaintCreate
from app.complaints.models import Complaint
from app.complaints.services import gakkumdu as gk
from app.complaints.services import handling, routing
from app.complaints.services.intake import create_complaint
from app.i18n import zone

REGION = "19.02"
PILKADA_2024 = date(2024, 11, 27)  # voting day when the seed has no election (PKPU 2/2024)
DEMO_NIKS = ["1902015708850002", "1902024203910001", "1902011112800003", "1902026605880004"]


def _input(**kw) -> ComplaintCreate:
    base = {"region_code": REGION, "subject_type": "asn", "violation_type": "skb02", "truth_statement": True}
    return ComplaintCreate.model_validate({**base, **kw})


def _clock(ctx):
    """``at(days from voting day, hour, minute)`` in the region's local time, as UTC."""
    election = getattr(ctx, "elections", {}).get(REGION)
    vday = election.voting_day if election else PILKADA_2024
    local = zone(REGION)

    def at(days: int, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(vday + timedelta(days=days), time(hour, minute), tzinfo=local).astimezone(UTC)

    return vday, at


def seed_complaints(session, ctx) -> None:
    existing = {c.event_summary for c in session.exec(select(Complaint)).all()}
    users = ctx.users
    op, head = users.get("bawaslu-operator"), users.get("bawaslu-pimpinan")
    if op is None or head is None:
        return
    vday, at = _clock(ctx)

    def add(summary, when, **kw):
        if summary in existing or when > ctx.now:  # never a complaint from the future
            return None
        return create_complaint(session, _input(event_summary=summary, **kw), now=when).complaint

    def signed(c, when):
        handling.record_signature(session, c, when, "kantor", actor=op, now=when)

    _asn_case(session, add, signed, at, vday, op, head)
    _kades_case(session, add, signed, at, vday, op, head, users.get("polri-operator"))
    _money_politics(add, at, vday)
    _late_polri(session, add, signed, at, vday, op)
    _awaiting_signature(add, at, vday)
    _incomplete_lurah(session, add, signed, at, vday, op)
    session.flush()


def _asn_case(session, add, signed, at, vday, op, head) -> None:
    """1. ASN campaigning on social media during the campaign → registered, proven, routed to BKN, outcome."""
    c = add(
        "ASN guru mengunggah ajakan memilih paslon di Facebook",
        at(-21, 10),
        subject_name="Hendri Saputra, S.Pd.",
        subject_institution="SD Negeri 21 Tanjungpandan",
        subject_position="Guru (PNS)",
        occurred_on=vday - timedelta(days=23),
        known_on=vday - timedelta(days=22),
        event_place="Akun Facebook terlapor (grup 'Info Belitung')",
        event_region_code="19.02.01",
        description="Terlapor mengunggah foto paslon nomor urut 2 dengan keterangan ajakan memilih, "
        "dibagikan ulang di grup warga. Tangkapan layar terlampir.",
        reporter_name="Nurhasanah",
        reporter_nik=DEMO_NIKS[0],
        reporter_phone="+6281273450011",
        reporter_address="Jl. Sriwijaya No. 14, Tanjungpandan",
        reporter_occupation="Ibu rumah tangga",
        reporter_gender="P",
        witnesses=[{"name": "Rahmat Hidayat", "address": "Tanjungpandan", "phone": "+6281273450022"}],
    )
    if c is None:
        return
    signed(c, at(-21, 10, 30))
    handling.transition(session, c, "kajian_awal", actor=op, now=at(-21, 11))
    handling.set_checklist(session, c, set(handling.checklist_keys(c)), actor=op, now=at(-21, 11))
    handling.transition(session, c, "diregistrasi", actor=op, now=at(-20, 9))
    handling.transition(session, c, "klarifikasi", actor=op, now=at(-19, 10))
    handling.transition(session, c, "kajian", actor=op, now=at(-18, 10))
    handling.transition(session, c, "terbukti", actor=head, now=at(-16, 14))
    r = routing.route(
        session, c, "bkn", "045/PP.01.02/K.BB-02/XI/2024", (vday - timedelta(days=15)), actor=op, now=at(-15, 10)
    )
    routing.record_outcome(
        session, r, c, "BKN merekomendasikan hukuman disiplin berat kepada PPK.", "berat", actor=op, now=at(2, 10)
    )


def _kades_case(session, add, signed, at, vday, op, head, polri) -> None:
    """2. A village head speaking at a campaign rally → Sentra Gakkumdu, in penyidikan."""
    c = add(
        "Kepala desa berorasi di kampanye paslon di Membalong",
        at(-12, 9),
        subject_type="kades",
        violation_type="desa_kampanye",
        subject_name="Suhardi",
        subject_institution="Pemerintah Desa Membalong",
        subject_position="Kepala Desa",
        subject_address="Kantor Desa Membalong",
        occurred_on=vday - timedelta(days=13),
        known_on=vday - timedelta(days=13),
        event_place="Lapangan Desa Membalong",
        event_region_code="19.02.02",
        description="Pada kampanye terbuka, kepala desa naik panggung dan mengajak warga memilih paslon. "
        "Video diunggah warga ke media sosial.",
        reporter_name="Yusuf Maulana",
        reporter_nik=DEMO_NIKS[1],
        reporter_phone="+6281367781122",
        reporter_address="Dusun Air Batu, Membalong",
        reporter_occupation="Nelayan",
        reporter_gender="L",
        witnesses=[{"name": "Samsul Bahri", "address": "Membalong"}, {"name": "Ika Lestari", "address": "Membalong"}],
        evidence_items=[
            {
                "kind": "video",
                "description": "Video orasi kepala desa di panggung kampanye (rekaman warga)",
                "medium": "Flashdisk, diserahkan saat menandatangani Formulir A.1",
            }
        ],
    )
    if c is None:
        return
    # The order of Perber Bawaslu–Kapolri–Jaksa Agung 2020 (domain.md §1.2, review §1f): the first Gakkumdu
    # discussion with the laporan, registration, the inquiry beside Bawaslu's kajian, the second discussion, the
    # pleno, and then (1×24 jam) the forwarding to the penyidik.
    signed(c, at(-12, 9, 20))
    handling.transition(session, c, "kajian_awal", actor=op, now=at(-12, 10))
    case = gk.open_first_discussion(session, c, actor=op, now=at(-12, 11), article="Pasal 188 jo. Pasal 71 UU 10/2016")
    handling.set_checklist(session, c, set(handling.checklist_keys(c)), actor=op, now=at(-12, 13))
    handling.transition(session, c, "diregistrasi", actor=op, now=at(-12, 14))
    handling.transition(session, c, "kajian", actor=op, now=at(-11, 9))
    if polri is not None:
        gk.advance(session, case, "penyelidikan", actor=polri, now=at(-11, 10), note="LHP disusun")
        gk.advance(session, case, "pembahasan_kedua", actor=op, now=at(-8, 10))
    handling.transition(session, c, "terbukti", actor=head, now=at(-8, 14))
    routing.route(
        session, c, "gakkumdu", "051/PP.01.02/K.BB-02/XI/2024", vday - timedelta(days=8), actor=op, now=at(-8, 15)
    )
    if polri is not None:
        gk.advance(session, case, "penyidikan", actor=op, now=at(-7, 10))


def _money_politics(add, at, vday) -> None:
    """3. Money politics in the masa tenang ("serangan fajar"), anonymous → informasi awal."""
    add(
        "Pembagian amplop di dekat TPS 003 Desa Lassar (serangan fajar)",
        at(0, 6, 30),
        subject_type="lainnya",
        violation_type="politik_uang",
        subject_name="Tim sukses paslon (belum diketahui)",
        occurred_on=vday - timedelta(days=1),
        known_on=vday - timedelta(days=1),
        anonymous=True,
        event_place="Sekitar TPS 003, Desa Lassar",
        event_region_code="19.02.02",
        description="Malam sebelum pemungutan suara beberapa orang membagikan amplop berisi uang kepada warga "
        "di sekitar TPS 003.",
    )


def _late_polri(session, add, signed, at, vday, op) -> None:
    """4. Late filing: a Polri member's photo with a candidate, learned of 10 days before; signed, in kajian awal
    (registering it needs a stated reason)."""
    c = add(
        "Anggota Polri berfoto dengan simbol jari paslon",
        at(2, 10),
        subject_type="polri",
        violation_type="aparat_medsos",
        subject_name="BRIPDA R.",
        subject_institution="Polsek Tanjungpandan",
        occurred_on=vday - timedelta(days=9),
        known_on=vday - timedelta(days=8),
        event_place="Instagram",
        event_region_code="19.02.01",
        description="Foto terlapor berseragam dengan pose jari nomor urut paslon beredar di Instagram.",
        reporter_name="Dewi Anggraini",
        reporter_nik=DEMO_NIKS[2],
        reporter_phone="+6281933450099",
        reporter_address="Jl. Diponegoro No. 3, Tanjungpandan",
        reporter_gender="P",
        disclosure_consent=True,
    )
    if c is not None:
        signed(c, at(2, 11))
        handling.transition(session, c, "kajian_awal", actor=op, now=at(2, 13))


def _awaiting_signature(add, at, vday) -> None:
    """5. Sent online in the evening of the masa tenang: waits for the reporter's signed A.1."""
    add(
        "Camat menghadiri deklarasi pemenangan paslon",
        at(-3, 20, 15),
        subject_name="Drs. Mulyadi",
        subject_institution="Kecamatan Membalong",
        subject_position="Camat",
        violation_type="skb04",
        occurred_on=vday - timedelta(days=5),
        known_on=vday - timedelta(days=4),
        event_place="Gedung Serbaguna Membalong",
        event_region_code="19.02.02",
        description="Terlapor hadir dan memberi sambutan pada acara deklarasi tim pemenangan paslon.",
        reporter_name="Agus Priyanto",
        by_proxy=True,  # filed through a lawyer with a special power of attorney
        proxy_name="Hendra Gunawan, S.H.",
        proxy_address="Jl. Melati No. 2, Tanjungpandan",
        proxy_phone="+6281922334455",
        reporter_nik=DEMO_NIKS[3],
        reporter_phone="+6285267001234",
        reporter_address="Desa Membalong",
        reporter_gender="L",
    )


def _incomplete_lurah(session, add, signed, at, vday, op) -> None:
    """6. A lurah's banner, incomplete: the reporter was asked to complete it."""
    c = add(
        "Lurah memasang baliho paslon di kantor kelurahan",
        at(1, 9),
        subject_type="lurah",
        violation_type="skb01",
        subject_name="Rusdi, S.E.",
        subject_institution="Kelurahan Pangkal Lalang",
        subject_position="Lurah",
        occurred_on=vday - timedelta(days=4),
        known_on=vday - timedelta(days=3),
        event_place="Kantor Kelurahan Pangkal Lalang",
        event_region_code="19.02.01",
        description="Baliho bergambar paslon terpasang di pagar kantor kelurahan sejak seminggu lalu.",
        reporter_name="Fitriani",
        reporter_nik="1902014107920005",
        reporter_phone="+6281271234567",
        reporter_address="Pangkal Lalang, Tanjungpandan",
        reporter_gender="P",
    )
    if c is not None:
        signed(c, at(1, 9, 20))
        handling.transition(session, c, "kajian_awal", actor=op, now=at(1, 10))
        handling.transition(
            session,
            c,
            "perlu_perbaikan",
            actor=op,
            now=at(2, 9),
            public_message="Mohon lampirkan foto baliho dan identitas saksi.",
        )
