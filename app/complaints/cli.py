"""``flask holidays import FILE.csv`` / ``flask holidays list``: the holiday calendar behind working-day clocks.

The CSV has the columns ``tanggal,jenis,nama,sumber`` (jenis: libur_nasional | cuti_bersama), like the shipped
files in app/complaints/data/. Any bad row refuses the whole file: nothing is saved.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from app.clock import utcnow
from app.complaints.holidays import HolidayImportError, current_calendar, import_rows
from app.db import session_scope


@click.group("holidays", help="Public holidays and cuti bersama for working-day deadlines.")
def holidays_cli() -> None:
    pass


@holidays_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_file(path: Path) -> None:
    """Add a year's libur nasional and cuti bersama from a CSV (all rows or none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise click.ClickException("Berkas harus berupa teks UTF-8 (CSV).") from exc
    try:
        with session_scope() as db:
            added = import_rows(db, text, now=utcnow())
    except HolidayImportError as exc:
        for error in exc.errors:
            click.echo(error, err=True)
        raise click.ClickException(f"{len(exc.errors)} kesalahan; tidak ada yang disimpan.") from exc
    click.echo(f"{added} hari libur/cuti bersama disimpan.")


@holidays_cli.command("list")
@with_appcontext
def list_years() -> None:
    """The years whose holiday calendar is known."""
    years = sorted(current_calendar().years)
    click.echo("Kalender libur tersedia: " + ", ".join(str(y) for y in years))
