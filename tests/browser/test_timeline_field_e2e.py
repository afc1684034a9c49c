"""Field UX of the timeline on a phone (issue 13): an offline report keeps the time it was written and is
placed at a TPS chosen without signal; a refused status change is seen next to its button and leaves no
405 URL; photos are previewed; a live card gets its day heading; axe finds nothing serious."""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.axe import AXE, MISSING, serious_violations
from tests.browser.conftest import controlled, login

pytestmark = pytest.mark.browser


def _photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 120, 200)).save(buf, "JPEG")
    return buf.getvalue()


def _errors(page, problems: list) -> None:
    page.on("pageerror", lambda e: problems.append(f"pageerror {e}"))


def test_offline_report_keeps_its_written_time_and_tps(browser, browser_context_args, artifacts):
    ctx = browser.new_context(**browser_context_args)
    page = ctx.new_page()
    problems: list[str] = []
    _errors(page, problems)
    try:
        # The phone's clock reads three minutes behind the server's until the report has been written.
        page.clock.install(time=datetime.now(UTC) - timedelta(minutes=3))
        login(page, "polri-petugas")
        page.goto("/linimasa")
        controlled(page)
        page.reload()  # now through the service worker: the place data is kept on the phone
        page.get_by_text("Tulis laporan").click()
        # scoped to Kecamatan Membalong: starts there, its villages listed without choosing anything
        expect(page.locator("form.tl-post select[name=kecamatan]")).to_have_value("19.02.02")
        membalong = page.locator("form.tl-post select[name=village_code] option[value='19.02.02.2001']")
        expect(membalong).to_have_count(1)

        ctx.set_offline(True)
        page.reload()  # the stored page, offline
        page.get_by_text("Tulis laporan").click()
        text = f"Ditulis tanpa sinyal di TPS 003 ({time.time():.0f})."
        page.fill("textarea[name=text]", text)
        page.fill("input[data-place-search]", "membalong")
        expect(page.locator("form.tl-post select[name=village_code]")).to_have_value("19.02.02.2001")
        expect(page.locator("form.tl-post select[name=tps_id] option")).not_to_have_count(1)  # TPS offline
        page.select_option("form.tl-post select[name=tps_id]", label="TPS 003")
        page.screenshot(path=str(artifacts / "field-offline-form-412.png"), full_page=False)
        page.locator("form.tl-post button[type=submit]").click()
        expect(page.locator("#outbox-items")).to_contain_text(text[:20])

        page.clock.set_system_time(datetime.now(UTC))  # the clock is right again by the time the signal returns
        ctx.set_offline(False)
        page.evaluate("() => window.dispatchEvent(new Event('online'))")
        card = page.locator("#timeline-list .tl-entry", has_text=text)
        page.goto("/linimasa")
        expect(card).to_be_visible(timeout=10000)
        expect(card.locator(".tl-sent-at")).to_contain_text("terkirim")
        written = card.locator("time").inner_text()
        sent = card.locator(".tl-sent-at").inner_text()
        assert written not in sent, (written, sent)
        expect(card.locator(".tl-entry-meta")).to_contain_text("TPS 003, Desa Membalong")
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "field-offline-card-412.png"), full_page=False)
        assert not problems, problems
    finally:
        ctx.close()


def test_village_search_without_a_kecamatan(browser, browser_context_args):
    ctx = browser.new_context(**browser_context_args)
    page = ctx.new_page()
    try:
        login(page, "kpu-operator")  # the whole kabupaten
        page.goto("/linimasa")
        page.get_by_text("Tulis laporan").click()
        expect(page.locator("form.tl-post select[name=kecamatan]")).to_have_value("")
        page.fill("input[data-place-search]", "Lassar")
        expect(page.locator("form.tl-post select[name=village_code] option:checked")).to_have_text("Lassar")
        expect(page.locator("form.tl-post select[name=kecamatan]")).not_to_have_value("")  # its kecamatan follows
        expect(page.locator("form.tl-post select[name=tps_id] option")).not_to_have_count(1)
    finally:
        ctx.close()


def test_refused_resolve_is_seen_next_to_the_button(browser, browser_context_args, artifacts):
    for width, height in ((412, 915), (360, 740)):
        ctx = browser.new_context(**{**browser_context_args, "viewport": {"width": width, "height": height}})
        page = ctx.new_page()
        try:
            login(page, "bawaslu-pimpinan")
            page.goto("/linimasa?jenis=kerawanan&status=ditangani")
            page.locator("#timeline-list .tl-entry a.tl-entry-open").first.click()
            page.wait_for_url(re.compile(r".*/kerawanan/\d+$"))
            url = page.url
            button = page.locator("#mark-resolved")
            button.scroll_into_view_if_needed()
            before = page.evaluate("scrollY")
            assert before > 0
            button.click()
            error = page.locator("#incident-steps .error")
            expect(error).to_have_text("Tulis catatan penyelesaian sebelum menutup kerawanan.")
            assert page.url == url  # never /kerawanan/N/status
            box = error.bounding_box()
            bar_top = page.evaluate(
                "() => { const n = document.querySelector('nav.bottomnav');"
                " return n && n.offsetParent ? n.getBoundingClientRect().top : innerHeight; }"
            )
            assert box["y"] > 0, box
            assert box["y"] + box["height"] <= bar_top, (box, bar_top)  # not under the bottom bar
            assert page.evaluate("scrollY") > 0
            expect(page.locator("textarea[name=note]")).to_be_focused()
            page.screenshot(path=str(artifacts / f"field-resolve-refused-{width}.png"), full_page=False)
            assert page.reload().status == 200
        finally:
            ctx.close()


def test_photo_preview_and_live_day_heading(browser, browser_context_args, artifacts):
    reader_ctx = browser.new_context(**browser_context_args)
    writer_ctx = browser.new_context(**browser_context_args)
    reader, writer = reader_ctx.new_page(), writer_ctx.new_page()
    try:
        login(reader, "kpu-operator")
        login(writer, "polri-petugas")
        # Only Polri's logistics posts: none today yet, so the day heading must come with the live card.
        reader.goto("/linimasa?instansi=POLRI&jenis=logistik")
        expect(reader.locator("#timeline-list")).to_be_attached()
        today = reader.evaluate("() => new Date().toLocaleDateString('sv-SE', {timeZone: 'Asia/Jakarta'})")
        expect(reader.locator(f"#timeline-list li.tl-day[data-day='{today}']")).to_have_count(0)
        writer.goto("/linimasa")
        writer.get_by_text("Tulis laporan").click()
        writer.set_input_files(
            "input[name=photos]",
            files=[
                {"name": "a.jpg", "mimeType": "image/jpeg", "buffer": _photo()},
                {"name": "b.jpg", "mimeType": "image/jpeg", "buffer": _photo()},
            ],
        )
        expect(writer.locator(".tl-photo-preview img")).to_have_count(2)
        expect(writer.locator(".tl-photo-preview img").first).to_have_attribute("alt", "Foto 1 yang akan dikirim")
        writer.locator(".tl-photo-preview").scroll_into_view_if_needed()
        writer.screenshot(path=str(artifacts / "field-photo-preview-412.png"), full_page=False)
        text = f"Logistik TPS 003 lengkap ({time.time():.0f})."
        writer.select_option("form.tl-post select[name=kind]", "logistik")
        writer.fill("textarea[name=text]", text)
        writer.locator("form.tl-post button[type=submit]").click()
        card = reader.locator("#timeline-list .tl-entry", has_text=text)
        expect(card).to_be_visible(timeout=15000)  # live, by the stream
        heading = card.evaluate("""li => { let p = li.previousElementSibling;
            while (p && !p.classList.contains('tl-day')) p = p.previousElementSibling;
            return p ? [p.dataset.day, p.textContent.trim()] : null; }""")
        assert heading, "a live card without a day heading"
        assert heading[0] == card.get_attribute("data-day") == today, heading
        assert re.search(r"\d{4}$", heading[1]), heading  # "Rabu, 2 Desember 2026"
        reader.screenshot(path=str(artifacts / "field-live-day-heading-412.png"), full_page=False)
    finally:
        reader_ctx.close()
        writer_ctx.close()


@pytest.mark.skipif(not AXE.exists(), reason=MISSING)
def test_axe_finds_nothing_serious_on_timeline_pages(browser, browser_context_args):
    """axe-core on /linimasa, /linimasa/ringkasan and an incident page at 360 px: 0 serious/critical."""
    ctx = browser.new_context(
        **{**browser_context_args, "viewport": {"width": 360, "height": 740}, "bypass_csp": True}
    )  # axe is injected as an inline script
    page = ctx.new_page()
    try:
        login(page, "bawaslu-pimpinan")
        page.goto("/linimasa?jenis=kerawanan")
        incident = page.locator("#timeline-list .tl-entry a.tl-entry-open").first.get_attribute("href")
        found = {}
        for url in ("/linimasa", "/linimasa/ringkasan", incident):
            page.goto(url)
            found[url] = serious_violations(page)
        assert not any(found.values()), found
    finally:
        ctx.close()
