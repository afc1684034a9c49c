"""Situation report settings: app config ``SITREP_<NAME>`` or ``$SINERGI_SITREP_<NAME>`` overrides these
defaults (docs/features/sitrep.md). All are [U] facts of the desk, not rules of law."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from app.settings import load_settings


@dataclass(frozen=True)
class SitrepSettings:
    period_start: str = "00:00"  # the default period: the local day from 00.00 …
    period_end: str = "20:00"  # … to 20.00 (the evening report)
    max_days: int = 7  # the longest period a report may cover
    schedule_time: str = "18:00"  # local time the scheduled draft is made, for every desk …
    schedules: str = ""  # … unless named here: "19.02=18:00,19.06=17:30"; "19.03=off" switches a desk off
    # On the region's voting day a midday report too (issue 16 point 1): 00.00 to this time, drafted at it [U];
    # "off" switches it off. A desk whose schedule is off gets none.
    midday_time: str = "12:00"
    sign_by: str = "20:30"  # local time: the day's report not signed by then → the desk head is reminded
    addressee: str = "Gubernur Kepulauan Bangka Belitung"  # Kepada Yth.
    addressee_via: str = "Menteri Dalam Negeri melalui Gubernur"  # tembusan line
    # The province desk's roll-up goes to the minister (Permendagri 9/2005: desks report to the Minister of Home
    # Affairs through the governor) [U]
    addressee_province: str = "Menteri Dalam Negeri"
    interval_seconds: int = 60
    max_text: int = 4000


def settings(config: dict[str, Any] | None = None) -> SitrepSettings:
    """The settings from ``SITREP_<NAME>`` config keys (or ``$SINERGI_SITREP_<NAME>``), defaults otherwise."""
    return load_settings(SitrepSettings, config, prefix="SITREP_")


def parse_time(value: str) -> time | None:
    try:
        hour, minute = value.strip().replace(".", ":").split(":")
        return time(int(hour), int(minute))
    except (ValueError, AttributeError):
        return None


def schedule_for(region_code: str, cfg: SitrepSettings | None = None) -> time | None:
    """The local time of the scheduled draft of this desk, or None when its schedule is off."""
    cfg = cfg or settings()
    for part in cfg.schedules.split(","):
        code, _, value = part.strip().partition("=")
        if code == region_code:
            return None if value.strip().lower() == "off" else parse_time(value)
    return parse_time(cfg.schedule_time)
