"""Accessibility for every role: axe-core on every main page (the role's navigation and menu, as the console
walk visits them) of every demo account, on a phone: 0 serious or critical violations (issue 13)."""

from __future__ import annotations

import pytest

from tests.browser.axe import AXE, MISSING, serious_violations
from tests.browser.conftest import login
from tests.browser.test_console_clean_e2e import ROLES, main_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", ROLES)
def test_every_main_page_has_no_serious_axe_violation(browser, phone, live_server, username):
    if not AXE.exists():
        pytest.fail(MISSING)
    # axe is injected as a script tag: this context (only) bypasses the app's strict CSP.
    context = browser.new_context(**phone, base_url=live_server, bypass_csp=True)
    page = context.new_page()
    login(page, username)
    found = {}
    pages = main_pages(page)
    for href in pages:
        page.goto(href, wait_until="load")
        violations = serious_violations(page)
        if violations:
            found[href] = violations
    context.close()
    print(f"{username}: {len(pages)} pages, {sum(len(v) for v in found.values())} serious/critical")
    assert len(pages) >= 4
    assert found == {}, found
