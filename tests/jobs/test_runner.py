"""The job registry, the runner and its two locks (advisory lock per round on PostgreSQL, lock file on SQLite)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.db import get_engine
from app.jobs import Job, jobs_of, register_job
from app.jobs.leader import ProcessLeader, lock_key
from app.jobs.runner import Runner, run_job, run_once


@pytest.fixture
def jobs(app, monkeypatch):
    """The app's job registry emptied for one test and restored afterwards."""
    monkeypatch.setitem(app.extensions, "sinergi.jobs", {})
    return app.extensions["sinergi.jobs"]


def test_features_register_their_jobs_on_the_app(app):
    names = {job.name: job for job in jobs_of(app)}
    assert names["notifications.reminders"].exclusive
    assert not names["notifications.push"].exclusive
    assert names["notifications.push"].on_wake


def test_cli_lists_and_runs_the_jobs_once(app):
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["jobs", "list"])
    assert "notifications.push" in listed.output
    assert "claims rows" in listed.output
    result = runner.invoke(args=["jobs", "run", "--once", "--only", "notifications.reminders"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "notifications.reminders: {'reminders': 0}"


@pytest.mark.parametrize("group", ["escalation", "sitrep"])
def test_a_features_run_at_command_runs_one_round_as_at_the_given_time(app, group):
    runner = app.test_cli_runner()
    result = runner.invoke(args=[group, "run", "--at", "2024-11-27T07:15:00+07:00"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{group}.")
    naive = runner.invoke(args=[group, "run", "--at", "2024-11-27T07:15:00"])
    assert naive.exit_code == 2
    assert "UTC offset" in naive.output
    unreadable = runner.invoke(args=[group, "run", "--at", "besok pagi"])
    assert unreadable.exit_code == 2
    assert "ISO time" in unreadable.output


def test_run_once_runs_every_job_and_a_failing_job_does_not_stop_the_others(app, jobs):
    calls = []

    def broken(session, now):
        raise RuntimeError("boom")

    register_job(app, Job("a.broken", 60, broken))
    register_job(app, Job("b.counts", 60, lambda session, now: calls.append(now) or 3))
    results = run_once(app)
    assert results == {"a.broken": {"error": 1}, "b.counts": {"done": 3}}
    assert len(calls) == 1


def test_runner_runs_jobs_when_due_and_queue_jobs_again_when_woken(app, jobs):
    calls = []
    register_job(app, Job("x.periodic", 3600, lambda s, now: calls.append("periodic")))
    register_job(app, Job("x.queue", 3600, lambda s, now: calls.append("queue"), exclusive=False, on_wake=True))
    runner = Runner(app, tick=0)
    runner.run_due()
    runner.run_due()  # not due again within the hour
    assert calls == ["periodic", "queue"]
    runner.run_due(woken=True)
    assert calls == ["periodic", "queue", "queue"]
    runner.leader.release()


def test_an_exclusive_job_skips_the_round_another_process_leads(app, jobs):
    engine = get_engine(app)
    if engine.dialect.name != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's; SQLite has one job process (lock file)")
    calls = []
    job = Job("x.exclusive", 60, lambda s, now: calls.append(now))
    with engine.connect() as other:  # another process leading this job's round
        other.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key(job.name)})
        assert run_job(app, job) is None
        assert calls == []
        assert run_job(app, Job("x.other", 60, lambda s, now: 1)) == {"done": 1}  # a lock per job
        other.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(job.name)})
    assert run_job(app, job) == {"done": 0}
    assert len(calls) == 1


def test_on_sqlite_one_process_leads_and_another_takes_over_when_it_stops(tmp_path):
    first = ProcessLeader("sqlite:///x.db", str(tmp_path))
    second = ProcessLeader("sqlite:///x.db", str(tmp_path))
    assert first.acquire()
    assert first.acquire()  # still the leader
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
    assert ProcessLeader("postgresql://h/db", str(tmp_path)).acquire()  # PostgreSQL needs no lock file


def test_a_standby_runner_on_sqlite_runs_nothing(app, jobs, tmp_path):
    if get_engine(app).dialect.name != "sqlite":
        pytest.skip("the lock file is for SQLite")
    calls = []
    register_job(app, Job("x.periodic", 60, lambda s, now: calls.append(now)))
    leader = ProcessLeader(app.config["DATABASE_URL"], app.config["INSTANCE_DIR"])
    assert leader.acquire()
    try:
        Runner(app, tick=0).run_due()
        assert calls == []
    finally:
        leader.release()
    runner = Runner(app, tick=0)
    runner.run_due()
    runner.leader.release()
    assert len(calls) == 1
