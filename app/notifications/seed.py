"""Demo notifications drawn from voting day in Belitung (idempotent: keys are unique per user)."""

from __future__ import annotations

from datetime import timedelta

from app.notifications import services
from app.notifications.models import Kind

# (minutes after 14.00 WIB on voting day, kind, key, title, body, url, usernames, read)
DEMO = [
    (
        5,
        Kind.INCIDENT,
        "demo:incident:ktp-ganda",
        "Kerawanan tingkat tinggi",
        "Pemilih membawa KTP ganda di TPS 03 Desa Membalong; petugas KPPS menahan surat suara.",
        "/linimasa",
        ["polri-operator", "polri-pimpinan", "bawaslu-operator", "kpu-operator", "pemda-sekretariat"],
        True,
    ),
    (
        48,
        Kind.ASSIGNMENT,
        "demo:incident:kekurangan-surat-suara",
        "Kerawanan ditugaskan ke instansi Anda",
        "Kekurangan surat suara di TPS 07 Tanjungpandan: koordinasikan pergeseran surat suara dari TPS 08.",
        "/linimasa",
        ["kpu-operator", "kpu-pimpinan"],
        False,
    ),
    (
        95,
        Kind.INCIDENT,
        "demo:incident:keributan-tps",
        "Kerawanan tingkat tinggi",
        "Keributan kecil di luar TPS 02 Desa Lassar; personel Polsek menuju lokasi.",
        "/linimasa",
        ["polri-operator", "polri-pimpinan", "tni-operator", "pemda-sekretariat"],
        False,
    ),
    (
        130,
        Kind.REMINDER,
        "demo:complaint:deadline",
        "Batas waktu pengaduan hari ini",
        "Laporan dugaan ketidaknetralan ASN (diterima 20 November) harus diputuskan hari ini.",
        "/pengaduan",
        ["bawaslu-operator", "bawaslu-pimpinan"],
        False,
    ),
    (
        170,
        Kind.REMINDER,
        "demo:meeting:evaluasi",
        "Rapat dimulai 30 menit lagi",
        "Rakor evaluasi pengamanan pemungutan suara di Rumah Dinas Bupati, 17.30 WIB.",
        "/rapat",
        ["pemda-sekretariat", "polri-pimpinan", "kpu-pimpinan", "bawaslu-pimpinan"],
        False,
    ),
]


def seed(session, ctx) -> None:
    from datetime import UTC, datetime

    base = datetime(2024, 11, 27, 7, 0, tzinfo=UTC)  # 14.00 WIB on voting day
    for minutes, kind, key, title, body, url, usernames, read in DEMO:
        users = [ctx.users[u] for u in usernames if u in ctx.users]
        at = base + timedelta(minutes=minutes)
        created = services.notify(
            session, user_ids=[u.id for u in users], kind=kind, key=key, title=title, body=body, url=url, now=at
        )
        for note in created:
            note.push_status = "none"  # history: never pushed from the demo
            if read:
                note.read_at = at + timedelta(minutes=3)
            session.add(note)
    session.flush()
