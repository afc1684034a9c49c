"""Driving the real server (gunicorn + gevent, as deployed) from tests: logins, CSRF, a /healthz probe."""

from __future__ import annotations

import re
import statistics
import threading
import time

import requests

from tests.security.hostile_helpers import DEMO_PASSWORD

TOKEN_RE = re.compile(r'"X-CSRFToken": "([^"]+)"|name="csrf_token"[^>]*value="([^"]+)"')


class Browser(requests.Session):
    """A logged-in client with the page's CSRF token."""

    def __init__(self, base: str, username: str | None = None):
        super().__init__()
        self.base = base
        self.token = ""
        if username:
            self.login(username)

    def url(self, path: str) -> str:
        return self.base + path

    def refresh_token(self, path: str = "/") -> None:
        match = TOKEN_RE.search(self.get(self.url(path), timeout=30).text)
        self.token = match.group(1) or match.group(2)

    def login(self, username: str) -> None:
        self.refresh_token("/masuk")
        response = self.post(
            self.url("/masuk"),
            data={"login": username, "password": DEMO_PASSWORD, "csrf_token": self.token},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 303, response.text[:300]
        self.refresh_token("/")

    def submit(self, path: str, data=None, files=None, timeout: float = 120, **kw):
        data = {**(data or {}), "csrf_token": self.token}
        return self.post(self.url(path), data=data, files=files, allow_redirects=False, timeout=timeout, **kw)


class HealthProbe:
    """Asks /healthz every 50 ms in a thread; ``latencies`` in seconds (a timeout counts as 5 s)."""

    def __init__(self, base: str):
        self.base = base
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        session = requests.Session()
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                session.get(self.base + "/healthz", timeout=5).raise_for_status()
                self.latencies.append(time.perf_counter() - started)
            except requests.RequestException:
                self.latencies.append(5.0)
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread.start()
        time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)

    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, int(len(ordered) * 0.95) - 1)]

    def summary(self) -> str:
        return (
            f"n={len(self.latencies)} median={statistics.median(self.latencies) * 1000:.0f} ms "
            f"p95={self.p95() * 1000:.0f} ms max={max(self.latencies) * 1000:.0f} ms"
        )
