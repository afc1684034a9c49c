"""Two phones on the timeline: a Polri officer posts an incident with a photo, the KPU operator sees it
without reloading, handles and resolves it, and both see the status change live."""

from __future__ import annotations

import io
import re
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def _photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (2400, 1800), (200, 120, 40)).save(buf, "JPEG")
    return buf.getvalue()


def _no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# Serial (with the machine to itself, on both engines): under `make test`'s two parallel halves the KPU phone's
# card did not arrive within 15 s twice on SQLite (CPU starvation of the live server; alone, and in the whole
# browser share on a quiet machine, it arrives within a second and the test passes).
@pytest.mark.serial
def test_incident_posted_seen_handled_and_resolved_live(browser, browser_context_args, artifacts):
    polri_ctx = browser.new_context(**browser_context_args)
    kpu_ctx = browser.new_context(**browser_context_args)
    polri, kpu = polri_ctx.new_page(), kpu_ctx.new_page()
    problems = []
    for p in (polri, kpu):
        p.on("console", lambda m, p=p: problems.append(f"{p.url} {m.location} {m.text}") if m.type == "error" else None)
    try:
        login(polri, "polri-petugas")
        login(kpu, "kpu-operator")
        polri.goto("/linimasa")
        kpu.goto("/linimasa")
        expect(kpu.locator("#timeline-list .tl-entry").first).to_be_visible()
        assert _no_overflow(kpu)
        kpu.screenshot(path=str(artifacts / "timeline-phone.png"), full_page=False)

        text = f"Surat suara kurang 9 lembar, pemilih masih antre ({time.time():.0f})."
        polri.get_by_text("Tulis laporan").click()
        polri.select_option("select[name=kind]", "kerawanan")
        polri.fill("textarea[name=text]", text)
        polri.select_option("select[name=category]", "op.surat_suara_kurang")
        polri.select_option("select[name=severity]", "tinggi")
        polri.select_option("select[name=handling_agency]", "KPU")
        polri.select_option("select[name=kecamatan]", "19.02.02")
        expect(polri.locator("select[name=village_code] option[value='19.02.02.2001']")).to_have_count(1)
        polri.fill("input[data-place-search]", "Membalong")
        polri.select_option("select[name=village_code]", "19.02.02.2001")
        expect(polri.locator("select[name=tps_id] option")).to_have_count(7)
        polri.select_option("select[name=tps_id]", label="TPS 002")
        polri.set_input_files(
            "input[name=photos]", files=[{"name": "bukti.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
        )
        expect(polri.locator("form.tl-post button[type=submit]")).to_be_enabled()
        assert _no_overflow(polri)
        polri.screenshot(path=str(artifacts / "timeline-post-form-phone.png"), full_page=True)
        polri.locator("form.tl-post button[type=submit]").click()

        # No reload on the KPU phone: the card arrives by the stream. How fast is a benchmark's figure
        # (bench/timeline_load.py, docs/PERFORMANCE.md: p95 well under a second), not a timed assertion here: under
        # `make test` two suites share the two cores and a delivery can take seconds.
        card = kpu.locator("#timeline-list .tl-entry", has_text=text)
        try:
            expect(card).to_be_visible(timeout=30000)
        except AssertionError:
            raise AssertionError(_why_not_delivered(polri, kpu, text)) from None
        expect(card.locator(".tl-status")).to_have_text("Dilaporkan")
        expect(card.locator(".tl-entry-photos img")).to_have_count(1)
        expect(polri.locator("#timeline-list .tl-entry", has_text=text)).to_be_visible()
        kpu.screenshot(path=str(artifacts / "timeline-live-phone.png"), full_page=False)

        card.locator("a.tl-entry-open").click()
        kpu.wait_for_url("**/kerawanan/*")
        kpu.get_by_role("button", name="Tandai ditangani").click()
        expect(kpu.locator("#incident-steps")).to_contain_text("Ditangani —")
        polri_card = polri.locator("#timeline-list .tl-entry", has_text=text)
        expect(polri_card.locator(".tl-status")).to_have_text("Ditangani", timeout=15000)

        kpu.fill("textarea[name=note]", "9 surat suara dipindahkan dari TPS 003 dengan berita acara.")
        kpu.get_by_role("button", name="Selesaikan dengan catatan ini").click()
        expect(kpu.locator(".tl-entry .tl-status")).to_have_text("Selesai")
        expect(kpu.locator(".tl-resolution")).to_contain_text("9 surat suara dipindahkan")
        expect(polri_card.locator(".tl-status")).to_have_text("Selesai", timeout=15000)
        assert _no_overflow(kpu)
        kpu.screenshot(path=str(artifacts / "incident-phone.png"), full_page=True)
        polri.screenshot(path=str(artifacts / "timeline-after-resolve-phone.png"), full_page=False)
        # htmx 4.0.1 itself reports an empty inline style during boosted swaps (known, blocked, harmless);
        # our own scripts and templates must cause none.
        assert not [p for p in problems if "Content Security Policy" in p and "htmx.min.js" not in p], problems
    finally:
        polri_ctx.close()
        kpu_ctx.close()


def test_nothing_overflows_at_360px(browser, browser_context_args, artifacts):
    ctx = browser.new_context(**{**browser_context_args, "viewport": {"width": 360, "height": 740}})
    page = ctx.new_page()
    try:
        login(page, "bawaslu-pimpinan")
        for url, shot in (
            ("/linimasa", "timeline-360.png"),
            ("/linimasa/ringkasan", "summary-360.png"),
            ("/", "dashboard-timeline-panel-360.png"),
        ):
            page.goto(url)
            assert _no_overflow(page), url
            page.screenshot(path=str(artifacts / shot), full_page=True)
        # The home panel counts today's incidents (the demo adds one an hour before it was seeded); the voting
        # day's eleven are in the summary of 27 November 2024: the timeline demo's nine between 14.00 and 20.00,
        # the escalation demo's crowd at a TPS at 07.05 (app/escalation/seed.py) and the hari-H demo's TPS that
        # opened late (app/votingday/seed.py).
        expect(page.locator(".tl-panel")).to_contain_text(re.compile(r"\d+ kerawanan"))
        page.goto("/linimasa/ringkasan?dari=2024-11-27&sampai=2024-11-27")
        expect(page.locator("main")).to_contain_text("11 kerawanan")
        page.goto("/linimasa?jenis=kerawanan")
        first = page.locator("#timeline-list .tl-entry a.tl-entry-open").first
        first.click()
        page.wait_for_url("**/kerawanan/*")
        assert _no_overflow(page)
        page.screenshot(path=str(artifacts / "incident-seed-360.png"), full_page=True)
    finally:
        ctx.close()


def test_polling_takes_over_when_the_stream_fails(browser, browser_context_args, artifacts):
    """With /linimasa/stream unreachable, the page polls ?since= and still shows new entries (pill included)."""
    reader_ctx = browser.new_context(**browser_context_args)
    writer_ctx = browser.new_context(**browser_context_args)
    reader, writer = reader_ctx.new_page(), writer_ctx.new_page()
    try:
        reader.route("**/linimasa/stream**", lambda route: route.abort())
        login(reader, "tni-operator")
        login(writer, "kejaksaan-operator")
        reader.goto("/linimasa")
        reader.mouse.wheel(0, 1500)  # scrolled away from the top: new entries announce themselves in a pill
        reader.wait_for_timeout(300)
        writer.goto("/linimasa")
        text = f"Posko Pemilu menerima 2 aduan baru ({time.time():.0f})."
        writer.get_by_text("Tulis laporan").click()
        writer.fill("textarea[name=text]", text)
        writer.locator("form.tl-post button[type=submit]").click()
        expect(writer.locator("#timeline-list .tl-entry", has_text=text)).to_be_visible()
        expect(reader.locator("#timeline-list .tl-entry", has_text=text)).to_be_attached(timeout=12000)
        pill = reader.locator(".tl-new-pill")
        expect(pill).to_be_visible()
        expect(pill).to_have_text("1 entri baru")
        reader.screenshot(path=str(artifacts / "timeline-pill-phone.png"))
        pill.click()
        expect(pill).to_be_hidden()
    finally:
        reader_ctx.close()
        writer_ctx.close()


def _why_not_delivered(polri, kpu, text: str) -> str:
    """What the two phones show when a post did not reach the KPU phone live (a failure seen twice in fresh-clone
    CI runs on PostgreSQL, never alone): did the post leave the Polri phone, is it stored, did only the stream
    fail?"""
    flashes = polri.locator(".flash, .error, [role=alert]").all_inner_texts()
    waiting = polri.evaluate("() => window.SinergiOutbox ? window.SinergiOutbox.all().then((i) => i.length) : -1")
    on_polri = polri.locator("#timeline-list .tl-entry", has_text=text).count()
    kpu.reload()
    stored = kpu.locator("#timeline-list .tl-entry", has_text=text).count()
    return (
        f"the post did not reach the KPU phone live within 30 s; Polri phone: url {polri.url}, flashes {flashes}, "
        f"outbox {waiting}, on its timeline {on_polri}; after a reload the KPU phone shows it {stored} time(s)"
    )
