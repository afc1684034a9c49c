"""A POST-only address opened by GET (a reopened tab after a refused form) leads to the page above it."""

from __future__ import annotations


def test_a_post_only_address_opened_by_get_leads_to_its_page(client, auth, make_user):
    """A refused form is answered at its action's address; a phone that reopens the tab asks for it by GET."""
    auth.login(make_user(agency="BAWASLU").username)
    response = client.get("/pengaduan/6/pesan")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/pengaduan/6")
    assert client.get("/keluar").status_code == 405  # not to the home page: logging out stays a POST
