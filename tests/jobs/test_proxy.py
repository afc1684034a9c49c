"""ProxyFix: behind nginx (SINERGI_PROXY_HOPS=1) the client address and scheme come from X-Forwarded-*."""

from __future__ import annotations

import pytest
from flask import request

from app import create_app


def _app(tmp_path, hops: int):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
            "SECRET_KEY": "x",
            "INSTANCE_DIR": str(tmp_path),
            "PROXY_HOPS": hops,
        }
    )
    app.add_url_rule("/_seen", "seen", lambda: f"{request.remote_addr} {request.scheme} {request.host}")
    return app


FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "sinergi.go.id"}


@pytest.mark.parametrize(("hops", "seen"), [(1, "203.0.113.9 https sinergi.go.id"), (0, "127.0.0.1 http localhost")])
def test_forwarded_headers_are_believed_only_behind_a_configured_proxy(tmp_path, hops, seen):
    client = _app(tmp_path, hops).test_client()
    assert client.get("/_seen", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"}).text == seen
