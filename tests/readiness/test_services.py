"""Readiness services: ballots DPT + 2.5%, roll-ups village → kecamatan → kabupaten against hand-computed
totals, ballot transfers (both TPS adjust, the event is emitted), staffing gaps and category suggestions."""

from __future__ import annotations

import pytest

from app.readiness.models import LogisticsStock
from app.readiness.services import ReadinessError, deployment, logistics, rollup, summary, vulnerability
from app.readiness.services.turnout import record_turnout
from app.registry import registry_of
from tests.readiness.helpers import V_BELTIM, V_MEMBALONG, V_TANJUNG_1, V_TANJUNG_2, add_tps


@pytest.mark.parametrize(
    ("dpt", "types", "expected"),
    [
        (0, 1, 0),
        (400, 1, 410),  # exactly 2.5%
        (412, 1, 423),  # 422.3 → 423 (rounded up)
        (401, 1, 412),  # 411.025 → 412
        (40, 1, 41),
        (1, 1, 2),  # 1.025 → 2
        (600, 2, 1230),  # two elections held together: one ballot each
        (599, 2, 1228),  # 613.975 → 614, ×2
    ],
)
def test_ballots_are_dpt_plus_two_and_a_half_percent_rounded_up(dpt, types, expected):
    assert logistics.ballots_needed(dpt, types) == expected


def test_negative_dpt_is_refused():
    with pytest.raises(ReadinessError):
        logistics.ballots_needed(-1)


def test_default_needed_per_tps(app):
    with app.app_context():
        needed = logistics.default_needed(412, types=2)
    assert needed["surat_suara"] == 846
    assert needed["kotak_suara"] == 2  # one box per election type per TPS
    assert needed["bilik"] == 4


def _stock(db, tps, actor, now, **items):
    """Exactly these stock rows (the KPU form would create every item with its default)."""
    for item, (needed, received, heavy) in items.items():
        db.add(
            LogisticsStock(
                tps_id=tps.id,
                item=item,
                needed=needed,
                received=received,
                damaged_heavy=heavy,
                updated_at=now,
                updated_by=actor.id,
            )
        )
    db.flush()


def test_rollup_village_kecamatan_kabupaten_against_hand_totals(app, db, now, make_user):
    kpu = make_user("kpu-x", agency="KPU")
    with app.app_context():
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        b = add_tps(db, V_TANJUNG_1, 2, 200)
        c = add_tps(db, V_TANJUNG_2, 1, 300)
        d = add_tps(db, V_MEMBALONG, 1, 500)
        add_tps(db, V_BELTIM, 1, 999)  # outside 19.02: never counted
        # Only two items per TPS are recorded; the others have no rows.
        _stock(db, a, kpu, now, surat_suara=(410, 410, 0), kotak_suara=(2, 2, 0))  # 412/412
        _stock(db, b, kpu, now, surat_suara=(205, 100, 0), kotak_suara=(2, 2, 1))  # 100 + 1 = 101/207
        _stock(db, c, kpu, now, surat_suara=(308, 400, 0), kotak_suara=(2, 1, 0))  # 308 (capped) + 1 = 309/310
        _stock(db, d, kpu, now, surat_suara=(513, 0, 0), kotak_suara=(2, 2, 0))  # 0 + 2 = 2/515
        for tps, voted in ((a, 320), (b, 150), (d, 400)):
            record_turnout(db, tps, voted, actor=kpu, now=now)
        vulnerability.set_indicators(db, a, {1: (True, ""), 2: (True, "")}, actor=kpu, now=now)
        vulnerability.set_indicators(db, d, {7: (True, "bentrok 2019"), 3: (False, "")}, actor=kpu, now=now)
        data = rollup.build(db, "19.02", operation=None, voting_day=None, now=now, live=True)
        summary.refresh_scope(db, "19", now=now)
        stored = rollup.build(db, "19.02", operation=None, voting_day=None, now=now)

    # The per-village summaries give exactly the live figures.
    assert [vars(a) for a in stored.villages] == [vars(a) for a in data.villages]
    assert vars(stored.total) == vars(data.total)
    villages = {v.code: v for v in data.villages}
    assert (villages[V_TANJUNG_1].needed, villages[V_TANJUNG_1].ready) == (619, 513)
    assert (villages[V_TANJUNG_2].needed, villages[V_TANJUNG_2].ready) == (310, 309)
    kec = {k.code: k for k in data.kecamatan}
    assert (kec["19.02.01"].needed, kec["19.02.01"].ready, kec["19.02.01"].tps) == (929, 822, 3)
    assert (kec["19.02.02"].needed, kec["19.02.02"].ready) == (515, 2)
    assert (data.total.needed, data.total.ready, data.total.tps, data.total.dpt) == (1444, 824, 4, 1400)
    # % ready is the mean of the items' shares: (818/1436 + 6/8) / 2.
    assert data.total.logistics_pct == pytest.approx((818 / 1436 + 6 / 8) / 2)
    assert kec["19.02.02"].logistics_pct == pytest.approx((0 / 513 + 2 / 2) / 2)
    assert data.items["surat_suara"] == (1436, 818)
    assert data.items["kotak_suara"] == (8, 6)
    # Turnout over the TPS that reported: (320 + 150 + 400) / (400 + 200 + 500) = 79,09%.
    assert (data.total.voted, data.total.dpt_reported, data.total.reported) == (870, 1100, 3)
    assert data.total.turnout_pct == pytest.approx(870 / 1100)
    assert kec["19.02.01"].turnout_pct == pytest.approx(470 / 600)
    assert data.total.rawan_tps == 2
    # The village with the largest gap is ranked first.
    assert data.villages[0].code == V_MEMBALONG


def test_ballot_transfer_adjusts_both_tps_and_emits_the_event(app, db, now, make_user, monkeypatch):
    kpu = make_user("kpu-y", agency="KPU")
    seen = []

    def listener(**payload):
        seen.append(payload)

    listeners = registry_of(app).listeners
    monkeypatch.setitem(
        listeners, "readiness.ballot_transfer", [*listeners.get("readiness.ballot_transfer", []), listener]
    )
    with app.app_context():
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        b = add_tps(db, V_TANJUNG_1, 2, 400)
        _stock(db, a, kpu, now, surat_suara=(410, 410, 0))
        _stock(db, b, kpu, now, surat_suara=(410, 395, 0))
        transfer = logistics.record_transfer(
            db,
            a,
            b,
            logistics.TransferInput(12, "gubernur", "Kekurangan surat suara untuk DPTb", "PTPS, saksi 01"),
            actor=kpu,
            now=now,
        )
        stocks_a = logistics.stocks_for(db, a)
        stocks_b = logistics.stocks_for(db, b)
        with pytest.raises(ReadinessError) as too_many:
            logistics.record_transfer(db, a, b, logistics.TransferInput(1000, "gubernur", "x"), actor=kpu, now=now)
        with pytest.raises(ReadinessError):
            logistics.record_transfer(db, a, a, logistics.TransferInput(1, "gubernur", "x"), actor=kpu, now=now)
    assert stocks_a["surat_suara"].received == 398
    assert stocks_b["surat_suara"].received == 407
    assert too_many.value.field == "quantity"
    assert len(seen) == 1
    event = seen[0]
    assert event["from_tps"].id == a.id
    assert event["to_tps"].id == b.id
    assert (event["quantity"], event["reason"], event["record_id"]) == (
        12,
        "Kekurangan surat suara untuk DPTb",
        transfer.id,
    )
    assert event["actor"].id == kpu.id
    assert event["now"] == now
    assert event["session"] is db


def test_staffing_gaps_and_group_postings(app, db, now, make_user):
    polri = make_user("polri-z", agency="POLRI")
    with app.app_context():
        tps = [add_tps(db, V_TANJUNG_1, n, 300) for n in range(1, 6)]
        op = deployment.create_operation(db, "Operasi Mantap Praja Menumbing 2024", "19.02", actor=polri, now=now)
        deployment.set_category(db, op, tps[:4], "kurang_rawan", actor=polri, now=now)  # 2 per 4 TPS
        deployment.set_category(db, op, [tps[4]], "sangat_rawan", actor=polri, now=now)  # 2 per 1 TPS
        deployment.assign(db, op, tps[:4], 2, 0, "Pos 1", actor=polri, now=now)  # 0,5 each: enough
        deployment.assign(db, op, [tps[4]], 1, 0, actor=polri, now=now)  # 1 < 2: gap
        rows = deployment.deployment_rows(db, op, tps)
        data = rollup.build(db, "19.02", operation=op, voting_day=None, now=now)  # summaries kept by the services
    assert [r.gap for r in rows] == [False, False, False, False, True]
    assert rows[0].polri == pytest.approx(0.5)
    assert rows[0].group_label == "Pos 1"
    assert data.total.assigned == pytest.approx(3)
    assert data.total.required == pytest.approx(4)
    assert data.total.gap_tps == 1
    assert data.categories == {"kurang_rawan": 4, "sangat_rawan": 1}


def test_vulnerability_suggests_but_does_not_force_the_category(app, db, now, make_user):
    assert vulnerability.suggested_category(set()) == "kurang_rawan"
    assert vulnerability.suggested_category({13}) == "rawan"
    assert vulnerability.suggested_category({7}) == "sangat_rawan"
    assert vulnerability.suggested_category({1, 2, 3, 24}) == "kurang_rawan"
    polri = make_user("polri-w", agency="POLRI")
    with app.app_context():
        tps = add_tps(db, V_TANJUNG_1, 1, 300)
        vulnerability.set_indicators(db, tps, {7: (True, "")}, actor=polri, now=now)
        op = deployment.create_operation(db, "Op", "19.02", actor=polri, now=now)
        deployment.set_category(db, op, [tps], "rawan", actor=polri, now=now)
        row = deployment.deployment_rows(db, op, [tps])[0]
    assert row.category == "rawan"  # the officer's choice stands


def test_stock_rules(app, db, now, make_user):
    kpu = make_user("kpu-v", agency="KPU")
    with app.app_context():
        tps = add_tps(db, V_TANJUNG_1, 1, 300)
        with pytest.raises(ReadinessError) as negative:
            logistics.record_stock(db, tps, {"tinta": {"received": -1}}, actor=kpu, now=now)
        with pytest.raises(ReadinessError) as damaged:
            logistics.record_stock(
                db, tps, {"tinta": {"received": 2, "damaged_light": 2, "damaged_heavy": 1}}, actor=kpu, now=now
            )
        delivery = logistics.set_stage(db, tps, "pps", now, actor=kpu, now=now)
    assert negative.value.field == "tinta-received"
    assert damaged.value.field == "tinta-damaged_heavy"
    assert delivery.stage == "pps"
    assert delivery.gudang_at == now
    assert delivery.kpps_at is None
