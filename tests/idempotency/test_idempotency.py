"""A resent state change (same Idempotency-Key) is stored once and answered with the original response."""

from __future__ import annotations

import pytest
from flask import request
from sqlmodel import SQLModel, select

from app import create_app
from app.audit.models import AuditLog
from app.db import get_engine, get_session
from app.idempotency.decorators import idempotent


@pytest.fixture
def counting_app(app, tmp_path):
    """A second app on its own SQLite file with one idempotent view that writes an audit row."""
    other = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'idem.db'}",
            "SECRET_KEY": "x",
            "WTF_CSRF_ENABLED": False,
            "INSTANCE_DIR": str(tmp_path),
        }
    )

    other.replays = []

    @other.post("/_count")
    @idempotent(on_replay=lambda record: other.replays.append((record.key, record.status_code)))
    def count():
        from app.clock import utcnow

        if request.form.get("fail"):
            return "ditolak", 422
        db = get_session()
        db.add(AuditLog(at=utcnow(), action="count", object_type="t", object_id="1"))
        db.commit()
        return "tersimpan", 201

    SQLModel.metadata.create_all(get_engine(other, write=True))
    return other


def _count_rows(app) -> int:
    from sqlmodel import Session

    with Session(get_engine(app)) as s:
        return len(s.exec(select(AuditLog).where(AuditLog.action == "count")).all())


def test_same_key_twice_stores_once_and_replays(counting_app):
    client = counting_app.test_client()
    first = client.post("/_count", headers={"Idempotency-Key": "abcdef123456"})
    second = client.post("/_count", headers={"Idempotency-Key": "abcdef123456"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.headers["X-Replayed"] == "1"
    assert second.get_data(as_text=True) == "tersimpan"
    assert _count_rows(counting_app) == 1
    assert counting_app.replays == [("abcdef123456", 201)]  # the hook runs for the resend only


def test_different_keys_store_twice_and_no_key_runs_normally(counting_app):
    client = counting_app.test_client()
    client.post("/_count", headers={"Idempotency-Key": "key-one-1111"})
    client.post("/_count", headers={"Idempotency-Key": "key-two-2222"})
    client.post("/_count")
    assert _count_rows(counting_app) == 3


def test_refused_request_can_be_resent_with_the_same_key(counting_app):
    client = counting_app.test_client()
    assert client.post("/_count", data={"fail": "1"}, headers={"Idempotency-Key": "retry-key-01"}).status_code == 422
    assert client.post("/_count", headers={"Idempotency-Key": "retry-key-01"}).status_code == 201
    assert _count_rows(counting_app) == 1
    assert counting_app.replays == []  # a refusal is not stored, so the second request was no resend


def test_key_from_a_form_field(counting_app):
    client = counting_app.test_client()
    client.post("/_count", data={"idempotency_key": "form-key-0001"})
    client.post("/_count", data={"idempotency_key": "form-key-0001"})
    assert _count_rows(counting_app) == 1


def test_a_key_is_bound_to_its_path(counting_app):
    """The same key on another path is refused (422), never answered with the first path's response."""

    @counting_app.post("/_other")
    @idempotent
    def other():
        return "lain", 201

    client = counting_app.test_client()
    first = client.post("/_count", headers={"Idempotency-Key": "path-bound-key-1"})
    elsewhere = client.post("/_other", headers={"Idempotency-Key": "path-bound-key-1"})
    assert first.status_code == 201
    assert elsewhere.status_code == 422
    assert "X-Replayed" not in elsewhere.headers
    assert "tersimpan" not in elsewhere.get_data(as_text=True)
    assert "sudah dikirim untuk tindakan lain" in elsewhere.get_data(as_text=True)
    assert _count_rows(counting_app) == 1
