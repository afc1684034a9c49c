"""Register the ``flask backup`` commands (no pages: backups are an operator's job on the server)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.backup.cli import backup_cli

    app.cli.add_command(backup_cli)
