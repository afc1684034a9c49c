"""`make bench`: every benchmark, one after the other, each bounded in time and count, loopback only.

    .venv/bin/python bench/run_all.py                    # quick sizes (a few minutes): proves each one runs
    .venv/bin/python bench/run_all.py --full             # the issues' target sizes (a quiet machine: ~1 hour)
    .venv/bin/python bench/run_all.py --only fanout,plans

Each benchmark prints its own lines, one per figure, prefixed here with its name; PostgreSQL ones use
--postgresql (an admin URL; each makes and drops its own database), nginx ones need Debian's nginx. The exact
command of every run is printed before it, so a figure can be re-run alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgresql://postgres@127.0.0.1:5432/postgres"

# name → (quick arguments, full arguments); "{pg}" is the admin URL. None: skipped at that size.
BENCHES: dict[str, tuple[list[str] | None, list[str] | None]] = {
    "regions": (["bench/regions_load.py"], ["bench/regions_load.py"]),
    "timeline-page": (
        ["bench/timeline_page.py", "--entries", "20000", "--requests", "40"],
        ["bench/timeline_page.py", "--entries", "100000", "--requests", "200"],
    ),
    "timeline-load": (
        ["bench/timeline_load.py", "--streams", "200", "--rate", "10", "--seconds", "10"],
        ["bench/timeline_load.py", "--streams", "500", "--rate", "20", "--seconds", "20"],
    ),
    "readiness": (
        ["bench/readiness_overview.py", "--province-tps", "3000", "--kab-tps", "500", "--requests", "10"],
        ["bench/readiness_overview.py", "--postgresql", "{pg}"],
    ),
    "complaints": (["bench/complaints_bench.py", "--complaints", "100"], ["bench/complaints_bench.py"]),
    "notula": (["bench/notula_pdf.py"], ["bench/notula_pdf.py"]),
    "board": (  # --gc-freeze: the served worker freezes its start-up heap (gunicorn.conf.py)
        ["bench/votingday_board.py", "--tps", "400", "--requests", "10", "--gc-freeze"],
        ["bench/votingday_board.py", "--gc-freeze"],
    ),
    "checkins": (
        ["bench/checkin_fanout.py", "--tps", "200", "--checkins", "100", "--rate", "5", "--streams", "50"],
        ["bench/checkin_fanout.py"],
    ),
    "sitrep": (["bench/sitrep_bench.py", "--runs", "3"], ["bench/sitrep_bench.py", "--runs", "10"]),
    "plans": (
        ["bench/query_plans.py", "--scale", "kabupaten", "--requests", "10"],
        ["bench/query_plans.py", "--scale", "nasional", "--postgresql", "{pg}", "--requests", "50"],
    ),
    "plans-sqlite": (None, ["bench/query_plans.py", "--scale", "provinsi", "--requests", "50"]),
    "fanout": (
        ["bench/fanout.py", "--postgresql", "{pg}", "--streams", "300", "--rate", "5", "--seconds", "10", "--storm"],
        ["bench/fanout.py", "--postgresql", "{pg}", "--streams", "5000", "--rate", "20", "--seconds", "30", "--storm"],
    ),
    "fanout-worst": (
        None,
        [
            "bench/fanout.py",
            "--postgresql",
            "{pg}",
            "--streams",
            "2000",
            "--rate",
            "50",
            "--seconds",
            "20",
            "--spread",
            "worst",
        ],
    ),  # fmt: skip
    "fanout-overload": (
        None,
        [
            "bench/fanout.py",
            "--postgresql",
            "{pg}",
            "--streams",
            "5000",
            "--rate",
            "40",
            "--seconds",
            "30",
            "--drain",
            "20",
        ],
    ),  # fmt: skip
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="the target sizes instead of the quick ones")
    parser.add_argument("--only", default="", help="comma-separated names: " + ", ".join(BENCHES))
    parser.add_argument("--postgresql", default=os.environ.get("SINERGI_BENCH_PG", PG), help="admin URL")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per benchmark (default 600 / 3600)")
    args = parser.parse_args()
    wanted = [n for n in args.only.split(",") if n] or list(BENCHES)
    unknown = set(wanted) - set(BENCHES)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    limit = args.timeout or (3600 if args.full else 600)
    print(f"bench: {'full' if args.full else 'quick'} sizes; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")  # fmt: skip
    failed = []
    for name in wanted:
        command = BENCHES[name][1 if args.full else 0]
        if command is None:
            print(f"[{name}] skipped at {'full' if args.full else 'quick'} size")
            continue
        if name.startswith("fanout") and not (shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK)):
            print(f"[{name}] SKIPPED: nginx is not installed")
            continue
        command = [sys.executable, *(part.replace("{pg}", args.postgresql) for part in command)]
        print(f"[{name}] $ {' '.join(command[1:])}", flush=True)
        started = time.monotonic()
        try:
            proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            print(f"[{name}] STOPPED after {limit:.0f} s")
            failed.append(name)
            continue
        for line in (proc.stdout + (proc.stderr if proc.returncode else "")).splitlines():
            if line.strip():
                print(f"[{name}] {line}")
        print(f"[{name}] exit {proc.returncode} in {time.monotonic() - started:.0f} s", flush=True)
        if proc.returncode:
            failed.append(name)
    print(f"bench: done; load average {os.getloadavg()[0]:.2f}; failed: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
