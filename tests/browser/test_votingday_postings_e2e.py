"""TPS postings on a phone (issue 15 point 1): Polri's desk operator posts an officer to one more TPS from the
voting-day page, the officer's check-in form lists their own TPS first, marked, and the operator ends the posting
again after a confirmation. axe-core finds no serious violation on the postings page. The demo posts each field
officer to the first four TPS of their kecamatan (app/votingday/seed.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import AXE, MISSING, serious_violations
from tests.browser.conftest import login

pytestmark = pytest.mark.browser
MARK = "· TPS tugas Anda"


@pytest.mark.skipif(not AXE.exists(), reason=MISSING)
def test_an_operator_posts_an_officer_who_then_sees_their_own_tps_first(browser, browser_context_args, artifacts):
    desk_ctx = browser.new_context(**browser_context_args, bypass_csp=True)  # axe is injected as a script
    officer_ctx = browser.new_context(**browser_context_args)
    try:
        officer = officer_ctx.new_page()
        login(officer, "polri-petugas")
        officer.goto("/hari-h")
        options = officer.locator("#vd-checkin-form select[name=tps_id] option")
        texts = options.all_inner_texts()
        before = sum(1 for text in texts if text.endswith(MARK))
        assert before == 4, texts[:6]
        assert all(text.endswith(MARK) for text in texts[:4]), texts[:6]
        target, label = options.nth(4).get_attribute("value"), texts[4]  # the first TPS of theirs not posted

        desk = desk_ctx.new_page()
        login(desk, "polri-operator")
        desk.goto("/hari-h")
        desk.locator("#vd-assign-link").click()
        desk.wait_for_url("**/hari-h/penugasan")
        card = desk.locator(".vd-officer").filter(has=desk.locator(".vd-posted")).first  # the demo's officer
        officer_id = card.get_attribute("id").removeprefix("petugas-")
        expect(card.locator(".vd-posted li")).to_have_count(before)
        desk.select_option("#officer", value=officer_id)
        desk.select_option("#tps_id", value=target)
        desk.locator("#vd-assign").click()
        expect(desk.locator(".flash").first).to_contain_text("ditugaskan")
        card = desk.locator(f"#petugas-{officer_id}")
        expect(card.locator(".vd-posted li")).to_have_count(before + 1)
        assert serious_violations(desk) == []
        desk.screenshot(path=str(artifacts / "votingday-postings-412.png"), full_page=True)

        officer.reload()
        texts = options.all_inner_texts()
        assert texts[: before + 1] == [t for t in texts if t.endswith(MARK)]  # their own TPS on top, in order
        assert texts[before] == f"{label} {MARK}"
        officer.screenshot(path=str(artifacts / "votingday-checkin-own-tps-412.png"), full_page=False)

        desk.once("dialog", lambda dialog: dialog.accept())
        card.locator(".vd-posted li", has_text=label).get_by_role("button").click()
        expect(desk.locator(f"#petugas-{officer_id} .vd-posted li")).to_have_count(before)
    finally:
        desk_ctx.close()
        officer_ctx.close()
