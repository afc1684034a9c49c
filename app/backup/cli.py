"""``flask --app wsgi backup create [--out DIR]`` and ``flask --app wsgi backup restore ARCHIVE [--force]``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.clock import utcnow

backup_cli = AppGroup("backup", help="Back up the database and uploads into one archive, or restore one.")


@backup_cli.command("create")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the archive (default: <instance>/backups).",
)
def create_cmd(out_dir: Path | None) -> None:
    """Write sinergi-backup-<UTC time>.tar.gz and its .sha256 checksum file."""
    from app.backup import archive
    from app.backup.engines import BackupError

    config = current_app.config
    out_dir = out_dir or Path(config["INSTANCE_DIR"]) / "backups"
    try:
        path = archive.create(config["DATABASE_URL"], Path(config["UPLOAD_DIR"]), out_dir, now=utcnow())
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{path}\n{path}.sha256")


@backup_cli.command("restore")
@click.argument("archive_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database and upload folder that are not empty.")
def restore_cmd(archive_path: Path, force: bool) -> None:
    """Check ARCHIVE against its .sha256 file and load it into this (empty) instance."""
    from app.backup import archive
    from app.backup.engines import BackupError

    config = current_app.config
    try:
        manifest = archive.restore(archive_path, config["DATABASE_URL"], Path(config["UPLOAD_DIR"]), force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = sum(manifest["tables"].values())
    click.echo(
        f"restored {archive_path.name}: {len(manifest['tables'])} tables, {rows} rows, "
        f"{len(manifest['files'])} files (backup of {manifest['created_at']})"
    )
