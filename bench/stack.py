"""The scaled set-up for benchmarks, on loopback: a throwaway PostgreSQL database seeded with `flask bench seed`,
N gunicorn processes (gunicorn.conf.py, gevent) and nginx in front with deploy/nginx.conf's upstream and
deploy/nginx-sinergi-proxy.conf; plus CPU and RSS of the server processes from /proc."""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
NGINX = os.environ.get("SINERGI_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
DB_NAME = "sinergi_bench_stack"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, log: Path, seconds: float = 180) -> None:
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
        if time.monotonic() > deadline:
            raise SystemExit(f"no answer on {port}: {log.read_text()[-2000:] if log.exists() else ''}")
        time.sleep(0.3)


@dataclass
class Stack:
    tmp: Path
    url: str
    admin_url: str
    port: int = 0  # nginx
    backends: list[tuple[int, subprocess.Popen]] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": self.url,
            "SECRET_KEY": "bench-stack-secret",
            "SINERGI_INSTANCE": str(self.tmp),
            "SINERGI_SECURE_COOKIES": "0",
            "SINERGI_ACCESS_LOG": "",
            "SINERGI_PROXY_HOPS": "1",
            "SINERGI_KEEPALIVE": "75",
            "SINERGI_PDF_WORKERS": "0",
            "SINERGI_WORKER_CONNECTIONS": "12000",
            "RATELIMIT_ENABLED": "0",
        }

    def seed(self, scale: str, region: str | None) -> None:
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=self.env(), check=True, capture_output=True)
        args = [*flask, "bench", "seed", "--scale", scale, "--quiet"] + (["--region", region] if region else [])
        subprocess.run(args, cwd=ROOT, env=self.env(), check=True, capture_output=True)

    def start(self, processes: int) -> None:
        for _ in range(processes):
            port = free_port()
            log = (self.tmp / f"gunicorn-{port}.log").open("w")
            command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
            proc = subprocess.Popen([*command, "wsgi:app"], cwd=ROOT, env=self.env(), stdout=log, stderr=log)
            self.backends.append((port, proc))
        for port, _proc in self.backends:
            wait_for(port, self.tmp / f"gunicorn-{port}.log")
        self.port = free_port()
        conf = self._nginx_conf()
        out = (self.tmp / "nginx.out").open("w")
        self.nginx = subprocess.Popen([NGINX, "-p", str(conf.parent), "-c", str(conf)], stdout=out, stderr=out)
        wait_for(self.port, self.tmp / "nginx.out", seconds=15)

    def _nginx_conf(self) -> Path:
        site = (ROOT / "deploy/nginx.conf").read_text()
        upstream = site[site.index("upstream sinergi_web") : site.index("server {")]
        servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n" for p, _x in self.backends)
        lines = [line for line in upstream.splitlines() if not line.strip().startswith("server 127.0.0.1:")]
        upstream = "\n".join(lines).replace("least_conn;", "least_conn;\n" + servers, 1)
        temp = self.tmp / "nginx"
        temp.mkdir(exist_ok=True)
        temps = "".join(f"{k}_temp_path {temp / k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = temp / "nginx.conf"
        conf.write_text(
            f"daemon off;\nmaster_process off;\npid {temp / 'nginx.pid'};\nerror_log {temp / 'error.log'} warn;\n"
            "worker_rlimit_nofile 65536;\nevents { worker_connections 32768; }\n"
            f"http {{\n access_log off;\n {temps}\n {upstream}\n server {{\n  listen 127.0.0.1:{self.port} "
            f"backlog=8192;\n  include {ROOT / 'deploy/nginx-sinergi-proxy.conf'};\n }}\n}}\n"
        )
        return conf

    def workers(self) -> list[int]:
        """The gunicorn worker pids (one per process with SINERGI_WORKERS=1)."""
        out = []
        for _port, proc in self.backends:
            with contextlib.suppress(OSError):
                out += [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        return out

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.nginx.wait(timeout=10)
        for _port, proc in self.backends:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@contextlib.contextmanager
def stack(admin_url: str, *, processes: int, scale: str = "provinsi", region: str | None = "19"):
    """A seeded database, the web processes and nginx; everything is stopped and dropped afterwards."""
    import psycopg

    if not os.access(NGINX, os.X_OK):
        raise SystemExit("nginx is not installed (apt-get install nginx, or make test-deps as root)")
    url = urlunsplit(urlsplit(admin_url)._replace(path=f"/{DB_NAME}"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    s = Stack(Path(tempfile.mkdtemp(prefix="sinergi-stack-")), url, admin_url)
    try:
        started = time.perf_counter()
        s.seed(scale, region)
        print(f"stack: database seeded ({scale} {region or ''}) in {time.perf_counter() - started:.0f} s")
        s.start(processes)
        print(f"stack: {processes} gunicorn processes behind nginx on 127.0.0.1:{s.port}")
        yield s
    finally:
        s.stop()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
