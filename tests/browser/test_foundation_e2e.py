"""Log in on a phone, see the dashboard, move around with the bottom bar, log out."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login


def test_login_dashboard_bottom_nav_logout(page, artifacts):
    csp_violations = []
    page.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    login(page, "polri-operator")
    expect(page.locator("h1")).to_contain_text("Selamat bertugas")
    expect(page.locator(".topbar .badge")).to_have_text("Polri")
    expect(page.locator("#countdown")).to_be_visible()
    # Nothing wider than the phone: no horizontal scroll at this viewport.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "dashboard-phone.png"), full_page=True)

    bottom = page.locator("nav.bottomnav")
    expect(bottom).to_be_visible()
    bottom.get_by_text("Lainnya").click()
    page.wait_for_url("**/menu")
    expect(page.locator("h1")).to_contain_text("IPTU Fajar Nugroho")
    page.screenshot(path=str(artifacts / "menu-phone.png"), full_page=True)
    bottom.get_by_text("Beranda").click()
    page.wait_for_url("**/")
    expect(page.locator("h1")).to_contain_text("Selamat bertugas")

    bottom.get_by_text("Lainnya").click()
    page.wait_for_url("**/menu")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk")
    expect(page.get_by_text("Anda sudah keluar")).to_be_visible()
    assert csp_violations == []


def test_tap_targets_are_at_least_44px(page):
    login(page, "kpu-operator")
    sizes = page.eval_on_selector_all(
        "nav.bottomnav a, .button", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert sizes
    assert min(sizes) >= 44


def test_csrf_header_is_sent_by_htmx(page):
    """A boosted form post works (the X-CSRFToken header from hx-headers:inherited reaches the server)."""
    login(page, "bawaslu-operator")
    page.goto("/menu")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h2").first).to_have_text("Menu")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def test_login_page_and_admin_screens(page, artifacts):
    page.goto("/masuk")
    page.click("button[type=submit]")  # empty form: messages, no 500
    expect(page.locator(".error").first).to_be_visible()
    page.screenshot(path=str(artifacts / "login-errors-phone.png"), full_page=True)
    login(page, "admin")
    page.goto("/admin/pengguna")
    expect(page.locator("h1")).to_have_text("Pengguna")
    expect(page.get_by_text("beltim-polri-operator")).to_have_count(0)  # another kabupaten: not listed
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "admin-users-phone.png"))


def test_wide_screen_has_a_side_menu(browser, live_server, artifacts):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    login(page, "pemda-pimpinan")
    expect(page.locator("nav.sidenav")).to_be_visible()
    expect(page.locator("nav.bottomnav")).to_be_hidden()
    page.screenshot(path=str(artifacts / "dashboard-desktop.png"))
    context.close()
