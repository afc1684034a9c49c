"""Register ``flask demo seed``."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.demo.cli import demo_cli

    app.cli.add_command(demo_cli)
