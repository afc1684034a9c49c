"""Readiness on a 360 px phone (issue 13 points 5 and 12): axe-core finds 0 serious/critical violations on every
readiness page for the KPU, Polri and Kejaksaan operators and the Pemda pimpinan, and no page scrolls sideways.

axe-core comes from npm (package.json, pinned); SINERGI_AXE_JS points at another copy of axe.min.js."""

from __future__ import annotations

import pytest

from tests.browser.axe import AXE, MISSING, serious_violations
from tests.browser.conftest import login

PAGES = ["/kesiapan", "/kesiapan/tps", "/kesiapan/logistik", "/kesiapan/pengamanan", "/kesiapan/kerawanan", "/tps/3"]
WRITER_PAGES = {
    "kpu-operator": [
        "/kesiapan/pemindahan-surat-suara",
        "/kesiapan/tps/3/partisipasi",
        "/kesiapan/tps/3/logistik",
        "/kesiapan/partisipasi/impor",
    ],
    "kejaksaan-operator": ["/kesiapan/aght/baru"],
}


@pytest.mark.skipif(not AXE.exists(), reason=MISSING)
@pytest.mark.parametrize("user", ["kpu-operator", "polri-operator", "kejaksaan-operator", "pemda-pimpinan"])
def test_readiness_pages_pass_axe_at_360(browser, phone, live_server, artifacts, user):
    # axe is injected as an inline script: the test context alone bypasses the app's strict CSP.
    context = browser.new_context(
        **{**phone, "viewport": {"width": 360, "height": 780}}, base_url=live_server, bypass_csp=True
    )
    page = context.new_page()
    try:
        login(page, user)
        found = {}
        for path in PAGES + WRITER_PAGES.get(user, []):
            response = page.goto(path)
            assert response.status < 400, path
            serious = serious_violations(page)
            if serious:
                found[path] = serious
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, f"{path} scrolls sideways"
        page.goto("/tps/3")
        page.screenshot(path=str(artifacts / f"readiness-card-360-{user}.png"), full_page=True)
    finally:
        context.close()
    assert not found, found


def test_kejaksaan_sees_the_aght_entry_it_saved(page, artifacts):
    """UX review e.6: after saving, the entry is on screen (the page opens at it), with its date."""
    login(page, "kejaksaan-operator")
    page.goto("/kesiapan/aght/baru")
    page.select_option("select[name=kind]", "gangguan")
    page.fill("textarea[name=description]", "Spanduk provokatif dipasang di dekat TPS 005 Tanjungpandan")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/kesiapan/kerawanan#aght-*")
    entry = page.locator(".rd-aght:target")
    assert "Spanduk provokatif" in entry.inner_text()
    box = entry.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 915 - box["height"]  # fully on screen, under the header
    page.screenshot(path=str(artifacts / "readiness-aght-saved-phone.png"))
