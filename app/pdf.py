"""PDF rendering with WeasyPrint: our own fonts, no network, never on the web process's event loop.

``render_pdf("meetings/pdf/notula.html", meeting=m)`` renders the Jinja template here, then has WeasyPrint lay
it out in a renderer process (``app.pdf_renderers``; ``PDF_WORKERS`` of them, default 2) or, with
``PDF_WORKERS=0``, in gevent's thread pool of this process. ``render_pdf_documents(...)`` lays out several
independent documents side by side — each with its own page numbering — and joins them into one PDF.
The URL fetcher serves only files below static/ (and data: URIs): nothing is fetched from the network,
whatever the HTML says.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template

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
FONT_CSS = (
    "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONTS / file).as_uri()}"); }}\n'
        for family, weight, style, file in _FACES
    )
    + 'html { font-family: "Sinergi Serif"; }\n@page { font-family: "Sinergi Serif"; }\n'
)


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


def warm_up() -> None:
    """Import WeasyPrint at start-up, in the main thread.

    Its first import loads Pango through cffi, which runs ``ldconfig`` in a subprocess; under gunicorn's gevent
    worker that fails inside gevent's thread pool ("child watchers are only available on the default loop"),
    so the first PDF rendered off the loop would be a 500. The import also switches Pillow's
    LOAD_TRUNCATED_IMAGES on for the whole process; uploads must decode strictly, so it is put back.
    """
    from PIL import ImageFile

    strict = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint  # noqa: F401
    from weasyprint.text import fonts  # noqa: F401

    ImageFile.LOAD_TRUNCATED_IMAGES = strict


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


def layout_pdfs(htmls: list[str]) -> list[bytes]:
    """Lay out HTML documents as PDFs: in renderer processes (in parallel), or in this process's thread pool."""
    workers = int(current_app.config.get("PDF_WORKERS", 2))
    if workers > 0:
        from app.pdf_renderers import pool

        return pool(workers).render_many(htmls)
    return [run_off_loop(html_to_pdf, html) for html in htmls]


def render_pdf(template: str, **context) -> bytes:
    """Render a Jinja template to PDF bytes (template in this thread, layout off the event loop)."""
    return layout_pdfs([render_template(template, **context)])[0]


def render_pdf_documents(*documents: tuple[str, dict]) -> bytes:
    """Several templates, each laid out as its own document (own page numbers) at the same time, then joined
    in order into one PDF — e.g. a notula and its daftar hadir attachment."""
    return join_pdfs(layout_pdfs([render_template(template, **context) for template, context in documents]))


def join_pdfs(pdfs: list[bytes]) -> bytes:
    """One PDF of the pages of all, in order; metadata and document language from the first."""
    if len(pdfs) == 1:
        return pdfs[0]
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    readers = [PdfReader(io.BytesIO(pdf)) for pdf in pdfs]
    writer = PdfWriter()
    for reader in readers:
        writer.append(reader)
    first = readers[0]
    if first.metadata:
        writer.add_metadata({key: value for key, value in first.metadata.items() if isinstance(value, str)})
    lang = first.trailer["/Root"].get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = lang
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def static_uri(relative: str) -> str:
    """file:// URI of a static file, for <img src> in PDF templates (the fetcher allows only these)."""
    return (STATIC / relative).as_uri()
