"""The job runner's settings (app config key = field name in capitals, else ``SINERGI_<KEY>``, else default)."""

from __future__ import annotations

from dataclasses import dataclass

from app.settings import load_settings


@dataclass(frozen=True)
class JobSettings:
    # Off when the operator runs `flask jobs run` as its own service (deploy/sinergi-jobs.service).
    jobs_in_web: bool = True
    # How often the loop looks for due jobs (seconds); each job has its own interval.
    jobs_tick: float = 1.0


def settings(config: dict) -> JobSettings:
    return load_settings(JobSettings, config)
