"""Demo complaints drawn from the seed reports (SPEC.md §1): ASN campaigning on social media, a village head at
a campaign event, money politics near a TPS… at several stages. Idempotent: keyed by the event summary."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from app.complaints.models import Complaint
from app.complaints.services import gakkumdu as gk
from app.complaints.services import handling
from app.complaints.services.intake import ComplaintInput, Witness, create_complaint

DEMO_NIKS = ["1902015708850002", "1902024203910001", "1902011112800003", "1902026605880004"]


def _input(**kw) -> ComplaintInput:
    base = dict(region_code="19.02", subject_type="asn", violation_type="skb02", reporter_standing="pemilih",
                truth_statement=True)
    base.update(kw)
    return ComplaintInput(**base)


def seed_complaints(session, ctx) -> None:
    existing = {c.event_summary for c in session.exec(select(Complaint)).all()}
    users = ctx.users
    op, head = users.get("bawaslu-operator"), users.get("bawaslu-pimpinan")
    polri, jaksa = users.get("polri-operator"), users.get("kejaksaan-operator")
    if op is None or head is None:
        return
    now = ctx.now
    vday = now.date()  # clocks are relative to today, so the demo shows running deadlines

    def add(summary, when, **kw):
        if summary in existing:
            return None
        return create_complaint(session, _input(event_summary=summary, **kw), now=when).complaint

    # 1. ASN campaigning on social media → registered, proven, routed to BKN with an outcome.
    c = add("ASN guru mengunggah ajakan memilih paslon di Facebook", now - timedelta(days=20),
            subject_name="Hendri Saputra, S.Pd.", subject_institution="SD Negeri 21 Tanjungpandan",
            subject_position="Guru (PNS)", occurred_on=vday - timedelta(days=22), known_on=vday - timedelta(days=21),
            event_place="Akun Facebook terlapor (grup 'Info Belitung')", event_region_code="19.02.01",
            description="Terlapor mengunggah foto paslon nomor urut 2 dengan keterangan ajakan memilih, "
                        "dibagikan ulang di grup warga. Tangkapan layar terlampir.",
            reporter_name="Nurhasanah", reporter_nik=DEMO_NIKS[0], reporter_phone="+6281273450011",
            reporter_address="Jl. Sriwijaya No. 14, Tanjungpandan", reporter_occupation="Ibu rumah tangga",
            witnesses=[Witness("Rahmat Hidayat", "Tanjungpandan")])
    if c is not None:
        t = now - timedelta(days=19)
        handling.transition(session, c, "kajian_awal", actor=op, now=t)
        handling.set_checklist(session, c, set(handling.checklist_keys(c)), actor=op, now=t)
        handling.transition(session, c, "diregistrasi", actor=op, now=t)
        handling.transition(session, c, "klarifikasi", actor=op, now=t + timedelta(days=1))
        handling.transition(session, c, "kajian", actor=op, now=t + timedelta(days=2))
        handling.transition(session, c, "terbukti", actor=head, now=t + timedelta(days=3))
        r = handling.route(session, c, "bkn", "045/PP.01.02/K.BB-02/XI/2024", (t + timedelta(days=4)).date(),
                           actor=op, now=t + timedelta(days=4))
        handling.record_outcome(session, r, c, "BKN merekomendasikan hukuman disiplin berat kepada PPK.", "berat",
                                actor=op, now=now - timedelta(days=3))

    # 2. Kepala desa at a campaign event → Sentra Gakkumdu, in penyidikan.
    c = add("Kepala desa berorasi di kampanye paslon di Membalong", now - timedelta(days=12),
            subject_type="kades", violation_type="desa_kampanye", subject_name="Suhardi",
            subject_institution="Pemerintah Desa Membalong", subject_position="Kepala Desa",
            occurred_on=vday - timedelta(days=14), known_on=vday - timedelta(days=14),
            event_place="Lapangan Desa Membalong", event_region_code="19.02.02",
            description="Pada kampanye terbuka, kepala desa naik panggung dan mengajak warga memilih paslon. "
                        "Video diunggah warga ke media sosial.",
            reporter_name="Yusuf Maulana", reporter_nik=DEMO_NIKS[1], reporter_phone="+6281367781122",
            reporter_address="Dusun Air Batu, Membalong", reporter_occupation="Nelayan",
            witnesses=[Witness("Samsul Bahri", "Membalong"), Witness("Ika Lestari", "Membalong")])
    if c is not None:
        t = now - timedelta(days=11)
        handling.transition(session, c, "kajian_awal", actor=op, now=t)
        handling.set_checklist(session, c, set(handling.checklist_keys(c)), actor=op, now=t)
        handling.transition(session, c, "diregistrasi", actor=op, now=t)
        handling.route(session, c, "gakkumdu", "051/PP.01.02/K.BB-02/XI/2024", t.date(), actor=op, now=t,
                       article="Pasal 188 jo. Pasal 71 UU 10/2016")
        case = session.exec(select(gk.GakkumduCase).where(gk.GakkumduCase.complaint_id == c.id)).first()
        if polri is not None:
            gk.advance(session, case, "penyelidikan", actor=polri, now=t + timedelta(days=1), note="LHP disusun")
            gk.advance(session, case, "pembahasan_kedua", actor=op, now=t + timedelta(days=4))
            gk.advance(session, case, "penyidikan", actor=op, now=t + timedelta(days=5))
        _ = jaksa

    # 3. Money politics near a TPS, anonymous → informasi awal.
    add("Pembagian amplop di dekat TPS 003 Desa Lassar (serangan fajar)", now - timedelta(hours=20),
        subject_type="lainnya", violation_type="politik_uang", subject_name="Tim sukses paslon (belum diketahui)",
        occurred_on=vday - timedelta(days=1), known_on=vday - timedelta(days=1), anonymous=True,
        event_place="Sekitar TPS 003, Desa Lassar", event_region_code="19.02.02",
        description="Malam sebelum pemungutan suara beberapa orang membagikan amplop berisi uang kepada warga "
                    "di sekitar TPS 003.")

    # 4. Late filing: a Polri member's photo with a candidate, learned of 12 days ago; waiting for review.
    add("Anggota Polri berfoto dengan simbol jari paslon", now - timedelta(hours=6),
        subject_type="polri", violation_type="aparat_medsos", subject_name="BRIPDA R.",
        subject_institution="Polsek Tanjungpandan", occurred_on=vday - timedelta(days=13),
        known_on=vday - timedelta(days=12), event_place="Instagram", event_region_code="19.02.01",
        description="Foto terlapor berseragam dengan pose jari nomor urut paslon beredar di Instagram.",
        reporter_name="Dewi Anggraini", reporter_nik=DEMO_NIKS[2], reporter_phone="+6281933450099",
        reporter_address="Jl. Diponegoro No. 3, Tanjungpandan", disclosure_consent=True)

    # 5. Fresh report in kajian awal, due soon (an ASN at a declaration).
    c = add("Camat menghadiri deklarasi pemenangan paslon", now - timedelta(days=1),
            subject_name="Drs. Mulyadi", subject_institution="Kecamatan Membalong", subject_position="Camat",
            violation_type="skb04", occurred_on=vday - timedelta(days=3), known_on=vday - timedelta(days=2),
            event_place="Gedung Serbaguna Membalong", event_region_code="19.02.02",
            description="Terlapor hadir dan memberi sambutan pada acara deklarasi tim pemenangan paslon.",
            reporter_name="Agus Priyanto", reporter_nik=DEMO_NIKS[3], reporter_phone="+6285267001234",
            reporter_address="Desa Membalong")
    if c is not None:
        handling.transition(session, c, "kajian_awal", actor=op, now=now - timedelta(hours=20))

    # 6. Overdue: a lurah's banner, incomplete, the reporter was asked to complete it five days ago.
    c = add("Lurah memasang baliho paslon di kantor kelurahan", now - timedelta(days=5),
            subject_type="lurah", violation_type="skb01", subject_name="Rusdi, S.E.",
            subject_institution="Kelurahan Pangkal Lalang", subject_position="Lurah",
            occurred_on=vday - timedelta(days=7), known_on=vday - timedelta(days=6),
            event_place="Kantor Kelurahan Pangkal Lalang", event_region_code="19.02.01",
            description="Baliho bergambar paslon terpasang di pagar kantor kelurahan sejak seminggu lalu.",
            reporter_name="Fitriani", reporter_nik="1902014107920005", reporter_phone="+6281271234567",
            reporter_address="Pangkal Lalang, Tanjungpandan")
    if c is not None:
        handling.transition(session, c, "kajian_awal", actor=op, now=now - timedelta(days=5))
        handling.transition(session, c, "perlu_perbaikan", actor=op, now=now - timedelta(days=4),
                            public_message="Mohon lampirkan foto baliho dan identitas saksi.")
    session.flush()
