"""Reference values of the complaint factories (constants only; the factories are fixtures in conftest.py)."""

from __future__ import annotations

from datetime import date, timedelta
from types import MappingProxyType

NIK = "1902014501900001"  # valid structure: Belitung, female, born 5 Jan 1990

# A laporan about an ASN teacher campaigning on Facebook, in Belitung, learned of the day after.
REPORT = MappingProxyType(
    {
        "subject_name": "Budi Santoso",
        "subject_type": "asn",
        "violation_type": "skb02",
        "subject_institution": "Dinas Pendidikan Kabupaten Belitung",
        "subject_position": "Guru SD Negeri 12",
        "event_summary": "Mengunggah ajakan memilih paslon di Facebook",
        "occurred_on": date(2024, 11, 20),
        "known_on": date(2024, 11, 21),
        "description": "Pada 20 November 2024 terlapor mengunggah foto bersama paslon.",
        "region_code": "19.02",
        "event_place": "Desa Membalong",
        "event_region_code": "19.02.02.2001",
        "reporter_name": "Siti Rahmawati",
        "reporter_nik": NIK,
        "reporter_address": "Jl. Merdeka No. 5, Tanjungpandan",
        "reporter_phone": "+6281234567890",
        "reporter_email": "siti@example.org",
        "reporter_occupation": "Wiraswasta",
        "reporter_birth_place": "Tanjungpandan",
        "reporter_birth_date": date(1990, 1, 5),
        "reporter_gender": "P",
        "witnesses": ({"name": "Andi", "address": "Membalong", "phone": ""},),
    }
)


def public_form(today: date, **over) -> dict:
    """The public complaint form's fields, all valid, for a report made on ``today`` (its local date); ``over``
    changes or (with None) leaves out fields."""
    data = {
        "reporter_name": "Siti Rahmawati",
        "reporter_nik": NIK,
        "reporter_phone": "0812-3456-7890",
        "reporter_address": "Jl. Merdeka No. 5, Tanjungpandan",
        "reporter_standing": "pemilih",
        "subject_name": "Budi Santoso",
        "subject_type": "asn",
        "subject_institution": "Dinas Pendidikan",
        "violation_type": "skb02",
        "event_summary": "Ajakan memilih paslon di Facebook",
        "region_code": "19.02",
        "event_region_code": "19.02.02",
        "event_place": "Desa Membalong",
        "occurred_on": (today - timedelta(days=3)).isoformat(),
        "known_on": (today - timedelta(days=2)).isoformat(),
        "description": "Terlapor mengunggah foto bersama paslon dengan ajakan memilih.",
        "witnesses-0-name": "Andi",
        "witnesses-0-address": "Membalong",
        "witnesses-0-phone": "",
        "consent": "y",
        "truth_statement": "y",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}
