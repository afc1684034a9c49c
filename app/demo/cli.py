"""``flask demo seed``: believable demo data for a newcomer (never in production)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from app.clock import utcnow
from app.db import session_scope
from app.demo.seed import ACCOUNTS, SeedContext, seed_foundation
from app.registry import current_registry


@click.group("demo", help="Demo data.")
def demo_cli() -> None:
    pass


@demo_cli.command("seed")
@with_appcontext
def seed() -> None:
    """Seed the demo (idempotent: running it again adds nothing twice)."""
    if current_app.config["SINERGI_ENV"] == "production":
        raise click.ClickException("demo seed menolak berjalan saat SINERGI_ENV=production.")
    password = current_app.config["DEMO_PASSWORD"]
    ctx = SeedContext(now=utcnow())
    with session_scope() as db:
        seed_foundation(db, ctx, password)
        for _order, name, seeder in current_registry().seeders:
            seeder(db, ctx)
            db.flush()
            click.echo(f"  data demo: {name}")
    click.echo("Data demo siap. Akun demo (kata sandi: SINERGI_DEMO_PASSWORD, bawaan 'sinergi-demo'):")
    for username, name, agency, role, _pos, _rank, region in ACCOUNTS:
        click.echo(f"  {username:<24} {agency:<10} {role:<12} wilayah {region}  {name}")
