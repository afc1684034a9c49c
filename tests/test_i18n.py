"""Catalogs: every message translated into Indonesian; Indonesian formats for dates, zones and numbers."""

from __future__ import annotations

import importlib.util
import re
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


def test_english_needs_no_catalog(app):
    """msgids are English: without an English catalog Babel shows them as they are, plurals included."""
    assert not list(ROOT.glob("app/**/translations/en"))
    with app.test_request_context(), force_locale("en"):
        assert ngettext("%(num)s account", "%(num)s accounts", 3) == "3 accounts"
        assert ngettext("%(num)s account", "%(num)s accounts", 1) == "1 account"


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("19.02", "Rabu, 27 November 2024 09.30 WIB"),  # Belitung: WIB
        ("73.71", "Rabu, 27 November 2024 10.30 WITA"),  # Makassar
        ("91.71", "Rabu, 27 November 2024 11.30 WIT"),  # Jayapura
        ("61.71", "Rabu, 27 November 2024 09.30 WIB"),  # Pontianak: WIB
    ],
)
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


# ---- texts of the page scripts (static/js) --------------------------------------------------------------------

JS = ROOT / "static" / "js"


def _page_messages(html: str) -> dict:
    import json
    import re

    block = re.search(r'<script type="application/json" id="sinergi-messages">(.*?)</script>', html, re.S)
    assert block, "the page carries no script texts"
    return json.loads(block.group(1))


def test_pages_carry_the_script_texts_translated(client, auth, make_user):
    anonymous = _page_messages(client.get("/pengaduan/baru").get_data(as_text=True))
    assert anonymous["pwa"]["waiting"] == "menunggu sinyal"
    assert anonymous["pwa"]["update"] == "Versi baru tersedia"
    assert anonymous["pwa"]["logoutAsk"].startswith("%(num)s kiriman belum terkirim.")
    assert anonymous["complaints"]["tooLarge"] == "Berkas terlalu besar (maks. %(mb)s MB): %(names)s"
    assert anonymous["notifications"]["on"] == "Notifikasi aktif di perangkat ini."
    # The offline shell (stored by the service worker, no base layout) has them too.
    assert _page_messages(client.get("/offline").get_data(as_text=True))["pwa"]["waiting"] == "menunggu sinyal"
    make_user("en-user", language="en")
    auth.login("en-user")
    english = _page_messages(client.get("/").get_data(as_text=True))
    assert english["pwa"]["waiting"] == "waiting for signal"


def test_every_text_a_script_asks_for_is_registered(app):
    """Scripts call t("key") on SinergiText("<namespace>"); a key nobody registered would show as the key."""
    import re

    from app.registry import registry_of

    registry = registry_of(app)

    used = 0
    for path in JS.glob("*.js"):
        source = path.read_text(encoding="utf-8")
        namespaces = re.findall(r'SinergiText\("(\w+)"\)', source)
        if not namespaces:
            continue
        assert len(namespaces) == 1, path.name
        # Literal keys; computed ones ("label_" + label, a choice of "photo"/"photos") are checked below.
        keys = set(re.findall(r'\bt\("(\w+)"(?!\s*\+)', source))
        missing = keys - set(registry.js_messages[namespaces[0]])
        assert not missing, f"{path.name}: {sorted(missing)}"
        used += len(keys)
    assert used >= 25  # the pattern still finds the calls
    pwa = registry.js_messages["pwa"]
    assert {"label_item", "label_timeline", "label_pengaduan", "field_text", "photo", "photos"} <= set(pwa)


# Words of the Indonesian texts the scripts used to carry. Quoted literals in static/js must not contain them:
# user-facing text comes from the catalogs (URLs such as "/notifikasi" are paths, not text).
INDONESIAN = re.compile(
    r"\b(menunggu|sinyal|kirim\w*|terkirim|ditolak|buang|simpan|masuk|foto|pasang|nanti|"
    r"ketuk|kiriman|berkas|terlalu|peramban|notifikasi|pengaturan|versi|muat|ulang|akun)\b",
    re.IGNORECASE,
)


def test_scripts_hold_no_indonesian_text():
    found = []
    for path in JS.glob("*.js"):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//")[0] if not line.lstrip().startswith("//") else ""
            for literal in re.findall(r'"([^"\\]*)"|\'([^\'\\]*)\'', code):
                text = literal[0] or literal[1]
                if text.startswith("/") or not INDONESIAN.search(text):
                    continue
                found.append(f"{path.name}:{lineno}: {text}")
    assert found == []
