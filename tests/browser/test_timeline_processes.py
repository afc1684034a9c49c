"""Two gunicorn (gevent) worker processes on PostgreSQL: an entry posted through one process reaches an SSE
stream held on the other (LISTEN/NOTIFY fan-out). Skipped unless the suite runs on PostgreSQL."""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import time
import urllib.parse
import urllib.request

import pytest

from tests.browser.conftest import DEMO_PASSWORD, start_server, stop_server

pytestmark = pytest.mark.skipif(
    os.environ.get("SINERGI_TEST_DB") != "postgresql", reason="needs PostgreSQL (SINERGI_TEST_DB=postgresql)"
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _session(base: str, username: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(f"{base}/masuk", timeout=10) as r:
        html = r.read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"login": username, "password": DEMO_PASSWORD, "csrf_token": token}).encode()
    with pytest.raises(urllib.error.HTTPError) as caught:  # the redirect after login is not followed
        opener.open(f"{base}/masuk", data=data, timeout=10)
    caught.value.close()
    assert caught.value.code == 303
    return opener, jar


def _cookie_header(jar) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def _open_stream(port: int, jar):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/linimasa/stream", headers={"Cookie": _cookie_header(jar), "Accept": "text/event-stream"})
    response = conn.getresponse()
    assert response.status == 200
    assert response.readline().startswith(b"retry:")
    return conn, response, response.getheader("X-Timeline-Worker")


def _post(base: str, opener, text: str) -> str:
    with opener.open(f"{base}/linimasa", timeout=10) as r:
        html = r.read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"kind": "info", "text": text, "visibility": "all", "csrf_token": token}).encode()
    request = urllib.request.Request(f"{base}/linimasa", data=data, headers={"Connection": "close"})
    with pytest.raises(urllib.error.HTTPError) as caught:  # 303 to the timeline, not followed
        opener.open(request, timeout=10)
    caught.value.close()
    assert caught.value.code == 303
    return caught.value.headers["X-Timeline-Worker"]


def _own_database(tmp_path):
    """A fresh PostgreSQL database for this test (the session's live server keeps its own)."""
    from tests.pgdb import fresh_database

    return fresh_database("sinergi_e2e_tl")


def test_post_on_one_process_reaches_a_stream_on_the_other(tmp_path):
    url, drop = _own_database(tmp_path)
    settings = tmp_path / "settings.json"
    settings.write_text('{"TIMELINE_WORKER_HEADER": true}')  # X-Timeline-Worker: which process served it
    base, process, _env = start_server(
        tmp_path, workers=2, database_url=url, extra_env={"SINERGI_SETTINGS": str(settings)}
    )
    streams = []
    try:
        port = int(base.rsplit(":", 1)[1])
        _opener, kpu_jar = _session(base, "kpu-operator")
        for _ in range(30):  # the kernel spreads new connections over the workers, not evenly
            streams.append(_open_stream(port, kpu_jar))
            if len({pid for _c, _r, pid in streams}) == 2:
                break
            time.sleep(0.05)
        poster, _jar = _session(base, "polri-petugas")
        for attempt in range(30):  # until a post is served by a process other than one holding a stream
            text = f"Lintas proses {attempt} {time.time():.0f}: situasi TPS aman."
            post_pid = _post(base, poster, text)
            others = [r for _c, r, pid in streams if pid != post_pid]
            if others:
                break
        else:
            pytest.fail("every post and every stream landed on the same worker")
        response = others[0]
        deadline = time.monotonic() + 5
        received = b""
        while time.monotonic() < deadline and text.encode() not in received:
            received += response.readline()
        assert text.encode() in received, received[-500:]
        assert b"id: " in received
    finally:
        for conn, response, _pid in streams:
            response.close()
            conn.close()
        stop_server(process)
        drop()
