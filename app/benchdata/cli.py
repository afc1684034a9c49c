"""``flask bench seed``: the steps, one transaction per kabupaten and step, with a progress bar and a deadline."""

from __future__ import annotations

import time
from collections.abc import Callable

import click
from flask import current_app
from flask.cli import with_appcontext

from app.benchdata import desk, people, plan, readiness, timeline, votingday
from app.benchdata.bulk import analyze, fast_load
from app.clock import utcnow
from app.db import session_scope


class OutOfTime(click.ClickException):
    exit_code = 3


@click.group("bench", help="Benchmark data at real size (never in production).")
def bench_cli() -> None:
    pass


class Runner:
    def __init__(self, deadline: float, quiet: bool):
        self.deadline = deadline
        self.quiet = quiet
        self.started = time.monotonic()

    def step(self, name: str, units: list[str], work: Callable, done: Callable | None = None) -> None:
        """Run ``work(session, unit)`` for each unit in its own transaction; ``done(session, unit)`` skips."""
        added = skipped = 0
        step_start = time.monotonic()
        with click.progressbar(
            units, label=f"{name:<12}", show_pos=True, file=None if not self.quiet else _Null()
        ) as bar:
            for unit in bar:
                if time.monotonic() > self.deadline:
                    raise OutOfTime(
                        f"batas waktu tercapai pada langkah {name} ({unit}); jalankan lagi untuk melanjutkan "
                        "(langkah yang selesai tidak diulang)"
                    )
                with session_scope() as db:
                    fast_load(db)
                    if done is not None and done(db, unit):
                        skipped += 1
                        continue
                    added += work(db, unit) or 0
        click.echo(f"  {name}: {added:,} added, {skipped} of {len(units)} already there, "
                   f"{time.monotonic() - step_start:.1f} s")  # fmt: skip


class _Null:
    def write(self, _text):
        return 0

    def flush(self):
        pass


@bench_cli.command("seed")
@click.option("--scale", type=click.Choice(plan.SCALES), required=True, help="one kabupaten, a province or all")
@click.option("--region", default=None, help="kabupaten (19.02) or province (32) code; defaults: 19.02 and 32")
@click.option("--max-minutes", type=float, default=30.0, show_default=True, help="stop between steps after this")
@click.option("--quiet", is_flag=True, help="no progress bars (the summary lines stay)")
@with_appcontext
def seed(scale: str, region: str | None, max_minutes: float, quiet: bool) -> None:
    """Generate the data of a scale (idempotent: a second run adds nothing)."""
    if current_app.config["SINERGI_ENV"] == "production":
        raise click.ClickException("bench seed menolak berjalan saat SINERGI_ENV=production.")
    try:
        scope = plan.make_scope(scale, region)
    except ValueError as exc:
        raise click.BadParameter(f"kode wilayah tidak sesuai skala {scale}: {exc}") from None
    now = utcnow()
    run = Runner(time.monotonic() + max_minutes * 60, quiet)
    click.echo(f"bench seed {scope.describe()}: {len(scope.kabupaten)} kabupaten/kota, batas {max_minutes:g} menit")
    run.step("regions", ["all"], lambda db, _u: people.regions(db, scope))
    run.step("elections", scope.provinces, lambda db, p: people.elections(db, scope, p, now=now))
    run.step("tps", scope.kabupaten, people.tps)
    password_hash = people.password_hash(current_app.config["DEMO_PASSWORD"])
    desks = scope.provinces + scope.kabupaten
    run.step("accounts", desks, lambda db, unit: people.accounts(db, unit, password_hash=password_hash, now=now))
    run.step("timeline", scope.kabupaten, timeline.entries, timeline.done)
    run.step("complaints", scope.kabupaten, desk.complaints, desk.complaints_done)
    run.step("meetings", scope.kabupaten, desk.meetings, desk.meetings_done)
    run.step("readiness", scope.kabupaten, lambda db, k: readiness.fill(db, k, now=now), readiness.done)
    run.step("votingday", scope.kabupaten, votingday.checkins, votingday.done)
    with session_scope() as db:
        analyze(db)
    click.echo(f"selesai dalam {time.monotonic() - run.started:.0f} s; akun: b<kode>-<instansi>-<peran><n>, "
               "kata sandi SINERGI_DEMO_PASSWORD")  # fmt: skip
