"""Run CPU-heavy work (PDF rendering, photo re-encoding) without stalling gevent's event loop.

Under gunicorn's gevent worker the function runs in gevent's native thread pool, so hundreds of open streams
keep being served; anywhere else (tests, CLI, threaded servers) it simply runs in place. The wait is bounded
(``OFFLOAD_TIMEOUT_SECONDS``, default 60): the request gets an answer even if the work hangs. Long work that
must stay on the loop (database chunks of an import) calls :func:`yield_to_loop` between steps and stops at a
:class:`Deadline`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from flask import current_app, has_app_context

T = TypeVar("T")
DEFAULT_TIMEOUT = 60.0


class OffloadTimeout(RuntimeError):
    """The off-loop work did not finish within its time limit."""


def _gevent_patched() -> bool:
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return False
    return monkey.is_module_patched("socket")


def _timeout() -> float:
    if has_app_context():
        return float(current_app.config.get("OFFLOAD_TIMEOUT_SECONDS", DEFAULT_TIMEOUT))
    return DEFAULT_TIMEOUT


def run_off_loop(fn: Callable[..., T], *args, timeout: float | None = None, **kwargs) -> T:
    """``fn(*args, **kwargs)`` in a native thread; :raise OffloadTimeout: after ``timeout`` seconds."""
    if not _gevent_patched():
        return fn(*args, **kwargs)
    import gevent

    limit = timeout if timeout is not None else _timeout()
    result = gevent.get_hub().threadpool.spawn(fn, *args, **kwargs)
    try:
        return result.get(timeout=limit)
    except gevent.Timeout as exc:
        raise OffloadTimeout(f"{getattr(fn, '__name__', fn)} took longer than {limit} s") from exc


def run_off_loop_in_app(fn: Callable[..., T], *args, timeout: float | None = None, **kwargs) -> T:
    """:func:`run_off_loop` for work that needs the app (config, ``_()``): the thread gets an app context of its
    own with the request's locale. It gets no request, session or database session: query on the loop first.
    """
    from flask_babel import force_locale, get_locale

    app = current_app._get_current_object()
    locale = get_locale()

    def in_app() -> T:
        with app.app_context():
            if locale is None:
                return fn(*args, **kwargs)
            with force_locale(str(locale)):  # flask-babel 4 keeps the forced locale in this context only
                return fn(*args, **kwargs)

    return run_off_loop(in_app, timeout=timeout)


def yield_to_loop() -> None:
    """Let other requests run, I/O included (a no-op outside gevent).

    ``gevent.sleep(0)`` is not enough: it only queues a callback, and the hub runs queued callbacks (up to 50 of
    them) before it polls for I/O again, so a loop of ``work(); sleep(0)`` starves every socket — /healthz waited
    for the whole 5-second import slice. A timer makes the hub go round the loop, polling I/O, and costs ~0.1 ms
    when nothing is waiting.
    """
    if _gevent_patched():
        import gevent

        gevent.sleep(0.0001)


class Yielder:
    """Yield to the loop once ``every`` seconds of work have passed: ``tick()`` between steps (cheap to call)."""

    def __init__(self, every: float = 0.02):
        self.every = every
        self.last = time.monotonic()

    def tick(self) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            yield_to_loop()
            self.last = time.monotonic()


class Deadline:
    """A time budget for a request that works in steps: ``while not deadline.passed(): step()``."""

    def __init__(self, seconds: float):
        self.until = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.until
