"""The demo seed: believable figures from the seed reports, and idempotent."""

from __future__ import annotations

from sqlmodel import func, select

from app.demo.seed import SeedContext, seed_foundation
from app.readiness.constants import ITEM_KEYS
from app.readiness.models import AghtEntry, BallotTransfer, LogisticsStock, Operation, VillageSummary
from app.readiness.seed import seed_readiness
from app.readiness.services import rollup
from app.readiness.services.deployment import current_operation


def test_seed_is_idempotent_and_believable(app, db, now):
    with app.app_context():
        for _ in range(2):
            ctx = SeedContext(now=now)
            seed_foundation(db, ctx, "sinergi-demo")
            seed_readiness(db, ctx)
            db.flush()
        count = lambda model: db.exec(select(func.count()).select_from(model)).one()  # noqa: E731
        assert count(Operation) == 1
        assert count(AghtEntry) == 4
        assert count(BallotTransfer) == 1
        tps_in_main = len([t for t in ctx.tps if t.village_code.startswith("19.02.")])
        assert count(LogisticsStock) == tps_in_main * len(ITEM_KEYS)
        assert count(VillageSummary) == len({t.village_code for t in ctx.tps if t.village_code.startswith("19.02.")})
        data = rollup.build(db, "19.02", operation=current_operation(db, "19.02"), voting_day=None, now=now)
    assert 0.65 <= data.total.logistics_pct <= 0.75  # "about 70% of the equipment received"
    assert 0.78 <= data.total.turnout_pct <= 0.82  # near the reported 79,80%
    assert data.total.tps == tps_in_main
    assert data.total.assigned > 0
    assert data.total.rawan_tps > 0
