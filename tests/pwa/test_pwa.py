"""PWA server side: manifest, service worker, offline page, cacheable pages, compression, outbox session."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image


def test_manifest_is_installable_and_indonesian(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    data = json.loads(response.get_data(as_text=True))
    assert data["lang"] == "id"
    assert data["short_name"] == "Sinergi"
    assert data["name"] == "Sinergi — Desk Pengamanan Pilkada"
    assert data["display"] == "standalone"
    assert data["scope"] == "/"
    assert data["start_url"].startswith("/")
    assert data["theme_color"] == "#0f4c81"
    purposes = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


@pytest.mark.parametrize(
    ("name", "size"),
    [("icon-192.png", 192), ("icon-512.png", 512), ("maskable-512.png", 512), ("apple-touch-icon.png", 180)],
)
def test_icons_are_real_pngs_of_their_size(client, name, size):
    with client.get(f"/static/icons/{name}") as response:
        assert response.status_code == 200
        image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG"
    assert image.size == (size, size)


def test_maskable_icon_is_full_bleed(client):
    with client.get("/static/icons/maskable-512.png") as response:
        image = Image.open(io.BytesIO(response.data)).convert("RGBA")
    assert image.getpixel((2, 2))[3] == 255  # no transparent corners: the launcher crops it
    assert image.getpixel((256, 256))[:3] != image.getpixel((2, 2))[:3]


def test_service_worker_root_scope_no_cache_and_versioned(app, client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    config = json.loads(re.match(r"const SINERGI = (.*);\n", body).group(1))
    assert config["version"] == app.config["ASSET_VERSION"]
    assert "sinergi-shell-" in body
    assert "caches.delete" in body
    assert config["offline"] == "/offline"
    # Every file of the shell exists, so the install step cannot fail.
    for url in config["shell"]:
        with client.get(url) as shell:
            assert shell.status_code == 200, url
    assert any("htmx.min.js" in u for u in config["shell"])
    assert any("/static/bundle/sinergi.css" in u for u in config["shell"])
    assert any("/static/bundle/sinergi.js" in u for u in config["shell"])


def test_asset_version_can_be_pinned_by_the_environment(app, monkeypatch):
    """SINERGI_ASSET_VERSION (a release id) replaces the hash of static/: a new value means a new worker."""
    from app import create_app
    from app.config import ConfigError, load_config

    monkeypatch.setenv("SINERGI_ASSET_VERSION", "rilis-7")
    pinned = create_app({**{k: app.config[k] for k in ("DATABASE_URL", "SECRET_KEY", "INSTANCE_DIR")}, "TESTING": True})
    client = pinned.test_client()
    body = client.get("/sw.js").get_data(as_text=True)
    assert json.loads(re.match(r"const SINERGI = (.*);\n", body).group(1))["version"] == "rilis-7"
    assert "/static/bundle/sinergi.css?v=rilis-7" in client.get("/masuk").get_data(as_text=True)
    assert app.config["ASSET_VERSION"] != "rilis-7"  # unset: the hash of the files
    monkeypatch.setenv("SINERGI_ASSET_VERSION", "rilis 7/../x")
    with pytest.raises(ConfigError):
        load_config()


def test_sw_is_not_a_page_script(client, auth, make_user):
    make_user("polri-op")
    auth.login("polri-op")
    html = client.get("/").get_data(as_text=True)
    assert "js/sw.js" not in html
    script = re.search(r'<script src="(/static/bundle/sinergi\.js\?v=[^"]+)" defer>', html).group(1)
    with client.get(script) as bundle:
        joined = bundle.get_data(as_text=True)
    assert "/* js/outbox.js */" in joined
    assert "/* js/pwa.js */" in joined
    assert "/* js/sw.js */" not in joined


def test_every_page_gets_every_stylesheet_and_script_in_one_file_each(client, app):
    """The bundles hold app.css/app.js first, then every feature's files (a feature's main file before its
    parts), each file whole; a script's error is caught so the later scripts still run."""
    from app.core.bundles import bundle_files

    static = Path(app.static_folder)
    for kind in ("css", "js"):
        names = bundle_files(app.static_folder, kind)
        assert names[0] == f"{kind}/app.{kind}"
        assert f"{kind}/timeline.{kind}" in names
        with client.get(f"/static/bundle/sinergi.{kind}?v=1") as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            joined = response.get_data(as_text=True)
        positions = [joined.index(f"/* {name} */") for name in names]
        assert positions == sorted(positions)
        for name in names:
            assert (static / name).read_text(encoding="utf-8") in joined, name
    assert "pwa.js" in [n.split("/")[1] for n in bundle_files(app.static_folder, "js")]
    order = bundle_files(app.static_folder, "js")
    assert order.index("js/pwa.js") < order.index("js/pwa-install.js")
    with client.get("/static/bundle/sinergi.js") as response:
        assert "} catch (error) { console.error('js/timeline.js', error); }" in response.get_data(as_text=True)


def test_offline_page_is_anonymous_and_indonesian(client, auth, make_user):
    make_user("polri-op", name="Brigadir Andi Saputra")
    auth.login("polri-op")
    response = client.get("/offline")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Anda sedang luring" in html
    assert "data-outbox-list" in html
    # Stored once for everyone: no account, no CSRF token inside.
    assert "Brigadir Andi Saputra" not in html
    assert "csrf" not in html.lower()


def test_base_layout_has_manifest_and_ios_tags(client, auth, make_user):
    user = make_user("kpu-op", agency="KPU")
    auth.login("kpu-op")
    html = client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'name="apple-mobile-web-app-capable" content="yes"' in html
    assert 'rel="apple-touch-icon"' in html
    assert f'<meta name="sinergi-account" content="{user.id}">' in html


def test_dashboard_is_marked_cacheable_but_not_its_partials(client, htmx, auth, make_user):
    make_user("polri-op")
    auth.login("polri-op")
    page = client.get("/")
    assert page.headers.get("X-SW-Cache") == "1"
    assert "HX-Request" in page.headers.get("Vary", "")
    assert htmx.get("/").headers.get("X-SW-Cache") is None
    assert client.get("/menu").headers.get("X-SW-Cache") is None  # not in the list: never kept offline


def test_every_page_names_its_account_for_the_workers_copies(client, auth, make_user):
    """``X-SW-Account``: whose copy the worker would keep ("-": nobody logged in), so a page for another account
    drops the previous one's copies (static/js/sw.js, tests/browser/test_pwa_e2e.py)."""
    assert client.get("/masuk").headers.get("X-SW-Account") == "-"
    user = make_user("kpu-op2")
    auth.login("kpu-op2")
    assert client.get("/").headers.get("X-SW-Account") == str(user.id)
    assert client.get("/menu").headers.get("X-SW-Account") == str(user.id)  # not kept, still tells the account


def test_first_visit_asks_the_worker_to_keep_only_cacheable_pages(client, auth, make_user):
    """pwa.js asks the worker for a copy of the first page it did not control, if the server marks it."""
    meta = '<meta name="sinergi-offline-copy" content="1">'
    assert meta in client.get("/pengaduan/baru").get_data(as_text=True)  # a view's g.sw_cacheable
    assert meta not in client.get("/masuk").get_data(as_text=True)
    make_user("polri-op")
    auth.login("polri-op")
    assert meta in client.get("/").get_data(as_text=True)  # CACHEABLE_ENDPOINTS
    assert meta not in client.get("/menu").get_data(as_text=True)


def test_pages_and_assets_are_compressed_when_asked(client, auth, make_user):
    make_user("polri-op")
    auth.login("polri-op")
    assert client.get("/", headers={"Accept-Encoding": "gzip, br"}).headers["Content-Encoding"] == "br"
    zipped = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    html = gzip.decompress(zipped.data).decode()
    assert "Sinergi" in html
    assert len(zipped.data) < len(html.encode()) / 2
    plain = client.get("/")
    assert "Content-Encoding" not in plain.headers
    with client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip"}) as css:
        assert css.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(css.data).startswith(b"/*")
    with client.get("/static/js/app.js", headers={"Accept-Encoding": "zstd, br, gzip"}) as js:
        # zstd compressed our small files worse than gzip (docs/PERFORMANCE.md): brotli is offered first.
        assert js.headers["Content-Encoding"] == "br"
    with client.get("/static/icons/icon-192.png", headers={"Accept-Encoding": "gzip"}) as png:
        assert "Content-Encoding" not in png.headers


def test_outbox_page_needs_login(client, auth, make_user):
    response = client.get("/kotak-keluar")
    assert response.status_code == 302
    assert "/masuk" in response.headers["Location"]
    make_user("bawaslu-op", agency="BAWASLU")
    auth.login("bawaslu-op")
    page = client.get("/kotak-keluar")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kotak keluar" in html
    assert "data-outbox-full" in html
    assert page.headers.get("X-SW-Cache") == "1"


def test_outbox_session_gives_user_and_fresh_csrf(app, client, auth, make_user, monkeypatch):
    anonymous = client.get("/kotak-keluar/sesi")
    assert anonymous.status_code == 200
    assert anonymous.json["user"] is None  # public complaints still go out, with the anonymous token
    assert anonymous.json["csrf"]
    assert anonymous.json["login"] == "/masuk"
    user = make_user("tni-op", agency="TNI")
    auth.login("tni-op")
    response = client.get("/kotak-keluar/sesi")
    assert response.status_code == 200
    assert response.json["user"] == user.id
    assert response.headers["Cache-Control"] == "no-store"
    # The token it hands out is accepted by a CSRF-protected POST.
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    token = client.get("/kotak-keluar/sesi").json["csrf"]
    ok = client.post("/notifikasi/baca-semua", headers={"X-CSRFToken": token})
    assert ok.status_code == 303
    refused = client.post("/notifikasi/baca-semua")
    assert refused.status_code == 400


def test_outbox_script_keeps_permanent_refusals(client):
    """The replay rules in static/js/outbox.js: 401/403/408/429 and 5xx wait, other 4xx are kept as refused."""
    with client.get("/static/js/outbox.js") as response:
        source = response.get_data(as_text=True)
    assert "var TEMPORARY = [401, 403, 408, 429];" in source
    assert 'item.status = "refused"' in source
    assert "remove(item.key)" in source  # only after a 2xx (or a redirect answer)


def test_save_data_is_offered_to_templates(app):
    from flask import render_template_string

    with app.test_request_context(headers={"Save-Data": "on"}):
        assert render_template_string("{{ 'hemat' if save_data() else 'penuh' }}") == "hemat"
    with app.test_request_context():
        assert render_template_string("{{ 'hemat' if save_data() else 'penuh' }}") == "penuh"


def test_event_streams_are_neither_compressed_nor_buffered(client, auth, make_user):
    """A browser that accepts every encoding still gets the SSE stream plain, block by block."""
    make_user("polri-op")
    auth.login("polri-op")
    response = client.get("/linimasa/stream", headers={"Accept-Encoding": "zstd, br, gzip"}, buffered=False)
    try:
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert "Content-Encoding" not in response.headers
        first = next(iter(response.response))  # the first block arrives before the stream ends
        assert first.startswith(b"retry: ")
    finally:
        response.close()
