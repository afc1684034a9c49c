"""A member of the public files a complaint with a photo on a phone, keeps the code and secret and checks the
status; a Bawaslu operator finds it in the queue, completes the checklist, registers and routes it to BKN; the
public status page shows each step. Screenshots of every step go to test-artifacts/."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import login


def _photo(tmp_path):
    path = tmp_path / "baliho.jpg"
    image = Image.new("RGB", (800, 600), (230, 200, 40))
    for x in range(100, 700):
        for y in range(250, 350, 7):
            image.putpixel((x, y), (20, 60, 160))
    out = io.BytesIO()
    image.save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def _status(page, code, secret):
    page.goto("/pengaduan/status")
    page.fill("input[name=code]", code)
    page.fill("input[name=secret]", secret)
    page.get_by_role("button", name="Tampilkan status").click()
    expect(page.locator("#complaint-status")).to_be_visible()


def test_public_files_bawaslu_registers_and_routes(page, browser, browser_context_args, artifacts, tmp_path):
    csp = []  # screenshots use caret="initial": Playwright's caret hiding is an inline style the CSP blocks
    phase = ["start"]
    page.on("console", lambda m: csp.append((phase[0], m.text[:60])) if "Content Security Policy" in m.text else None)
    today = date.today()
    shot = 0

    def snap(name):
        nonlocal shot
        shot += 1
        phase[0] = name
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        page.screenshot(path=str(artifacts / f"complaints-{shot:02d}-{name}.png"), full_page=True, caret="initial")
        phase[0] = name + "-after"

    page.goto("/pengaduan/baru")
    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 1 dari 6")
    page.fill("#reporter_name", "Rina Marlina")
    page.fill("#reporter_nik", "1902014501900001")
    page.fill("#reporter_phone", "0812-7788-9900")
    page.fill("#reporter_address", "Jl. Anwar No. 8, Tanjungpandan")
    snap("1-pelapor")
    page.get_by_role("button", name="Lanjut").click()

    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 2 dari 6")
    page.fill("#subject_name", "Darmawan, S.Sos.")
    page.select_option("#subject_type", "asn")
    page.fill("#subject_institution", "Dinas Kesehatan Kabupaten Belitung")
    page.fill("#subject_position", "Kepala Seksi")
    snap("2-terlapor")
    page.get_by_role("button", name="Lanjut").click()

    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 3 dari 6")
    page.select_option("#violation_type", "skb01")
    page.fill("#event_summary", "Baliho paslon di pagar puskesmas")
    page.select_option("#region_code", "19.02")
    page.select_option("#event_region_code", "19.02.01")
    page.fill("#event_place", "Puskesmas Tanjungpandan")
    page.fill("#occurred_on", (today + timedelta(days=3)).isoformat())  # a future date: refused, rest kept
    page.fill("#known_on", (today - timedelta(days=1)).isoformat())
    page.fill("#description", "Sejak dua hari lalu baliho paslon terpasang di pagar puskesmas atas perintah terlapor.")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.get_by_text("Tanggal kejadian tidak boleh di masa depan")).to_be_visible()
    expect(page.locator("#event_summary")).to_have_value("Baliho paslon di pagar puskesmas")
    snap("3-peristiwa-error")
    page.fill("#occurred_on", (today - timedelta(days=2)).isoformat())
    snap("3-peristiwa")
    page.get_by_role("button", name="Lanjut").click()

    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 4 dari 6")
    page.fill("#witnesses-0-name", "Hasan Basri")
    page.fill("#witnesses-0-address", "Tanjungpandan")
    snap("4-saksi")
    page.get_by_role("button", name="Lanjut").click()

    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 5 dari 6")
    page.set_input_files("#evidence_files", str(_photo(tmp_path)))
    page.get_by_role("button", name="Unggah").click()
    expect(page.locator(".cp-files")).to_contain_text("baliho.jpg")
    snap("5-bukti")
    page.get_by_role("button", name="Lanjut").click()

    expect(page.locator(".cp-step-title")).to_contain_text("Langkah 6 dari 6")
    expect(page.locator(".cp-review")).to_contain_text("Darmawan, S.Sos.")
    # the last step says plainly that it becomes a laporan only with the signed Form A.1 at the named Bawaslu
    expect(page.locator("#a1-instruction")).to_contain_text("Formulir Model A.1 di Bawaslu")
    page.check("#consent")
    page.check("#truth_statement")
    assert page.input_value("input[name=idempotency_key]")  # filled by complaints.js for the outbox
    snap("6-tinjau")
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.locator("h1")).to_have_text("Laporan Anda terkirim")
    code = page.locator("#tracking-code").inner_text()
    secret = page.locator("#tracking-secret").inner_text()
    assert re.fullmatch(r"PGD-[A-Z0-9]{8}", code)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", secret)
    snap("7-terkirim")

    _status(page, code, secret)
    expect(page.locator(".cp-history")).to_contain_text("belum sah sebagai laporan")
    expect(page.locator("#awaiting-signature")).to_have_text("menunggu tanda tangan A.1")
    expect(page.locator("#complaint-about")).to_contain_text("Baliho paslon di pagar puskesmas")
    snap("8-status")

    staff = browser.new_context(**browser_context_args)
    officer = staff.new_page()
    officer.on(
        "console", lambda m: csp.append((officer.url, m.text[:60])) if "Content Security Policy" in m.text else None
    )
    login(officer, "bawaslu-operator")
    panel = officer.locator(".cp-panel")
    expect(panel.locator(".cp-overdue-box")).to_contain_text("lewat tenggat")  # the seeded overdue lurah case
    panel.scroll_into_view_if_needed()
    officer.screenshot(path=str(artifacts / "complaints-09-dasbor-bawaslu.png"), full_page=True, caret="initial")
    officer.goto("/pengaduan")
    item = officer.locator(".cp-complaint-item", has_text="Baliho paslon di pagar puskesmas")
    expect(item).to_contain_text("Rina Marlina")  # Bawaslu operator sees the reporter
    expect(item.locator(".cp-awaiting-signature")).to_have_text("menunggu tanda tangan A.1")
    expect(item.locator(".cp-clock")).to_have_count(0)  # no Bawaslu clock before the signed form
    officer.screenshot(path=str(artifacts / "complaints-09-antrian-bawaslu.png"), full_page=True, caret="initial")
    item.get_by_role("link").click()
    expect(officer.locator("h1")).to_have_text("Baliho paslon di pagar puskesmas")
    expect(officer.locator("#awaiting-signature")).to_be_visible()
    officer.locator("#signature").get_by_role("button").click()  # the reporter came and signed Form A.1
    expect(officer.locator("#awaiting-signature")).to_have_count(0)
    expect(officer.locator(".cp-clock")).to_contain_text("Batas kajian awal")
    officer.get_by_role("button", name="Mulai kajian awal").click()
    expect(officer.get_by_text("Status diubah menjadi Kajian awal.")).to_be_visible()
    for box in officer.locator("#checklist input[type=checkbox]").all():
        box.check()
    officer.get_by_role("button", name="Simpan daftar syarat").click()
    expect(officer.get_by_text("Daftar syarat disimpan.")).to_be_visible()
    officer.get_by_role("button", name="Registrasi", exact=True).click()
    expect(officer.locator("#register-number")).to_contain_text(re.compile(r"^\d{3}/LP/PB/Kab/19\.02/[IVX]+/\d{4}$"))
    number = officer.locator("#register-number").inner_text()
    officer.screenshot(path=str(artifacts / "complaints-10-diregistrasi.png"), full_page=True, caret="initial")
    officer.select_option("#recipient", "bkn")
    officer.fill("#letter_number", "061/PP.01.02/K.BB-02/XI/2024")
    officer.fill("#letter_date", today.isoformat())
    officer.locator("#routing").get_by_role("button", name="Teruskan").click()
    expect(officer.locator("#routings")).to_contain_text("BKN (Badan Kepegawaian Negara)")
    officer.screenshot(path=str(artifacts / "complaints-11-diteruskan-bkn.png"), full_page=True, caret="initial")
    staff.close()

    _status(page, code, secret)
    history = page.locator(".cp-history")
    expect(history).to_contain_text("Status: Kajian awal.")
    expect(history).to_contain_text(f"Diregistrasi dengan nomor {number}.")
    expect(history).to_contain_text("Diteruskan ke BKN (Badan Kepegawaian Negara).")
    snap("12-status-akhir")
    assert csp == [], sorted({u for u, _m in csp})


def test_polri_on_the_gakkumdu_case_sees_the_reporter(page, artifacts):
    """Investigators examine the reporter as a witness: Polri on the Sentra Gakkumdu case sees who it is."""
    login(page, "polri-operator")
    panel = page.locator(".cp-gakkumdu-panel")
    expect(panel).to_contain_text("Penyidikan")
    panel.get_by_role("link").first.click()
    expect(page.locator("#gakkumdu")).to_contain_text("Pasal 188")
    expect(page.get_by_text("Yusuf Maulana").first).to_be_visible()
    page.screenshot(path=str(artifacts / "complaints-13-gakkumdu-polri.png"), full_page=True, caret="initial")


def test_staff_form_lists_the_violations_that_fit_the_reported_person(page, artifacts):
    """One page, no step between: choosing "Kepala desa" leaves only the village-head violations (an ASN one
    chosen before is cleared), and choosing nobody again lists them all."""
    from app.complaints.rules import violations_for
    from app.complaints.vocab import Subject, Violation

    login(page, "bawaslu-operator")
    page.goto("/pengaduan/catat")
    options = page.locator("select[name=violation_type] option")
    expect(options).to_have_count(len(Violation) + 1)
    page.select_option("select[name=violation_type]", Violation.SKB01.value)
    page.select_option("select[name=subject_type]", Subject.KADES.value)
    allowed = [v.value for v in violations_for(Subject.KADES.value)]
    expect(options).to_have_count(len(allowed) + 1)
    values = options.evaluate_all("els => els.map(e => e.value)")
    assert values == ["", *allowed]
    assert page.locator("select[name=violation_type]").input_value() == ""
    page.screenshot(path=str(artifacts / "complaints-staff-violations-kades.png"), full_page=True)
    page.select_option("select[name=subject_type]", "")
    expect(options).to_have_count(len(Violation) + 1)
