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


def _switch(page, username):
    page.context.clear_cookies()
    login(page, username)


def test_audit_notifications_and_reporter_confidentiality(page, artifacts):
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)

    login(page, "polri-pimpinan")
    page.goto("/admin/audit")
    expect(page.locator(".audit-entry").first).to_be_visible()
    body = page.locator("#audit-rows").inner_text()
    assert re.search(r"\(Polri\) memposting ", body)
    assert "timeline.post" not in body
    assert "{" not in body
    _shot(page, artifacts, "audit-polri-pimpinan")

    _switch(page, "kpu-pimpinan")
    page.goto("/admin/audit?jenis=timeline_entry")
    body = page.locator("#audit-rows").inner_text()
    assert RESTRICTED not in body
    assert "Entri terbatas" in body
    _shot(page, artifacts, "audit-kpu-pimpinan")

    _switch(page, "polri-operator")
    page.goto("/pengaduan")
    page.locator("a[href^='/pengaduan/']").filter(has_text=re.compile(".")).first.click()
    page.wait_for_url(re.compile(r"/pengaduan/\d+$"))
    expect(page.locator("#reporter")).to_contain_text("Pelapor dirahasiakan")
    audit = page.locator("#audit").inner_text()
    assert "complaint." not in audit
    assert "{" not in audit
    _shot(page, artifacts, "complaint-polri-operator")

    _switch(page, "bawaslu-operator")
    page.goto(page.url if "/pengaduan/" in page.url else "/pengaduan")
    page.goto("/pengaduan")
    page.locator("a[href^='/pengaduan/']").filter(has_text=re.compile(".")).first.click()
    page.wait_for_url(re.compile(r"/pengaduan/\d+$"))
    expect(page.locator("#audit")).to_contain_text("Rizky Ramadhan (Bawaslu)")
    _shot(page, artifacts, "complaint-bawaslu-operator")

    _switch(page, "polri-petugas")
    page.goto("/notifikasi")
    _shot(page, artifacts, "notifikasi-polri-petugas")
    assert [c for c in console if "Content Security Policy" in c] == []
