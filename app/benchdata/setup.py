"""Register ``flask bench seed`` (benchmark data; never in production)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.benchdata.cli import bench_cli

    app.cli.add_command(bench_cli)
