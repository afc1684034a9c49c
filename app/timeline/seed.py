"""Demo data: voting day 27 Nov 2024 in Belitung (seed reports, SPEC §4): posts from every agency and nine
incidents between 14.00 and 20.00 WIB, most resolved with notes, two still open; acknowledgements, one
important post and one restricted post. Idempotent: nothing is added when the first post exists.

Voting closes at 13.00 local time (PKPU 17/2024; domain.md §8): the afternoon's incidents are about counting,
the C.Hasil forms and moving the ballot boxes, not about voters waiting for ballots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.timeline import services
from app.timeline.models import Entry

WIB = timedelta(hours=7)


def _at(hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split("."))
    return datetime(2024, 11, 27, h, m, tzinfo=UTC) - WIB


# (time WIB, author, kind, text, village, TPS number, visible_to)
POSTS = [
    ("06.40", "kpu-operator", "logistik", "Logistik pemungutan suara (kotak, surat suara, tinta, bilik, segel) telah "
     "diterima seluruh TPS di Kecamatan Membalong dan Tanjungpandan.", None, None, None),
    ("07.05", "polri-operator", "keamanan", "Personel Operasi Mantap Praja Menumbing telah bersiaga di seluruh TPS. "
     "Situasi aman dan kondusif.", None, None, None),
    ("08.00", "tni-operator", "keamanan", "Babinsa Kodim 0414 mendampingi pengamanan TPS bersama "
     "Bhabinkamtibmas.", None, None, None),
    ("09.30", "bawaslu-operator", "pengawasan", "PTPS melaporkan pemungutan suara di Tanjungpandan berjalan lancar; "
     "2 TPS terlambat dibuka 15 menit karena KPPS menunggu saksi.", "19.02.01", None, None),
    ("10.15", "kejaksaan-operator", "info", "Posko Pemilu Kejari Belitung membuka layanan pengaduan dan "
     "konsultasi hukum di kantor Kejari hingga pukul 22.00 WIB.", None, None, None),
    ("12.30", "polri-operator", "keamanan", "Info intelijen: ada rencana pengerahan massa ke kantor PPK Membalong "
     "malam ini. Pasukan cadangan disiagakan.", "19.02.02", None, ["TNI"]),
    ("13.05", "pemda-sekretariat", "info", "Desk Pilkada di rumah dinas Bupati aktif sebagai pusat kendali. "
     "Rapat evaluasi seluruh unsur Forkopimda pukul 20.30 WIB.", None, None, None),
    # The figure itself is the readiness module's (per TPS, its own method): the post does not repeat a number
    # that could disagree with it.
    ("20.45", "kpu-operator", "info", "Partisipasi sementara Kabupaten Belitung sekitar 80% (rincian per TPS di "
     "menu Kesiapan); Kecamatan Membalong tertinggi.", None, None, None),
]

# (time WIB, author, village, TPS, category, severity, handling agency, text,
#  handler, minutes to handle, minutes to resolve, resolution note)
INCIDENTS = [
    ("14.05", "polri-petugas", "19.02.02.2001", 3, "op.ktp_ganda", "sedang", "KPU",
     "Saat penghitungan di TPS 003, saksi paslon mempersoalkan dua pemilih yang pagi tadi datang dengan KTP-el "
     "ber-NIK sama. KPPS menunda penandatanganan C.Hasil.",
     "kpu-operator", 10, 40, "Dicek ke DPT: satu KTP-el salah cetak, keduanya pemilih terdaftar. Dicatat di "
     "formulir kejadian khusus; C.Hasil ditandatangani."),
    ("14.20", "kpu-petugas", "19.02.02.2002", 2, "op.surat_suara_kurang", "tinggi", "KPU",
     "Penghitungan di TPS 002: jumlah surat suara terpakai, sisa dan rusak selisih 12 lembar dari yang diterima.",
     "kpu-operator", 5, 55, "Dihitung ulang bersama PTPS dan saksi pasangan calon: 12 surat suara rusak tersimpan "
     "di sampul terpisah. Jumlah cocok dan dicatat di berita acara."),
    ("14.45", "tni-petugas", "19.02.01.1001", 5, "op.konflik_tps", "sedang", "POLRI",
     "Adu mulut antara dua saksi pasangan calon di TPS 005, warga mulai berkumpul.",
     "polri-operator", 8, 35, "Bhabinkamtibmas dan Babinsa menengahi; saksi sepakat melanjutkan. Situasi kondusif."),
    ("15.10", "bawaslu-petugas", "19.02.01.1002", 1, "op.orang_tidak_berhak", "sedang", "POLRI",
     "Seorang anggota tim sukses masuk area penghitungan TPS 001 tanpa surat mandat saksi.",
     "polri-operator", 6, 20, "Yang bersangkutan diminta keluar oleh petugas ketertiban TPS; PTPS mencatat di "
     "formulir kejadian khusus."),
    ("15.40", "polri-petugas", "19.02.02.2003", 1, "op.logistik_terlambat", "sedang", "KPU",
     "Formulir salinan C.Hasil di TPS 001 kurang untuk saksi pasangan calon; penyerahan salinan tertunda.",
     "kpu-operator", 12, 45, "PPS mengantar formulir salinan dari kantor desa; salinan C.Hasil diserahkan ke "
     "saksi dan PTPS."),
    ("16.30", "pemda-petugas", "19.02.02.2004", 2, "op.listrik_internet", "rendah", "PEMDA",
     "Listrik padam di TPS 002 saat penghitungan suara.",
     "pemda-operator", 10, 50, "Genset kantor desa dipinjamkan; penghitungan dilanjutkan pukul 17.25 WIB."),
    ("17.15", "bawaslu-petugas", "19.02.01.2007", 2, "netralitas.asn", "sedang", "BAWASLU",
     "Seorang kepala dusun terlihat mengarahkan pemilih di sekitar TPS 002.",
     "bawaslu-operator", 15, None, ""),
    ("18.20", "tni-petugas", "19.02.01.1001", 2, "op.konflik_tps", "tinggi", "POLRI",
     "Saksi keberatan atas hasil penghitungan di TPS 002; warga berkumpul di luar TPS.",
     "polri-operator", 5, 40, "Keberatan dicatat di formulir kejadian khusus dan diarahkan ke rekapitulasi PPK. "
     "Massa membubarkan diri setelah pendekatan persuasif."),
    ("19.30", "kpu-petugas", "19.02.02.2007", 4, "op.logistik_terlambat", "rendah", "KPU",
     "Kotak suara TPS 004 belum dijemput PPK; hujan deras di jalur desa.",
     None, None, None, ""),
]
ACKS = [(1, "kpu-operator"), (2, "kpu-operator"), (2, "pemda-operator"), (3, "polri-operator"),
        (8, "tni-operator")]


def seed_timeline(session: Session, ctx) -> None:
    if session.exec(select(Entry).where(Entry.text == POSTS[0][3])).first() is not None:
        return
    users = ctx.users
    tps = {(t.village_code, t.number): t for t in ctx.tps}
    # Posts and incidents are created in time order, so the id (the cursor) follows the clock.
    timeline = sorted([("post", p[0], p) for p in POSTS] + [("incident", i[0], i) for i in INCIDENTS],
                      key=lambda item: item[1])
    incidents = []
    for what, hhmm, row in timeline:
        if what == "post":
            _hhmm, author, kind, text, village, _n, visible_to = row
            entry = services.post_entry(session, author=users[author], kind=kind, text=text, now=_at(hhmm),
                                        village_code=village, visible_to=visible_to)
            if author == "pemda-sekretariat":
                services.promote(session, entry, actor=users["pemda-pimpinan"],
                                 now=_at(hhmm) + timedelta(minutes=3))
                services.acknowledge(session, entry, actor=users["polri-operator"],
                                     now=_at(hhmm) + timedelta(minutes=5))
            continue
        (_hhmm, author, village, number, category, severity, agency, text, handler, handle_min, resolve_min,
         note) = row
        at = _at(hhmm)
        entry = services.post_entry(session, author=users[author], kind="kerawanan", text=text, now=at,
                                    tps_id=tps[(village, number)].id, category=category, severity=severity,
                                    handling_agency=agency)
        incidents.append(entry)
        if handler and handle_min is not None:
            services.change_status(session, entry, "ditangani", actor=users[handler],
                                   now=at + timedelta(minutes=handle_min), note="Petugas menuju lokasi.")
        if handler and resolve_min is not None:
            services.change_status(session, entry, "selesai", actor=users[handler],
                                   now=at + timedelta(minutes=resolve_min), note=note)
    for number, username in ACKS:
        entry = incidents[number - 1]
        services.acknowledge(session, entry, actor=users[username], now=entry.created_at + timedelta(minutes=3))
    services.promote(session, incidents[7], actor=users["polri-pimpinan"],
                     now=incidents[7].created_at + timedelta(minutes=2))
