"""``flask --app wsgi push keys`` and ``flask --app wsgi notifications run-once``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

push_cli = AppGroup("push", help="Web Push (VAPID keys).")
notifications_cli = AppGroup("notifications", help="In-app notifications and push delivery.")


@push_cli.command("keys")
def keys() -> None:
    """Print a new VAPID key pair as environment lines (keep the private key secret)."""
    from app.notifications.push import generate_keys

    private, public = generate_keys()
    click.echo(f"SINERGI_VAPID_PRIVATE_KEY={private}")
    click.echo(f"SINERGI_VAPID_PUBLIC_KEY={public}")
    click.echo("SINERGI_VAPID_SUBJECT=mailto:admin@example.go.id")


@notifications_cli.command("run-once")
def run_once_cmd() -> None:
    """Collect due reminders and send pending pushes once."""
    from app.notifications.job import run_once

    counts = run_once(current_app._get_current_object())
    click.echo(" ".join(f"{k}={v}" for k, v in counts.items()))
