"""UU 27/2022 (Pelindungan Data Pribadi): personal data is kept no longer than its purpose needs. When
a case has been closed longer than the retention period, the reporter's identity goes (app/privacy/retention.py)
and so do the witnesses' names and contacts and the evidence files — issue 12's open point."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from app.audit.models import AuditLog
from app.complaints.models import ComplaintEvidence, ComplaintWitness
from app.complaints.services.evidence import store_evidence
from app.privacy.retention import ERASED_FILE, ERASED_WITNESS, erase_expired_identities


def _photo() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 40)).save(out, "JPEG")
    out.seek(0)
    return out


class _Upload:
    def __init__(self, name: str, data: io.BytesIO):
        self.filename, self._data = name, data

    def read(self) -> bytes:
        return self._data.read()


@pytest.fixture
def closed_long_ago(app, db, now, make_complaint):
    """Two reports closed 400 days ago — a laporan and an anonymous one — each with a witness and a photo; and one
    closed 10 days ago, which keeps everything."""

    def make(**over):
        with app.app_context():
            stored, refused = store_evidence(app.config["UPLOAD_DIR"], [_Upload("bukti-siti.jpg", _photo())])
        assert not refused
        witness = {"name": "Andi Wijaya", "address": "Membalong", "phone": "+6281377770000"}
        return make_complaint(evidence=stored, witnesses=[witness], **over).complaint

    made = {"laporan": make(), "anonim": make(anonymous=True, reporter_name=""), "recent": make()}
    for name, age in (("laporan", 400), ("anonim", 400), ("recent", 10)):
        made[name].status, made[name].status_since = "selesai", now - timedelta(days=age)
        db.add(made[name])
    db.commit()
    return made


def _files(db, complaint_id) -> list[ComplaintEvidence]:
    return db.exec(select(ComplaintEvidence).where(ComplaintEvidence.complaint_id == complaint_id)).all()


def _witnesses(db, complaint_id) -> list[ComplaintWitness]:
    return db.exec(select(ComplaintWitness).where(ComplaintWitness.complaint_id == complaint_id)).all()


def test_witnesses_and_evidence_files_go_with_the_identity(app, db, now, closed_long_ago):
    """Witnesses (A.1 item 4) and evidence (item 5) are personal data of others than the reporter; an anonymous
    report has none of the reporter's but still has theirs."""
    upload_dir = Path(app.config["UPLOAD_DIR"])
    old_files = {c: _files(db, closed_long_ago[c].id)[0].file_name for c in ("laporan", "anonim", "recent")}
    with app.app_context():
        assert erase_expired_identities(db, now, days=365) == 2
        assert all((upload_dir / name).exists() for name in old_files.values())  # not before the commit
        db.commit()
    db.expire_all()
    for name in ("laporan", "anonim"):
        c = closed_long_ago[name]
        [witness] = _witnesses(db, c.id)
        assert (witness.name, witness.address, witness.phone) == (ERASED_WITNESS, "", "")
        [item] = _files(db, c.id)
        assert (item.file_name, item.original_name) == ("", ERASED_FILE)
        assert item.size > 0  # that there was a file (and its size) stays with the case
        assert not (upload_dir / old_files[name]).exists()
    kept = closed_long_ago["recent"]
    assert _witnesses(db, kept.id)[0].name == "Andi Wijaya"
    assert (upload_dir / old_files["recent"]).exists()
    entries = db.exec(select(AuditLog).where(AuditLog.action == "complaint.identity_erased")).all()
    assert sorted((e.after["witnesses"], e.after["files"]) for e in entries) == [(1, 1), (1, 1)]
    assert all("Andi" not in str(e.after) and "bukti-siti" not in str(e.after) for e in entries)
    with app.app_context():
        assert erase_expired_identities(db, now, days=365) == 0  # once


def test_a_rolled_back_erasure_keeps_the_files(app, db, now, closed_long_ago):
    """The files leave the disk only with the committed erasure: a failed transaction loses nothing."""
    upload_dir = Path(app.config["UPLOAD_DIR"])
    name = _files(db, closed_long_ago["laporan"].id)[0].file_name
    with app.app_context():
        erase_expired_identities(db, now, days=365)
    db.rollback()
    assert (upload_dir / name).exists()
    assert _files(db, closed_long_ago["laporan"].id)[0].file_name == name


def test_an_erased_file_is_no_longer_served(app, client, auth, db, now, make_user, closed_long_ago):
    """The evidence view answers 404 for an erased file (nothing to serve, no error)."""
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    c = closed_long_ago["laporan"]
    item = _files(db, c.id)[0]
    with app.app_context():
        erase_expired_identities(db, now, days=365)
    db.commit()
    auth.login("bawaslu-operator")
    assert client.get(f"/pengaduan/{c.id}/bukti/{item.id}").status_code == 404
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert ERASED_FILE in page
    assert ERASED_WITNESS in page
