"""Roster settings: app config ``DUTY_<NAME>`` overrides these defaults (docs/features/duty.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.settings import load_settings


@dataclass(frozen=True)
class DutySettings:
    shift_hours: int = 8  # the form's default length (three shifts a day: 07–15, 15–23, 23–07)
    first_shift_hour: int = 7  # the morning shift starts at 07.00 local time (the demo's pattern)
    max_shift_hours: int = 24  # a longer entry is a typing mistake
    # A hand-over lists the instructions of the last hours that some of the agency's recipients have not read.
    handover_instruction_hours: int = 24
    history_limit: int = 50  # hand-over notes per page of the history


def settings(config: dict[str, Any] | None = None) -> DutySettings:
    """The settings from ``DUTY_<NAME>`` config keys (or ``$SINERGI_DUTY_<NAME>``), defaults otherwise."""
    return load_settings(DutySettings, config, prefix="DUTY_")
