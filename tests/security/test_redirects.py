"""Every ``next=`` the user's input chooses goes to a page of this site only (``app.redirects``): tabs and newlines
that browsers and Werkzeug drop from a ``Location`` do not make it another site's, and never a 500."""

from __future__ import annotations

import pytest

from app.redirects import local_target
from tests.conftest import TEST_PASSWORD

HOSTILE = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\nSet-Cookie: a=b",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/ok\x7f",
    "/" + "a" * 5000,
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_next_falls_back(value):
    assert local_target(value, "/") == "/"


@pytest.mark.parametrize("value", ["/", "/linimasa?jenis=kerawanan", "/rapat/3#tindak-lanjut", "/a/b%2F/c"])
def test_a_path_of_this_site_is_kept(value):
    assert local_target(value, "/x") == value


@pytest.mark.parametrize("value", ["/%09/evil.example", "/%0a/x", "/%0d%0aSet-Cookie:%20a=b"])
def test_login_never_sends_to_another_site_nor_fails(client, make_user, value):
    make_user("redir")
    response = client.post(f"/masuk?next={value}", data={"login": "redir", "password": TEST_PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("value", ["/\t/evil.example", "/x\nSet-Cookie: a=b", "/" + "a" * 1_000_000])
def test_the_language_switch_never_sends_to_another_site_nor_fails(client, value):
    response = client.post("/bahasa", data={"lang": "id", "next": value})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
