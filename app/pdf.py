"""PDF rendering with WeasyPrint: our own fonts, no network, off the event loop.

``render_pdf("meetings/pdf/notula.html", meeting=m)`` renders the Jinja template in the request, then lets
WeasyPrint lay it out in gevent's thread pool. The URL fetcher serves only files below static/ (and data:
URIs): nothing is fetched from the network, whatever the HTML says.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import render_template

from app.config import ROOT
from app.offload import run_off_loop

STATIC = (ROOT / "static").resolve()
FONTS = STATIC / "vendor" / "fonts"

_FACES = [  # (family, weight, style, file)
    ("Sinergi Sans", "normal", "normal", "DejaVuSans.ttf"),
    ("Sinergi Sans", "bold", "normal", "DejaVuSans-Bold.ttf"),
    ("Sinergi Sans", "normal", "italic", "DejaVuSans-Oblique.ttf"),
    ("Sinergi Serif", "normal", "normal", "DejaVuSerif.ttf"),
    ("Sinergi Serif", "bold", "normal", "DejaVuSerif-Bold.ttf"),
    ("Sinergi Serif", "normal", "italic", "DejaVuSerif-Italic.ttf"),
]
# Fonts on `html` (not only body): otherwise the @page margin boxes fall back to a host font (technical.md §5).
FONT_CSS = "".join(
    f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
    f'src: url("{(FONTS / file).as_uri()}"); }}\n'
    for family, weight, style, file in _FACES
) + 'html { font-family: "Sinergi Serif"; }\n@page { font-family: "Sinergi Serif"; }\n'


class BlockedFetch(ValueError):
    """The document asked for something outside static/."""


def _locked_fetcher():
    """WeasyPrint URL fetcher: data: URIs and files under static/ only; no http(s), no redirects, no other
    paths (WeasyPrint 70 wants a ``URLFetcher`` subclass)."""
    from weasyprint.urls import URLFetcher

    class LockedURLFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not (path.is_relative_to(STATIC) and path.is_file()):
                    raise BlockedFetch(f"blocked fetch of {url!r}")
            elif parts.scheme != "data":
                raise BlockedFetch(f"blocked fetch of {url!r}")
            return super().fetch(url, headers)

    return LockedURLFetcher()


def html_to_pdf(html: str, *, extra_css: str = "") -> bytes:
    """Lay out HTML as PDF (CPU-heavy; call through run_off_loop)."""
    from PIL import ImageFile
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # Importing WeasyPrint flips Pillow's process-wide LOAD_TRUNCATED_IMAGES to True; our PDFs only embed our
    # own files, and uploads must keep decoding strictly (app/uploads.py), so put it back.
    ImageFile.LOAD_TRUNCATED_IMAGES = False

    fonts = FontConfiguration()
    fetcher = _locked_fetcher()
    stylesheets = [CSS(string=FONT_CSS + extra_css, font_config=fonts, url_fetcher=fetcher)]
    document = HTML(string=html, base_url=STATIC.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts)


def render_pdf(template: str, **context) -> bytes:
    """Render a Jinja template to PDF bytes (template in this thread, layout off the event loop)."""
    html = render_template(template, **context)
    return run_off_loop(html_to_pdf, html)


def static_uri(relative: str) -> str:
    """file:// URI of a static file, for <img src> in PDF templates (the fetcher allows only these)."""
    return (STATIC / relative).as_uri()
