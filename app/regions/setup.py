"""Register ``flask regions load``."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.regions.cli import regions_cli

    app.cli.add_command(regions_cli)
