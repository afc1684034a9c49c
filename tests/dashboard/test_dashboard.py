"""Every demo account lands on its agency's dashboard, which leads with what that agency acts on now."""

from __future__ import annotations

import re

import pytest

from app.clock import utcnow
from app.dashboard.seed import TODAY_TEXT
from app.demo.seed import ACCOUNTS
from app.i18n import format_day, local


@pytest.fixture
def seeded(app):
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output


def _home(app, client, username: str) -> str:
    response = client.post("/masuk", data={"login": username, "password": app.config["DEMO_PASSWORD"]})
    assert response.status_code == 303
    return client.get("/").get_data(as_text=True)


def _part(body: str, start: str, end: str) -> str:
    match = re.search(f'id="{start}".*?id="{end}"', body, re.S)
    return match.group(0) if match else ""


def _bottom_bar(body: str) -> str:
    return body[body.index('class="bottomnav"') :]


@pytest.mark.parametrize("account", ACCOUNTS, ids=[a[0] for a in ACCOUNTS])
def test_each_demo_account_lands_on_its_dashboard(app, client, seeded, account):
    username, name, agency, _role, _pos, _rank, region = account
    body = _home(app, client, username)
    assert "Selamat bertugas" in body
    assert f"badge-{agency.lower()}" in body
    assert 'id="countdown"' in body
    assert "Hari pemungutan suara" not in body
    scope = body[body.index('id="scope"') :]
    # The scope is said as a sentence about the user's own region: a kabupaten user never reads "the province".
    # The province desk covers both regencies' elections: its line names one and counts the other.
    line = _part(body, "countdown", "scope")
    assert ("dan 1 pemilihan lain pada hari yang sama" in line) == (region == "19"), line
    if region == "19":
        assert "Provinsi Kepulauan Bangka Belitung" in scope[:400]
    else:
        assert "Provinsi" not in scope[:400]
    if region.startswith("19.06"):
        assert "Belitung Timur" in scope
    else:
        assert "Belitung" in scope


LEADS = {
    "polri-operator": "panel-assigned",
    "tni-operator": "panel-assigned",
    "kpu-operator": "panel-readiness",
    "bawaslu-operator": "complaints-panel-title",
    "kejaksaan-operator": "gakkumdu-panel-title",
    "pemda-sekretariat": "panel-meetings-next",
    "pemda-pimpinan": "incidents-title",
}


@pytest.mark.parametrize("username", sorted(LEADS))
def test_home_leads_with_the_agency_queue(app, client, seeded, username):
    body = _home(app, client, username)
    now_part = _part(body, "panels-now", "panels-more")
    assert f'id="{LEADS[username]}"' in now_part


def test_polri_sees_todays_incident_assigned_to_it_first(app, client, seeded):
    now_part = _part(_home(app, client, "polri-operator"), "panels-now", "panels-more")
    assert TODAY_TEXT[:40] in now_part
    assert "menunggu ditangani" in now_part


def test_incident_card_shows_today_not_voting_day(app, client, seeded):
    body = _home(app, client, "kpu-pimpinan")
    today = format_day(local(utcnow(), "19.02").date(), "19.02")
    assert f"Kerawanan pada {today}" in body


def test_secretariat_sees_next_meeting(app, client, seeded):
    part = _part(_home(app, client, "pemda-sekretariat"), "panels-now", "panels-more")
    assert "Rapat Koordinasi Pengamanan" in part


@pytest.mark.parametrize(
    ("username", "present", "absent"),
    [
        ("kpu-operator", ["Kesiapan"], ["Pelanggaran"]),
        ("polri-operator", ["Kesiapan"], ["Pelanggaran"]),
        ("tni-operator", ["Kesiapan"], ["Pelanggaran"]),
        ("kejaksaan-operator", ["Kesiapan"], ["Pelanggaran"]),
        ("bawaslu-operator", ["Pelanggaran"], []),
        ("polri-petugas", ["Lapor", "nav-primary"], []),
    ],
)
def test_bottom_bar_shows_the_roles_core_work(app, client, seeded, username, present, absent):
    bar = _bottom_bar(_home(app, client, username))
    assert bar.count("<a href") <= 5
    for text in present:
        assert text in bar
    for text in absent:
        assert text not in bar


def test_field_officer_gets_a_report_button(app, client, seeded):
    body = _home(app, client, "polri-petugas")
    assert 'id="report-cta"' in body
    assert "/linimasa?lapor=1" in body
    assert 'id="report-cta"' not in _home(app, app.test_client(), "polri-operator")


def test_admin_menu_items_follow_permissions(app, client, seeded):
    assert "/admin/pengguna" not in _home(app, client, "kpu-operator")


@pytest.mark.parametrize("username", ["admin", "polri-petugas", "tni-petugas", "kpu-operator", "pemda-sekretariat"])
def test_every_menu_link_opens_for_its_user(app, client, seeded, username):
    """The side bar, the bottom bar and /menu list only what the user may open (one filter: nav_items())."""
    body = _home(app, client, username) + client.get("/menu").get_data(as_text=True)
    menus = "".join(re.findall(r'<nav class="(?:sidenav|bottomnav)".*?</nav>', body, re.S))
    menus += "".join(re.findall(r'<ul class="link-list">.*?</ul>', body, re.S))
    links = set(re.findall(r'href="(/[^"#]*)"', menus)) - {"/keluar"}
    assert links
    for href in sorted(links):
        assert client.get(href.replace("&amp;", "&")).status_code < 400, href


def test_every_link_on_every_home_opens_for_its_user(app, seeded):
    """The panels of the home page link only to what the user may open (a Gakkumdu case, a meeting's action):
    every demo account, every link of its home page."""
    refused = []
    for username, *_rest in ACCOUNTS:
        client = app.test_client()
        body = _home(app, client, username)
        main = body[body.index("<main") : body.index("</main>")]
        for href in sorted(set(re.findall(r'href="(/[^"#]*)', main)) - {"/keluar"}):
            if href.endswith((".pdf", ".csv")) or href.startswith("/static/"):
                continue
            response = client.get(href.replace("&amp;", "&"))
            response.close()
            if response.status_code >= 400:
                refused.append((username, href, response.status_code))
    assert refused == []
