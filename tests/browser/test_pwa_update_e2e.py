"""Issue 6: a new version of the service worker waits; the page says "Versi baru tersedia — muat ulang", and the
tap lets the new worker take over and reloads. The served version really changes: the server is restarted on
the same address with another SINERGI_ASSET_VERSION while the page stays open."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _e2e_database, controlled, login, start_server, stop_server

pytestmark = pytest.mark.browser

# Asks the worker that controls the page which version it is (static/js/sw.js answers on a MessageChannel).
VERSION = """() => new Promise((done) => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return done(null);
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => done(event.data.version);
    worker.postMessage({type: 'version'}, [channel.port2]);
    setTimeout(() => done('no answer'), 5000);
})"""


def test_new_version_shows_the_notice_and_takes_over_after_the_tap(browser, phone, tmp_path, artifacts):
    database, drop = _e2e_database(tmp_path, "sinergi_e2e_update")
    base, server, _env = start_server(tmp_path, database_url=database, extra_env={"SINERGI_ASSET_VERSION": "rilis-1"})
    context = browser.new_context(**phone, base_url=base)
    try:
        page = context.new_page()
        login(page, "kpu-operator")
        controlled(page)
        assert page.evaluate(VERSION) == "rilis-1"
        expect(page.locator("#pwa-update")).to_have_count(0)

        # A new release is deployed while the phone keeps the page open.
        stop_server(server)
        server = None
        _, server, _env = start_server(
            tmp_path,
            database_url=database,
            port=urlsplit(base).port,
            prepare=False,
            extra_env={"SINERGI_ASSET_VERSION": "rilis-2"},
        )
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")

        notice = page.locator("#pwa-update")
        expect(notice).to_contain_text("Versi baru tersedia", timeout=20000)
        button = notice.get_by_role("button", name="muat ulang")
        expect(button).to_be_visible()
        # It waits: the old worker still serves this page until the user taps.
        assert page.evaluate(VERSION) == "rilis-1"
        assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)")
        # At phone size the notice sits fully on screen, above the bottom bar, and the button is tappable.
        box, bar = notice.bounding_box(), page.locator("nav.bottomnav").bounding_box()
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= bar["y"]
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= page.viewport_size["width"]
        assert button.bounding_box()["height"] >= 40
        page.screenshot(path=str(artifacts / "pwa-update-notice.png"))

        with page.expect_navigation():
            button.click()
        controlled(page)
        assert page.evaluate(VERSION) == "rilis-2"
        expect(page.locator("#pwa-update")).to_have_count(0)
        assert "v=rilis-2" in page.locator('link[rel="stylesheet"]').first.get_attribute("href")
        names = page.evaluate("caches.keys()")
        assert "sinergi-shell-rilis-2" in names
        assert not [n for n in names if n.endswith("rilis-1")]  # the new worker dropped the old caches
    finally:
        context.close()
        if server is not None:
            stop_server(server)
        drop()
