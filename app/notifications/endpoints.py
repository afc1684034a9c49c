"""Which push address a device may register (a subscription's ``endpoint``): the browsers' push services only.

The push job POSTs every alert to that address. Any ``http(s)://`` address was accepted, so a logged-in user
could make the server call hosts inside its own network (``http://127.0.0.1:…``, the database, a metadata
service) and learn from the subscription being kept or dropped whether they answered (server-side request
forgery, found by the session-12 audit). Browsers only ever hand out addresses of their vendor's push service:

- Chrome, Android, Samsung Internet, Opera: ``fcm.googleapis.com`` (Firebase Cloud Messaging);
- Firefox: ``updates.push.services.mozilla.com``;
- Edge on Windows: ``*.notify.windows.com`` (WNS);
- Safari (macOS, iOS 16.4+): ``web.push.apple.com``.

The list is a setting [U] (``PUSH_SERVICE_HOSTS``, comma-separated, a host or a parent domain), for a browser
this list does not know. ``https`` only; ``PUSH_ALLOW_HTTP`` exists for tests against a local push service.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.notifications.settings import NotificationSettings, settings

MAX_LENGTH = 1000


def hosts(s: NotificationSettings) -> tuple[str, ...]:
    return tuple(h.strip().lower().rstrip(".") for h in s.push_service_hosts.split(",") if h.strip())


def allowed(endpoint: str, s: NotificationSettings | None = None) -> bool:
    """``endpoint`` is an address of a known push service (``https``, a listed host, no user info, no IP
    address unless listed as such)."""
    s = s or settings()
    if not endpoint or len(endpoint) > MAX_LENGTH:
        return False
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").rstrip(".")
        parts.port  # noqa: B018 - a malformed port raises here
    except ValueError:
        return False
    if parts.scheme != "https" and not (s.push_allow_http and parts.scheme == "http"):
        return False
    if not host or parts.username or parts.password:
        return False
    known = hosts(s)
    if _is_ip(host):
        return host in known
    return any(host == h or host.endswith("." + h) for h in known if not _is_ip(h))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
