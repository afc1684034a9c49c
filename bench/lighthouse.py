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

from tests.browser.conftest import CHROMIUM, DEMO_PASSWORD, start_server, stop_server  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def login_cookie(base: str, username: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base}/masuk", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    data = urllib.parse.urlencode({"login": username, "password": DEMO_PASSWORD,
                                   "csrf_token": token.group(1) if token else ""}).encode()
    opener.open(f"{base}/masuk", data=data, timeout=10).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar if c.name in ("session", "remember_token"))
    if "session=" not in cookie:
        raise SystemExit("login failed")
    return cookie


def run_lighthouse(url: str, cookie: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=performance,accessibility,best-practices", "--form-factor=mobile",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
           f"--extra-headers={json.dumps({'Cookie': cookie})}", "--max-wait-for-load=30000"]
    subprocess.run(cmd, check=True, env=env, timeout=240)
    report = json.loads(out.read_text())
    cats = report["categories"]
    failed = {k: a["title"] for k, a in report["audits"].items()
              if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"}
    return {
        "performance": round(cats["performance"]["score"] * 100),
        "accessibility": round(cats["accessibility"]["score"] * 100),
        "best-practices": round(cats["best-practices"]["score"] * 100),
        "total-byte-weight": int(report["audits"]["total-byte-weight"]["numericValue"]),
        "lcp-ms": int(report["audits"]["largest-contentful-paint"]["numericValue"]),
        "failed-binary-audits": failed,
    }


def transferred(base: str, path: str, cookie: str) -> dict:
    """Bytes over the wire for the first load (cold) and a repeat load (warm), phone emulation."""
    from playwright.sync_api import sync_playwright

    name, value = cookie.split(";")[0].split("=", 1)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True,
            **{k: v for k, v in p.devices["Pixel 7"].items() if k != "default_browser_type"})
        context.add_cookies([{"name": name, "value": value, "url": base}])
        page = context.pages[0] if context.pages else context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))

        def load() -> tuple[int, int]:
            sizes.clear()
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            return sum(sizes.values()), len(sizes)

        first, first_n = load()
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_timeout(1000)  # the worker finishes storing the shell
        second, second_n = load()
        repeat, repeat_n = load()
        context.close()
    return {"first_load_bytes": first, "first_load_requests": first_n, "second_load_bytes": second,
            "second_load_requests": second_n, "repeat_load_bytes": repeat, "repeat_load_requests": repeat_n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/")
    parser.add_argument("--user", default="polri-operator")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base, process, _env = start_server(Path(tmp), database_url=f"sqlite:///{tmp}/bench.db")
        try:
            cookie = login_cookie(base, args.user)
            results = [run_lighthouse(base + args.path, cookie, Path(tmp) / f"lh-{i}.json") for i in range(args.runs)]
            bytes_ = transferred(base, args.path, cookie)
        finally:
            stop_server(process)
    print(json.dumps({"path": args.path, "user": args.user, "lighthouse": results, "transfer": bytes_}, indent=2))


if __name__ == "__main__":
    main()
