"""The PWA in Chromium at phone size: installability, offline pages, the outbox, the install prompt."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import controlled as _controlled
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def _first_unread(page) -> str:
    """The element id of the first unread notification.

    The browser tests share one server, so other tests' posts can add notifications to this account while it
    runs; a test follows the one it tapped instead of counting the unread ones.
    """
    note = page.locator(".note.unread").first
    expect(note).to_be_visible()
    return note.get_attribute("id")


def test_chromium_finds_the_app_installable(playwright, phone, live_server, tmp_path):
    """Page.getInstallabilityErrors needs a real profile (Playwright's default contexts are incognito)."""
    from tests.browser.conftest import CHROMIUM

    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        base_url=live_server,
        headless=True,
        **{k: v for k, v in phone.items() if k != "default_browser_type"},
    )
    try:
        page = context.new_page()
        login(page, "polri-operator")
        _controlled(page)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"].endswith("/manifest.webmanifest")
        result = cdp.send("Page.getInstallabilityErrors")
        assert result["installabilityErrors"] == []
    finally:
        context.close()


def test_install_prompt_in_our_own_words(page, artifacts):
    login(page, "kpu-operator")
    # Chromium offers installation with beforeinstallprompt; headless never fires it, so we play the browser.
    page.evaluate("""() => {
        const e = new Event('beforeinstallprompt', {cancelable: true});
        e.prompt = () => { window.__prompted = true; return Promise.resolve(); };
        window.dispatchEvent(e);
    }""")
    banner = page.locator("#pwa-install")
    expect(banner).to_contain_text("Pasang Sinergi di layar utama")
    page.screenshot(path=str(artifacts / "pwa-install-prompt.png"))
    banner.get_by_role("button", name="Pasang").click()
    assert page.evaluate("window.__prompted") is True
    expect(banner).to_be_hidden()


def test_visited_page_opens_offline_and_unvisited_shows_offline_page(page, artifacts):
    login(page, "bawaslu-operator")
    _controlled(page)
    page.goto("/")  # controlled now: this copy is kept (the server marks the dashboard X-SW-Cache: 1)
    expect(page.locator("h1")).to_contain_text("Selamat bertugas")
    page.context.set_offline(True)
    try:
        page.goto("/")
        expect(page.locator("h1")).to_contain_text("Selamat bertugas")
        page.goto("/akun/sandi")  # never opened on this phone
        expect(page.locator("h1")).to_have_text("Anda sedang luring")
        page.screenshot(path=str(artifacts / "pwa-offline-page.png"), full_page=True)
    finally:
        page.context.set_offline(False)


def test_boosted_tap_offline_shows_the_kept_page(page, artifacts):
    """A bottom-bar tap is a boosted request (htmx 4: ``HX-Request-Type: full``): offline, the service worker
    must answer it with the kept copy of that page, as the server would answer it (one htmx rule). Before the
    fix it answered 204 like a partial: the address changed and the old page stayed on screen."""
    login(page, "bawaslu-operator")
    _controlled(page)
    page.goto("/linimasa")  # controlled now: the timeline's copy is kept
    expect(page.locator("h1")).to_contain_text("Linimasa")
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Selamat bertugas")
    page.context.set_offline(True)
    try:
        page.locator("nav.bottomnav a[href='/linimasa']").click()
        expect(page).to_have_url(re.compile(r"/linimasa$"))
        expect(page.locator("h1")).to_contain_text("Linimasa")
        page.screenshot(path=str(artifacts / "pwa-offline-boosted-tap.png"))
    finally:
        page.context.set_offline(False)


def test_notifications_list_with_unread_count(page, artifacts):
    login(page, "polri-operator")
    page.goto("/notifikasi")
    expect(page.locator("h1")).to_have_text("Notifikasi")
    unread = page.locator(".note.unread").count()  # demo notifications + the seeded timeline's incidents
    assert unread >= 1
    expect(page.locator(".notes-unread")).to_have_text(f"{unread} belum dibaca")
    expect(page.locator(".note.unread").filter(has_text="Keributan kecil di luar TPS 02 Desa Lassar")).to_have_count(1)
    page.screenshot(path=str(artifacts / "pwa-notifications.png"), full_page=True)
    page.goto("/menu")
    expect(page.locator(".link-list .nav-count")).to_have_text(str(unread))
    expect(page.locator("nav.bottomnav .nav-count")).to_have_text(str(unread))  # on "Lainnya"
    page.locator("nav.bottomnav").screenshot(path=str(artifacts / "pwa-bottomnav-badge.png"))
    page.goto("/notifikasi/pengaturan")
    expect(page.locator("[data-push-status]")).to_contain_text("Notifikasi push belum dikonfigurasi")
    expect(page.get_by_label("Kerawanan baru tingkat tinggi di wilayah saya")).to_be_checked()
    page.screenshot(path=str(artifacts / "pwa-notification-settings.png"), full_page=True)


def test_outbox_keeps_offline_taps_and_sends_each_once(page, artifacts):
    keys: list[str] = []

    def watch(route):
        keys.append(route.request.headers.get("idempotency-key"))
        route.continue_()

    login(page, "pemda-sekretariat")
    _controlled(page)
    page.goto("/kotak-keluar")  # opened once with signal, so it opens offline too
    page.goto("/notifikasi")
    tapped = _first_unread(page)
    page.context.route("**/notifikasi/*/baca", watch)
    page.context.set_offline(True)
    page.locator(f"#{tapped} .note-open").click()
    waiting = page.locator("[data-outbox-list] .outbox-item")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("menunggu sinyal")
    # Reload without signal: the page comes from the cache and the waiting item is still there. (Playwright's
    # routing would take navigations away from the service worker, so it is off for the reload.)
    page.context.unroute("**/notifikasi/*/baca")
    assert page.url.endswith("/notifikasi")  # the address did not change to the POST's
    page.reload()
    expect(page.locator("h1")).to_have_text("Notifikasi")
    expect(page.locator("[data-outbox-list] .outbox-item")).to_contain_text("menunggu sinyal")
    page.goto("/kotak-keluar")
    expect(page.locator("[data-outbox-full] .outbox-item")).to_contain_text("Tandai dibaca")
    expect(page.locator("#pwa-update")).to_have_count(0)
    page.screenshot(path=str(artifacts / "pwa-outbox-waiting.png"), full_page=True)
    page.context.route("**/notifikasi/*/baca", watch)
    page.context.set_offline(False)
    expect(page.locator("[data-outbox-full] .outbox-item")).to_have_count(0)
    page.goto("/notifikasi")
    expect(page.locator(f"#{tapped}")).not_to_have_class(re.compile(r"\bunread\b"))
    assert len([k for k in keys if k]) >= 1
    assert len(set(keys)) == 1  # every attempt carried the same key


def test_lost_answer_is_resent_and_stored_once(page):
    """The server stores the item, the answer never arrives; the resend gets the original (X-Replayed)."""
    seen: list[tuple[str, str | None]] = []

    def lose_first_answer(route):
        response = route.fetch(max_redirects=0)
        seen.append((route.request.headers.get("idempotency-key"), response.headers.get("x-replayed")))
        if len(seen) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    login(page, "kpu-pimpinan")
    _controlled(page)
    page.goto("/notifikasi")
    page.context.route("**/notifikasi/*/baca", lose_first_answer)
    page.locator(".note.unread .note-open").first.click()
    # Stored in the outbox because the answer was lost; sent again on the next chance. The outbox may resend
    # by itself (page events, Background Sync), so nudge it until it is empty instead of asserting the
    # in-between state.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        waiting = page.evaluate("SinergiOutbox.all().then(i => i.length)")
        if waiting == 0 and len(seen) >= 2:
            break
        if waiting:
            page.evaluate("SinergiOutbox.replay()")
        page.wait_for_timeout(300)
    expect(page.locator("[data-outbox-list] .outbox-item")).to_have_count(0)
    assert len(seen) == 2
    assert seen[0][0] == seen[1][0]
    assert seen[0][1] is None
    assert seen[1][1] == "1"


def test_refused_item_is_shown_not_dropped(page, artifacts):
    def refuse(route):
        route.fulfill(
            status=422,
            content_type="text/html",
            body='<form><p class="error" id="x-err">Catatan sudah ditutup oleh operator.</p></form>',
        )

    login(page, "bawaslu-pimpinan")
    _controlled(page)
    page.goto("/notifikasi")
    page.context.set_offline(True)
    page.locator(".note.unread .note-open").first.click()
    expect(page.locator("[data-outbox-list] .outbox-item")).to_have_count(1)
    page.context.route("**/notifikasi/*/baca", refuse)
    page.context.set_offline(False)
    item = page.locator("[data-outbox-list] .outbox-item")
    expect(item).to_contain_text("ditolak (422): Catatan sudah ditutup oleh operator.")
    page.goto("/kotak-keluar")
    full = page.locator("[data-outbox-full] .outbox-item")
    expect(full).to_contain_text("Catatan sudah ditutup oleh operator.")
    expect(full.get_by_role("button", name="Buang")).to_be_visible()
    page.screenshot(path=str(artifacts / "pwa-outbox-refused.png"), full_page=True)
    page.once("dialog", lambda d: d.accept())
    full.get_by_role("button", name="Buang").click()
    expect(full).to_have_count(0)


def test_logout_warns_about_waiting_items_and_clears_this_account(page):
    login(page, "tni-operator")
    _controlled(page)
    page.goto("/notifikasi")
    page.context.route("**/notifikasi/*/baca", lambda route: route.abort("internetdisconnected"))
    page.locator(".note.unread .note-open").first.click()
    expect(page.locator("[data-outbox-list] .outbox-item")).to_have_count(1)
    page.goto("/menu")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_timeout(300)
    assert page.url.endswith("/menu")  # stayed: the item is kept
    assert "1 kiriman belum terkirim" in questions[0]
    assert page.evaluate("SinergiOutbox.all().then(i => i.length)") == 1
    page.once("dialog", lambda d: answer(d, True))
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk")
    assert page.evaluate("SinergiOutbox.all().then(i => i.length)") == 0
    assert page.evaluate("caches.keys().then(k => k.filter(n => n.startsWith('sinergi-pages-')).length)") == 0


SAVER = """() => {
    const box = document.createElement('div');
    box.setAttribute('data-saver', '');
    box.innerHTML = '<img data-src="/static/icons/icon-512.png" alt="Foto kerawanan" width="200" height="200">';
    document.querySelector('main').prepend(box);
    document.dispatchEvent(new Event('htmx:after:settle'));
}"""


def test_data_saver_loads_photos_only_on_tap(page, artifacts):
    page.add_init_script(
        "Object.defineProperty(navigator, 'connection', "
        "{value: {saveData: true, effectiveType: '2g'}, configurable: true})"
    )
    login(page, "kpu-operator")
    page.evaluate(SAVER)
    tap = page.get_by_role("button", name="Ketuk untuk memuat foto")
    expect(tap).to_be_visible()
    image = page.locator("[data-saver] img")
    assert image.get_attribute("src") is None
    page.screenshot(path=str(artifacts / "pwa-data-saver.png"))
    tap.click()
    expect(image).to_be_visible()
    assert image.get_attribute("src") == "/static/icons/icon-512.png"


def test_photos_load_at_once_on_a_good_connection(page):
    login(page, "kpu-operator")
    page.evaluate(SAVER)
    expect(page.locator("[data-saver] img")).to_have_attribute("src", "/static/icons/icon-512.png")
    expect(page.get_by_role("button", name="Ketuk untuk memuat foto")).to_have_count(0)


PLAIN_FORM = """() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/notifikasi/baca-semua';
    form.setAttribute('hx-boost', 'false');
    form.setAttribute('data-outbox', 'Tandai semua dibaca');
    const token = JSON.parse(document.body.getAttribute('hx-headers:inherited'))['X-CSRFToken'];
    form.innerHTML = '<input type="hidden" name="csrf_token" value="' + token + '">' +
                     '<button type="submit" id="plain-submit">Kirim biasa</button>';
    document.querySelector('main').prepend(form);
    document.dispatchEvent(new Event('htmx:after:settle'));
}"""


def test_plain_form_post_without_signal_is_kept_and_sent_later(page):
    """A form htmx does not handle (hx-boost=false) goes through the worker's navigation path."""
    login(page, "kejaksaan-operator")
    _controlled(page)
    page.goto("/notifikasi")
    page.evaluate(PLAIN_FORM)
    assert page.locator("form[data-outbox] input[name=idempotency_key]").first.input_value()
    page.context.set_offline(True)
    page.click("#plain-submit")
    page.wait_for_url("**/notifikasi")
    expect(page.locator("[data-outbox-list] .outbox-item")).to_contain_text("Tandai semua dibaca")
    expect(page.locator("[data-outbox-list] .outbox-item")).to_contain_text("menunggu sinyal")
    page.context.set_offline(False)
    expect(page.locator("[data-outbox-list] .outbox-item")).to_have_count(0)


SHRINK_FORM = """() => {
    const form = document.createElement('form');
    form.setAttribute('data-outbox', 'Foto');
    form.innerHTML = '<input type="file" name="photos" accept="image/*">';
    document.querySelector('main').prepend(form);
}"""


def test_photos_are_shrunk_on_the_phone_before_sending(page, tmp_path):
    from PIL import Image

    big = tmp_path / "tps-03.png"
    Image.effect_noise((3000, 2000), 64).convert("RGB").save(big)  # a noisy 3000×2000 photo, several MB
    login(page, "polri-petugas")
    page.evaluate(SHRINK_FORM)
    page.set_input_files("form[data-outbox] input[type=file]", str(big))
    expect(page.locator("form[data-outbox] input[type=file][aria-busy]")).to_have_count(0, timeout=15000)
    page.wait_for_timeout(200)
    info = page.evaluate("""async () => {
        const f = document.querySelector('form[data-outbox] input[type=file]').files[0];
        const b = await createImageBitmap(f);
        return {type: f.type, size: f.size, w: b.width, h: b.height, name: f.name};
    }""")
    assert info["type"] == "image/jpeg"
    assert max(info["w"], info["h"]) == 1600
    assert info["size"] < big.stat().st_size / 3
    assert info["name"] == "tps-03.jpg"


def test_after_the_session_expires_the_user_logs_in_again_and_the_outbox_continues(page):
    login(page, "polri-pimpinan")
    _controlled(page)
    page.goto("/notifikasi")
    tapped = _first_unread(page)
    page.context.set_offline(True)
    page.locator(f"#{tapped} .note-open").click()
    expect(page.locator("[data-outbox-list] .outbox-item")).to_have_count(1)
    page.context.clear_cookies()  # the session ended while the phone was without signal
    page.context.set_offline(False)
    item = page.locator("[data-outbox-list] .outbox-item")
    expect(item).to_contain_text("masuk lagi untuk mengirim")
    item.get_by_role("link", name="Masuk").click()
    page.wait_for_url("**/masuk**")
    page.fill("input[name=login]", "polri-pimpinan")
    page.fill("input[name=password]", "sinergi-demo")
    page.click("button[type=submit]")
    page.wait_for_url("**/notifikasi")
    expect(page.locator("[data-outbox-list] .outbox-item")).to_have_count(0)
    page.reload()
    expect(page.locator(f"#{tapped}")).not_to_have_class(re.compile(r"\bunread\b"))


def test_the_next_account_on_a_phone_never_reads_the_previous_ones_pages_offline(page):
    """A shared phone: the first officer's session ends without the logout button (expired, ended elsewhere),
    the next one logs in. Offline, the first officer's kept pages are gone (the page from the network for another
    account dropped them); the new account's own kept pages still open (an audit read the previous account's
    restricted incident offline this way)."""
    login(page, "polri-operator")
    _controlled(page)
    page.goto("/linimasa")  # kept for polri-operator
    expect(page.locator("h1")).to_contain_text("Linimasa")
    first = page.get_attribute('meta[name="sinergi-account"]', "content")
    page.context.clear_cookies()  # the session ended, not by the logout button
    login(page, "kpu-operator")
    second = page.get_attribute('meta[name="sinergi-account"]', "content")
    assert second
    assert second != first
    page.wait_for_timeout(500)  # the worker drops the other account's copies as the dashboard arrives
    page.context.set_offline(True)
    try:
        page.goto("/linimasa")  # opened by polri-operator only
        expect(page.locator("h1")).to_have_text("Anda sedang luring")
        page.goto("/")  # kpu-operator's own copy
        expect(page.locator("h1")).to_contain_text("Selamat bertugas")
        assert page.get_attribute('meta[name="sinergi-account"]', "content") == second
    finally:
        page.context.set_offline(False)
