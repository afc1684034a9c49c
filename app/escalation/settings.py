"""Escalation settings and the default rules (app config ``ESCALATION_<NAME>``; docs/features/escalation.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.settings import load_settings


@dataclass(frozen=True)
class RuleSpec:
    """One rule as the evaluator reads it (a stored ``EscalationRule`` or a default)."""

    level: int
    severities: tuple[str, ...]
    condition: str
    minutes: int
    target: str


# Issue 15: tinggi not received within 10 minutes → the agency's piket; not being handled within 30 → its head;
# within 60 → the desk head (Pemda pimpinan).
DEFAULT_RULES = (
    RuleSpec(1, ("tinggi",), "not_acknowledged", 10, "piket"),
    RuleSpec(2, ("tinggi",), "not_handled", 30, "pimpinan"),
    RuleSpec(3, ("tinggi",), "not_handled", 60, "desk_head"),
)


@dataclass(frozen=True)
class EscalationSettings:
    interval_seconds: float = 30  # how often the job looks (an escalation is at most this late)
    # Incidents received longer ago are not escalated any more (a backlog from yesterday is the desk's meeting,
    # not a midnight push); it must exceed the longest rule.
    lookback_hours: int = 6
    max_minutes: int = 240
    max_levels: int = 5
    banner_hours: int = 6  # an open escalation stays on top of its recipients' pages this long
    rules: tuple[RuleSpec, ...] = field(default=DEFAULT_RULES)


def settings(config: dict[str, Any] | None = None) -> EscalationSettings:
    """The settings from ``ESCALATION_<NAME>`` config keys (or ``$SINERGI_ESCALATION_<NAME>``), defaults otherwise."""
    return load_settings(EscalationSettings, config, prefix="ESCALATION_")
