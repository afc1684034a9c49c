"""Shared builders for the readiness tests."""

from __future__ import annotations

from sqlmodel import Session

from app.regions.models import TPS

# Two kecamatan of Kabupaten Belitung, two villages in the first.
V_TANJUNG_1 = "19.02.01.1001"
V_TANJUNG_2 = "19.02.01.1002"
V_MEMBALONG = "19.02.02.2001"
V_BELTIM = "19.06.01.2001"


def add_tps(db: Session, village: str, number: int, dpt: int) -> TPS:
    tps = TPS(village_code=village, number=number, dpt=dpt, address=f"Balai Desa {number}")
    db.add(tps)
    db.flush()
    return tps
