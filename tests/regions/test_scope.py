"""Scope: a kabupaten user sees nothing of the neighbouring kabupaten."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.auth.models import User
from app.authz import can
from app.regions.models import Region
from app.regions.services import in_scope, scope_clause


@pytest.mark.parametrize(
    ("code", "scope", "inside"),
    [
        ("19.02", "19.02", True),
        ("19.02.01.1001", "19.02", True),
        ("19.02.01", "19", True),
        ("19.06.01", "19.02", False),
        ("19.020", "19.02", False),
        ("19", "19.02", False),
        (None, "19", False),
    ],
)
def test_in_scope_is_the_code_prefix(code, scope, inside):
    assert in_scope(code, scope) is inside


def test_scope_clause_matches_the_python_rule(db):
    rows = db.exec(select(Region.code).where(scope_clause(Region.code, "19.02"))).all()
    assert rows
    assert all(in_scope(code, "19.02") for code in rows)
    assert not any(code.startswith("19.06") for code in rows)


def test_admin_cannot_edit_a_user_of_the_neighbouring_kabupaten(app, make_user):
    admin = make_user("adm", agency="PEMDA", role="admin", region_code="19.02")
    neighbour = make_user("beltim", agency="POLRI", role="operator", region_code="19.06")
    local = make_user("local", agency="POLRI", role="operator", region_code="19.02.01")
    with app.test_request_context():
        admin.is_authenticated  # noqa: B018
        assert can(admin, "user.edit", local)
        assert not can(admin, "user.edit", neighbour)


def test_neighbour_users_are_not_listed_nor_openable(client, auth, make_user):
    make_user("adm", agency="PEMDA", role="admin", region_code="19.02")
    neighbour = make_user("beltim-op", region_code="19.06")
    auth.login("adm")
    listing = client.get("/admin/pengguna").get_data(as_text=True)
    assert "beltim-op" not in listing
    assert "Kabupaten Belitung" in listing  # the account's region by name, not "19.02"
    assert "· 19.02<" not in listing
    assert client.get(f"/admin/pengguna/{neighbour.id}/sandi").status_code == 403
    assert client.post(f"/admin/pengguna/{neighbour.id}/aktif", data={"active": "0"}).status_code == 403
    assert client.get("/admin/pengguna/99999/sandi").status_code == 404


def test_neighbour_admin_cannot_create_account_in_our_kabupaten(client, auth, make_user):
    make_user("beltim-admin", agency="PEMDA", role="admin", region_code="19.06")
    auth.login("beltim-admin")
    page = client.get("/admin/pengguna/baru").get_data(as_text=True)
    assert "19.02" not in page  # our kabupaten is not even offered
    response = client.post(
        "/admin/pengguna/baru",
        data={
            "username": "sneaky",
            "name": "Sneaky",
            "agency": "POLRI",
            "role": "operator",
            "region_code": "19.02",
            "password": "panjang-sekali",
        },
    )
    assert response.status_code == 422
    assert "wilayah Anda sendiri" in response.get_data(as_text=True)


def test_non_admin_cannot_manage_users(client, auth, make_user):
    make_user("op", agency="KPU", role="operator")
    auth.login("op")
    assert client.get("/admin/pengguna").status_code == 403


def test_admin_creates_deactivates_and_resets(client, auth, make_user, db):
    make_user("adm", agency="PEMDA", role="admin")
    auth.login("adm")
    created = client.post(
        "/admin/pengguna/baru",
        data={
            "username": "kpu-baru",
            "name": "KPU Baru",
            "agency": "KPU",
            "role": "operator",
            "region_code": "19.02.02",
            "phone": "0812 3456 7890",
            "password": "panjang-sekali",
        },
    )
    assert created.status_code == 303
    user = db.exec(select(User).where(User.username == "kpu-baru")).one()
    assert user.phone == "+6281234567890"
    assert client.post(f"/admin/pengguna/{user.id}/aktif", data={"active": "0"}).status_code == 303
    db.refresh(user)
    assert user.active is False
    assert client.post(f"/admin/pengguna/{user.id}/sandi", data={"password": "baru-lagi-123"}).status_code == 303
    from app.audit.models import AuditLog

    actions = db.exec(select(AuditLog.action).where(AuditLog.object_id == str(user.id))).all()
    assert {"user.create", "user.deactivate", "user.password_reset"} <= set(actions)


def test_audit_log_view_is_scoped_and_redacted(app, client, auth, make_user, monkeypatch):
    from app.registry import registry_of

    make_user("adm", agency="PEMDA", role="admin", region_code="19.02")
    make_user("local-op", region_code="19.02.01", phone="0812-9999-1234")
    make_user("beltim-op", region_code="19.06")
    make_user("kpu-op", agency="KPU", role="operator")
    redact = lambda user, data: {k: ("•••" if k == "phone" else v) for k, v in data.items()}  # noqa: E731
    monkeypatch.setitem(registry_of(app).audit_redactors, "user", redact)
    auth.login("adm")
    body = client.get("/admin/audit").get_data(as_text=True)
    assert "local-op" in body
    assert "beltim-op" not in body
    assert "•••" in body
    assert "9999" not in body  # the redactor hid the phone number
    auth.logout()
    auth.login("kpu-op")
    assert client.get("/admin/audit").status_code == 403
