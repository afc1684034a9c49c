"""Where a form may send the user back to (``next=``): one rule for every redirect the user's input chooses.

Only a path of this site: it starts with one ``/``, has no scheme or host, no backslash and no control
character. Browsers and Werkzeug drop tabs and newlines from a ``Location`` (``/\\t/evil.example`` became
``//evil.example``, another site) and a newline in a header is a 500, so such a value falls back. Long values
fall back too (a 1 MB ``next`` was echoed into a 1 MB header).
"""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_LENGTH = 2000


def local_target(value: str | None, fallback: str) -> str:
    """``value`` when it is a path of this site, else ``fallback``."""
    if not value or len(value) > MAX_LENGTH or not value.startswith("/") or value.startswith("//"):
        return fallback
    if "\\" in value or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return fallback
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else fallback
