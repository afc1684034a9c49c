"""``flask db upgrade|downgrade|revision|current|check``: Alembic driven from the app's own config."""

from __future__ import annotations

import click
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import current_app
from flask.cli import with_appcontext

from app.config import ROOT


def alembic_config(database_url: str) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


@click.group("db", help="Database migrations (Alembic).")
def db_cli() -> None:
    pass


@db_cli.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def upgrade_cmd(revision: str) -> None:
    """Migrate the database to REVISION (default: head)."""
    upgrade(current_app.config["DATABASE_URL"], revision)


@db_cli.command("downgrade")
@click.argument("revision")
@with_appcontext
def downgrade_cmd(revision: str) -> None:
    """Migrate the database down to REVISION."""
    command.downgrade(alembic_config(current_app.config["DATABASE_URL"]), revision)


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@with_appcontext
def revision_cmd(message: str) -> None:
    """Autogenerate a revision from the difference between the models and the database."""
    command.revision(alembic_config(current_app.config["DATABASE_URL"]), message=message, autogenerate=True)


@db_cli.command("merge")
@click.option("-m", "--message", required=True)
@with_appcontext
def merge_cmd(message: str) -> None:
    """Merge several heads (features built in parallel) into one."""
    command.merge(alembic_config(current_app.config["DATABASE_URL"]), "heads", message=message)


@db_cli.command("current")
@with_appcontext
def current_cmd() -> None:
    command.current(alembic_config(current_app.config["DATABASE_URL"]))


@db_cli.command("check")
@with_appcontext
def check_cmd() -> None:
    """Fail when the models have changes that no revision describes."""
    command.check(alembic_config(current_app.config["DATABASE_URL"]))
