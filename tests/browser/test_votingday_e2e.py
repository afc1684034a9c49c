"""Voting day on a phone (issue 15): a Polri officer checks in *petugas pengamanan tiba* without signal, the phone
reads 50 minutes earlier than when the signal returns, and the check-in arrives later with the time of the tap;
the desk's open board counts it live (SSE) and shows it at that time. Belitung Timur's TPS have no demo
check-ins (the demo's are Belitung's)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import controlled, login

pytestmark = pytest.mark.browser
WIB = ZoneInfo("Asia/Jakarta")
WAITING = """() => window.SinergiOutbox ? window.SinergiOutbox.all().then((items) => items.length) : -1"""


def _waiting_becomes(page, count: int, seconds: float) -> None:
    """Poll the outbox (a function is evaluated: the CSP forbids the eval wait_for_function needs)."""
    deadline = time.monotonic() + seconds
    while page.evaluate(WAITING) != count:
        assert time.monotonic() < deadline, f"the outbox never held {count} item(s)"
        page.wait_for_timeout(200)


def test_an_offline_checkin_arrives_later_with_the_time_of_the_tap(browser, browser_context_args, artifacts):
    ctx = browser.new_context(**browser_context_args)
    desk_ctx = browser.new_context(**browser_context_args)  # the desk's board, open the whole time
    page = ctx.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"pageerror {e}"))
    try:
        desk = desk_ctx.new_page()
        login(desk, "beltim-polri-operator")
        desk.goto("/hari-h")
        headline = desk.locator("#vd-step-petugas_tiba .vd-count")
        expect(headline).to_have_text("0/6")
        login(page, "beltim-polri-operator")
        page.goto("/hari-h")
        controlled(page)
        earlier = timedelta(minutes=50)
        page.clock.install(time=datetime.now(UTC) - earlier)  # the tap happens "50 minutes ago"
        page.reload()
        form = page.locator("#vd-checkin-form")
        expect(form.locator("select[name=step]")).to_have_value("petugas_tiba")
        tps_id = form.locator("select[name=tps_id]").input_value()
        ctx.set_offline(True)
        tapped = datetime.now(UTC) - earlier
        page.screenshot(path=str(artifacts / "votingday-checkin-412.png"), full_page=False)
        form.locator("button[type=submit]").click()
        _waiting_becomes(page, 1, 10)

        page.clock.set_system_time(datetime.now(UTC))  # the signal (and the right time) are back
        ctx.set_offline(False)
        page.evaluate("() => window.dispatchEvent(new Event('online'))")
        _waiting_becomes(page, 0, 15)
        expect(headline).to_have_text("1/6", timeout=15000)  # live (SSE), without reloading the desk's page

        page.goto("/hari-h?kecamatan=19.06.01")
        cell = page.locator(f"#vd-tps-{tps_id} td").first
        expected = {(tapped + timedelta(minutes=d)).astimezone(WIB).strftime("%H.%M") for d in (-1, 0, 1)}
        shown = cell.inner_text().strip()
        assert shown in expected, (shown, expected)
        received = datetime.now(UTC).astimezone(WIB).strftime("%H.%M")
        assert shown != received  # the time of the tap, not of the arrival
        page.locator(f"#vd-tps-{tps_id}").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "votingday-board-412.png"), full_page=False)
        assert not problems, problems
    finally:
        ctx.close()
        desk_ctx.close()
