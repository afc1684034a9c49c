"""Hot pages at real size: server time per page for a kabupaten user and a province user, and the plan of every
SQL statement each page runs (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite), with any
full scan of a big table flagged. In-process (Flask test client), bounded in count; loopback only.

    # on data made by `flask --app wsgi bench seed --scale nasional` (PostgreSQL) or `--scale provinsi` (SQLite):
    .venv/bin/python bench/query_plans.py --database-url postgresql://postgres@127.0.0.1:5432/sinergi_bench
    # or seed a throwaway database first (dropped afterwards):
    .venv/bin/python bench/query_plans.py --scale kabupaten                   # SQLite in /tmp
    .venv/bin/python bench/query_plans.py --scale provinsi --postgresql postgresql://postgres@127.0.0.1:5432/postgres

The users are the generator's accounts of the kabupaten with the most TPS (and of its province). The product has
no national scope (SPEC §2: a user belongs to a province or a kabupaten); the "national" line is the timeline
page's query without a region condition, timed as SQL — what a national desk's page would cost.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BIG = 20_000  # rows: a full scan of a table this big on a hot path is flagged
# (label, agency-role of the account, path, p95 target in ms for the kabupaten user, for the province user)
PAGES = [
    ("timeline first page", "kpu-operator", "/linimasa", 50, 100),
    ("timeline ?since=", "kpu-operator", "/linimasa?since={since}", 50, 100),
    ("incident summary", "pemda-pimpinan", "/linimasa/ringkasan?dari=2024-11-27", 200, 200),
    ("complaint queue", "bawaslu-operator", "/pengaduan", 200, 300),
    ("readiness overview", "pemda-pimpinan", "/kesiapan", 100, 300),
]


def throwaway(scale: str, admin_url: str | None) -> tuple[str, callable]:
    if admin_url is None:
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='plans-')) / 'plans.db'}", lambda: None
    import psycopg

    name = "sinergi_bench_plans"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}")), drop


def seed(url: str, scale: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "SINERGI_INSTANCE": tempfile.mkdtemp(prefix="plans-instance-")}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run([*flask, "bench", "seed", "--scale", scale, "--quiet"], cwd=ROOT, env=env, check=True)
    print(f"plans seed {scale}: {time.perf_counter() - started:.0f} s")


class Recorder:
    """The SQL statements (and parameters) the app runs while ``on``."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.on = False
        self.statements: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, _many):
        if self.on and statement.lstrip().upper().startswith("SELECT"):
            self.statements.append((statement, parameters))


def explain(engine, statement: str, parameters) -> tuple[str, list[str], float | None]:
    """(plan text, big tables fully scanned, execution ms on PostgreSQL)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            scans = set(re.findall(r"Seq Scan on (\w+)", plan))
            took = re.search(r"Execution Time: ([\d.]+) ms", plan)
            ms = float(took.group(1)) if took else None
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            plan = "\n".join(str(r[-1]) for r in cursor.fetchall())
            scans = {m for m in re.findall(r"\bSCAN (\w+)\b(?! USING)", plan)}
            # "SCAN t" for ORDER BY t.id … LIMIT n walks the rowid from one end: n rows, not the table
            scans = {t for t in scans if not re.search(rf"ORDER BY {t}\.id( DESC)?\s+LIMIT", statement)}
            ms = None
        big = []
        for table in sorted(scans):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (a table name from the plan)
            if cursor.fetchone()[0] >= BIG:
                big.append(table)
        raw.rollback()
        return plan, big, ms
    finally:
        raw.close()


def pick_users(app, province: str | None = None) -> tuple[str, str, str]:
    """(largest kabupaten, smallest kabupaten, province): by TPS, among those with generated accounts, in the
    province of the largest (a small kabupaten is the hard case for a page that filters a time-ordered scan)."""
    from sqlalchemy import func, select

    from app.auth.models import User
    from app.db import get_engine
    from app.regions.models import TPS

    with get_engine(app).connect() as conn:
        kab = func.substr(TPS.village_code, 1, 5)
        query = select(kab, func.count()).group_by(kab).order_by(func.count().desc())
        if province:
            query = query.where(TPS.village_code.startswith(province + "."))
        rows = conn.execute(query).all()
        seeded = [
            code
            for code, _n in rows
            if conn.execute(select(User.id).where(User.username == f"b{code.replace('.', '')}-kpu-operator1")).first()
        ]
        if seeded:
            small = [c for c in seeded if c[:2] == seeded[0][:2]][-1]
            return seeded[0], small, seeded[0][:2]
    raise SystemExit("no generated accounts: run `flask --app wsgi bench seed --scale …` first")


def measure(app, recorder, username: str, path: str, count: int) -> tuple[list[float], int, list]:
    client = app.test_client()
    response = client.post("/masuk", data={"login": username, "password": app.config["DEMO_PASSWORD"]})
    assert response.status_code == 303, (username, response.status_code)
    for _ in range(3):
        client.get(path)
    recorder.statements.clear()
    recorder.on = True
    response = client.get(path)
    recorder.on = False
    assert response.status_code in (200, 204), (path, response.status_code)
    statements = list(recorder.statements)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times), len(response.data), statements


def national_page(engine) -> tuple[str, list[str], float | None]:
    """The timeline first page's statement for a viewer who sees every region (the shape of a national scope)."""
    from sqlalchemy import or_, select

    from app.timeline.models import Entry

    query = (
        select(Entry)
        .where(Entry.parent_id.is_(None), or_(Entry.visible_agencies == "", Entry.visible_agencies.contains(",KPU,")))
        .order_by(Entry.occurred_at.desc(), Entry.id.desc())
        .limit(21)
    )
    compiled = query.compile(engine)
    params = compiled.params
    if engine.dialect.name != "postgresql":
        params = tuple(compiled.params[name] for name in compiled.positiontup)
    return explain(engine, str(compiled), params)


def report(args, app, plans_out) -> None:
    from sqlalchemy import func, select

    from app.db import get_engine
    from app.timeline.models import Entry

    engine = get_engine(app)
    recorder = Recorder(engine)
    kab, small, province = pick_users(app, args.province)
    with engine.connect() as conn:
        top = conn.execute(select(func.max(Entry.id))).scalar() or 0
        total = conn.execute(select(func.count()).select_from(Entry)).scalar()
    print(
        f"plans data: {engine.dialect.name}, {total:,} timeline rows; kabupaten {kab} and {small}, province {province}"
    )
    for label, account, path, kab_target, prov_target in PAGES:
        users = [("kabupaten", kab, kab_target), ("small kab", small, kab_target), ("province", province, prov_target)]
        for who, region, target in users if small != kab else users[::2]:
            username = f"b{region.replace('.', '')}-{account}1"
            url = path.format(since=top - 20)
            times, size, statements = measure(app, recorder, username, url, args.requests)
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            flagged = []
            plans_out.write(f"\n### {label} — {who} user ({username}) `{url}`\n")
            for statement, parameters in statements:
                plan, big, ms = explain(engine, statement, parameters)
                flagged += big
                short = re.sub(r"^SELECT .*? FROM", "SELECT … FROM", statement.strip(), count=1, flags=re.S)
                plans_out.write(f"\n```\n{short[:700]}\n--\n{plan}\n```\n")
            verdict = "OK" if p95 <= target and not flagged else "MISSED"
            print(
                f"plans {label:<20} {who:<9} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
                f"target {target} ms  queries {len(statements):2d}  big-table scans {sorted(set(flagged)) or 0}  "
                f"{size} B  {verdict}"
            )
    plan, big, ms = national_page(engine)
    plans_out.write(f"\n### timeline first page — national shape (no region condition)\n\n```\n{plan}\n```\n")
    took = f"{ms:.1f} ms" if ms is not None else "(SQLite: not timed)"
    print(f"plans timeline first page national-shape SQL {took}  big-table scans {big or 0}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="an already seeded database")
    parser.add_argument("--scale", choices=["kabupaten", "provinsi", "nasional"], help="seed a throwaway database")
    parser.add_argument("--postgresql", metavar="ADMIN_URL", help="with --scale: the throwaway database on PostgreSQL")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--province", help="take the users from this province (default: of the largest kabupaten)")
    parser.add_argument("--plans", default=None, help="write every plan to this Markdown file")
    args = parser.parse_args()
    if bool(args.database_url) == bool(args.scale) or args.requests > 500:
        parser.error("give --database-url or --scale (and at most 500 requests)")
    print(f"plans options: {vars(args)}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    drop = lambda: None  # noqa: E731
    url = args.database_url
    if args.scale:
        url, drop = throwaway(args.scale, args.postgresql)
        seed(url, args.scale)
    try:
        from app import create_app

        tmp = tempfile.mkdtemp(prefix="plans-run-")
        app = create_app(
            {"DATABASE_URL": url, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "INSTANCE_DIR": tmp}
        )
        with open(args.plans or os.devnull, "w") as plans_out:
            plans_out.write(f"# Query plans ({time.strftime('%Y-%m-%d %H:%M')} UTC)\n")
            report(args, app, plans_out)
        print(f"plans load average after the run: {os.getloadavg()[0]:.2f}")
    finally:
        drop()


if __name__ == "__main__":
    main()
