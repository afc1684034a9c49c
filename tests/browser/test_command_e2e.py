"""Voting-day command on phones (issue 15, points 3–6): an unacknowledged *tinggi* incident escalates to Polri's
piket and then to the Kapolres at injected times (``flask escalation run --at``, nothing waited) and stops when
Polri receives it and takes it in hand; an instruction's read receipts update live on the sender's phone while a
recipient taps *Dimengerti* on theirs. Screenshots go to test-artifacts/command-*.png."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, _e2e_database, login, start_server, stop_server


@pytest.fixture(scope="module")
def command_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("command")
    url, drop = _e2e_database(tmp, "sinergi_command_e2e")
    base_url, process, env = start_server(tmp, database_url=url)
    yield base_url, env
    stop_server(process)
    drop()


def _escalate_at(env: dict, moment: datetime) -> str:
    """One escalation round as at ``moment`` (the time is injected, not waited for)."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "escalation", "run", "--at", moment.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


# Run in the server's environment: keep ``polri-operator`` on Polri's roster for the next 45 minutes. The demo
# roster changes shift at 07.00, 15.00 and 23.00 WIB, and the escalations below are injected up to 31 minutes
# after the report: a report made shortly before a shift change (or after the one that followed the server's
# seeding) would otherwise alert the next officer on the roster, and the test would fail at those times of day.
_KEEP_ON_DUTY = """
from datetime import timedelta
from sqlmodel import select
from app.auth.models import User
from app.clock import utcnow
from app.db import session_scope
from app.duty.models import DutyShift
from app.duty.services import ShiftInput, add_shift
from wsgi import app

with app.app_context(), session_scope() as session:
    now = utcnow()
    until = now + timedelta(minutes=45)
    user = session.exec(select(User).where(User.username == "polri-operator")).one()
    shifts = session.exec(
        select(DutyShift).where(DutyShift.user_id == user.id, DutyShift.starts_at < until, DutyShift.ends_at > now)
    ).all()
    if not any(s.starts_at <= now and s.ends_at >= until for s in shifts):
        start = max([s.ends_at for s in shifts if s.starts_at <= now] or [now - timedelta(minutes=1)])
        data = ShiftInput(agency="POLRI", region_code="19.02", starts_at=start, ends_at=until + timedelta(hours=1),
                          user_id=user.id, post="Posko Polres Belitung")
        add_shift(session, data, actor=user, now=now)
"""


def _keep_on_duty(env: dict) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _KEEP_ON_DUTY], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]


def _phone(browser, phone, base_url, username):
    context = browser.new_context(**phone, base_url=base_url)
    page = context.new_page()
    login(page, username)
    return context, page


def _no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _report(page, text: str) -> int:
    """A KPU field officer reports a high-severity incident for Polri from the timeline form; returns its id."""
    page.goto("/linimasa")
    page.get_by_text("Tulis laporan").click()
    page.select_option("select[name=kind]", "kerawanan")
    page.fill("textarea[name=text]", text)
    page.select_option("select[name=category]", "op.intimidasi_pemilih")
    page.select_option("select[name=severity]", "tinggi")
    page.select_option("select[name=handling_agency]", "POLRI")
    page.select_option("select[name=kecamatan]", "19.02.02")
    expect(page.locator("select[name=village_code] option[value='19.02.02.2001']")).to_have_count(1)
    page.select_option("select[name=village_code]", "19.02.02.2001")
    page.locator("form.tl-post button[type=submit]").click()
    card = page.locator("#timeline-list .tl-entry", has_text=text)
    expect(card).to_be_visible()
    href = card.locator("a.tl-entry-open").get_attribute("href")
    return int(re.search(r"/kerawanan/(\d+)", href).group(1))


def test_an_unreceived_high_incident_escalates_to_the_piket_then_the_head_and_stops(
    browser, phone, command_server, artifacts
):
    base_url, env = command_server
    contexts = []
    try:
        _keep_on_duty(env)
        reporter_ctx, reporter = _phone(browser, phone, base_url, "kpu-petugas")
        contexts.append(reporter_ctx)
        text = f"Sekelompok orang menghalangi pemilih masuk TPS ({time.time():.0f})."
        reported = datetime.now(UTC)
        entry_id = _report(reporter, text)

        _escalate_at(env, reported + timedelta(minutes=9))  # not yet: nothing
        piket_ctx, piket = _phone(browser, phone, base_url, "polri-operator")  # on today's roster (demo seed)
        contexts.append(piket_ctx)
        expect(piket.locator(f"#es-banner-{entry_id}")).to_have_count(0)

        assert "'escalations': 1" in _escalate_at(env, reported + timedelta(minutes=11))
        piket.goto("/")
        banner = piket.locator(f"#es-banner-{entry_id}")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("belum diterima instansi penanganan")
        assert _no_overflow(piket)
        piket.screenshot(path=str(artifacts / "command-01-piket-banner.png"), full_page=False)
        piket.goto("/notifikasi")
        expect(piket.locator("#notes")).to_contain_text("Eskalasi: kerawanan belum diterima instansi penanganan")

        head_ctx, head = _phone(browser, phone, base_url, "polri-pimpinan")
        contexts.append(head_ctx)
        expect(head.locator(f"#es-banner-{entry_id}")).to_have_count(0)  # not yet the head's
        assert "'escalations': 1" in _escalate_at(env, reported + timedelta(minutes=31))
        head.goto(f"/kerawanan/{entry_id}")
        expect(head.locator(f"#es-banner-{entry_id}")).to_contain_text("belum ditangani")
        trail = head.locator("#escalation-trail")
        expect(trail.locator(f"#es-step-{entry_id}-1")).to_contain_text("IPTU Fajar Nugroho")
        expect(trail.locator(f"#es-step-{entry_id}-2")).to_contain_text("AKBP Dedy Kurniawan")
        expect(trail.locator(f"#es-step-{entry_id}-3")).to_contain_text("Berikutnya pukul")
        assert _no_overflow(head)
        trail.scroll_into_view_if_needed()
        head.screenshot(path=str(artifacts / "command-02-head-trail.png"), full_page=True)

        desk_ctx, desk = _phone(browser, phone, base_url, "pemda-pimpinan")  # the desk head's home leads with it
        contexts.append(desk_ctx)
        expect(desk.locator(f"#es-row-{entry_id}")).to_contain_text("Tingkat 2")
        desk.screenshot(path=str(artifacts / "command-03a-desk-head-in-progress.png"), full_page=False)

        # The piket receives it: the first level stops at once; taking it in hand stops the rest.
        piket.goto(f"/kerawanan/{entry_id}")
        piket.get_by_role("button", name="Tandai diterima").click()
        expect(piket.locator(f"#es-step-{entry_id}-1 .es-stop")).to_contain_text("diterima Polri")
        expect(piket.locator(f"#es-banner-{entry_id}")).to_have_count(0)
        piket.get_by_role("button", name="Tandai ditangani").click()
        expect(piket.locator("#incident-steps")).to_contain_text("Ditangani —")
        expect(piket.locator(f"#es-step-{entry_id}-2 .es-stop")).to_contain_text("ditangani")
        expect(piket.locator(f"#es-step-{entry_id}-3")).to_have_count(0)  # never comes
        piket.screenshot(path=str(artifacts / "command-03-stopped.png"), full_page=True)

        assert "'escalations': 0" in _escalate_at(env, reported + timedelta(minutes=61))
        desk.goto("/")
        expect(desk.locator(f"#es-row-{entry_id}")).to_have_count(0)  # handled: not in progress any more
        expect(desk.locator(f"#es-banner-{entry_id}")).to_have_count(0)
        head.goto("/")
        expect(head.locator(f"#es-banner-{entry_id}")).to_have_count(0)
        desk.screenshot(path=str(artifacts / "command-04-desk-head-home.png"), full_page=False)
    finally:
        for context in contexts:
            context.close()


def test_read_receipts_update_live_on_the_senders_phone(browser, phone, command_server, artifacts):
    base_url, _env = command_server
    contexts = []
    try:
        sender_ctx, sender = _phone(browser, phone, base_url, "polri-pimpinan")
        contexts.append(sender_ctx)
        text = f"Piket Polri dan TNI agar memantau TPS 001 Membalong ({time.time():.0f})."
        sender.goto("/instruksi/baru")
        sender.fill("textarea[name=text]", text)
        sender.check("input[name=agencies][value=POLRI]")
        sender.check("input[name=agencies][value=TNI]")
        sender.check("input[name=roles][value=operator]")
        assert _no_overflow(sender)
        sender.screenshot(path=str(artifacts / "command-05-send-form.png"), full_page=True)
        sender.locator("#in-send").click()
        sender.wait_for_url(re.compile(r"/instruksi/\d+$"))
        instruction_id = int(sender.url.rsplit("/", 1)[1])
        expect(sender.locator("#in-read-count")).to_have_text("0")
        expect(sender.locator(".in-receipt")).to_have_count(2)

        reader_ctx, reader = _phone(browser, phone, base_url, "tni-operator")
        contexts.append(reader_ctx)
        banner = reader.locator(f"#in-banner-{instruction_id}")
        expect(banner).to_contain_text(text)
        reader.screenshot(path=str(artifacts / "command-06-instruction-banner.png"), full_page=False)
        reader.goto("/piket")  # on top of every page
        expect(banner).to_be_visible()
        banner.get_by_role("button", name="Dimengerti").click()
        expect(reader.locator(f"#in-banner-{instruction_id}")).to_have_count(0)
        expect(reader.locator("h1")).to_have_text("Piket")  # the page stayed

        expect(sender.locator("#in-read-count")).to_have_text("1", timeout=15000)  # live, no reload
        reader_row = sender.locator(".in-receipt.in-read")
        expect(reader_row).to_contain_text("Kapten Inf Rahmat Hidayat")
        expect(sender.locator(".in-receipt.in-unread")).to_contain_text("IPTU Fajar Nugroho")
        assert _no_overflow(sender)
        sender.screenshot(path=str(artifacts / "command-07-receipts-live.png"), full_page=True)
    finally:
        for context in contexts:
            context.close()
