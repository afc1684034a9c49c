"""Escalations on screen: the trail on the incident page, the alerted officer's banner, the desk head's panel and
list, the admin's rules page and the CLI that runs a round as at a given time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.escalation import engine
from app.escalation.models import EscalationRule

T0 = datetime(2024, 11, 27, 0, 5, tzinfo=UTC)  # 07.05 WIB


@pytest.fixture
def escalated(app, db, accounts, make_shift, make_incident):
    """A tinggi incident for Polri at 07.05, escalated to the piket (07.15) and the head (07.35)."""
    make_shift(accounts["polri-operator"], T0 - timedelta(minutes=5))
    entry = make_incident(accounts["polri-petugas"], T0, text="Massa menghadang pemilih di TPS 001.")
    with app.app_context():
        engine.evaluate(db, T0 + timedelta(minutes=10))
        engine.evaluate(db, T0 + timedelta(minutes=30))
        db.commit()
    return entry


@pytest.fixture
def clock(monkeypatch):
    """The pages' clock, movable: ``clock(minutes)`` after 07.05 WIB."""
    state = {"now": T0 + timedelta(minutes=31)}
    monkeypatch.setattr("app.clock.utcnow", lambda: state["now"])
    for module in ("app.registry", "app.escalation.routes", "app.dashboard.routes", "app.timeline.routes.actions"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: state["now"], raising=False)

    def move(minutes: int):
        state["now"] = T0 + timedelta(minutes=minutes)

    return move


def test_the_incident_page_shows_who_was_alerted_when_and_why(client, login_as, escalated, accounts, clock):
    login_as("kpu-operator")
    page = client.get(f"/kerawanan/{escalated.id}").get_data(as_text=True)
    assert 'id="escalation-trail"' in page
    assert "Tingkat 1" in page
    assert "Piket Polri" in page
    assert accounts["polri-operator"].name in page
    assert "Alasan: belum diterima instansi penanganan 10 menit setelah dilaporkan." in page
    assert "Diberi tahu 07.15 WIB" in page
    assert "Diberi tahu 07.35 WIB" in page
    assert "Berikutnya pukul 08.05 WIB bila belum ada tindakan." in page  # the desk head, still to come


def test_the_alerted_see_a_banner_until_the_condition_clears(client, login_as, escalated, accounts, clock, db, app):
    from app.timeline import services

    login_as("polri-operator")
    assert f'id="es-banner-{escalated.id}"' in client.get("/linimasa").get_data(as_text=True)
    login_as("kpu-operator")
    assert "es-banner" not in client.get("/linimasa").get_data(as_text=True)  # not alerted
    with app.app_context():
        services.change_status(
            db, escalated, "ditangani", actor=accounts["polri-operator"], now=T0 + timedelta(minutes=33)
        )
        db.commit()
    clock(40)
    login_as("polri-operator")
    page = client.get(f"/kerawanan/{escalated.id}").get_data(as_text=True)
    assert "es-banner" not in page
    assert "Berhenti 07.38 WIB: ditangani." in page
    assert "Berikutnya" not in page


def test_the_desk_head_leads_with_escalations_in_progress(client, login_as, escalated, clock):
    login_as("pemda-pimpinan")
    home = client.get("/").get_data(as_text=True)
    assert 'id="es-panel"' in home
    assert home.index('id="es-panel"') < home.index('id="incidents-title"')
    assert f'id="es-row-{escalated.id}"' in home
    assert "Tingkat 2" in home
    assert f'id="es-row-{escalated.id}"' in client.get("/eskalasi").get_data(as_text=True)


def test_a_restricted_incident_stays_off_other_agencies_lists(client, login_as, app, db, accounts, make_shift,
                                                             make_incident, clock):  # fmt: skip
    make_shift(accounts["polri-operator"], T0 - timedelta(minutes=5))
    entry = make_incident(accounts["polri-operator"], T0, visible_to=["POLRI"], text="RAHASIA-POLRI-61 senjata")
    with app.app_context():
        engine.evaluate(db, T0 + timedelta(minutes=61))
        db.commit()
    clock(62)
    for username in ("pemda-pimpinan", "kpu-operator"):
        login_as(username)
        for url in ("/", "/eskalasi", "/notifikasi"):
            assert "RAHASIA-POLRI-61" not in client.get(url).get_data(as_text=True), (username, url)
        assert client.get(f"/kerawanan/{entry.id}").status_code == 403
    login_as("polri-pimpinan")
    assert f'id="es-row-{entry.id}"' in client.get("/").get_data(as_text=True)  # the agency head's own list


def test_field_officers_do_not_get_the_list(client, login_as, accounts):
    login_as("polri-petugas")
    assert client.get("/eskalasi").status_code == 403


def _rules_form(*rows):
    data = {}
    for n, (severities, condition, minutes, target) in enumerate(rows, start=1):
        data[f"rule-{n}-severities"] = severities
        data[f"rule-{n}-condition"] = condition
        data[f"rule-{n}-minutes"] = minutes
        data[f"rule-{n}-target"] = target
    return data


def test_the_admin_sets_the_desks_rules(client, login_as, accounts, db):
    login_as("admin")
    page = client.get("/eskalasi/aturan").get_data(as_text=True)
    assert "Desk memakai aturan bawaan" in page
    form = _rules_form(
        (["sedang", "tinggi"], "not_acknowledged", "5", "piket"), (["tinggi"], "not_handled", "20", "desk_head")
    )
    assert client.post("/eskalasi/aturan", data=form).status_code == 303
    rules = db.exec(select(EscalationRule).order_by(EscalationRule.level)).all()
    assert [(r.level, r.severities, r.minutes, r.target) for r in rules] == [
        (1, ",sedang,tinggi,", 5, "piket"),
        (2, ",tinggi,", 20, "desk_head"),
    ]
    assert db.exec(select(AuditLog).where(AuditLog.action == "escalation.rules")).one().object_id == "19.02"
    assert client.post("/eskalasi/aturan", data={"reset": "1"}).status_code == 303
    assert db.exec(select(EscalationRule)).all() == []


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([([], "not_handled", "10", "piket")], "Baris 1: pilih paling sedikit satu tingkat kerawanan."),
        ([(["tinggi"], "kapan-kapan", "10", "piket")], "Baris 1: pilih kondisi yang ditunggu aturan ini."),
        ([(["tinggi"], "not_handled", "10", "presiden")], "Baris 1: pilih siapa yang diberi tahu."),
        ([(["tinggi"], "not_handled", "sepuluh", "piket")], "Baris 1: menit harus bilangan bulat 1 sampai 240."),
        ([(["tinggi"], "not_handled", "0", "piket")], "Baris 1: menit harus bilangan bulat 1 sampai 240."),
        ([(["tinggi"], "not_handled", "999", "piket")], "Baris 1: menit harus bilangan bulat 1 sampai 240."),
        (
            [(["tinggi"], "not_handled", "30", "piket"), (["tinggi"], "not_handled", "10", "desk_head")],
            "Urutkan tingkat menurut menitnya",
        ),
    ],
)
def test_bad_rules_are_refused_with_the_row_named(client, login_as, accounts, db, rows, message):
    login_as("admin")
    response = client.post("/eskalasi/aturan", data=_rules_form(*rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert db.exec(select(EscalationRule)).all() == []
    if message.startswith("Baris 1"):  # said inside the level it names, not above the form
        level = page[page.index('id="rule-1"') - 60 :][:600]
        assert "field-error" in level
        assert message in level


def test_only_the_admin_edits_rules(client, login_as, accounts):
    for username in ("pemda-pimpinan", "polri-operator"):
        login_as(username)
        assert client.get("/eskalasi/aturan").status_code == 403
        assert client.post("/eskalasi/aturan", data={"reset": "1"}).status_code == 403


def test_the_cli_runs_a_round_as_at_a_given_time(app, db, accounts, make_shift, make_incident):
    make_shift(accounts["polri-operator"], T0 - timedelta(minutes=5))
    entry = make_incident(accounts["polri-petugas"], T0)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["escalation", "run", "--at", "2024-11-27T07:16:00+07:00"])
    assert result.exit_code == 0, result.output
    assert "'escalations': 1" in result.output
    assert "--at" in runner.invoke(args=["escalation", "run", "--at", "besok"]).output
    from app.escalation.models import Escalation

    assert [e.level for e in db.exec(select(Escalation).where(Escalation.entry_id == entry.id))] == [1]
