"""Fixtures of the timeline tests: a few TPS in Belitung and its neighbour, the demo-like accounts, and factories
for entries and incidents (``make_entry(author, text=...)``, ``make_incident(author, tps_row, ...)``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import Session

from app.db import get_engine
from app.regions.models import TPS
from app.timeline import services
from app.timeline.feed import feed
from app.timeline.models import Entry


@pytest.fixture(autouse=True)
def _fresh_feed(request):
    """Entry ids restart after each test's clean-up: the stream's shared read must forget the old ones."""
    if "app" in request.fixturenames:
        feed(request.getfixturevalue("app")).reset()


@pytest.fixture
def tps(app):
    """TPS 001/002 in Desa Membalong (19.02.02.2001), TPS 001 in Tanjungpandan and one in Belitung Timur."""
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
def people(make_user):
    """One account per role that the tests need (names follow the demo: <agency>-<role>)."""
    specs = {
        "polri-petugas": ("POLRI", "petugas", "19.02.02"),
        "polri-operator": ("POLRI", "operator", "19.02"),
        "kpu-operator": ("KPU", "operator", "19.02"),
        "kpu-petugas": ("KPU", "petugas", "19.02.02"),
        "bawaslu-operator": ("BAWASLU", "operator", "19.02"),
        "bawaslu-pimpinan": ("BAWASLU", "pimpinan", "19.02"),
        "tni-operator": ("TNI", "operator", "19.02"),
        "pemda-sekretariat": ("PEMDA", "sekretariat", "19.02"),
        "beltim-polri-operator": ("POLRI", "operator", "19.06"),
        "prov-kpu-pimpinan": ("KPU", "pimpinan", "19"),
    }
    return {name: make_user(name, agency=a, role=r, region_code=reg) for name, (a, r, reg) in specs.items()}


@pytest.fixture
def make_entry(app, db, now) -> Callable[..., Entry]:
    """Post and commit an entry: ``make_entry(author, text=..., now=..., kind=...)`` (an info post by default,
    at the fixed ``now``). Safe from a thread: each call pushes its own app context (the live hub's)."""

    def _make(author, *, now=now, **kw) -> Entry:
        kw.setdefault("kind", "info")
        kw.setdefault("text", "Situasi di TPS aman dan kondusif.")
        with app.app_context():
            entry = services.post_entry(db, author=author, now=now, **kw)
            db.commit()
        return entry

    return _make


@pytest.fixture
def make_incident(make_entry) -> Callable[..., Entry]:
    """An incident at a TPS: ``make_incident(author, tps_row, handling_agency="KPU", ...)``."""

    def _make(author, tps_row, **kw) -> Entry:
        kw.setdefault("category", "op.surat_suara_kurang")
        kw.setdefault("severity", "tinggi")
        kw.setdefault("handling_agency", "KPU")
        kw.setdefault("text", "Surat suara di TPS 002 kurang 12 lembar.")
        return make_entry(author, kind="kerawanan", tps_id=tps_row.id, **kw)

    return _make
