"""WeasyPrint in a few long-lived renderer processes.

Laying out a PDF is pure Python work that holds the GIL for seconds (a 12-page notula: ≈2 s on the project's
two cores). Run in the web process, even in gevent's thread pool, it slows every other request of that process
and uses one core only. Renderer processes fix both: the web worker only waits on a pipe (cooperatively under
gevent, whose monkey-patching makes ``subprocess`` pipes non-blocking), and independent documents — the notula
and its daftar hadir attachment — are laid out at the same time on both cores.

Protocol on the worker's stdin/stdout, one request at a time per worker:
``b"R" + 8-byte length + HTML (UTF-8)`` → ``b"K" + length + PDF`` or ``b"E" + length + error text``.
A worker that dies or overruns ``timeout`` is killed and replaced on the next request; the caller gets a
``RenderError``. Workers exit by themselves when the web process closes their stdin (or dies).

Run ``python -m app.pdf_renderers`` to be a worker.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from app.config import ROOT

HEADER = struct.Struct(">cQ")
WARM_UP_HTML = (
    '<html lang="id"><body><p>Rabu, 27 November 2024 <b>NOTULA</b> <i>catatan</i></p>'
    "<p style=\"font-family: 'Sinergi Sans'\">DRAF <b>Halaman 1 dari 1</b> <i>lampiran</i></p>"
    '<table style="border-collapse: separate"><tr><td style="border: 1pt solid">1</td></tr></table>'
    "</body></html>"
)
READY = b"READY\n"


class RenderError(RuntimeError):
    """The renderer could not produce the PDF (layout error, blocked fetch, crash, timeout)."""


class _Worker:
    """One renderer process and its pipes."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.pdf_renderers"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.alive = True

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker's imports (≈1–3 s)."""
        try:
            self._wait_readable(timeout)
            if self.process.stdout.read(len(READY)) != READY:
                raise RenderError("renderer process did not start")
        except BaseException:
            self.kill()
            raise

    def _wait_readable(self, timeout: float) -> None:
        # select() is cooperative under gevent's monkey-patching, a plain wait elsewhere.
        readable, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not readable:
            raise RenderError(f"renderer gave no answer within {timeout:.0f} s")

    def _read_exactly(self, size: int) -> bytes:
        data = self.process.stdout.read(size)
        if data is None or len(data) != size:
            raise RenderError("renderer process ended unexpectedly")
        return data

    def render(self, html: str, timeout: float) -> bytes:
        payload = html.encode()
        try:
            self.process.stdin.write(HEADER.pack(b"R", len(payload)) + payload)
            self.process.stdin.flush()
            self._wait_readable(timeout)
            kind, size = HEADER.unpack(self._read_exactly(HEADER.size))
            body = self._read_exactly(size)
        except RenderError:
            self.kill()
            raise
        except (OSError, ValueError, struct.error) as error:
            self.kill()
            raise RenderError(f"renderer failed: {error}") from error
        if kind == b"K":
            return body
        raise RenderError(body.decode(errors="replace"))

    def kill(self) -> None:
        self.alive = False
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._close_pipes()

    def close(self) -> None:
        self.alive = False
        try:
            self.process.stdin.close()  # the worker reads EOF and exits
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def _close_pipes(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


class RendererPool:
    """Up to ``size`` renderer processes, started when first needed and kept for later documents."""

    def __init__(self, size: int, *, timeout: float = 60.0, start_timeout: float = 30.0):
        self.size = size
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._workers: list[_Worker] = []

    def start(self) -> None:
        """Start the missing workers now, side by side (gunicorn's post_worker_init does this in the background),
        so the first PDF does not wait for their imports."""
        with self._lock:
            missing = self.size - self._started
            self._started = self.size
        workers = []
        for _ in range(missing):
            try:
                workers.append(_Worker())
            except OSError:
                with self._lock:
                    self._started -= 1
        for worker in workers:
            try:
                worker.wait_ready(self.start_timeout)
            except RenderError:
                with self._lock:
                    self._started -= 1
                continue
            self._workers.append(worker)
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker()
        worker.wait_ready(self.start_timeout)
        self._workers.append(worker)
        return worker

    def _acquire(self) -> _Worker:
        """An idle worker, a new one while the pool is not full, or wait (bounded) for one to come back."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = None
            if worker is not None:
                if worker.process.poll() is None:
                    return worker
                worker.kill()  # died while idle (e.g. the OOM killer): free its place, nothing was sent to it
                self._forget(worker)
                continue
            with self._lock:
                spawn = self._started < self.size
                if spawn:
                    self._started += 1
            if spawn:
                try:
                    return self._spawn()
                except BaseException:
                    with self._lock:
                        self._started -= 1
                    raise
            # All busy: poll, because a worker that dies frees its place without coming back to the queue.
            try:
                return self._idle.get(timeout=0.2)
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise RenderError("all PDF renderers stayed busy") from None

    def _forget(self, worker: _Worker) -> None:
        with self._lock:  # a dead worker frees its place; the next request starts a new one
            self._started -= 1
            if worker in self._workers:
                self._workers.remove(worker)

    def _release(self, worker: _Worker) -> None:
        if worker.alive:
            self._idle.put(worker)
        else:
            self._forget(worker)

    def render(self, html: str) -> bytes:
        worker = self._acquire()
        try:
            return worker.render(html, self.timeout)
        finally:
            self._release(worker)

    def render_many(self, htmls: list[str]) -> list[bytes]:
        """Several independent documents at once (one worker each, as far as the pool allows)."""
        if len(htmls) == 1:
            return [self.render(htmls[0])]
        # Under gevent these threads are greenlets waiting on pipes; elsewhere real threads that release the GIL.
        with ThreadPoolExecutor(max_workers=len(htmls)) as executor:
            return list(executor.map(self.render, htmls))

    def close(self) -> None:
        for worker in list(self._workers):
            worker.close()
        self._workers.clear()
        self._started = 0
        self._idle = queue.Queue()


_pool: RendererPool | None = None
_pool_lock = threading.Lock()


def pool(size: int = 2) -> RendererPool:
    """The process-wide pool (a forked child gets its own: pipes are not shared across processes)."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool._pid != os.getpid() or _pool.size != size:
            if _pool is not None and _pool._pid == os.getpid():
                _pool.close()
            _pool = RendererPool(size)
        return _pool


@atexit.register
def _close_pool() -> None:
    if _pool is not None and _pool._pid == os.getpid():
        _pool.close()


def _serve() -> None:
    """Worker loop: read a request, lay it out, answer; exit on EOF."""
    # The protocol owns the real stdout; anything printed by libraries goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    stdin = sys.stdin.buffer

    from app.pdf import html_to_pdf, warm_up

    warm_up()
    # A first small document with every shipped face: font loading and Pango's caches are paid here, at start-up,
    # not by the first notula (≈0.2 s).
    html_to_pdf(WARM_UP_HTML)
    out.write(READY)
    while True:
        header = stdin.read(HEADER.size)
        if len(header) < HEADER.size:
            return  # the web process closed the pipe: done
        _kind, size = HEADER.unpack(header)
        html = stdin.read(size).decode()
        try:
            kind, body = b"K", html_to_pdf(html)
        except Exception as error:  # reported to the caller, who raises RenderError; the worker lives on
            kind, body = b"E", f"{type(error).__name__}: {error}".encode()
        out.write(HEADER.pack(kind, len(body)) + body)


if __name__ == "__main__":
    _serve()
