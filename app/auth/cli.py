"""``flask users create``: make an account from the command line (the first admin, scripted set-ups)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from app.auth import services
from app.auth.models import Agency, Role
from app.clock import utcnow
from app.db import session_scope


@click.group("users", help="Manage user accounts.")
def users_cli() -> None:
    pass


@users_cli.command("create")
@click.option("--username", required=True)
@click.option("--name", required=True, help="Full name.")
@click.option("--agency", required=True, type=click.Choice([a.value for a in Agency], case_sensitive=False))
@click.option("--role", required=True, type=click.Choice([r.value for r in Role], case_sensitive=False))
@click.option("--region", "region_code", required=True, help="Scope, e.g. 19.02 (Kabupaten Belitung).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--email", default=None)
@click.option("--phone", default=None)
@click.option("--position", default="", help="Jabatan, e.g. Kasat Intelkam.")
@with_appcontext
def create(username, name, agency, role, region_code, password, email, phone, position):
    """Create one account."""
    data = services.UserInput(
        username=username,
        name=name,
        agency=agency.upper(),
        role=role.lower(),
        region_code=region_code,
        password=password,
        email=email,
        phone=phone,
        position=position,
    )
    try:
        with session_scope() as db:
            user = services.create_user(db, data, actor=None, now=utcnow())
            click.echo(f"Akun dibuat: {user.username} ({user.agency}/{user.role}, wilayah {user.region_code})")
    except services.AccountError as exc:
        with force_locale("id"):
            raise click.ClickException(f"{exc.field}: {exc.message}") from exc


@users_cli.command("unlock")
@click.argument("login")
@with_appcontext
def unlock(login):
    """Clear the failed-login delays of an account (from every address)."""
    from flask import current_app

    from app.auth.throttle import unlock as clear_delays

    with session_scope() as db:
        removed = clear_delays(db, login, current_app.config)
    click.echo(f"Penundaan masuk untuk {login} dihapus ({removed} catatan).")
