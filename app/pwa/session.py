"""The service worker's own background fetches never write the session cookie.

The worker stores the shell at install (``/offline`` among it) while the login page is open, and a page's copy
after the first visit (``keepPage``). Such a fetch carries the cookie of the moment it started; its answer may
arrive after the user has logged in, and a ``Set-Cookie`` in it (an anonymous page marks its session) replaced
the new login's cookie: the phone was logged out a second after logging in (seen under load on this machine).
The worker marks these fetches ``X-SW-Background: 1`` (static/js/sw.js); their answers leave the cookie alone.
"""

from __future__ import annotations

from flask import request
from flask.sessions import SecureCookieSessionInterface

BACKGROUND_HEADER = "X-SW-Background"


class ForegroundSessionInterface(SecureCookieSessionInterface):
    def save_session(self, app, session, response) -> None:
        if request.headers.get(BACKGROUND_HEADER) == "1":
            return
        super().save_session(app, session, response)
