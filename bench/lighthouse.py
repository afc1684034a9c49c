"""Lighthouse (npm, run against Debian's Chromium) on a page of a seeded server, logged in, phone emulation.

Prints the performance / accessibility / best-practices scores and the bytes transferred on a first load
(empty cache) and on a repeat load (service worker and HTTP cache warm), measured with Chromium's DevTools
protocol through Playwright (encodedDataLength of every response of the page).

    cd bench/lighthouse && npm ci && cd ../..
    .venv/bin/python bench/lighthouse.py [--path /linimasa] [--user polri-operator] [--runs 1]

Bounded: one local gunicorn on 127.0.0.1, one Chromium at a time, ``--runs`` Lighthouse runs (default 1).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, DEMO_PASSWORD, _free_port, stop_server  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def start_server(tmp: Path) -> tuple[str, subprocess.Popen, Path]:
    """Migrate, seed and serve like tests/browser, with an access log of the body bytes of every response."""
    import time

    port = _free_port()
    log = tmp / "access.log"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
        "SECRET_KEY": "bench-secret",
        "SINERGI_INSTANCE": str(tmp),
        "SINERGI_SECURE_COOKIES": "0",
        "SINERGI_DEMO_PASSWORD": DEMO_PASSWORD,
        "SINERGI_ACCESS_LOG": "",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([*flask, "demo", "seed"], cwd=ROOT, env=env, check=True, capture_output=True)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(B)s",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
            return base, process, log
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("server did not start")


def served_bytes(log: Path, start: int) -> tuple[int, int, list[str]]:
    """Body bytes the server sent since ``start`` (log offset), the number of responses and their lines."""
    lines = log.read_text()[start:].splitlines()
    total = sum(int(line.rsplit(" ", 1)[1]) for line in lines if line.rsplit(" ", 1)[1].isdigit())
    return total, len(lines), lines


def login_cookie(base: str, username: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base}/masuk", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    data = urllib.parse.urlencode(
        {"login": username, "password": DEMO_PASSWORD, "csrf_token": token.group(1) if token else ""}
    ).encode()
    opener.open(f"{base}/masuk", data=data, timeout=10).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar if c.name in ("session", "remember_token"))
    if "session=" not in cookie:
        raise SystemExit("login failed")
    return cookie


def run_lighthouse(url: str, cookie: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices",
        "--form-factor=mobile",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--extra-headers={json.dumps({'Cookie': cookie})}",
        "--max-wait-for-load=30000",
    ]
    subprocess.run(cmd, check=True, env=env, timeout=240)
    report = json.loads(out.read_text())
    cats = report["categories"]
    failed = {
        k: a["title"]
        for k, a in report["audits"].items()
        if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"
    }
    return {
        "performance": round(cats["performance"]["score"] * 100),
        "accessibility": round(cats["accessibility"]["score"] * 100),
        "best-practices": round(cats["best-practices"]["score"] * 100),
        "total-byte-weight": int(report["audits"]["total-byte-weight"]["numericValue"]),
        "lcp-ms": int(report["audits"]["largest-contentful-paint"]["numericValue"]),
        "fcp-ms": int(report["audits"]["first-contentful-paint"]["numericValue"]),
        "tbt-ms": int(report["audits"]["total-blocking-time"]["numericValue"]),
        "cls": round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3),
        "speed-index-ms": int(report["audits"]["speed-index"]["numericValue"]),
        "failed-binary-audits": failed,
    }


def transferred(base: str, path: str, cookie: str, log: Path) -> dict:
    """Bytes for the first load (cold) and a repeat load (warm), phone emulation.

    ``*_page_bytes``: what Chromium's DevTools protocol reports for the page (encodedDataLength, headers
    included; responses served by the service worker count 0). ``*_served_bytes``: the body bytes the server
    really sent in that phase according to gunicorn's access log, including the service worker's own fetches
    (the page's HTML, the precache of the shell on the first visit).
    """
    from playwright.sync_api import sync_playwright

    name, value = cookie.split(";")[0].split("=", 1)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            **{k: v for k, v in p.devices["Pixel 7"].items() if k != "default_browser_type"},
        )
        context.add_cookies([{"name": name, "value": value, "url": base}])
        page = context.pages[0] if context.pages else context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))

        def load(settle: bool = False) -> dict:
            sizes.clear()
            offset = len(log.read_text())
            page.goto(base + path, wait_until="load")  # not networkidle: the timeline keeps an SSE stream open
            if settle:
                page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.wait_for_timeout(1500)  # the worker finishes storing the shell / the page copy
            served, responses, lines = served_bytes(log, offset)
            return {
                "page_bytes": sum(sizes.values()),
                "page_requests": len(sizes),
                "served_bytes": served,
                "served_responses": responses,
                "served": lines,
            }

        first = load(settle=True)
        repeat = load()
        again = load()
        context.close()
    return {"first_load": first, "repeat_load": repeat, "third_load": again}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/")
    parser.add_argument("--user", default="polri-operator")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--report-dir", type=Path, help="keep Lighthouse's JSON reports here (lh-N.json)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        reports = args.report_dir or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        base, process, log = start_server(Path(tmp))
        try:
            cookie = login_cookie(base, args.user)
            results = [run_lighthouse(base + args.path, cookie, reports / f"lh-{i}.json") for i in range(args.runs)]
            print(json.dumps({"lighthouse": results}), flush=True)
            bytes_ = transferred(base, args.path, cookie, log)
        finally:
            stop_server(process)
    print(json.dumps({"path": args.path, "user": args.user, "lighthouse": results, "transfer": bytes_}, indent=2))


if __name__ == "__main__":
    main()
