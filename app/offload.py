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


def yield_to_loop() -> None:
    """Let other requests run (a no-op outside gevent)."""
    if _gevent_patched():
        import gevent

        gevent.sleep(0)


class Deadline:
    """A time budget for a request that works in steps: ``while not deadline.passed(): step()``."""

    def __init__(self, seconds: float):
        self.until = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.until
