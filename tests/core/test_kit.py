"""The shared kit every feature uses: domain errors on forms, CSV/PDF/SSE responses, phone/NIK validators,
local dates, labelled enums, the app-owned registry and the one htmx rule."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from flask import Flask, abort
from flask_wtf import FlaskForm
from sqlmodel import select
from wtforms import StringField

from app import create_app
from app.auth.models import Agency, Role, User
from app.authz import Policies, can
from app.enums import LabelledEnum
from app.errors import DomainError
from app.exports import csv_response, pdf_response, safe_cell, upload_response
from app.forms import NIK, IndonesianPhone, attach_error, phone_display, phone_e164
from app.i18n import local_date
from app.registry import NavItem, registry_of
from app.sse import PING, sse_message, sse_response


class _Form(FlaskForm):
    title = StringField()
    phone = StringField(validators=[IndonesianPhone()])
    nik = StringField(validators=[NIK()])


def test_attach_error_puts_the_message_on_the_named_field_or_the_fallback(app):
    with app.test_request_context(method="POST", data={}):
        form = _Form(meta={"csrf": False})
        attach_error(form, DomainError("title", "Judul wajib diisi."))
        attach_error(form, DomainError("no_such_field", "Periksa lagi."), fallback="title")
        attach_error(form, DomainError(None, "Tidak dapat disimpan."))
        assert form.title.errors == ["Judul wajib diisi.", "Periksa lagi."]
        assert form.form_errors == ["Tidak dapat disimpan."]


@pytest.mark.parametrize(
    ("phone", "nik", "errors"),
    [
        ("0812-3456-7890", "", set()),
        ("+62 21 5551234", "", set()),
        ("", "", set()),  # both optional
        ("12345", "", {"phone"}),
        ("", "1234567890123456", {"nik"}),
    ],
)
def test_phone_and_nik_validators_use_lokal_id(app, phone, nik, errors):
    with app.test_request_context(method="POST", data={"phone": phone, "nik": nik}):
        form = _Form(meta={"csrf": False})
        form.validate()
        assert {name for name, errs in form.errors.items() if errs} == errors


def test_phone_forms_for_storage_and_display():
    assert phone_e164("0812 3456 7890") == "+6281234567890"
    assert phone_e164("bukan nomor") is None
    assert phone_display("+6281234567890") == "0812-3456-7890"
    assert phone_display("+62215551234") == "(021) 5551234"
    assert phone_display("tanya pos") == "tanya pos"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_csv_cell_is_neutralised_against_formulas(app, start):
    assert safe_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    with app.test_request_context():
        response = csv_response("x.csv", ["a", f"{start}b"], [[f"{start}c", -3, None]])
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["a", f"'{start}b"], [f"'{start}c", "-3", ""]]  # a negative number stays a number
    assert response.headers["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.headers["Cache-Control"] == "private, no-store"


def test_pdf_response_inline_or_download(app):
    with app.test_request_context():
        shown = pdf_response(b"%PDF-1.7 x", "notula.pdf")
        saved = pdf_response(b"%PDF-1.7 x", "tanda-terima.pdf", inline=False, cache=True)
    assert shown.mimetype == "application/pdf"
    assert shown.headers["Content-Disposition"].startswith("inline")
    assert shown.headers["Cache-Control"] == "private, no-store"
    assert saved.headers["Content-Disposition"].startswith("attachment")
    assert saved.headers["Cache-Control"] == "private, max-age=3600"


def test_upload_response_serves_a_stored_file_privately_and_404s_a_gone_one(app):
    from pathlib import Path

    from werkzeug.exceptions import NotFound

    folder = Path(app.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "abc123.jpg").write_bytes(b"\xff\xd8 not really")
    with app.test_request_context():
        photo = upload_response("abc123.jpg", "image/jpeg", cache_seconds=3600)
        evidence = upload_response("abc123.jpg", "application/pdf", download=True)
        with pytest.raises(NotFound):
            upload_response("erased.jpg", "image/jpeg")
        with pytest.raises(NotFound):
            upload_response("../secret.jpg", "image/jpeg")
    assert photo.headers["Cache-Control"] == "private, max-age=3600"
    assert photo.headers["X-Content-Type-Options"] == "nosniff"
    assert evidence.headers["Cache-Control"] == "private, no-store"
    assert evidence.headers["Content-Disposition"].startswith("attachment")
    photo.close()
    evidence.close()


def test_sse_messages_and_response():
    assert sse_message("<li>a</li>\n\n<li>b</li>", id=7) == "id: 7\ndata: <li>a</li>\ndata: <li>b</li>\n\n"
    assert sse_message(event="changed") == "event: changed\ndata: \n\n"
    assert PING == "event: ping\ndata: \n\n"
    app = Flask(__name__)
    with app.test_request_context():
        response = sse_response(iter([PING]))
    assert response.mimetype == "text/event-stream"
    assert response.headers["X-Accel-Buffering"] == "no"
    assert "no-store" in response.headers["Cache-Control"]


def test_local_date_is_the_regions_own_day():
    late_evening_wib = datetime(2024, 11, 26, 16, 30, tzinfo=UTC)  # 23.30 WIB, 00.30 WIT
    assert local_date(late_evening_wib, "19.02").isoformat() == "2024-11-26"  # Belitung: WIB
    assert local_date(late_evening_wib, "91.01").isoformat() == "2024-11-27"  # Papua: WIT


class _Colour(LabelledEnum):
    RED = "red", "Merah"
    PLAIN = "plain"


def test_labelled_enum():
    assert _Colour.RED == "red"
    assert _Colour.RED.label == "Merah"
    assert _Colour.PLAIN.label == "plain"
    assert _Colour.label_of("red") == "Merah"
    assert _Colour.label_of("gone") == "gone"  # an old value is shown, not an error
    assert [(c.value, c.label) for c in _Colour.choices()] == [("red", "Merah"), ("plain", "plain")]


def test_enum_columns_are_members_when_assigned_and_when_loaded(db, make_user):
    made = make_user("enum-check", agency="KPU", role="pimpinan")
    assert User(agency="TNI", role="admin").role is Role.ADMIN
    loaded = db.exec(select(User).where(User.id == made.id)).one()
    assert loaded.agency is Agency.KPU
    assert loaded.role is Role.PIMPINAN
    assert loaded.role == "pimpinan"  # still a string for code and templates that compare strings


@pytest.mark.parametrize("code", [400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429])
def test_error_pages_keep_their_status(code):
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    app.add_url_rule("/probe", "probe", lambda: abort(code))
    response = app.test_client().get("/probe")
    assert response.status_code == code
    assert 'lang="id"' in response.get_data(as_text=True)


def test_each_app_has_its_own_registry_and_policy_table():
    first = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    second = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    assert registry_of(first) is not registry_of(second)
    extra = Policies()
    extra.rule("probe.open")(lambda user, obj: True)
    registry_of(first).add_policies(extra)
    assert "probe.open" in registry_of(first).policies
    assert "probe.open" not in registry_of(second).policies
    with pytest.raises(RuntimeError):
        registry_of(first).add_policies(extra)  # a rule is installed once
    with pytest.raises(RuntimeError):
        registry_of(first).add_nav(NavItem("dashboard.index", "x", "home", 0))


def test_can_asks_the_apps_table(make_user, app):
    user = make_user("kit-admin", agency="PEMDA", role="admin")
    with app.app_context():
        assert can(user, "users.manage")
        with pytest.raises(LookupError):
            can(user, "no.such.action")  # unknown actions are refused loudly, never allowed


@pytest.mark.parametrize(
    ("headers", "partial"),
    [
        ({}, False),
        ({"HX-Request": "true", "HX-Request-Type": "full"}, False),  # boosted navigation: the page
        ({"HX-Request": "true", "HX-Request-Type": "partial"}, True),
        ({"HX-Request": "true"}, True),
    ],
)
def test_one_htmx_rule_and_its_vary_header(client, auth, make_user, headers, partial):
    make_user("kit-kpu", agency="KPU", role="operator")
    auth.login("kit-kpu")
    response = client.get("/linimasa", headers=headers)
    page = response.get_data(as_text=True)
    assert ("<html" not in page) is partial
    assert {"HX-Request", "HX-Request-Type"} <= set(response.vary)
