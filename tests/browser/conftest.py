"""Browser tests: the real server (gunicorn + gevent, migrated and seeded) driven by Debian's Chromium.

When no Chromium is installed the tests are skipped, loudly (see ``pytest_terminal_summary``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("SINERGI_CHROMIUM", "/usr/bin/chromium")
HAVE_CHROMIUM = Path(CHROMIUM).exists()
DEMO_PASSWORD = "sinergi-demo"


# Browser tests whose subject is the database engine itself (how a post crosses processes: LISTEN/NOTIFY on
# PostgreSQL, polling on SQLite) run in both halves of `make test`; every other one runs in one of them.
BOTH_ENGINES = {"test_timeline_processes.py"}


def pytest_collection_modifyitems(config, items):
    # Every test under tests/browser/ carries the marker, so `-m "not browser"` (make test-fast) skips them all.
    skip = pytest.mark.skip(reason=f"NO CHROMIUM at {CHROMIUM}: browser test skipped")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not HAVE_CHROMIUM:
                item.add_marker(skip)
    _keep_this_part_of_the_browser_tests(config, items)


def _keep_this_part_of_the_browser_tests(config, items) -> None:
    """``SINERGI_BROWSER_PART=k/n`` keeps every n-th browser test from the k-th (counted from 0; ``0,1/3`` keeps
    two of every three), so the two halves
    of `make test` (SQLite, PostgreSQL) share the browser tests instead of each running all of them: each runs
    once per CI run, on one engine (the UI does not depend on the engine; the engine-specific behaviour is
    tested on both by the rest of the suite and by ``BOTH_ENGINES``). Unset: all of them."""
    part = os.environ.get("SINERGI_BROWSER_PART", "")
    if not part:
        return
    kept, n = part.split("/")
    keep = {int(k) for k in kept.split(",")}
    shared = [i for i in items if "tests/browser/" in str(i.fspath) and Path(str(i.fspath)).name not in BOTH_ENGINES]
    dropped = {id(item) for index, item in enumerate(shared) if index % int(n) not in keep}
    if dropped:
        config.hook.pytest_deselected(items=[i for i in items if id(i) in dropped])
        items[:] = [i for i in items if id(i) not in dropped]


def pytest_terminal_summary(terminalreporter):
    if not HAVE_CHROMIUM:
        terminalreporter.write_line("!" * 100, red=True)
        terminalreporter.write_line(
            f"!! BROWSER TESTS WERE SKIPPED: no Chromium at {CHROMIUM} (apt-get install chromium)", red=True
        )
        terminalreporter.write_line("!" * 100, red=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _e2e_database(tmp_path: Path, name: str = "sinergi_e2e") -> tuple[str, callable]:
    """A database of the live server's own: a SQLite file, or a fresh PostgreSQL database (tests/pgdb.py).

    Tests that start a server of their own pass another ``name``, so the session's live server keeps its data.
    """
    if os.environ.get("SINERGI_TEST_DB") != "postgresql":
        return f"sqlite:///{tmp_path / f'{name}.db'}", lambda: None
    from tests.pgdb import fresh_database

    return fresh_database(name)


def start_server(
    tmp_path: Path,
    *,
    workers: int = 1,
    database_url: str | None = None,
    port: int | None = None,
    extra_env: dict[str, str] | None = None,
    prepare: bool = True,
    startup_timeout: float = 120,  # a loaded 2-core machine (both suite halves at once) needs more than 30 s
):
    """Migrate, seed and start gunicorn; returns (base_url, process, env).

    ``port`` restarts a server on the same origin (the browser keeps its service worker and cookies),
    ``prepare=False`` skips migrating and seeding an already prepared database, ``extra_env`` adds settings
    (e.g. ``SINERGI_ASSET_VERSION``).
    """
    from tests.conftest import _compile_catalogs

    _compile_catalogs()  # the server reads the .mo files: build them from the current .po files
    port = port or _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "e2e-secret-key",
        "SINERGI_INSTANCE": str(tmp_path),
        "SINERGI_SECURE_COOKIES": "0",
        "SINERGI_DEMO_PASSWORD": DEMO_PASSWORD,
        "SINERGI_WORKERS": str(workers),
        "SINERGI_ACCESS_LOG": "",
        "SINERGI_PUBLIC_URL": f"http://127.0.0.1:{port}",
        **(extra_env or {}),
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    if prepare:
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "demo", "seed"], cwd=ROOT, env=env, check=True, capture_output=True)
    with (tmp_path / f"gunicorn-{port}.log").open("a") as log:  # appended on restarts; the child keeps its own handle
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=1) as r:
                if r.status == 200:
                    return base_url, process, env
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"server did not start: {(tmp_path / f'gunicorn-{port}.log').read_text()[-2000:]}")


def stop_server(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The seeded app served by gunicorn (gevent worker) on a random loopback port."""
    tmp = tmp_path_factory.mktemp("live")
    url, drop = _e2e_database(tmp)
    base_url, process, _env = start_server(tmp, database_url=url)
    yield base_url
    stop_server(process)
    drop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def phone(playwright):
    """Context options of a Pixel-class phone in Indonesia."""
    return {**playwright.devices["Pixel 7"], "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, phone, live_server):
    return {**browser_context_args, **phone, "base_url": live_server}


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/masuk")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


_CONTROLLED_JS = """() => new Promise((done) => {
    const sw = navigator.serviceWorker;
    if (sw.controller) return done(true);
    sw.addEventListener('controllerchange', () => done(true));
    setTimeout(() => done(!!sw.controller), 10000);
})"""


def controlled(page) -> None:
    """Wait until the service worker controls the page, bounded (a hung wait would stall the whole suite).

    A function (not a string expression) is evaluated: our CSP forbids eval, which wait_for_function needs.
    The worker claims open pages when it activates; should that be missed, a reload is always controlled.
    """
    if not page.evaluate(_CONTROLLED_JS):
        page.reload()
        assert page.evaluate(_CONTROLLED_JS), "the service worker never took control of the page"


__all__ = ["login", "start_server", "stop_server", "shutil"]
