"""Factories for complaint tests."""

from __future__ import annotations

from datetime import date

from app.complaints.services.intake import ComplaintInput, Witness, create_complaint

NIK = "1902014501900001"  # valid structure: Belitung, female, born 5 Jan 1990


def make_input(**over) -> ComplaintInput:
    data = dict(
        subject_name="Budi Santoso", subject_type="asn", violation_type="skb02",
        subject_institution="Dinas Pendidikan Kabupaten Belitung", subject_position="Guru SD Negeri 12",
        event_summary="Mengunggah ajakan memilih paslon di Facebook", occurred_on=date(2024, 11, 20),
        known_on=date(2024, 11, 21), description="Pada 20 November 2024 terlapor mengunggah foto bersama paslon.",
        region_code="19.02", event_place="Desa Membalong", event_region_code="19.02.02.2001",
        reporter_name="Siti Rahmawati", reporter_nik=NIK, reporter_address="Jl. Merdeka No. 5, Tanjungpandan",
        reporter_phone="+6281234567890", reporter_email="siti@example.org", reporter_occupation="Wiraswasta",
        reporter_birth_place="Tanjungpandan", reporter_birth_date=date(1990, 1, 5), reporter_gender="P",
        witnesses=[Witness("Andi", "Membalong", "")],
    )
    data.update(over)
    return ComplaintInput(**data)


def make_complaint(db, now, actor=None, signed=True, **over):
    """A complaint; a laporan comes with its signed A.1 recorded (``signed=False``: it waits for it)."""
    created = create_complaint(db, make_input(**over), actor=actor, now=now)
    if signed and created.complaint.kind == "laporan" and created.complaint.a1_signed_at is None:
        created.complaint.a1_signed_at = now
        db.add(created.complaint)
    db.flush()
    return created
