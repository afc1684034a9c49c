"""Behind a reverse proxy (deploy/nginx.conf): believe its ``X-Forwarded-*`` headers, for as many proxies as set.

``SINERGI_PROXY_HOPS=1`` with one nginx in front: the client address (login throttling, rate limits, audit),
the scheme (Secure cookies, HSTS, absolute URLs) and the host come from nginx's headers. Leave it 0 when clients
reach gunicorn directly, or anyone could claim any address by sending the header.
"""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def register(app: Flask) -> None:
    app.config.setdefault("PROXY_HOPS", int(os.environ.get("SINERGI_PROXY_HOPS", "0")))
    hops = int(app.config["PROXY_HOPS"])
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
