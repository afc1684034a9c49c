"""Confidentiality as the desk sees it on a phone: the audit log reads as Indonesian sentences and shows other
agencies' restricted entries as "Entri terbatas"; Polri on a Gakkumdu case sees no reporter and no message to the
reporter; a reporter's notifications speak of their own incident. 0 CSP violations. Screenshots: test-artifacts/."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import login

RESTRICTED = "pengerahan massa"  # demo: a POLRI post visible to POLRI and TNI only


def _shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"leaks-{name}.png"), full_page=True, caret="initial")


def _all_pages(page, url: str) -> str:
    """The audit list and its older pages (followed through the plain links, bounded)."""
    page.goto(url)
    text = ""
    for _ in range(10):
        text += page.locator("#audit-rows").inner_text()
        older = page.locator("#audit-rows a", has_text="Perubahan sebelumnya")
        if not older.count():
            break
        page.goto(older.first.get_attribute("href"))
    return text


def _open_first_case(page) -> None:
    page.goto("/pengaduan")
    hrefs = page.eval_on_selector_all("a[href^='/pengaduan/']", "links => links.map(a => a.getAttribute('href'))")
    page.goto(next(h for h in hrefs if re.fullmatch(r"/pengaduan/\d+", h)))


def _switch(page, username):
    page.context.clear_cookies()
    login(page, username)


def test_audit_notifications_and_reporter_confidentiality(page, artifacts):
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)

    login(page, "polri-pimpinan")
    page.goto("/admin/audit?jenis=timeline_entry")
    expect(page.locator(".audit-entry").first).to_be_visible()
    body = page.locator("#audit-rows").inner_text()
    assert re.search(r"\(Polri\) memposting ", body)
    assert "Entri terbatas" not in body
    assert "timeline.post" not in body
    assert "{" not in body
    _shot(page, artifacts, "audit-polri-pimpinan")

    _switch(page, "kpu-pimpinan")
    body = _all_pages(page, "/admin/audit?jenis=timeline_entry")
    assert RESTRICTED not in body
    assert "Entri terbatas" in body
    page.locator(".audit-restricted").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "leaks-audit-kpu-pimpinan.png"), caret="initial")

    _switch(page, "polri-operator")
    _open_first_case(page)
    # The open case is in Sentra Gakkumdu: Polri on it may see the reporter (a witness), and every view is audited.
    expect(page.locator("#reporter")).to_contain_text("dicatat di jejak audit")
    audit = page.locator("#audit").inner_text()
    assert "complaint." not in audit
    assert "{" not in audit
    _shot(page, artifacts, "complaint-polri-operator")

    _switch(page, "bawaslu-operator")
    _open_first_case(page)
    expect(page.locator("#audit")).to_contain_text("Rizky Ramadhan (Bawaslu)")
    _shot(page, artifacts, "complaint-bawaslu-operator")

    _switch(page, "polri-petugas")
    page.goto("/notifikasi")
    _shot(page, artifacts, "notifikasi-polri-petugas")
    assert [c for c in console if "Content Security Policy" in c] == []
