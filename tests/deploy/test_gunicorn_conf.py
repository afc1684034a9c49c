"""gunicorn.conf.py's worker start-up: the heap loaded at start-up is frozen out of the garbage collector's scans
(the voting-day board's p95 tail, docs/PERFORMANCE.md), before the renderers and jobs start."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_freezes_its_start_up_heap_first(monkeypatch):
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    calls = []
    hook = conf["post_worker_init"]
    monkeypatch.setitem(hook.__globals__, "_start_pdf_renderers", lambda: calls.append(("pdf", gc.get_freeze_count())))
    monkeypatch.setitem(hook.__globals__, "_start_jobs", lambda worker: calls.append(("jobs", gc.get_freeze_count())))
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        hook(SimpleNamespace(wsgi=None))
        assert [name for name, _frozen in calls] == ["pdf", "jobs"]
        assert all(frozen > 0 for _name, frozen in calls)  # frozen before either started
    finally:
        gc.unfreeze()
