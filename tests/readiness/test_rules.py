"""Readiness rules of law and practice (issue 11 point 8), each test naming its source.

Sources (domain.md §0, §4.2, §4.3, §5; domain-review §3): KPU's 2024 turnout method (August Mellaz, antaranews
5 Jun 2024), PKPU 17/2024 (DPTb from another kabupaten: governor ballot only), the ballot reserve (UU 1/2015
Pasal 80 for Pilkada; tirto/radarutara for Pemilu), ballot sharing practice (suarabaru, kabardaring, jpnn),
Bawaslu's 25 TPS-rawan indicators (jabar.antaranews, sinpo), the KPU supporting-logistics list
(makassar.tribunnews 12 Oct 2024)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.readiness.constants import ITEM_KEYS
from app.readiness.models import TurnoutCount
from app.readiness.services import ReadinessError, deployment, logistics, rollup, vulnerability
from app.readiness.services.logistics import TransferInput
from app.readiness.services.turnout import TurnoutFigures, ballot_cap, record_counts, record_turnout
from app.regions.models import Election
from tests.readiness.helpers import V_TANJUNG_1, V_TANJUNG_2, add_tps


def _figures(dpt, dptb=0, voted_dpt=0, voted_dptb=0, dpk=0):
    return TurnoutFigures(
        registered_dpt=dpt, registered_dptb=dptb, voted_dpt=voted_dpt, voted_dptb=voted_dptb, voted_dpk=dpk
    )


def _stock(db, tps, kpu, now, received):
    logistics.record_stock(db, tps, {"surat_suara": {"needed": received, "received": received}}, actor=kpu, now=now)


@pytest.mark.parametrize(
    ("regime", "dpt", "expected"),
    [
        ("pilkada", 400, 410),
        ("pilkada", 401, 412),
        ("pemilu", 400, 408),
        ("pemilu", 401, 410),
        ("pemilu", 300, 306),
        ("pemilu", 0, 0),
    ],
)
def test_ballot_reserve_per_regime(regime, dpt, expected):
    """Surat suara per TPS: Pilkada DPT + 2.5 % (UU 1/2015 Pasal 80), Pemilu DPT + 2 % (tirto, radarutara;
    domain.md §0, §5), rounded up."""
    assert logistics.ballots_needed(dpt, 1, regime) == expected


def test_regime_of_the_election_sets_the_needed_ballots(app, db, now):
    """A kabupaten holding a Pemilu needs DPT + 2 % per election type (domain.md §5), Pilkada DPT + 2.5 %."""
    with app.app_context():
        db.add(Election(name="Pemilu 2024", regime="pemilu", region_code="19.02", voting_day=date(2024, 2, 14)))
        tps = add_tps(db, V_TANJUNG_1, 1, 400)
        stocks = logistics.stocks_for(db, tps, create=True)
        assert stocks["surat_suara"].needed == 408 * 5  # 5 Pemilu ballots: presiden, DPR, DPD, DPRD prov, kab/kota
        assert stocks["kotak_suara"].needed == 5


def test_supporting_logistics_cover_the_kpu_list():
    """Dukungan perlengkapan lainnya (makassar.tribunnews 12 Oct 2024 [S]; domain-review §3): gembok/segel
    plastik, DPC, stiker nomor kotak and ATK are items."""
    assert {
        "gembok_segel_plastik",
        "dpc",
        "stiker_kotak",
        "atk",
        "sampul",
        "formulir",
        "tanda_pengenal",
        "alat_bantu_tunanetra",
        "daftar_pemilih",
    } <= set(ITEM_KEYS)


def test_turnout_the_kpu_2024_way_per_election_type(app, db, now, make_user):
    """KPU 2024: pengguna hak pilih (DPT + DPTb + DPK) over pemilih (DPT + DPTb + DPK) (August Mellaz,
    antaranews 5 Jun 2024 [V]); per election type (PKPU 17/2024)."""
    kpu = make_user("kpu-r1", agency="KPU")
    with app.app_context():
        tps = add_tps(db, V_TANJUNG_1, 1, 400)
        row = record_counts(
            db,
            tps,
            {
                "gubernur": _figures(400, dptb=10, voted_dpt=320, voted_dptb=9, dpk=3),
                "bupati_walikota": _figures(400, dptb=6, voted_dpt=320, voted_dptb=5, dpk=3),
            },
            actor=kpu,
            now=now,
        )
        data = rollup.build(db, "19.02", operation=None, voting_day=None, now=now, live=True)
        counts = {c.election_type: c for c in db.exec(select(TurnoutCount)).all()}
    assert (row.voted, row.eligible) == (332, 413)  # 320+9+3 over 400+10+3
    assert data.total.turnout_pct == pytest.approx(332 / 413)
    assert counts["bupati_walikota"].voters == 328
    assert counts["bupati_walikota"].eligible == 409


def test_dptb_from_another_kabupaten_gets_only_the_governor_ballot(app, db, now, make_user):
    """PKPU 17/2024 [V] (domain.md §0): a DPTb voter moving between kabupaten in the province gets only the
    gubernur ballot, so the regent election cannot have more DPTb voters than the governor's."""
    kpu = make_user("kpu-r2", agency="KPU")
    with app.app_context():
        tps = add_tps(db, V_TANJUNG_1, 1, 400)
        with pytest.raises(ReadinessError) as err:
            record_counts(
                db,
                tps,
                {
                    "gubernur": _figures(400, dptb=4, voted_dpt=300, voted_dptb=4),
                    "bupati_walikota": _figures(400, dptb=5, voted_dpt=300, voted_dptb=5),
                },
                actor=kpu,
                now=now,
            )
    assert err.value.field == "bupati_walikota-registered_dptb"


def test_turnout_cap_includes_ballots_transferred_in(app, db, now, make_user):
    """The TPS that received shared ballots can record its true count: cap = DPT + 2.5 % + net ballots of that
    election transferred in (domain-review §3, the seed's ballot-sharing scenario; suarabaru/jpnn [V])."""
    kpu = make_user("kpu-r3", agency="KPU")
    with app.app_context():
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        b = add_tps(db, V_TANJUNG_1, 2, 400)
        _stock(db, a, kpu, now, 820)
        _stock(db, b, kpu, now, 820)
        assert ballot_cap(db, b, "gubernur") == 410
        with pytest.raises(ReadinessError):
            record_turnout(db, b, 420, actor=kpu, now=now)
        logistics.record_transfer(db, a, b, TransferInput(15, "gubernur", "DPK banyak"), actor=kpu, now=now)
        assert ballot_cap(db, b, "gubernur") == 425
        assert ballot_cap(db, b, "bupati_walikota") == 410  # governor ballots do not count for the regent
        assert ballot_cap(db, a, "gubernur") == 395
        assert record_turnout(db, b, 420, actor=kpu, now=now).voted == 420
        record_counts(
            db,
            b,
            {
                "gubernur": _figures(400, dptb=12, voted_dpt=398, voted_dptb=12, dpk=10),
                "bupati_walikota": _figures(400, voted_dpt=398),
            },
            actor=kpu,
            now=now,
        )


def test_transfers_are_per_election_type_and_warn_outside_the_village(app, db, now, make_user):
    """Ballots are shared from the nearest TPS with surplus and DPK voters are sent within the desa (suarabaru,
    kabardaring, jpnn [V]; Bawaslu PTPS guide [S]; domain.md §5): each transfer names its election, and one
    between villages needs an explicit confirmation."""
    kpu = make_user("kpu-r4", agency="KPU")
    with app.app_context():
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        other = add_tps(db, V_TANJUNG_2, 1, 400)
        _stock(db, a, kpu, now, 820)
        with pytest.raises(ReadinessError) as no_type:
            logistics.record_transfer(
                db, a, other, TransferInput(5, "", "x", outside_village_ok=True), actor=kpu, now=now
            )
        with pytest.raises(ReadinessError) as outside:
            logistics.record_transfer(db, a, other, TransferInput(5, "gubernur", "x"), actor=kpu, now=now)
        transfer = logistics.record_transfer(
            db, a, other, TransferInput(5, "gubernur", "x", outside_village_ok=True), actor=kpu, now=now
        )
    assert no_type.value.field == "election_type"
    assert outside.value.field == "outside_village_ok"
    assert "desa yang berbeda" in outside.value.message
    assert transfer.election_type == "gubernur"


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        ({1}, "kurang_rawan"),  # pemilih disabilitas: the most frequent indicator nationally
        ({1, 2, 3, 4, 5, 6}, "kurang_rawan"),  # voter-rights indicators never count
        ({24, 25}, "kurang_rawan"),  # power/internet alone
        ({17, 18, 19, 22}, "kurang_rawan"),  # location alone
        ({14, 15, 16, 20, 21, 23}, "kurang_rawan"),
        ({10}, "rawan"),
        ({13}, "rawan"),
        ({13, 1, 24}, "rawan"),
        ({13, 18}, "rawan"),
        ({10, 13, 18}, "sangat_rawan"),
        ({7}, "sangat_rawan"),
        ({8, 1}, "sangat_rawan"),
        ({9}, "sangat_rawan"),
    ],
)
def test_polri_category_is_suggested_only_from_security_indicators(present, expected):
    """Polri categorises TPS from its own assessment (domain.md §4.3); Bawaslu's indicators are risk
    attributes, most not about security — 116,211 TPS had disabled voters (sinpo.id 22 Nov 2024 [V]). The
    suggestion uses only 7–13 with 17–19/22 as amplifiers (domain-review §3, §8.6); thresholds [U]."""
    assert vulnerability.suggested_category(present) == expected


def test_group_posts_are_whole_people(app, db, now, make_user):
    """Deployment is shown as whole people per post, never "0,5 personel" (UX review e.1, domain-review §3)."""
    polri = make_user("polri-r5", agency="POLRI")
    with app.app_context():
        tps = [add_tps(db, V_TANJUNG_1, n, 300) for n in (1, 2, 3)]
        op = deployment.create_operation(db, "Operasi Mantap Praja", "19.02", actor=polri, now=now)
        deployment.assign(db, op, tps[:2], 2, 1, "", actor=polri, now=now)
        deployment.assign(db, op, [tps[2]], 2, 0, actor=polri, now=now)
        rows = deployment.deployment_rows(db, op, tps)
    assert rows[0].post.label == rows[1].post.label == "Pos gabungan TPS 001, TPS 002"
    assert (rows[0].post.tps, rows[0].post.polri, rows[0].post.tni, rows[0].post.personnel) == (2, 2, 1, 3)
    assert (rows[2].post.tps, rows[2].post.personnel) == (1, 2)
    assert rows[0].pattern == (2, 4)


@pytest.mark.parametrize(
    ("configured", "regime", "expected"),
    [
        (None, "pilkada", ["gubernur", "bupati_walikota"]),
        ("bupati_walikota", "pilkada", ["bupati_walikota"]),  # DIY: no governor election (UU 13/2012)
        ("gubernur", "pilkada", ["gubernur"]),  # Jakarta: no regent/mayor election
        ("1", "pilkada", ["gubernur"]),
        ("dpr, dpd", "pemilu", ["dpr", "dpd"]),
        ("walikota", "pilkada", ["gubernur", "bupati_walikota"]),  # an unknown name never leaves no election
    ],
)
def test_the_elections_held_together_are_named_in_the_setting(app, monkeypatch, configured, regime, expected):
    """Review of issue 11: READINESS_ELECTION_TYPES=1 labelled a regent-only area as a governor election; the
    setting now names the elections (PKPU 17/2024: one box and one ballot set per election held)."""
    from app.readiness.services.common import election_type_keys, election_types

    monkeypatch.setitem(app.config, "READINESS_ELECTION_TYPES", configured)
    with app.app_context():
        assert election_type_keys(regime) == expected
        assert election_types(regime) == len(expected)
