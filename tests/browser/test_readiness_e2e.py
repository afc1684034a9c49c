"""Readiness on a phone: a KPU operator imports 50 TPS (two bad rows shown, nothing saved), fixes and
re-imports, records logistics and a ballot transfer; a Polri operator sets categories and posts officers; the
desk's pimpinan sees the overview with the numbers of both."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import login

VILLAGES = ["19.02.01.1005", "19.02.01.1009", "19.02.01.1011", "19.02.01.2003", "19.02.01.2004"]


def _csv(bad: bool) -> bytes:
    lines = ["kode_desa,nomor_tps,alamat,dpt,lintang,bujur"]
    for i in range(50):
        village, number = VILLAGES[i % 5], i // 5 + 1
        lines.append(f'{village},{number},"Balai Desa {number}, Jl. Merdeka",{350 + i},,')
    if bad:
        lines[7] = lines[7].replace(",356,", ",-356,")  # negative DPT
        lines[18] = lines[18].replace("19.02.01.1011", "19.02.01.9999")  # unknown village
    return ("\n".join(lines) + "\n").encode()


def _upload(page, body: bytes) -> None:
    page.goto("/kesiapan/tps/impor")
    page.set_input_files("input[name=file]", files=[{"name": "tps.csv", "mimeType": "text/csv", "buffer": body}])
    page.get_by_role("button", name="Periksa berkas").click()


def _logout(page) -> None:
    page.goto("/menu")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk")


def _tile(page, tile_id: str) -> str:
    return page.locator(f"#{tile_id} .big-number").inner_text()


def test_readiness_flow_on_a_phone(page, artifacts):
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)

    login(page, "pemda-pimpinan")
    page.goto("/kesiapan")
    before_personnel = _tile(page, "tile-personnel")
    _logout(page)

    # --- KPU: import with two bad rows: shown, nothing saved ---------------------------------------------
    login(page, "kpu-operator")
    _upload(page, _csv(bad=True))
    expect(page.locator("#import-status")).to_contain_text("Tidak ada yang disimpan: 2 baris bermasalah")
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("DPT tidak boleh negatif.")
    expect(errors).to_contain_text("Kode desa 19.02.01.9999 tidak dikenal")
    expect(errors.locator("tbody tr")).to_have_count(2)
    page.screenshot(path=str(artifacts / "readiness-import-errors-phone.png"), full_page=True)
    page.goto("/kesiapan/tps?desa=19.02.01.1005")
    expect(page.locator("#tps-list")).to_contain_text("Tidak ada TPS.")

    # --- fixed file: preview, save with progress, report ----------------------------------------------------
    _upload(page, _csv(bad=False))
    expect(page.locator("#import-status")).to_contain_text("50 baris valid. Belum ada yang disimpan.")
    page.get_by_role("button", name="Simpan 50 TPS").click()
    expect(page.locator("#import-report")).to_contain_text("Impor selesai: 50 TPS ditambahkan, 0 diperbarui.")
    page.goto("/kesiapan/tps?desa=19.02.01.1005")
    expect(page.locator("#tps-list li")).to_have_count(10)

    # --- logistics of TPS 001 Lesung Batang ---------------------------------------------------------------------
    page.locator("#tps-list a", has_text="TPS 001").first.click()
    page.wait_for_url(re.compile(r"/tps/\d+$"))
    first_url = page.url
    page.get_by_role("link", name="Catat logistik").click()
    expect(page.locator("#surat_suara-needed")).to_have_value("718")  # DPT 350 + 2,5% = 359 (rounded up) × 2
    page.fill("#surat_suara-received", "718")
    page.fill("#kotak_suara-received", "2")
    page.fill("#bilik-received", "4")
    page.fill("#bilik-damaged_light", "1")
    page.select_option("#stage", "pps")
    page.get_by_role("button", name="Simpan logistik").click()
    page.wait_for_url(first_url)
    expect(page.locator("#card-logistics")).to_contain_text("718/718")
    expect(page.locator("#card-logistics")).to_contain_text("PPS (desa)")

    # --- ballot transfer from this TPS to TPS 002 of the same village --------------------------------------------
    page.get_by_role("link", name="Pemindahan surat suara").click()
    target_label = page.locator("#to_tps option", has_text="TPS 002 · Kelurahan Lesung Batang")
    target_id = target_label.get_attribute("value")
    page.select_option("#to_tps", target_id)
    page.fill("#quantity", "25")
    page.fill("#reason", "Surat suara kurang untuk pemilih DPTb")
    page.fill("#witnesses", "PTPS Lesung Batang, saksi paslon 01 dan 02")
    page.get_by_role("button", name="Catat berita acara").click()
    expect(page.locator(".flash-success")).to_contain_text("25 surat suara dari TPS 001 ke TPS 002")
    expect(page.locator("#transfers")).to_contain_text("Surat suara kurang untuk pemilih DPTb")
    page.goto(first_url)
    expect(page.locator("#card-logistics")).to_contain_text("693/718")
    incidents = page.locator("#card-incidents")
    if "Tidak ada data kejadian" not in incidents.inner_text():  # the timeline is installed: its entry is there
        page.goto("/linimasa")
        expect(page.locator("main")).to_contain_text("25")
    page.goto(f"/tps/{target_id}")
    expect(page.locator("#card-logistics")).to_contain_text("25/")  # 0 received + 25 transferred
    _logout(page)

    # --- Polri: categories and postings --------------------------------------------------------------------------
    login(page, "polri-operator")
    page.goto("/kesiapan/pengamanan?desa=19.02.01.1005")
    rows = page.locator("#deployment-rows li")
    expect(rows).to_have_count(10)
    rows.nth(0).locator("input[type=checkbox]").check()
    rows.nth(1).locator("input[type=checkbox]").check()
    page.select_option("#category", "sangat_rawan")
    page.locator("#set-category").click()
    expect(page.locator(".flash-success")).to_contain_text("Kategori disimpan.")
    expect(rows.nth(0)).to_contain_text("Sangat rawan")
    expect(rows.nth(0)).to_contain_text("kurang")  # 0 of 2 officers: a gap
    rows.nth(0).locator("input[type=checkbox]").check()
    rows.nth(1).locator("input[type=checkbox]").check()
    page.fill("#polri", "3")
    page.fill("#tni", "1")
    page.fill("#group_label", "Pos gabungan Lesung Batang")
    page.locator("#assign").click()
    expect(page.locator(".flash-success")).to_contain_text("Personel ditugaskan.")
    expect(rows.nth(0)).to_contain_text("Pos gabungan Lesung Batang: 4 personel untuk 2 TPS")  # whole people
    expect(rows.nth(0)).not_to_contain_text("kurang")
    page.screenshot(path=str(artifacts / "readiness-deployment-phone.png"), full_page=True)
    _logout(page)

    # --- the desk's pimpinan sees both -----------------------------------------------------------------------------
    login(page, "pemda-pimpinan")
    page.goto("/kesiapan")
    expect(page.locator("#tile-personnel .big-number")).to_contain_text("untuk 93 TPS")
    before = int(before_personnel.split()[0].replace(".", ""))
    after = int(_tile(page, "tile-personnel").split()[0].replace(".", ""))
    assert after == before + 4
    expect(page.locator("#table-kecamatan")).to_contain_text("Tanjungpandan")
    expect(page.locator("#table-kecamatan")).to_contain_text("73")
    expect(page.locator("#chart-items-cap")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "readiness-overview-phone.png"), full_page=True)
    page.goto(first_url)
    expect(page.locator("#card-security")).to_contain_text("Sangat rawan")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "readiness-card-phone.png"), full_page=False)
    page.screenshot(path=str(artifacts / "readiness-card-phone-full.png"), full_page=True)
    page.goto("/")
    panel = page.locator("#panel-readiness")
    expect(panel).to_contain_text("Logistik siap")
    expect(panel).to_contain_text("untuk 93 TPS")
    panel.screenshot(path=str(artifacts / "readiness-panel-phone.png"))
    # A seeded TPS with every part filled in (logistics, posting, TPS-rawan, turnout): one phone screen.
    page.goto("/kesiapan/tps?desa=19.02.02.2001")
    page.locator("#tps-list a", has_text="TPS 001").first.click()
    expect(page.locator("#card-turnout")).to_contain_text("%")
    expect(page.locator("#card-turnout")).to_be_in_viewport()
    page.screenshot(path=str(artifacts / "readiness-card-seeded-phone.png"), full_page=False)
    assert csp == []
