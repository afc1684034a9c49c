"""Steps' expected times and who records each are a setting per regime (issue 15, point 1): ``VOTINGDAY_REGIMES``
replaces some steps' defaults for the voting days of one regime's elections. Both regimes vote 07.00–13.00 local
time (Pilkada: PKPU 17/2024; Pemilu: PKPU 25/2023), so by default nothing differs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import Session, select

from app import create_app
from app.db import get_engine
from app.regions.models import Election
from app.votingday import board as boards
from app.votingday.models import Checkin
from app.votingday.settings import VotingDaySettings, check_regimes, for_regime
from tests.votingday.test_board import at
from tests.votingday.test_checkin import post

PEMILU_LATER_READY = {"pemilu": {"expected": [["tps_siap", "07:30"]]}}
PEMILU_KPU_ONLY = {"pemilu": {"recorders": [["tps_siap", ["KPU"]]]}}


def _election(app, regime: str) -> None:
    with Session(get_engine(app, write=True)) as s:
        s.add(Election(name="Pemilihan 2024", region_code="19.02", voting_day=date(2024, 11, 27), regime=regime))
        s.commit()


def test_a_regime_replaces_only_the_steps_it_names():
    s = VotingDaySettings(regimes={**PEMILU_LATER_READY, **{"pilkada": {}}})
    pemilu = dict(for_regime(s, "pemilu").expected)
    assert pemilu["tps_siap"] == "07:30"
    assert pemilu["pemungutan_dimulai"] == "07:15"  # not named: the default
    assert dict(for_regime(s, "pilkada").expected) == dict(VotingDaySettings().expected)
    assert for_regime(s, "pemilu") != for_regime(s, "pilkada")  # boards of the two are cached apart
    kpu_only = dict(for_regime(VotingDaySettings(regimes=PEMILU_KPU_ONLY), "pemilu").recorders)
    assert kpu_only["tps_siap"] == ("KPU",)
    assert kpu_only["pemungutan_dimulai"] == ("KPU", "BAWASLU")


@pytest.mark.parametrize(
    "regimes",
    [
        {"dprd": {}},  # not a regime
        {"pemilu": {"expected": [["tps_siap", "7.30"]]}},  # not HH:MM
        {"pemilu": {"expected": [["tps_buka", "07:30"]]}},  # not a step
        {"pemilu": {"recorders": [["tps_siap", ["KPPS"]]]}},  # not an agency
        {"pemilu": {"recorders": [["tps_siap", []]]}},  # nobody
        {"pemilu": {"deadline": []}},  # not a key
    ],
)
def test_a_wrong_setting_stops_the_start(regimes):
    with pytest.raises(ValueError, match="VOTINGDAY_REGIMES"):
        check_regimes(VotingDaySettings(regimes=regimes))
    with pytest.raises(ValueError, match="VOTINGDAY_REGIMES"):
        create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "VOTINGDAY_REGIMES": regimes})


@pytest.mark.parametrize(("regime", "silent_on_ready"), [("pilkada", True), ("pemilu", False)])
def test_the_silent_list_follows_the_regime_of_the_election(
    app, db, monkeypatch, accounts, places, regime, silent_on_ready
):
    """At 07.16 a TPS never reported ready is silent under the default 07.00; the Pemilu setting expects it at
    07.30, so on a Pemilu voting day it is not listed yet."""
    monkeypatch.setitem(app.config, "VOTINGDAY_REGIMES", PEMILU_LATER_READY)
    _election(app, regime)
    with app.app_context():  # the settings are the app's
        silent = {sl.step.value for sl in boards.build(db, accounts["kpu-operator"], at("07:16")).silent}
    assert ("tps_siap" in silent) is silent_on_ready
    assert "petugas_tiba" in silent  # not named by the setting: 06.30 in both


@pytest.mark.parametrize(("regime", "allowed"), [("pilkada", True), ("pemilu", False)])
def test_who_records_a_step_follows_the_regime(
    app, client, db, monkeypatch, login_as, accounts, places, clock, regime, allowed
):
    monkeypatch.setitem(app.config, "VOTINGDAY_REGIMES", PEMILU_KPU_ONLY)
    _election(app, regime)
    login_as("bawaslu-operator")
    page = client.get("/hari-h").get_data(as_text=True)
    steps = re.search(r'<select[^>]*name="step".*?</select>', page, re.S).group(0)
    assert ('value="tps_siap"' in steps) is allowed
    assert 'value="pemungutan_dimulai"' in steps
    response = post(client, places["membalong1"], "tps_siap", clock="06:50")
    if allowed:
        assert response.status_code == 303
    else:
        assert response.status_code == 422
        assert "dicatat oleh petugas KPU." in response.get_data(as_text=True)
    db.expire_all()
    assert len(db.exec(select(Checkin)).all()) == (1 if allowed else 0)
