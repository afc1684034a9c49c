"""Situation report on a phone (issue 16): the scheduled draft appears (the schedule's time injected with
``flask sitrep run --at``), the desk head edits *Kebutuhan* and signs; the PDF text (pdftotext) has the numbers
the report page shows; the verification page shows the hash; the share button offers the WhatsApp text.
Screenshots go to test-artifacts/sitrep-*.png."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, _e2e_database, login, start_server, stop_server

WIB = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def sitrep_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sitrep")
    url, drop = _e2e_database(tmp, "sinergi_sitrep_e2e")
    # No jobs in the web process: after 18.00 WIB its own round would make the draft before the injected one.
    base_url, process, env = start_server(tmp, database_url=url, extra_env={"SINERGI_JOBS_IN_WEB": "0"})
    yield base_url, env
    stop_server(process)
    drop()


def test_scheduled_draft_edit_sign_share(browser, phone, sitrep_server, artifacts, tmp_path):
    base_url, env = sitrep_server
    today = datetime.now(UTC).astimezone(WIB).date()
    at = datetime(today.year, today.month, today.day, 18, 5, tzinfo=WIB)
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "sitrep", "run", "--at", at.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "'drafts': 1" in result.stdout

    context = browser.new_context(**phone, base_url=base_url)
    # Capture what the Web Share API is given (headless Chromium has none).
    context.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    page = context.new_page()
    login(page, "pemda-pimpinan")
    page.goto("/notifikasi")
    expect(page.get_by_text("Draf laporan situasi hari ini sudah siap").first).to_be_visible()
    page.goto("/laporan-situasi")
    page.screenshot(path=str(artifacts / "sitrep-index.png"))
    page.locator("#sitrep-list a").first.click()
    expect(page.locator("#sitrep-status")).to_contain_text("draf")
    expect(page.get_by_text("oleh jadwal otomatis")).to_be_visible()
    report_id = int(re.search(r"/laporan-situasi/(\d+)", page.url).group(1))
    page.fill("textarea[name=kebutuhan]", "Dua genset cadangan untuk gudang logistik.")
    page.click("#sitrep-save")
    expect(page.get_by_text("Laporan disimpan.")).to_be_visible()
    page.click("#sitrep-sign-button")  # without the box: refused, nothing signed
    expect(page.get_by_text("Centang kotak")).to_be_visible()
    page.check("input[name=confirm]")
    page.click("#sitrep-sign-button")
    expect(page.locator("#sitrep-status")).to_contain_text("ditandatangani")
    code = page.locator("#sitrep-code").inner_text().strip()
    total = page.locator("#sitrep-kerawanan-total").inner_text().strip()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(artifacts / "sitrep-signed.png"), full_page=True)

    page.click("#sitrep-share")
    shared = page.evaluate("window.__shared")
    assert shared["text"].startswith("*LAPORAN SITUASI DESK PILKADA*")
    assert f"/verifikasi/{code}" in shared["text"]
    assert "Dua genset cadangan" in shared["text"]
    assert page.locator("#sitrep-wa").get_attribute("href").startswith("https://wa.me/?text=")

    pdf = page.request.get(f"/laporan-situasi/{report_id}.pdf")
    assert pdf.status == 200
    path = tmp_path / "lapsit.pdf"
    path.write_bytes(pdf.body())
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert f"Jumlah kerawanan tercatat: {total}" in text
    assert "Dua genset cadangan untuk gudang logistik." in text
    assert f"Kode verifikasi: {code}" in text
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(artifacts / "sitrep-pdf")], check=True
    )

    page.goto(f"/verifikasi/{code}")
    expect(page.locator("#verify-hash")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    context.close()


def test_province_head_sees_each_desk_and_prints_the_roll_up(browser, phone, sitrep_server, artifacts, tmp_path):
    """The governor's desk (prov-pemda-pimpinan, province 19) on a phone: every kabupaten/kota desk of the province
    with today's state, Belitung Timur's signed report (demo seed) with its open problems, and the roll-up PDF."""
    base_url, _env = sitrep_server
    context = browser.new_context(**phone, base_url=base_url)
    page = context.new_page()
    login(page, "prov-pemda-pimpinan")
    page.goto("/laporan-situasi")
    desks = page.locator("#sitrep-rollup .sitrep-desk")
    expect(desks).to_have_count(7)  # the 7 kabupaten/kota of Kepulauan Bangka Belitung
    beltim = page.locator("#sitrep-rollup .sitrep-desk[data-region='19.06']")
    expect(beltim.get_by_role("link", name=re.compile(r"^ditandatangani"))).to_be_visible()
    expect(beltim.locator(".sitrep-problems")).to_contain_text("1 kerawanan belum selesai")
    expect(beltim.locator(".sitrep-problems")).to_contain_text("Perahu karet")
    expect(page.locator("#sitrep-rollup .sitrep-desk[data-region='19.01'] .sitrep-badge-missing")).to_be_visible()
    expect(page.locator("#sitrep-combined")).to_contain_text("dari 7 desk")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.locator("#sitrep-rollup-title").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "sitrep-province.png"), full_page=True)

    pdf = page.request.get("/laporan-situasi/provinsi.pdf")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "rekap.pdf"
    path.write_bytes(pdf.body())
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Menteri Dalam Negeri" in text
    assert "Belitung Timur" in text
    assert "Perahu karet" in text
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(artifacts / "sitrep-province-pdf")],
        check=True,
    )

    page.goto("/laporan-situasi")  # a kabupaten desk head has no roll-up: the PDF is not theirs either
    other = browser.new_context(**phone, base_url=base_url)
    kab = other.new_page()
    login(kab, "pemda-pimpinan")
    assert kab.request.get("/laporan-situasi/provinsi.pdf").status == 404
    kab.goto("/laporan-situasi")
    expect(kab.locator("#sitrep-rollup")).to_have_count(0)
    other.close()
    context.close()
