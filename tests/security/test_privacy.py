"""UU PDP: reporter identities are erased N days after the case closed (audited), and NIK and phone numbers are
masked in every log line."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.complaints.models import Complaint, ComplaintUpdate
from app.complaints.services import handling
from app.privacy.retention import ERASED_NAME, erase_expired_identities
from tests.complaints.data import NIK


@pytest.fixture
def reports(app, db, now, make_user, make_complaint):
    """One report closed 400 days ago (with a message naming the reporter), one closed 10 days ago, one open."""
    officer = make_user("bawaslu-operator", agency="BAWASLU")
    made = {}
    with app.app_context():
        for name, status, age in (("old", "selesai", 400), ("recent", "selesai", 10), ("open", "kajian", 400)):
            c = make_complaint(now).complaint
            handling.send_message(db, c, "Ibu Siti Rahmawati, terima kasih.", actor=officer, now=now)
            c.status, c.status_since = status, now - timedelta(days=age)
            db.add(c)
            made[name] = c
    db.commit()
    return made


def test_identity_is_erased_after_the_retention_period_and_audited(app, db, now, reports):
    with app.app_context():
        assert erase_expired_identities(db, now, days=365) == 1
        assert erase_expired_identities(db, now, days=365) == 0  # once
    db.commit()
    db.expire_all()
    old = db.get(Complaint, reports["old"].id)
    assert (
        old.reporter_name,
        old.reporter_nik,
        old.reporter_phone,
        old.reporter_email,
        old.reporter_address,
        old.reporter_birth_date,
    ) == (ERASED_NAME, "", "", "", "", None)
    messages = db.exec(
        select(ComplaintUpdate.public_message).where(
            ComplaintUpdate.complaint_id == old.id, ComplaintUpdate.kind == "message"
        )
    ).all()
    assert all("Siti" not in m for m in messages)
    for kept in ("recent", "open"):
        assert db.get(Complaint, reports[kept].id).reporter_nik == NIK
    entry = db.exec(select(AuditLog).where(AuditLog.action == "complaint.identity_erased")).one()
    assert entry.object_id == str(old.id)
    assert "reporter_nik" in entry.after["fields"]
    assert NIK not in str(entry.after)


def test_zero_days_turns_erasure_off(app, db, now, reports):
    assert erase_expired_identities(db, now, days=0) == 0


def test_the_cli_erases_with_the_configured_period(app, reports, monkeypatch):
    monkeypatch.setitem(app.config, "IDENTITY_RETENTION_DAYS", 30)
    result = app.test_cli_runner().invoke(args=["privacy", "erase-identities"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "erased=2 retention_days=30"


def test_the_audit_view_reads_the_erasure_as_a_sentence(app, client, auth, db, now, reports, make_user):
    make_user("bawaslu-pimpinan", agency="BAWASLU", role="pimpinan")
    with app.app_context():
        erase_expired_identities(db, now, days=365)
    db.commit()
    auth.login("bawaslu-pimpinan")
    html = client.get("/admin/audit?jenis=complaint").get_data(as_text=True)
    assert f"Identitas pelapor laporan #{reports['old'].id} dihapus setelah masa retensi berakhir" in html


@pytest.mark.parametrize("logger", ["app", "gunicorn.access", "gunicorn.error", "sinergi.anything"])
def test_nik_and_phone_are_masked_in_logs(app, caplog, logger):
    caplog.set_level(logging.INFO)
    logging.getLogger(logger).warning("lookup %s by +6281234567890", f"/pengaduan?q={NIK}")
    assert NIK not in caplog.text
    assert "81234567890" not in caplog.text
    assert "1902********0001" in caplog.text


def test_masked_in_tracebacks_too(app, caplog):
    try:
        raise ValueError(f"NIK {NIK} refused")
    except ValueError:
        logging.getLogger("app").exception("failed")
    assert NIK not in caplog.text
