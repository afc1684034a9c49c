"""Register the retention setting and CLI, and mask NIK and phone numbers in every log record."""

from __future__ import annotations

import os

from flask import Flask


def register(app: Flask) -> None:
    from app.jobs import Job, register_job
    from app.privacy import masking
    from app.privacy.cli import privacy_cli
    from app.privacy.retention import DEFAULT_DAYS, erase_expired_identities

    app.config.setdefault(
        "IDENTITY_RETENTION_DAYS", int(os.environ.get("SINERGI_IDENTITY_RETENTION_DAYS", str(DEFAULT_DAYS)))
    )
    app.cli.add_command(privacy_cli)
    # Hourly, led by one process (advisory lock): erasing is idempotent, so an hour late at most is fine.
    register_job(app, Job("privacy.erase_identities", every=3600, run=erase_expired_identities, exclusive=True))
    masking.install()
