"""Command-line set-up: users create, regions load, demo seed (clear messages, never tracebacks)."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from app.auth.models import User
from app.regions.models import TPS, Election


def test_users_create(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--username",
            "kpu-baru",
            "--name",
            "KPU Baru",
            "--agency",
            "kpu",
            "--role",
            "operator",
            "--region",
            "19.02",
            "--password",
            "sandi-panjang-1",
            "--phone",
            "0812-1111-2222",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.exec(select(User).where(User.username == "kpu-baru")).one()
    assert (user.agency, user.phone) == ("KPU", "+6281211112222")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "99.99"], "Kode wilayah tidak dikenal"),
        (["--region", "19.02", "--phone", "12345"], "bukan nomor telepon Indonesia"),
        (["--region", "19.02", "--username", "x" * 200], "Nama pengguna"),
        (["--region", "19.02.01.1001"], "kecamatan"),
    ],
)
def test_users_create_bad_input_gives_a_clear_message(app, args, message):
    base = {
        "--username": "salah",
        "--name": "Salah",
        "--agency": "POLRI",
        "--role": "operator",
        "--password": "sandi-panjang-1",
    }
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    argv = ["users", "create"] + [x for pair in base.items() for x in pair]
    result = app.test_cli_runner().invoke(args=argv)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_users_create_rejects_unknown_agency(app):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--username",
            "a1",
            "--name",
            "A",
            "--agency",
            "FBI",
            "--role",
            "operator",
            "--region",
            "19.02",
            "--password",
            "sandi-panjang-1",
        ]
    )
    assert result.exit_code == 2
    assert "FBI" in result.output


def test_regions_load_unknown_province(app):
    result = app.test_cli_runner().invoke(args=["regions", "load", "--province", "77"])
    assert result.exit_code != 0
    assert "Kode provinsi tidak dikenal" in result.output


def test_regions_load_is_idempotent(app):
    result = app.test_cli_runner().invoke(args=["regions", "load", "--province", "19"])
    assert result.exit_code == 0
    assert result.output.startswith("0 wilayah ditambahkan")


def test_demo_seed_is_idempotent_and_lists_the_logins(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output
    assert "polri-operator" in first.output
    assert "beltim-polri-operator" in first.output

    def counts():
        result = (
            db.exec(select(func.count()).select_from(User)).one(),
            db.exec(select(func.count()).select_from(TPS)).one(),
        )
        db.commit()
        return result

    before = counts()
    again = runner.invoke(args=["demo", "seed"])
    assert again.exit_code == 0, again.output
    assert counts() == before
    assert db.exec(select(Election).where(Election.region_code == "19.02")).one().name.startswith("Pemilihan Bupati")


def test_demo_seed_refuses_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "SINERGI_ENV", "production")
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code != 0
    assert "production" in result.output
