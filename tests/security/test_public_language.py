"""Public pages speak Indonesian whatever the browser asks for, unless the visitor chooses; times name the zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.complaints.test_intake import _receipt, valid

ENGLISH_PHONE = {"Accept-Language": "en-US,en;q=0.9"}


def test_english_phone_gets_the_complaint_status_in_indonesian_with_wib(client):
    client.get("/pengaduan/baru", headers=ENGLISH_PHONE)
    sent = client.post("/pengaduan/baru/kirim", data=valid(idempotency_key="lang-key-0001"), headers=ENGLISH_PHONE)
    code, secret = _receipt(client.get(sent.headers["Location"], headers=ENGLISH_PHONE).get_data(as_text=True))
    page = client.post("/pengaduan/status", data={"code": code, "secret": secret}, headers=ENGLISH_PHONE)
    body = page.get_data(as_text=True)
    assert 'lang="id"' in body
    assert "+0700" not in body
    assert re.search(r"\d\d\.\d\d WIB", body)


def test_the_visitor_may_choose_english_and_still_sees_the_zone(app):
    from app.i18n import format_local

    with app.test_request_context():
        when = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)
        assert format_local(when, "19.02", locale="en") == "Wednesday, 27 November 2024 14.30 WIB"
        assert format_local(when, "73.71", locale="en").endswith("15.30 WITA")
        assert format_local(when, "94.71", locale="en").endswith("16.30 WIT")
