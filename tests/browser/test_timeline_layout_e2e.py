"""The timeline's styles stay its own (a closed complaint's badge is not coloured by timeline.css), and the
incident summary's stacked rows fit a 360 px phone: no figure past its row's rule line."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

# A closed complaint's badge as the complaints feature writes it (before and after its own cp- prefix).
COMPLAINT_BADGES = ("badge status status-selesai", "badge cp-status cp-status-selesai")
STYLE = "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.color]; }"


# The timeline's rules in the page's one stylesheet (app/core/bundles.py): every selector of timeline.css names a
# tl- class (tests/timeline/test_css_scope.py), so deleting those rules takes timeline.css out of the page.
DROP_TIMELINE_RULES = """() => {
    let dropped = 0;
    for (const sheet of document.styleSheets) {
        for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
            if ((sheet.cssRules[i].cssText || "").includes(".tl-")) { sheet.deleteRule(i); dropped++; }
        }
    }
    return dropped;
}"""


def test_timeline_css_does_not_style_a_complaint_badge(browser, browser_context_args):
    ctx = browser.new_context(**browser_context_args)
    page = ctx.new_page()
    try:
        login(page, "bawaslu-operator")
        page.goto("/linimasa")  # every feature's CSS is on every page, the timeline's included
        expect(page.locator("#timeline-list")).to_be_attached()
        resolved = page.locator("#timeline-list .tl-status-selesai").first
        assert resolved.evaluate(STYLE)[0] == "rgb(231, 245, 234)"  # the timeline's own badge keeps its colour
        badges = [
            page.evaluate_handle(
                "c => { const s = document.createElement('span'); s.className = c; s.textContent = 'Selesai';"
                " document.querySelector('main').appendChild(s); return s; }",
                classes,
            )
            for classes in COMPLAINT_BADGES
        ]
        with_timeline = [badge.evaluate(STYLE) for badge in badges]
        assert page.evaluate(DROP_TIMELINE_RULES) > 20
        assert resolved.evaluate(STYLE)[0] != "rgb(231, 245, 234)"  # the timeline's rules are gone
        without_timeline = [badge.evaluate(STYLE) for badge in badges]
        assert with_timeline == without_timeline, (with_timeline, without_timeline)
        for classes, style in zip(COMPLAINT_BADGES, with_timeline, strict=True):
            assert style[0] != "rgb(231, 245, 234)", classes  # the timeline's "resolved" green
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [360, 412])
def test_summary_rows_fit_the_phone(browser, browser_context_args, artifacts, width):
    ctx = browser.new_context(**{**browser_context_args, "viewport": {"width": width, "height": 800}})
    page = ctx.new_page()
    try:
        login(page, "pemda-pimpinan")
        page.goto("/linimasa/ringkasan")
        rows = page.locator(".tl-stack-table tbody tr")
        expect(rows.first).to_be_visible()
        past = page.evaluate(
            """() => [...document.querySelectorAll('.tl-stack-table tbody td')].flatMap(td => {
                const row = td.closest('tr').getBoundingClientRect();
                const figure = (td.querySelector('.tl-figure') || td).getBoundingClientRect();
                return figure.right > row.right + 0.5 || td.scrollWidth > td.clientWidth + 1
                    ? [[td.dataset.label, td.textContent.trim(), Math.round(figure.right - row.right)]] : [];
            })"""
        )
        assert not past, past
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.locator("#by-agency-title").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"timeline-summary-{width}.png"), full_page=True)
    finally:
        ctx.close()
