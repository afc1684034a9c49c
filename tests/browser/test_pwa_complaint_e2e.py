"""Issue 6, browser test (a) for the public complaint: a member of the public (no login) fills the intake with a
signal, loses it at the last step, sends, reloads without signal, and gets the tracking code once the signal is
back; Bawaslu sees the complaint exactly once."""

from __future__ import annotations

import re
import time
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import controlled, login

pytestmark = pytest.mark.browser


def _fill_until_review(page, summary: str) -> None:
    """Steps 1–5 of /pengaduan/baru with a signal (each step is a round trip to the server)."""
    today = date.today()
    page.fill("#reporter_name", "Rina Marlina")
    page.fill("#reporter_nik", "1902014501900001")
    page.fill("#reporter_phone", "0812-7788-9900")
    page.fill("#reporter_address", "Jl. Anwar No. 8, Tanjungpandan")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 2 dari 6")
    page.fill("#subject_name", "Darmawan, S.Sos.")
    page.select_option("#subject_type", "asn")
    page.fill("#subject_institution", "Dinas Kesehatan Kabupaten Belitung")
    page.fill("#subject_position", "Kepala Seksi")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 3 dari 6")
    page.select_option("#violation_type", "skb01")
    page.fill("#event_summary", summary)
    page.select_option("#region_code", "19.02")
    page.select_option("#event_region_code", "19.02.01")
    page.fill("#event_place", "Kantor Desa Lassar")
    page.fill("#occurred_on", (today - timedelta(days=2)).isoformat())
    page.fill("#known_on", (today - timedelta(days=1)).isoformat())
    page.fill("#description", "Spanduk paslon dipasang di pagar kantor desa atas perintah terlapor.")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 4 dari 6")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 5 dari 6")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 6 dari 6")
    expect(page.locator(".cp-review")).to_contain_text(summary)
    page.check("#consent")
    page.check("#truth_statement")


def _bawaslu_sees(browser, phone, live_server, summary: str) -> int:
    """How many complaints with this summary the Bawaslu operator's queue lists (another phone, logged in)."""
    context = browser.new_context(**phone, base_url=live_server)
    try:
        officer = context.new_page()
        login(officer, "bawaslu-operator")
        officer.goto("/pengaduan")  # newest first on the first page; not searched, so a duplicate would show
        expect(officer.locator(".cp-complaint-item").first).to_be_visible()
        return officer.locator(".cp-complaint-item", has_text=summary).count()
    finally:
        context.close()


def test_offline_public_complaint_waits_survives_a_reload_and_arrives_once(
    page, browser, phone, live_server, artifacts
):
    summary = f"Spanduk paslon di kantor desa ({uuid.uuid4().hex[:6]})"
    sends: list[tuple[str | None, str | None]] = []  # (key, resend?) of every attempt, from page or worker
    page.context.on(
        "request",
        lambda r: (
            sends.append((r.headers.get("idempotency-key"), r.headers.get("x-outbox-replay")))
            if r.method == "POST" and r.url.endswith("/pengaduan/baru/kirim")
            else None
        ),
    )

    # The citizen's first visit ever: the service worker installs while the form is open.
    page.goto("/pengaduan/baru")
    controlled(page)
    _fill_until_review(page, summary)

    page.context.set_offline(True)
    page.get_by_role("button", name="Kirim laporan").click()
    waiting = page.locator("#intake-waiting")
    expect(waiting).to_be_visible()
    expect(waiting.locator(".outbox-item")).to_have_count(1)
    expect(waiting.locator(".outbox-item")).to_contain_text("Laporan pelanggaran")
    expect(waiting.locator(".outbox-item")).to_contain_text("menunggu sinyal")
    expect(waiting.locator(".outbox-item")).to_contain_text("Spanduk paslon dipasang di pagar kantor desa")
    # The review step is put away, so a second tap cannot send the complaint again under a new key.
    expect(page.locator("#intake")).to_be_hidden()
    expect(page.get_by_role("button", name="Kirim laporan")).to_be_hidden()
    page.screenshot(path=str(artifacts / "pwa-complaint-waiting.png"))

    page.reload()  # still without signal: the stored intake page (app shell) and the waiting complaint show
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator(".topbar .brand")).to_contain_text("Sinergi")
    expect(page.locator("#intake .cp-step-title")).to_contain_text("Langkah 1 dari 6")
    waiting = page.locator("#intake-waiting")
    expect(waiting).to_be_visible()
    expect(waiting.locator(".outbox-item")).to_have_count(1)
    expect(waiting.locator(".outbox-item")).to_contain_text("menunggu sinyal")
    page.screenshot(path=str(artifacts / "pwa-complaint-waiting-after-reload.png"))

    page.context.set_offline(False)
    # Sent by itself; the page then opens the receipt the server kept for this browser.
    page.wait_for_url("**/pengaduan/terkirim", timeout=20000)
    expect(page.locator("h1")).to_have_text("Laporan Anda terkirim")
    code = page.locator("#tracking-code").inner_text()
    secret = page.locator("#tracking-secret").inner_text()
    assert re.fullmatch(r"PGD-[A-Z0-9]{8}", code)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", secret)
    page.screenshot(path=str(artifacts / "pwa-complaint-receipt-after-signal.png"))
    assert page.evaluate("SinergiOutbox.all().then(i => i.length)") == 0

    assert _bawaslu_sees(browser, phone, live_server, summary) == 1
    # The code and the secret work on the public status page.
    page.goto("/pengaduan/status")
    page.fill("input[name=code]", code)
    page.fill("input[name=secret]", secret)
    page.get_by_role("button", name="Tampilkan status").click()
    expect(page.locator("#complaint-status")).to_be_visible()
    # Every attempt (the offline tap, the resend) carried the review form's one key; at least one resend.
    assert len({key for key, _ in sends}) == 1, sends
    assert sends[0][0], sends
    assert any(resend == "1" for _, resend in sends), sends


def test_lost_answer_to_a_public_complaint_still_gives_the_receipt(page, browser, phone, live_server):
    """The server stores the complaint but the answer (with the session cookie holding the receipt) never
    arrives: the outbox resends with the same key, nothing is stored twice, and a new secret is shown."""
    summary = f"Kepala sekolah ajak pilih paslon ({uuid.uuid4().hex[:6]})"
    answers: list[tuple[str | None, str | None]] = []

    def lose_first(route):
        response = route.fetch(max_redirects=0)
        answers.append((route.request.headers.get("idempotency-key"), response.headers.get("x-replayed")))
        if len(answers) == 1:
            return route.abort("connectionreset")  # its Set-Cookie never reaches the browser either
        return route.fulfill(response=response)

    page.goto("/pengaduan/baru")
    controlled(page)
    _fill_until_review(page, summary)
    page.context.route("**/pengaduan/baru/kirim", lose_first)
    page.get_by_role("button", name="Kirim laporan").click()
    # Kept in the outbox after the lost answer; the page's own triggers (online event, reload, Background Sync)
    # may already resend it, so nudge only while something waits.
    deadline = time.monotonic() + 20
    while "/pengaduan/terkirim" not in page.url and time.monotonic() < deadline:
        try:
            if page.evaluate("SinergiOutbox.all().then(i => i.length)"):
                page.evaluate("SinergiOutbox.replay()")
        except PlaywrightError:  # the page is just leaving for the receipt
            pass
        page.wait_for_timeout(300)
    page.wait_for_url("**/pengaduan/terkirim")
    page.context.unroute("**/pengaduan/baru/kirim")
    expect(page.locator("h1")).to_have_text("Laporan Anda terkirim")
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", page.locator("#tracking-secret").inner_text())
    assert [a[1] for a in answers] == [None, "1"]
    assert answers[0][0] == answers[1][0]
    assert _bawaslu_sees(browser, phone, live_server, summary) == 1
