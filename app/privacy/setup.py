"""Register the retention setting and CLI, and mask NIK and phone numbers in every log record."""

from __future__ import annotations

import os

from flask import Flask


def register(app: Flask) -> None:
    from app.privacy import masking
    from app.privacy.cli import privacy_cli
    from app.privacy.retention import DEFAULT_DAYS

    app.config.setdefault("IDENTITY_RETENTION_DAYS",
                          int(os.environ.get("SINERGI_IDENTITY_RETENTION_DAYS", str(DEFAULT_DAYS))))
    app.cli.add_command(privacy_cli)
    masking.install()
