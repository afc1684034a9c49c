"""The figures of one region on the readiness overview, and the overview itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.readiness.models import Operation, VillageSummary


@dataclass
class Area:
    """Figures of one region (village, kecamatan or kabupaten)."""

    code: str
    name: str = ""
    tps: int = 0
    dpt: int = 0
    needed: int = 0
    ready: int = 0
    delivered: int = 0  # TPS whose logistics reached the KPPS
    required: float = 0.0
    assigned: float = 0.0
    linmas: int = 0
    gap_tps: int = 0
    rawan_tps: int = 0
    voted: int = 0  # pengguna hak pilih (DPT + DPTb + DPK) of the reporting TPS, headline election
    dpt_reported: int = 0  # pemilih (DPT + DPTb + DPK) of the reporting TPS: the KPU 2024 base
    reported: int = 0
    items: dict[str, list[int]] = field(default_factory=dict)  # item → [needed, ready]

    def add(self, other: Area) -> None:
        for item, (needed, ready) in other.items.items():
            pair = self.items.setdefault(item, [0, 0])
            pair[0] += needed
            pair[1] += ready
        for name in VillageSummary.FIGURES:  # the summed figures are the ones a village summary keeps
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def logistics_pct(self) -> float | None:
        """Mean of the items' % ready, so 9 missing small items are not hidden behind a full ballot count."""
        return item_average(self.items.values())

    @property
    def turnout_pct(self) -> float | None:
        return self.voted / self.dpt_reported if self.dpt_reported else None

    @property
    def logistics_short(self) -> int:
        return self.needed - self.ready

    @property
    def gap_score(self) -> float:
        """Ranking key: share of logistics missing + share of TPS under their staffing pattern."""
        missing = 1 - (self.logistics_pct if self.logistics_pct is not None else 0)
        return missing + (self.gap_tps / self.tps if self.tps else 0)


@dataclass
class Overview:
    scope: str
    total: Area
    kecamatan: list[Area]
    villages: list[Area]
    items: dict[str, tuple[int, int]]  # item → (needed, ready)
    operation: Operation | None
    transfers: int
    transferred: int
    h1: datetime | None
    behind: bool
    categories: dict[str, int] = field(default_factory=dict)


def item_average(pairs) -> float | None:
    shares = [min(ready, needed) / needed for needed, ready in pairs if needed]
    return sum(shares) / len(shares) if shares else None
