"""Configuration from the environment. Nothing secret has a production default."""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The environment does not describe a runnable app."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def load_config() -> dict:
    """Build the config dict from environment variables (read at app creation, not import)."""
    env = os.environ.get("SINERGI_ENV", "development")
    production = env == "production"
    secret = os.environ.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError("SECRET_KEY must be set when SINERGI_ENV=production")
        # A random key per start: sessions do not survive a restart, which is fine in development.
        secret = secrets.token_hex(32)
    instance = Path(os.environ.get("SINERGI_INSTANCE", ROOT / "instance"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'sinergi.db'}"
    config = {
        "SINERGI_ENV": env,
        "SECRET_KEY": secret,
        "INSTANCE_DIR": str(instance),
        "DATABASE_URL": database_url,
        # Uploaded photos and evidence live outside static/ and are served through permission checks.
        "UPLOAD_DIR": os.environ.get("SINERGI_UPLOAD_DIR", str(instance / "uploads")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("SINERGI_MAX_UPLOAD_MB", "25")) * 1024 * 1024,
        # Cookies: Secure everywhere except plain-http development.
        "SESSION_COOKIE_SECURE": _bool("SINERGI_SECURE_COOKIES", production),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("SINERGI_SECURE_COOKIES", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        # Phones stay logged in across a weak-signal fortnight.
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        # The offline outbox may hold a post for hours: the token lives as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Jakarta",
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "DEMO_PASSWORD": os.environ.get("SINERGI_DEMO_PASSWORD", "sinergi-demo"),
        "PUBLIC_BASE_URL": os.environ.get("SINERGI_PUBLIC_URL", "http://127.0.0.1:8000"),
        # Login throttling: failures before delays start, and the longest delay.
        "LOGIN_FREE_FAILURES": int(os.environ.get("SINERGI_LOGIN_FREE_FAILURES", "5")),
        "LOGIN_MAX_DELAY_SECONDS": int(os.environ.get("SINERGI_LOGIN_MAX_DELAY", "900")),
        "IP_FREE_FAILURES": int(os.environ.get("SINERGI_IP_FREE_FAILURES", "20")),
        "IP_MAX_DELAY_SECONDS": int(os.environ.get("SINERGI_IP_MAX_DELAY", "60")),  # never a lockout for an office
        "IDEMPOTENCY_WINDOW_DAYS": int(os.environ.get("SINERGI_IDEMPOTENCY_DAYS", "7")),  # outbox resends end sooner
        "LOGIN_DECAY_SECONDS": int(os.environ.get("SINERGI_LOGIN_DECAY", "900")),  # failures older than this: forgotten
        # WeasyPrint renderer processes per web process (0: lay out PDFs in this process's thread pool).
        "PDF_WORKERS": int(os.environ.get("SINERGI_PDF_WORKERS", "2")),
        "VAPID_PRIVATE_KEY": os.environ.get("SINERGI_VAPID_PRIVATE_KEY", ""),
        "VAPID_PUBLIC_KEY": os.environ.get("SINERGI_VAPID_PUBLIC_KEY", ""),
        "VAPID_SUBJECT": os.environ.get("SINERGI_VAPID_SUBJECT", "mailto:admin@sinergi.invalid"),
    }
    version = _asset_version()
    if version:
        config["ASSET_VERSION"] = version
    return config


def _asset_version() -> str:
    """The asset version (cache-busting ?v= of static files, the service worker's cache names) is a hash of
    static/ unless set here, e.g. to a release id so every machine behind a proxy serves the same worker, or by
    tests that need a new worker version without touching the files. A new value makes phones install the new
    worker and show "Versi baru tersedia — muat ulang"."""
    version = os.environ.get("SINERGI_ASSET_VERSION", "").strip()
    if version and not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", version):
        raise ConfigError("SINERGI_ASSET_VERSION: up to 40 letters, digits, '.', '_' or '-'")
    return version
