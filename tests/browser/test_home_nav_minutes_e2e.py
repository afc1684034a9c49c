"""Phone-size journeys of issue 13 (points 3, 6, 8): each home screen leads with the agency's queue, the bottom bar
holds the role's core work, field officers report in one tap, minutes are corrected before finalising; axe-core
finds nothing serious or critical on the dashboards and the meeting pages."""

from __future__ import annotations

import pytest

from tests.browser.axe import AXE, serious_violations
from tests.browser.conftest import login

FOLD = 915  # Pixel 7 viewport height in CSS px (412×915)
# account → (id of the panel that must lead, word that must be in the bottom bar)
HOMES = {
    "polri-operator": ("panel-assigned", "Kesiapan"),
    "tni-operator": ("panel-assigned", "Kesiapan"),
    "kpu-operator": ("panel-readiness", "Kesiapan"),
    "kejaksaan-operator": ("gakkumdu-panel-title", "Kesiapan"),
    "bawaslu-operator": ("complaints-panel-title", "Pelanggaran"),
    "pemda-sekretariat": ("panel-meetings-next", "Rapat"),
    "pemda-pimpinan": ("incidents-title", "Linimasa"),
    "polri-petugas": ("report-cta", "Lapor"),
}


def _axe(page) -> list:
    return serious_violations(page)


@pytest.fixture
def fresh(browser, browser_context_args):
    """A new phone (no cookies, no service worker) per login; CSP bypassed only so axe can be injected."""
    contexts = []

    def make(**extra):
        ctx = browser.new_context(**{**browser_context_args, "bypass_csp": AXE.exists(), **extra})
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.mark.parametrize("username", sorted(HOMES))
def test_home_leads_with_the_agency_queue_above_the_fold(fresh, artifacts, username):
    panel, core = HOMES[username]
    page = fresh()
    login(page, username)
    page.screenshot(path=str(artifacts / f"homeux-dash-{username}-fold.png"))
    box = page.locator(f"#{panel}").bounding_box()
    assert box is not None
    assert box["y"] < FOLD - 100, (username, box)  # starts on the first screen
    bar = page.locator("nav.bottomnav")
    assert core in bar.inner_text()
    assert bar.locator("a").count() <= 5
    if AXE.exists():
        assert _axe(page) == []


def test_field_officer_reports_from_the_bottom_bar(fresh, artifacts):
    page = fresh()
    login(page, "polri-petugas")
    page.locator("nav.bottomnav a.nav-primary").click()
    page.wait_for_url("**/linimasa?lapor=1")
    assert page.locator("details#post-form").get_attribute("open") is not None
    assert page.locator("details#post-form textarea").is_visible()
    page.screenshot(path=str(artifacts / "homeux-lapor-open.png"))


def test_minutes_corrected_before_finalising(fresh, artifacts):
    page = fresh()
    login(page, "pemda-sekretariat")
    page.locator("#meeting-next a").first.click()
    page.wait_for_selector("#meeting-live")
    agenda = page.locator("section.agenda-item").first
    agenda.locator("summary").click()
    agenda.locator("select[name$='-kind']").select_option("discussion")
    agenda.locator("input[name$='-speaker']").fill("AKBP Dedy Kurniawan")
    agenda.locator("textarea").fill("Kesiapan 363 personel untuk 425 TPS.")
    agenda.locator("button[type=submit]").click()
    entry = agenda.locator(".minute-entry", has_text="425 TPS")
    entry.locator(".minute-warning").wait_for()  # the speaker is not on the attendance list
    page.wait_for_timeout(300)  # the entries list is re-fetched live once after the save
    entry.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "homeux-minutes-before-correction.png"))
    entry.locator("a[id$='-edit']").click()
    page.wait_for_selector("#minute-edit-form")
    page.fill("textarea[name=edit-text]", "Kesiapan 363 personel untuk 452 TPS.")
    page.screenshot(path=str(artifacts / "homeux-minutes-edit-form.png"))
    if AXE.exists():
        assert _axe(page) == []
    page.click("#minute-edit-form button[type=submit]")
    page.wait_for_selector("#meeting-live")
    fixed = page.locator(".minute-entry", has_text="452 TPS")
    fixed.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "homeux-minutes-after-correction.png"))
    assert page.locator(".minute-entry", has_text="425 TPS").count() == 0
    if AXE.exists():
        assert _axe(page) == []
    page.once("dialog", lambda dialog: dialog.accept())
    fixed.locator("button[id$='-delete']").click()
    page.wait_for_load_state()
    assert page.locator(".minute-entry", has_text="452 TPS").count() == 0
    page.screenshot(path=str(artifacts / "homeux-minutes-after-delete.png"))


def test_invitee_picker_and_meeting_pages_at_360(fresh, artifacts):
    page = fresh(viewport={"width": 360, "height": 740})
    login(page, "pemda-sekretariat")
    page.goto("/rapat/baru")
    rows = page.locator(".meeting-invitees label.check")
    assert page.locator(".meeting-invitees legend").count() >= 3  # grouped by agency
    boxes = [rows.nth(i).bounding_box() for i in range(rows.count())]
    assert all(b["height"] >= 44 for b in boxes), boxes
    pairs = zip(boxes, boxes[1:], strict=False)
    assert all(a["y"] + a["height"] <= b["y"] + 0.5 for a, b in pairs if b["y"] > a["y"]), boxes  # no overlap
    page.locator(".meeting-invitees").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "homeux-rapat-baru-invitees-360.png"))
    if AXE.exists():
        assert _axe(page) == []
        for url in ("/rapat", "/rapat/hadir"):
            page.goto(url)
            assert _axe(page) == [], url


def test_verification_page_says_what_to_compare_on_paper(fresh, artifacts):
    page = fresh()
    login(page, "kpu-pimpinan")
    page.goto("/rapat")
    page.locator("#meetings-past a.meeting-link, a.meeting-link", has_text="Logistik").first.click()
    page.wait_for_selector("#versions")
    page.locator("#versions a[href*='/verifikasi/']").first.click()
    page.wait_for_selector("#verify-paper")
    steps = page.locator("#verify-paper li")
    assert steps.count() == 5
    assert "halaman" in steps.nth(1).inner_text()
    page.screenshot(path=str(artifacts / "homeux-verifikasi.png"), full_page=True)
    if AXE.exists():
        assert _axe(page) == []


def test_login_page_offers_the_public_complaint_links(fresh, artifacts):
    page = fresh()
    page.goto("/")
    page.wait_for_url("**/masuk**")
    links = page.locator("#public-links a")
    assert links.count() == 3
    assert "/pengaduan/baru" in links.nth(0).get_attribute("href")
    assert links.nth(2).get_attribute("href") == "/verifikasi"
    page.screenshot(path=str(artifacts / "homeux-masuk-public-links.png"), full_page=True)
    if AXE.exists():
        assert _axe(page) == []
