"""/verifikasi: the public form for a printed code, and the unknown-code page that lets the reader type again."""

from __future__ import annotations


def test_the_form_opens_without_login_and_takes_a_code_as_printed(client):
    page = client.get("/verifikasi")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="kode"' in html
    assert "Kode verifikasi" in html
    # Read off paper: spaces, dashes and lower case are forgiven.
    typed = client.get("/verifikasi", query_string={"kode": " ab12-cd 34 "})
    assert typed.status_code == 303
    assert typed.headers["Location"].endswith("/verifikasi/AB12CD34")


def test_an_empty_code_is_refused_next_to_the_field(client):
    page = client.get("/verifikasi", query_string={"kode": " - "})
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert "Ketik kode yang tercetak pada dokumen." in html
    assert 'aria-invalid="true"' in html


def test_an_unknown_code_offers_the_field_again_prefilled(client):
    page = client.get("/verifikasi/TIDAKADA")
    assert page.status_code == 404
    html = page.get_data(as_text=True)
    assert "TIDAKADA" in html
    assert 'name="kode"' in html
    assert 'value="TIDAKADA"' in html
