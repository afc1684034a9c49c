"""Catalogs: every message translated into Indonesian; Indonesian formats for dates, zones and numbers."""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask_babel import force_locale, ngettext

from app.i18n import format_day, format_local, format_time, number, percent

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts/i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_an_indonesian_translation():
    missing = _tool().problems()
    assert missing == [], "untranslated messages:\n" + "\n".join(missing)


def test_no_fuzzy_entries_and_one_plural_form_in_indonesian():
    for po in ROOT.glob("app/**/translations/id/LC_MESSAGES/messages.po"):
        text = po.read_text(encoding="utf-8")
        assert "#, fuzzy" not in text, po
        assert "Plural-Forms: nplurals=1; plural=0;" in text, po


def test_indonesian_plural_uses_the_single_form(app):
    """With Babel's default header (nplurals=2) this would fall back to English "3 accounts"."""
    with app.test_request_context(), force_locale("id"):
        assert ngettext("%(num)s account", "%(num)s accounts", 3) == "3 akun"
        assert ngettext("%(num)s account", "%(num)s accounts", 1) == "1 akun"


@pytest.mark.parametrize(("region", "expected"), [
    ("19.02", "Rabu, 27 November 2024 09.30 WIB"),  # Belitung: WIB
    ("73.71", "Rabu, 27 November 2024 10.30 WITA"),  # Makassar
    ("91.71", "Rabu, 27 November 2024 11.30 WIT"),  # Jayapura
    ("61.71", "Rabu, 27 November 2024 09.30 WIB"),  # Pontianak: WIB
])
def test_dates_in_the_zone_of_the_region(app, region, expected):
    moment = datetime(2024, 11, 27, 2, 30, tzinfo=UTC)
    with app.test_request_context(), force_locale("id"):
        assert format_local(moment, region) == expected


def test_time_day_and_number_formats(app):
    with app.test_request_context(), force_locale("id"):
        assert format_time(datetime(2024, 11, 27, 7, 5, tzinfo=UTC), "19.02") == "14.05 WIB"
        assert format_day(date(2024, 11, 27)) == "Rabu, 27 November 2024"
        assert percent(0.798) == "79,80%"
        assert number(1234567) == "1.234.567"


def test_english_is_available_on_request(client, auth, make_user):
    make_user("en-user", language="en")
    auth.login("en-user")
    body = client.get("/").get_data(as_text=True)
    assert 'lang="en"' in body
    assert "Good day" in body


def test_anonymous_default_is_indonesian_even_for_other_browsers(client):
    body = client.get("/masuk", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert "Masuk ke Sinergi" in body
