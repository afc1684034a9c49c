"""Nothing acknowledged is lost: SIGKILL the real server mid-load three times; every post that got its 2xx/303
is there afterwards and SQLite's ``PRAGMA integrity_check`` says ok. And 50 concurrent writers on SQLite for
20 s: no "database is locked", no 500.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import _e2e_database, start_server
from tests.security.server_helpers import Browser

pytestmark = [
    pytest.mark.slow,
    pytest.mark.serial,
    pytest.mark.timeout(900),
    pytest.mark.skipif(
        os.environ.get("SINERGI_TEST_DB") == "postgresql",
        reason="SQLite's own crash safety and locking (PostgreSQL has its own guarantees)",
    ),
]
OFFICERS = ["polri-petugas", "polri-operator", "tni-petugas", "kpu-petugas", "pemda-petugas"]


def _kill_all(process) -> None:
    """SIGKILL the master and its workers: no graceful shutdown, like a power cut."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers = [int(p) for p in children.read_text().split()] if children.exists() else []
    for pid in [process.pid, *workers]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(10)


def _post_until(stop: threading.Event, client: Browser, tag: str, acknowledged: list[str]) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        text = f"{tag} pesan {n}"
        try:
            response = client.submit("/linimasa", data={"kind": "info", "text": text, "visibility": "all"}, timeout=10)
        except requests.RequestException:
            continue  # the server died under us: not acknowledged, so it may or may not be there
        if response.status_code in (200, 201, 303):
            acknowledged.append(text)


def _stored_texts(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {row[0] for row in conn.execute("SELECT text FROM timeline_entry")}


def test_sigkill_mid_load_loses_nothing_acknowledged(tmp_path):
    url, _drop = _e2e_database(tmp_path, "sinergi_crash")
    db_path = Path(url.removeprefix("sqlite:///"))
    base, process, _env = start_server(tmp_path, database_url=url, workers=2, startup_timeout=120)
    acknowledged: list[str] = []
    try:
        _three_rounds(tmp_path, url, db_path, base, acknowledged, process)
    finally:
        for pid in Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split():
            _kill_pid(int(pid))  # whatever server this test left running (a failed round)
    print(f"\n3 SIGKILL rounds: {len(acknowledged)} acknowledged posts, 0 lost, integrity_check ok")
    assert len(acknowledged) > 30


def _kill_pid(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, OSError):
        if "gunicorn" in Path(f"/proc/{pid}/cmdline").read_text():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _three_rounds(tmp_path, url, db_path, base, acknowledged, process) -> None:
    port = int(base.rsplit(":", 1)[1])
    for round_no in range(3):
        clients = [Browser(base, name) for name in OFFICERS]
        stop = threading.Event()
        threads = [
            threading.Thread(target=_post_until, args=(stop, c, f"r{round_no}-{i}", acknowledged))
            for i, c in enumerate(clients)
        ]
        for t in threads:
            t.start()
        time.sleep(4)
        _kill_all(process)  # mid-load
        stop.set()
        for t in threads:
            t.join(15)
        missing = set(acknowledged) - _stored_texts(db_path)
        assert not missing, f"round {round_no}: {len(missing)} acknowledged posts lost"
        base, process, _env = start_server(
            tmp_path, database_url=url, workers=2, port=port, prepare=False, startup_timeout=120
        )
    _kill_all(process)


def test_fifty_concurrent_writers_for_twenty_seconds(tmp_path):
    url, _drop = _e2e_database(tmp_path, "sinergi_writers")
    base, process, _env = start_server(tmp_path, database_url=url, workers=2, startup_timeout=120)
    try:
        clients = [Browser(base, OFFICERS[i % len(OFFICERS)]) for i in range(50)]
        statuses: Counter = Counter()
        latencies: list[float] = []
        deadline = time.monotonic() + 20

        def write(client: Browser, i: int) -> None:
            n = 0
            while time.monotonic() < deadline:
                n += 1
                started = time.perf_counter()
                response = client.submit(
                    "/linimasa", data={"kind": "info", "text": f"w{i} {n}", "visibility": "all"}, timeout=60
                )
                latencies.append(time.perf_counter() - started)
                statuses[response.status_code] += 1

        threads = [threading.Thread(target=write, args=(c, i)) for i, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        _kill_all(process)
    log = "".join(p.read_text() for p in tmp_path.glob("gunicorn-*.log"))
    latencies.sort()
    print(f"\n50 writers x 20 s: {dict(statuses)}; p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms")
    assert "database is locked" not in log
    assert statuses[500] == 0
    assert set(statuses) <= {303}
