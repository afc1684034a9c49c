"""PDF layout in renderer processes: documents side by side, joined in order, and a pool that survives its
workers dying or hanging."""

from __future__ import annotations

import io
import os
import signal
import threading

import pytest
from pypdf import PdfReader

from app.pdf import join_pdfs, layout_pdfs
from app.pdf_renderers import RendererPool, RenderError

PAGED = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>
<style>@page {{ size: A4; @bottom-right {{ content: "{label} " counter(page) " dari " counter(pages); }} }}
section {{ page-break-after: always; }}</style></head>
<body>{body}</body></html>"""


def _doc(title: str, label: str, pages: int) -> str:
    body = "".join(f"<section><p>{title} bagian {n + 1}</p></section>" for n in range(pages))
    return PAGED.format(title=title, label=label, body=body)


def _texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def pool():
    pool = RendererPool(2, timeout=60)
    yield pool
    pool.close()


def test_two_documents_are_laid_out_at_once_and_joined_with_their_own_page_numbers(app, pool, monkeypatch):
    monkeypatch.setattr("app.pdf_renderers.pool", lambda size: pool)
    with app.app_context():
        pdfs = layout_pdfs([_doc("Notula", "Halaman", 3), _doc("Daftar hadir", "Lampiran · Halaman", 2)])
    assert len(pool._workers) == 2  # one renderer process per document
    assert len({worker.process.pid for worker in pool._workers}) == 2
    joined = join_pdfs(pdfs)
    texts = _texts(joined)
    assert len(texts) == 5
    assert "Notula bagian 1" in texts[0]
    assert "Halaman 1 dari 3" in texts[0]
    assert "Halaman 3 dari 3" in texts[2]
    assert "Daftar hadir bagian 1" in texts[3]
    assert "Lampiran · Halaman 1 dari 2" in texts[3]
    reader = PdfReader(io.BytesIO(joined))
    assert reader.metadata.title == "Notula"  # the first document's metadata and language
    assert reader.trailer["/Root"]["/Lang"] == "id"


def test_in_process_layout_gives_the_same_document(app):
    app.config["PDF_WORKERS"] = 0
    try:
        with app.app_context():
            (pdf,) = layout_pdfs([_doc("Notula", "Halaman", 2)])
    finally:
        app.config["PDF_WORKERS"] = 2
    texts = _texts(pdf)
    assert "Halaman 2 dari 2" in texts[1]


def test_a_renderer_that_died_while_idle_is_replaced_without_an_error(pool):
    assert _texts(pool.render(_doc("Satu", "Halaman", 1)))
    (worker,) = pool._workers
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.wait()
    assert "Dua bagian 1" in _texts(pool.render(_doc("Dua", "Halaman", 1)))[0]
    assert len(pool._workers) == 1
    assert pool._workers[0] is not worker


def test_a_renderer_dying_during_a_render_is_reported_and_replaced(pool):
    pool.render(_doc("Panas", "Halaman", 1))
    (worker,) = pool._workers
    killer = threading.Timer(0.3, os.kill, (worker.process.pid, signal.SIGKILL))
    killer.start()
    try:
        with pytest.raises(RenderError):
            pool.render(_doc("Panjang", "Halaman", 150))
    finally:
        killer.cancel()
    assert "Tiga bagian 1" in _texts(pool.render(_doc("Tiga", "Halaman", 1)))[0]
    assert pool._workers[0] is not worker


def test_a_request_waits_for_a_busy_renderer(app):
    pool = RendererPool(1)
    try:
        pdfs = pool.render_many([_doc("Pertama", "Halaman", 1), _doc("Kedua", "Halaman", 1)])
    finally:
        pool.close()
    assert "Pertama bagian 1" in _texts(pdfs[0])[0]
    assert "Kedua bagian 1" in _texts(pdfs[1])[0]


def test_a_hanging_render_is_cut_off_and_the_next_one_works(pool):
    pool.render(_doc("Panas", "Halaman", 1))  # started, so the timeout measures the layout only
    pool.timeout = 0.05
    with pytest.raises(RenderError, match="no answer"):
        pool.render(_doc("Panjang", "Halaman", 60))
    pool.timeout = 60
    assert "Pendek bagian 1" in _texts(pool.render(_doc("Pendek", "Halaman", 1)))[0]


def test_renderers_fetch_nothing_outside_static(pool, tmp_path):
    secret = tmp_path / "rahasia.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    html = f'<p>Isi</p><img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
    reader = PdfReader(io.BytesIO(pool.render(html)))
    assert "Isi" in reader.pages[0].extract_text()
    assert not reader.pages[0].images  # neither the private file nor the network was read
