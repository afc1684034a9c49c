"""deploy/nginx.conf for real: nginx in front of two gunicorn processes on PostgreSQL and Redis.

A post through nginx reaches streams held on both processes; login and CSRF work whichever process answers; the
rate limits (Flask-Limiter on Redis) count the requests of both processes together; the outbox's idempotency
key gives one post whichever process takes each resend, also when two resends arrive at once; a process killed
with SIGKILL loses no acknowledged post, and its client reconnects through nginx and catches up with
Last-Event-ID. Needs PostgreSQL, Redis and Debian's nginx (`make test` installs it when root)."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import DEMO_PASSWORD, _e2e_database, stop_server
from tests.browser.test_timeline_processes import _cookie_header, _post, _session

ROOT = Path(__file__).resolve().parents[2]
NGINX = os.environ.get("SINERGI_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("SINERGI_TEST_DB") != "postgresql", reason="needs PostgreSQL (SINERGI_TEST_DB=postgresql)"
    ),
    pytest.mark.skipif(
        not os.access(NGINX, os.X_OK),
        reason="!!!!!!!! nginx is not installed: the proxy test is SKIPPED (make test-deps) !!!!!!!!",
    ),
]
BACKENDS = {"SINERGI_PROXY_HOPS": "1", "SINERGI_KEEPALIVE": "75", "SINERGI_PDF_WORKERS": "0"}
REDIS_URL = os.environ.get("SINERGI_TEST_REDIS", "redis://127.0.0.1:6379/0")


def _redis_up() -> bool:
    host, port = urllib.parse.urlsplit(REDIS_URL).hostname, urllib.parse.urlsplit(REDIS_URL).port or 6379
    try:
        with socket.create_connection((host, port), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not _redis_up(), reason=f"!!!!!!!! no Redis at {REDIS_URL}: the shared rate-limit check is SKIPPED !!!!!!!!"
)


# The two accounts the test uses (the whole demo seed takes minutes on a busy machine).
SEED = """
from app import create_app
from app.auth import services as accounts
from app.clock import utcnow
from app.db import session_scope
from app.regions.services import load_regions
app = create_app()
with app.app_context(), session_scope(app) as session:
    load_regions(session, "19")
    for username, agency, role, region in (("kpu-operator", "KPU", "operator", "19.02"),
                                           ("polri-petugas", "POLRI", "petugas", "19.02.02")):
        accounts.create_user(session, accounts.UserInput(username=username, name=username, agency=agency, role=role,
                             region_code=region, password=app.config["DEMO_PASSWORD"]), actor=None, now=utcnow())
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_backends(tmp_path: Path, url: str) -> list[tuple[int, subprocess.Popen]]:
    """Migrate and seed once, then two gunicorn processes (as tests/browser's start_server, with a longer wait:
    two app imports on a busy 2-core machine). Rate limits live in Redis under a key prefix of this run's own."""
    from tests.conftest import _compile_catalogs

    _compile_catalogs()
    settings = tmp_path / "settings.json"
    settings.write_text(
        json.dumps(
            {
                "RATELIMIT_KEY_PREFIX": f"sinergi-test-nginx-{os.getpid()}-{time.time():.0f}",
                "TIMELINE_WORKER_HEADER": True,  # X-Timeline-Worker: which backend served it
            }
        )
    )
    env = {
        **os.environ,
        **BACKENDS,
        "SINERGI_SETTINGS": str(settings),
        "DATABASE_URL": url,
        "SECRET_KEY": "e2e-secret-key",
        "SINERGI_INSTANCE": str(tmp_path),
        "SINERGI_SECURE_COOKIES": "0",
        "SINERGI_DEMO_PASSWORD": DEMO_PASSWORD,
        "SINERGI_ACCESS_LOG": "",
        "RATELIMIT_STORAGE_URI": REDIS_URL if _redis_up() else "memory://",
    }
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, check=True, capture_output=True)
    servers = []
    for _ in range(2):
        port = _free_port()
        with (tmp_path / f"gunicorn-{port}.log").open("w") as log:
            servers.append(
                (
                    port,
                    subprocess.Popen(
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
                    ),
                )
            )
    for port, _process in servers:
        _wait_for(port, tmp_path / f"gunicorn-{port}.log")
    return servers


def _wait_for(port: int, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.2)


def _nginx_conf(tmp_path: Path, port: int, backends: list[int]) -> Path:
    """The deployed upstream and gzip settings (ports replaced) and the deployed proxy rules, on loopback."""
    site = (ROOT / "deploy/nginx.conf").read_text()
    http_part = site[: site.index("server {")]
    http_part = http_part.replace("127.0.0.1:8001", f"127.0.0.1:{backends[0]}")
    http_part = http_part.replace("127.0.0.1:8002", f"127.0.0.1:{backends[1]}")
    temp = tmp_path / "nginx"
    temp.mkdir(exist_ok=True)
    conf = temp / "nginx.conf"
    temps = "".join(
        f"{kind}_temp_path {temp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf.write_text(f"""daemon off;
master_process off;
pid {temp / "nginx.pid"};
error_log {temp / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    {temps}
    {http_part}
    server {{
        listen 127.0.0.1:{port};
        add_header X-Upstream $upstream_addr always;  # which process answered (test only)
        include {ROOT / "deploy/nginx-sinergi-proxy.conf"};
    }}
}}
""")
    return conf


def _worker_pid(master: int) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise AssertionError("no gunicorn worker")


def _stream(port: int, jar, last_event_id: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Cookie": _cookie_header(jar), "Accept": "text/event-stream"}
    if last_event_id:
        headers["Last-Event-ID"] = last_event_id
    conn.request("GET", "/linimasa/stream", headers=headers)
    response = conn.getresponse()
    assert response.status == 200
    assert response.readline().startswith(b"retry:")
    return conn, response, int(response.getheader("X-Timeline-Worker"))


def _read_until(response, texts: list[str], seconds: float = 8) -> bytes:
    received = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not all(t.encode() in received for t in texts):
        line = response.readline()
        if not line:
            break
        received += line
    return received


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """One deployment for the module (starting it takes a minute or two); the SIGKILL test comes last."""
    tmp_path = tmp_path_factory.mktemp("nginx")
    url, drop = _e2e_database(tmp_path, "test_jobs_nginx")
    servers = []
    nginx = None
    try:
        servers = _start_backends(tmp_path, url)
        port = _free_port()
        conf = _nginx_conf(tmp_path, port, [p for p, _proc in servers])
        with (tmp_path / "nginx.out").open("w") as out:
            nginx = subprocess.Popen(
                [NGINX, "-p", str(conf.parent), "-c", str(conf)], stderr=subprocess.STDOUT, stdout=out
            )
        _wait_for(port, tmp_path / "nginx.out", seconds=10)
        yield {
            "url": url,
            "port": port,
            "base": f"http://127.0.0.1:{port}",
            "workers": {_worker_pid(proc.pid): proc for _p, proc in servers},
        }
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        for _port, process in servers:
            if process.poll() is None:
                stop_server(process)
        drop()


def _form_token(opener, url: str) -> str:
    with opener.open(url, timeout=10) as r:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', r.read().decode()).group(1)


def _send(opener, url: str, fields: dict, headers: dict | None = None) -> tuple[int, dict]:
    """POST without following redirects: (status, headers)."""
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers=headers or {})
    try:
        with opener.open(request, timeout=20) as r:
            r.read()
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as exc:
        exc.read()
        exc.close()
        return exc.code, dict(exc.headers)


@needs_redis
def test_rate_limit_is_shared_by_the_processes(deployment):
    """The status look-up allows 30 POSTs a minute per address: the 31st is refused although nginx spread the
    30 over both processes (with per-process counters it would take 60). The form is left empty, so the
    database's own look-up throttle never counts (only Flask-Limiter does)."""
    base = deployment["base"]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    token = _form_token(opener, f"{base}/pengaduan/status")
    answers = [_send(opener, f"{base}/pengaduan/status", {"csrf_token": token}) for _ in range(31)]
    upstreams = {headers.get("X-Upstream") for _status, headers in answers[:30]}
    assert len(upstreams) == 2, upstreams  # both processes answered
    assert [status for status, _h in answers[:30]] == [422] * 30
    status, headers = answers[30]
    assert status == 429, status
    assert headers.get("Retry-After")


def _entries_with(url: str, text: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM timeline_entry WHERE text = %s", (text,)).fetchone()[0]


def test_outbox_resends_make_one_post_whichever_process_answers(deployment):
    """The offline outbox resends a post with the same Idempotency-Key: one after the other (nginx sends them to
    different processes) and two at once; each key makes exactly one entry and every answer is a success."""
    base, url = deployment["base"], deployment["url"]
    poster, _jar = _session(base, "polri-petugas")
    stamp = f"{time.time():.0f}"
    text = f"Kiriman ulang dari outbox {stamp}: TPS aman."
    token = _form_token(poster, f"{base}/linimasa")
    fields = {"kind": "info", "text": text, "visibility": "all", "csrf_token": token}
    key = {"Idempotency-Key": f"outbox-seq-{stamp}"}
    first, second = (_send(poster, f"{base}/linimasa", fields, key) for _ in range(2))
    assert first[0] == second[0] == 303, (first[0], second[0])
    assert first[1].get("X-Upstream") != second[1].get("X-Upstream"), "both resends went to one process"
    assert second[1].get("X-Replayed") == "1"
    assert _entries_with(url, text) == 1

    at_once = f"Dua kiriman bersamaan {stamp}: TPS aman."
    fields = {**fields, "text": at_once}
    key = {"Idempotency-Key": f"outbox-race-{stamp}"}
    answers: list = []
    threads = [
        threading.Thread(target=lambda: answers.append(_send(poster, f"{base}/linimasa", fields, key)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 2
    assert all(status < 400 for status, _h in answers), [a[0] for a in answers]
    assert sum(1 for _s, headers in answers if headers.get("X-Replayed") == "1") == 1
    assert _entries_with(url, at_once) == 1


def test_two_processes_behind_nginx(deployment):
    port, base, workers = deployment["port"], deployment["base"], deployment["workers"]
    # Login and CSRF whichever process answers: with no open stream nginx alternates between the processes, so
    # a form rendered by one is posted to the other; every post is acknowledged. An extra request now and then
    # shifts the alternation so that both processes take posts.
    poster, _jar = _session(base, "polri-petugas")
    _opener, viewer_jar = _session(base, "kpu-operator")
    stamp = f"{time.time():.0f}"
    before, post_pids = [], set()
    for n in range(10):
        before.append(f"Sebelum siaran {n} {stamp}")
        post_pids.add(int(_post(base, poster, before[-1])))
        if post_pids == set(workers) and n >= 3:
            break
        poster.open(f"{base}/healthz", timeout=10).close()
    assert post_pids == set(workers), "every post landed on one process"

    streams = []
    for _ in range(20):  # least_conn: the next stream goes to the process holding fewer
        streams.append(_stream(port, viewer_jar))
        if {pid for *_x, pid in streams} == set(workers):
            break
    assert {pid for *_x, pid in streams} == set(workers), "nginx did not spread the streams"
    texts = [f"Lewat nginx {n} {stamp}: TPS aman." for n in range(3)]
    for text in texts:
        _post(base, poster, text)

    # Each post reaches the streams on both processes.
    by_pid = {pid: response for _c, response, pid in streams}
    received = {}
    for pid, response in by_pid.items():
        received[pid] = _read_until(response, texts)
        assert all(t.encode() in received[pid] for t in texts), (pid, received[pid][-300:])

    # SIGKILL one process (master and worker): its stream ends; posts keep being acknowledged through nginx.
    victim = next(iter(by_pid))
    last_id = re.findall(rb"^id: (\d+)", received[victim], re.M)[-1].decode()
    workers[victim].send_signal(signal.SIGKILL)
    os.kill(victim, signal.SIGKILL)
    workers[victim].wait(timeout=10)
    after = [f"Setelah proses mati {n} {stamp}" for n in range(3)]
    for text in after:
        assert int(_post(base, poster, text)) != victim
    # The client reconnects through nginx with the last id it saw and catches up.
    conn, response, pid = _stream(port, viewer_jar, last_event_id=last_id)
    streams.append((conn, response, pid))
    assert pid != victim
    caught_up = _read_until(response, after)
    assert all(t.encode() in caught_up for t in after), caught_up[-500:]
    assert not any(t.encode() in caught_up for t in texts)  # only what came after its last id
    # Every acknowledged post is there, also those the killed process acknowledged.
    with poster.open(f"{base}/linimasa", timeout=10) as r:
        page = r.read().decode()
    assert all(t in page for t in before + texts + after)
    for conn, response, _pid in streams:
        response.close()
        conn.close()
