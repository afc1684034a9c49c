"""The notifications' settings (app config key = field name in capitals, else ``SINERGI_<KEY>``, else default)."""

from __future__ import annotations

from dataclasses import dataclass

from app.settings import load_settings


@dataclass(frozen=True)
class NotificationSettings:
    notifications_interval: float = 60.0  # seconds between rounds of the reminder job
    push_poll_seconds: float = 5.0  # how often each job process looks for pending pushes (wake() is in-process)
    push_batch: int = 20  # alerts claimed (locked) per transaction while they are sent
    push_ttl: int = 3600  # how long push services keep an undelivered alert (s); retries stop after it
    vapid_private_key: str = ""  # no key: no push (alerts stay pending)
    vapid_public_key: str = ""
    vapid_subject: str = "mailto:admin@sinergi.invalid"
    # [U] The browsers' push services a device may register (app/notifications/endpoints.py says which is whose).
    push_service_hosts: str = (
        "fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,notify.windows.com,"
        "push.apple.com"
    )
    push_allow_http: bool = False  # tests against a local push service only


def settings(config: dict | None = None) -> NotificationSettings:
    return load_settings(NotificationSettings, config)
