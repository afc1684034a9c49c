"""One stylesheet and one script for every page: app.css / app.js and every feature's own files, joined in order.

Every file is a request on a phone's first load, and each answer carries its headers (≈450 B): /linimasa made 35
requests and 97 KB, a fifth of it headers. Joined, a page needs two, and brotli compresses the whole better than
its parts. The bundles are built once per app, as the asset version is (the files change only with a deploy), and
served under /static/ so the static files' headers and year-long cache apply. The separate files stay servable
(the service worker imports outbox.js; tests read them).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, url_for

MIMETYPES = {"css": "text/css", "js": "text/javascript"}
FIRST = {"css": "css/app.css", "js": "js/app.js"}
NOT_BUNDLED = {"app.css", "app.js", "sw.js"}  # sw.js is the service worker, not a page script


def feature_files(static_folder: str, kind: str) -> list[str]:
    """Every feature's own stylesheet (static/css/*.css) or script (static/js/*.js) besides app.css/app.js.

    On every page, so boosted navigation (which swaps only the body) never misses one; scripts must therefore act
    only when their elements are present. A feature's main file (pwa.js) comes before its parts (pwa-install.js…),
    which may use what it defines.
    """
    folder = Path(static_folder) / kind
    files = sorted((p for p in folder.glob(f"*.{kind}") if p.name not in NOT_BUNDLED), key=_feature_order)
    return [f"{kind}/{p.name}" for p in files]


def _feature_order(path: Path) -> tuple[str, bool, str]:
    feature, _dash, part = path.stem.partition("-")
    return (feature, bool(part), path.name)


def bundle_files(static_folder: str, kind: str) -> list[str]:
    return [FIRST[kind], *feature_files(static_folder, kind)]


def _join(static_folder: str, kind: str) -> bytes:
    parts = []
    for name in bundle_files(static_folder, kind):
        text = (Path(static_folder) / name).read_text(encoding="utf-8")
        if kind == "js":
            # Separate <script>s fail alone; in one file an error would stop every later script. Each file is one
            # IIFE (no top-level declarations), so a block around it changes nothing else.
            text = f"try {{\n{text}\n}} catch (error) {{ console.error({name!r}, error); }}"
        parts.append(f"/* {name} */\n{text}\n")
    return "\n".join(parts).encode("utf-8")


def bundle(app: Flask, kind: str) -> tuple[bytes, str]:
    """The joined bytes of ``kind`` ("css" or "js") and their ETag, built on first use."""
    built = app.extensions.setdefault("sinergi_bundles", {})
    if kind not in built:
        data = _join(app.static_folder or "static", kind)
        built[kind] = (data, hashlib.sha256(data).hexdigest()[:16])
    return built[kind]


def bundle_url(kind: str) -> str:
    return url_for("core.bundle", kind=kind, v=current_app.config.get("ASSET_VERSION", "1"))
