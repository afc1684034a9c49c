"""Every mutating route (POST/PUT/DELETE/PATCH in ``app.url_map``) is accounted for: a successful change as an
entitled user writes exactly one audit row that reads as an Indonesian sentence, or the route is listed with
the reason it writes none (issue 12 point 8).

The walk fails on a mutating route that is in none of the lists, so a new route must say what it audits.
Routes walked by their own feature's accounts in another test are in ``WALKED_ELSEWHERE``, by test file (most of
them, in tests/auditwalk/). ``PENDING`` would list, by feature, a route whose recipe is still to be written: it is
empty, and a route put there is only checked for being listed, not walked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlmodel import Session, func, select

from app.audit.models import AuditLog
from app.audit.sentences import SENTENCES, sentence
from app.auth.models import User
from app.db import get_engine
from app.notifications.models import Notification
from tests.conftest import FIXED_NOW, TEST_PASSWORD

MUTATING = {"POST", "PUT", "DELETE", "PATCH"}

# Routes that change no shared data, with the reason (their own tests prove what they do).
NO_AUDIT = {
    "auth.login": "a login is recorded as a server-side login row (user_login), not as a change of shared data",
    "auth.logout": "ends this login's own row; nothing shared changes",
    "core.set_language": "the user's own interface language",
    "notifications.read": "marks one's own notification read (personal, not shared data)",
    "notifications.read_all": "marks one's own notifications read",
    "complaints.status": "the public status look-up is a query sent as POST (the code stays out of the URL)",
    "complaints.receipt_pdf": "the receipt PDF of the browser's own submission (POST keeps the secret out of the URL)",
    "complaints.new": "the public form's steps keep the draft in the session; the complaint is recorded at submit",
    "readiness.tps_import": "the upload only checks the file and keeps the preview as the uploader's own job; the "
    "import is audited when it is saved (readiness.import_apply, tests/auditwalk/test_readiness.py)",
}

# Other features' routes whose recipe is still to be written: none are left (each feature walks its own).
PENDING: dict[str, set[str]] = {}

# Walked by the features' own accounts in another test (one sentence per audit row, the actor named).
WALKED_ELSEWHERE = {
    "tests/sitrep/test_audit.py": {"sitrep.generate", "sitrep.edit", "sitrep.refresh", "sitrep.sign", "sitrep.correct"},
    "tests/auditwalk/test_command_features.py": {
        "timeline.acknowledge",
        "timeline.assign",
        "timeline.followup",
        "timeline.post",
        "timeline.promote",
        "timeline.status",
        "votingday.checkin",
        "votingday.report_late",
        "votingday.assignment_add",
        "votingday.assignment_remove",
        "instructions.new",
        "instructions.acknowledge",
    },
    "tests/auditwalk/test_complaints.py": {
        "complaints.add_info",
        "complaints.checklist",
        "complaints.first_discussion",
        "complaints.forward",
        "complaints.message",
        "complaints.move",
        "complaints.outcome",
        "complaints.signature",
        "complaints.staff_new",
        "complaints.stage",
        "complaints.submit",
    },
    "tests/auditwalk/test_meetings.py": {
        "meetings.add_action",
        "meetings.add_entry",
        "meetings.checkin",
        "meetings.correct",
        "meetings.delete_entry",
        "meetings.edit",
        "meetings.edit_entry",
        "meetings.finalise",
        "meetings.guest",
        "meetings.letterhead",
        "meetings.link_reference",
        "meetings.new",
        "meetings.set_action",
        "meetings.tick",
    },
    "tests/auditwalk/test_readiness.py": {
        "readiness.aght_new",
        "readiness.assignment_save",
        "readiness.category_save",
        "readiness.import_apply",
        "readiness.linmas_save",
        "readiness.logistics_edit",
        "readiness.operation_new",
        "readiness.pattern_save",
        "readiness.rawan_edit",
        "readiness.tps_edit",
        "readiness.transfer_new",
        "readiness.turnout_edit",
        "readiness.turnout_import",
    },
    "tests/auditwalk/test_roster_and_escalation.py": {
        "duty.delete",
        "duty.edit",
        "duty.handover_new",
        "duty.new",
        "escalation.rules",
        "duplicates.link",
        "duplicates.unlink",
    },
}

SUBSCRIPTION = {"endpoint": "https://push.example.invalid/abc", "keys": {"p256dh": "p" * 40, "auth": "a" * 16}}


def _other(make_user):
    return make_user("walk-target", agency="KPU", role="operator")


# endpoint -> (who acts, how to build the request: fn(make_user) -> (method, url, kwargs), expected action)
RECIPES = {
    "admin.user_new": (
        "walk-admin",
        lambda mk: (
            "post",
            "/admin/pengguna/baru",
            {
                "data": {
                    "username": "walk-new",
                    "name": "Akun Baru",
                    "agency": "KPU",
                    "role": "operator",
                    "region_code": "19.02",
                    "password": "rahasia-baru-123",
                }
            },
        ),
        "user.create",
    ),
    "admin.user_active": (
        "walk-admin",
        lambda mk: ("post", f"/admin/pengguna/{_other(mk).id}/aktif", {"data": {"active": "0"}}),
        "user.deactivate",
    ),
    "admin.user_password": (
        "walk-admin",
        lambda mk: ("post", f"/admin/pengguna/{_other(mk).id}/sandi", {"data": {"password": "sandi-baru-123"}}),
        "user.password_reset",
    ),
    "auth.change_password": (
        "walk-op",
        lambda mk: (
            "post",
            "/akun/sandi",
            {"data": {"current": TEST_PASSWORD, "new": "sandi-baru-123", "confirm": "sandi-baru-123"}},
        ),
        "user.password_change",
    ),
    "auth.logout_everywhere": ("walk-op", lambda mk: ("post", "/akun/keluar-semua", {}), "user.logout_everywhere"),
    "notifications.settings": (
        "walk-op",
        lambda mk: ("post", "/notifikasi/pengaturan", {"data": {"push_enabled": "y", "incidents": "y"}}),
        "notifications.settings",
    ),
    "notifications.subscribe": (
        "walk-op",
        lambda mk: ("post", "/notifikasi/langganan", {"json": SUBSCRIPTION}),
        "push.subscribe",
    ),
}


def _mutating_endpoints(app) -> set[str]:
    return {r.endpoint for r in app.url_map.iter_rules() if r.methods & MUTATING}


def test_every_mutating_route_is_accounted_for(app):
    pending = set().union(*PENDING.values(), *WALKED_ELSEWHERE.values())
    listed = set(RECIPES) | set(NO_AUDIT) | pending | {"notifications.unsubscribe"}
    assert _mutating_endpoints(app) - listed == set(), "a mutating route says nothing about its audit row"
    assert listed - _mutating_endpoints(app) == set(), "a listed route no longer exists"
    assert not (set(RECIPES) & set(NO_AUDIT))
    assert not (set(RECIPES) & pending)
    root = Path(__file__).resolve().parents[2]
    assert [path for path in WALKED_ELSEWHERE if not (root / path).is_file()] == []


def _audit_rows(app) -> list[AuditLog]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(AuditLog).order_by(AuditLog.id)).all())


@pytest.mark.parametrize("endpoint", sorted(RECIPES))
def test_a_change_writes_one_audit_row_in_indonesian(app, client, auth, make_user, endpoint):
    actor_name, build, action = RECIPES[endpoint]
    if actor_name == "walk-admin":
        actor = make_user(actor_name, agency="PEMDA", role="admin", region_code="19")
    else:
        actor = make_user(actor_name, agency="POLRI", role="operator")
    assert auth.login(actor_name).status_code == 303
    method, url, kwargs = build(make_user)
    before = len(_audit_rows(app))
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code in (200, 201, 303), response.get_data(as_text=True)[:300]
    rows = _audit_rows(app)[before:]
    assert [r.action for r in rows] == [action]
    assert action in SENTENCES  # a sentence of its own, not the fallback
    with app.test_request_context(), force_locale("id"):
        text = sentence(rows[0], actor, {"before": rows[0].before or {}, "after": rows[0].after or {}})
    assert actor.name in text or "Akun" in text or "perangkat" in text
    assert action not in text
    assert "{" not in text


def test_unsubscribing_writes_one_audit_row(app, client, auth, make_user):
    """The one recipe that needs an earlier change (a subscription to remove)."""
    make_user("walk-op", agency="POLRI", role="operator")
    auth.login("walk-op")
    assert client.post("/notifikasi/langganan", json=SUBSCRIPTION).status_code == 201
    before = len(_audit_rows(app))
    response = client.post("/notifikasi/langganan/hapus", json={"endpoint": SUBSCRIPTION["endpoint"]})
    assert response.status_code == 200
    assert response.json["ok"] is True
    assert [r.action for r in _audit_rows(app)[before:]] == ["push.unsubscribe"]


def test_reading_a_notification_changes_no_shared_data(app, client, auth, make_user):
    """NO_AUDIT's reason holds: marking read writes the user's own row, no audit entry."""
    user = make_user("walk-op", agency="POLRI", role="operator")
    with Session(get_engine(app, write=True)) as session:
        session.add(Notification(user_id=user.id, key="walk:1", title="Uji", created_at=FIXED_NOW))
        session.commit()
        note_id = session.exec(select(Notification.id)).one()
    auth.login("walk-op")
    before = len(_audit_rows(app))
    assert client.post(f"/notifikasi/{note_id}/baca").status_code == 303
    assert len(_audit_rows(app)) == before
    with Session(get_engine(app)) as session:
        assert session.exec(select(func.count()).select_from(User)).one() == 1
