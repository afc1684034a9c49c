"""Every change of a report writes exactly one audit row that reads as an Indonesian sentence (the audit walk
lists these routes as walked here: the desk head acts, not the walk's accounts)."""

from __future__ import annotations

from flask_babel import force_locale
from sqlmodel import Session, select

from app.audit.models import AuditLog
from app.audit.sentences import SENTENCES, sentence
from app.db import get_engine
from app.sitrep.models import SitrepReport


def _rows(app) -> list[AuditLog]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(AuditLog).order_by(AuditLog.id)).all())


def test_each_change_writes_one_sentence(app, client, login_as, accounts, clock, db):
    head = accounts["pemda-pimpinan"]
    login_as("pemda-pimpinan")
    steps = [
        ("generate", lambda: client.post("/laporan-situasi/buat", data={}), "sitrep.generate"),
        ("refresh", lambda: client.post(f"/laporan-situasi/{_id(db)}/perbarui"), "sitrep.refresh"),
        (
            "edit",
            lambda: client.post(f"/laporan-situasi/{_id(db)}/narasi", data={"situasi_umum": "A", "kebutuhan": "B"}),
            "sitrep.edit",
        ),
        ("sign", lambda: client.post(f"/laporan-situasi/{_id(db)}/tandatangan", data={"confirm": "y"}), "sitrep.sign"),
        ("correct", lambda: client.post(f"/laporan-situasi/{_id(db)}/koreksi"), "sitrep.correct"),
    ]
    for name, act, action in steps:
        before = len(_rows(app))
        assert act().status_code == 303, name
        rows = _rows(app)[before:]
        assert [r.action for r in rows] == [action], name
        assert action in SENTENCES
        assert rows[0].region_code == "19.02"
        with app.test_request_context(), force_locale("id"):
            text = sentence(rows[0], head, {"before": rows[0].before or {}, "after": rows[0].after or {}})
        assert head.name in text, text
        assert "laporan situasi #" in text, text
        assert "{" not in text, text


def _id(db) -> int:
    db.expire_all()
    return db.exec(select(SitrepReport.id).order_by(SitrepReport.id.desc())).first()
