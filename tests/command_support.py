"""Factories shared by the voting-day command tests (duty, escalation, instructions, duplicates): demo-like accounts,
a few TPS, incidents and shifts. Imported by each of those folders' conftest.py; no module-global state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from app.db import get_engine
from app.regions.models import TPS

# username → (agency, role, region); names follow the demo (app/demo/seed.py)
ACCOUNTS = {
    "polri-pimpinan": ("POLRI", "pimpinan", "19.02"),
    "polri-operator": ("POLRI", "operator", "19.02"),
    "polri-petugas": ("POLRI", "petugas", "19.02.02"),
    "tni-pimpinan": ("TNI", "pimpinan", "19.02"),
    "tni-operator": ("TNI", "operator", "19.02"),
    "kpu-pimpinan": ("KPU", "pimpinan", "19.02"),
    "kpu-operator": ("KPU", "operator", "19.02"),
    "kpu-petugas": ("KPU", "petugas", "19.02.02"),
    "bawaslu-operator": ("BAWASLU", "operator", "19.02"),
    "kejaksaan-pimpinan": ("KEJAKSAAN", "pimpinan", "19.02"),
    "pemda-pimpinan": ("PEMDA", "pimpinan", "19.02"),
    "pemda-operator": ("PEMDA", "operator", "19.02"),
    "pemda-sekretariat": ("PEMDA", "sekretariat", "19.02"),
    "admin": ("PEMDA", "admin", "19.02"),
    "beltim-polri-operator": ("POLRI", "operator", "19.06"),
    "beltim-pemda-pimpinan": ("PEMDA", "pimpinan", "19.06"),
}


@pytest.fixture
def accounts(make_user) -> dict:
    return {
        name: make_user(name, agency=a, role=r, region_code=reg, phone=f"081234567{i:03d}")
        for i, (name, (a, r, reg)) in enumerate(ACCOUNTS.items())
    }


@pytest.fixture
def places(app) -> dict:
    """TPS 001/002 in Desa Membalong, TPS 001 in Tanjungpandan, TPS 001 in Belitung Timur."""
    rows = [
        TPS(village_code="19.02.02.2001", number=1, dpt=400),
        TPS(village_code="19.02.02.2001", number=2, dpt=380),
        TPS(village_code="19.02.01.1001", number=1, dpt=500),
        TPS(village_code="19.06.01.2001", number=1, dpt=390),
    ]
    with Session(get_engine(app, write=True), expire_on_commit=False) as session:
        session.add_all(rows)
        session.commit()
    return {"membalong1": rows[0], "membalong2": rows[1], "tanjungpandan1": rows[2], "beltim1": rows[3]}


@pytest.fixture
def make_incident(app, db, places) -> Callable:
    """Post an incident through the timeline's service (committed): ``make_incident(author, now, **fields)``."""

    def _make(author, now: datetime, **kw):
        from app.timeline import services

        kw.setdefault("category", "op.konflik_tps")
        kw.setdefault("severity", "tinggi")
        kw.setdefault("handling_agency", "POLRI")
        kw.setdefault("text", "Massa berkumpul di depan TPS 001, pemilih tidak bisa masuk.")
        if "tps_id" not in kw and "village_code" not in kw:
            kw["tps_id"] = places["membalong1"].id
        with app.app_context():
            entry = services.post_entry(db, author=author, kind="kerawanan", now=now, **kw)
            db.commit()
        return entry

    return _make


@pytest.fixture
def make_shift(app, db) -> Callable:
    """A roster row written directly (past shifts too): ``make_shift(user, start, hours=8, agency=None, ...)``."""
    from app.duty.models import DutyShift

    def _make(
        user,
        start: datetime,
        hours: float = 8,
        *,
        agency=None,
        region_code="19.02",
        name=None,
        phone=None,
        creator=None,
    ):
        shift = DutyShift(
            agency=agency or user.agency,
            region_code=region_code,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            user_id=user.id if user is not None else None,
            name=name or user.name,
            phone=phone or (user.phone if user is not None else None),
            post="Posko",
            created_by_id=(creator or user).id,
            created_at=start - timedelta(days=1),
            updated_at=start - timedelta(days=1),
        )
        db.add(shift)
        db.commit()
        return shift

    return _make


@pytest.fixture
def login_as(auth) -> Callable:
    """Log out whoever is logged in, then log in as ``username`` (``/masuk`` ignores a logged-in user)."""

    def _login(username: str):
        auth.logout()
        response = auth.login(username)
        assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
        return response

    return _login
