"""What each scale holds: the regions, and the sizes per TPS that make a national run ≈ 820,000 TPS and
≈ 2 million timeline rows. Every random choice is seeded by a region code, so a rerun makes the same data."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from lokal import wilayah

SCALES = ("kabupaten", "provinsi", "nasional")
# The demo's Kabupaten Belitung, and the province with the most TPS (the hardest provincial case).
DEFAULT_REGION = {"kabupaten": "19.02", "provinsi": "32", "nasional": None}

AGENCIES = ("POLRI", "KEJAKSAAN", "KPU", "BAWASLU", "TNI", "PEMDA")
# Accounts per agency in every kabupaten/kota: (role, how many); field officers are scoped to a kecamatan.
KAB_ROLES = (("pimpinan", 1), ("operator", 2), ("petugas", 3))
PEMDA_EXTRA = (("sekretariat", 1), ("admin", 1))
PROVINCE_ROLES = (("pimpinan", 1), ("operator", 1))

VOTING_DAY = date(2024, 11, 27)
CAMPAIGN_START = date(2024, 9, 25)
LAST_DAY = date(2024, 11, 30)  # recapitulation days after the vote
ROWS_PER_TPS = 2.44  # timeline rows (posts and follow-ups): 2 million over 820,000 TPS
COMPLAINTS_PER_KABUPATEN = (3, 20)
MEETINGS_PER_KABUPATEN = 6


def rng(*parts: object) -> random.Random:
    return random.Random(zlib.crc32("|".join(str(p) for p in parts).encode()))  # noqa: S311 (benchmark data)


def tps_count(village_code: str, village_type: str) -> int:
    """TPS in a village: urban kelurahan have many, rural desa few (national total ≈ 820,000)."""
    r = rng("tps", village_code)
    return r.randint(8, 34) if village_type == "kelurahan" else r.randint(2, 15)


@dataclass(frozen=True)
class Scope:
    scale: str
    region: str | None  # None: the whole country

    @property
    def provinces(self) -> list[str]:
        if self.region is None:
            return sorted(c for c in wilayah._base() if "." not in c)
        return [self.region.split(".")[0]]

    @property
    def kabupaten(self) -> list[str]:
        """Kabupaten/kota codes of the scope, in code order."""
        if self.region is not None and self.region.count(".") >= 1:
            return [".".join(self.region.split(".")[:2])]
        provinces = set(self.provinces)
        return sorted(c for c in wilayah._base() if c.count(".") == 1 and c.split(".")[0] in provinces)

    def describe(self) -> str:
        return f"{self.scale} ({self.region or 'seluruh Indonesia'})"


def make_scope(scale: str, region: str | None) -> Scope:
    if scale not in SCALES:
        raise ValueError(scale)
    if scale == "nasional":
        return Scope(scale, None)
    region = (region or DEFAULT_REGION[scale]).strip()
    wanted_dots = 1 if scale == "kabupaten" else 0
    if region.count(".") != wanted_dots or wilayah.get_wilayah(region) is None:
        raise ValueError(region)
    return Scope(scale, region)


def campaign_days() -> list[tuple[date, float]]:
    """(day, weight): steady campaign, busier last week and quiet days (logistics), the voting-day peak,
    recapitulation after. The voting day carries ≈ 29 % of the rows."""
    days = []
    day = CAMPAIGN_START
    while day <= LAST_DAY:
        if day == VOTING_DAY:
            weight = 30.0
        elif day > VOTING_DAY:
            weight = {1: 3.0, 2: 2.0}.get((day - VOTING_DAY).days, 1.0)
        elif day >= VOTING_DAY - timedelta(days=3):
            weight = 2.0
        elif day >= VOTING_DAY - timedelta(days=6):
            weight = 1.5
        else:
            weight = 1.0
        days.append((day, weight))
        day += timedelta(days=1)
    return days


# Local hours of the voting day: preparation from 06.00, opening 07.00, counting after 13.00.
VOTING_HOURS = {6: 8, 7: 14, 8: 10, 9: 7, 10: 6, 11: 5, 12: 5, 13: 9, 14: 9, 15: 7, 16: 5, 17: 4, 18: 3, 19: 3, 20: 2}
DAY_HOURS = {h: (3 if 8 <= h <= 17 else 1) for h in range(7, 23)}


def moment(r: random.Random, day: date, utc_offset: int) -> datetime:
    """A time on ``day`` (local hours weighted as above), in UTC."""
    hours = VOTING_HOURS if day == VOTING_DAY else DAY_HOURS
    hour = r.choices(list(hours), weights=list(hours.values()))[0]
    local = datetime(day.year, day.month, day.day, hour, r.randrange(60), r.randrange(60), tzinfo=UTC)
    return local - timedelta(hours=utc_offset)


def utc_offset(code: str) -> int:
    from app.regions.services import zone_for_code

    return {"Asia/Makassar": 8, "Asia/Jayapura": 9}.get(zone_for_code(code), 7)
