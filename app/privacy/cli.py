"""``flask --app wsgi privacy erase-identities``: run the identity retention once (from cron or by hand)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

privacy_cli = AppGroup("privacy", help="Personal data protection (UU PDP).")


@privacy_cli.command("erase-identities")
def erase_identities() -> None:
    """Erase reporter identities of reports closed longer ago than SINERGI_IDENTITY_RETENTION_DAYS."""
    from flask import current_app

    from app.clock import utcnow
    from app.db import session_scope
    from app.privacy.retention import erase_expired_identities, retention_days

    with session_scope(current_app._get_current_object()) as session:
        count = erase_expired_identities(session, utcnow())
    click.echo(f"erased={count} retention_days={retention_days()}")
