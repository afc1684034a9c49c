"""Run CPU-heavy work (PDF rendering, photo re-encoding) without stalling gevent's event loop.

Under gunicorn's gevent worker the function runs in gevent's native thread pool, so hundreds of open streams
keep being served; anywhere else (tests, CLI, threaded servers) it simply runs in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def _gevent_patched() -> bool:
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return False
    return monkey.is_module_patched("socket")


def run_off_loop(fn: Callable[..., T], *args, **kwargs) -> T:
    if _gevent_patched():
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args, kwargs)
    return fn(*args, **kwargs)
