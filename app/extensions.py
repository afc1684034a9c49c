"""Extension objects, created here and bound to the app in the factory."""

from __future__ import annotations

from flask import request
from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_wtf import CSRFProtect


def client_ip() -> str:
    """The client's address (behind a proxy, configure ProxyFix so this is the real one)."""
    return request.remote_addr or "unknown"


babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to open this page.")
login_manager.login_message_category = "info"
# "basic": a phone that changes IP between cell towers stays logged in.
login_manager.session_protection = "basic"
limiter = Limiter(key_func=client_ip, default_limits=[])
