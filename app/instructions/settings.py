"""Instruction settings: app config ``INSTRUCTIONS_<NAME>`` overrides these defaults (docs/features/instructions.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.settings import load_settings


@dataclass(frozen=True)
class InstructionSettings:
    remind_after_minutes: int = 15  # the send form's default: unread after 15 minutes → one push reminder
    max_remind_minutes: int = 240
    banner_hours: int = 48  # an unread instruction older than this leaves the page banner (still on /instruksi)
    banner_limit: int = 3  # at most this many on top of a page (the newest); "+N more" links to the list
    list_limit: int = 50


def settings(config: dict[str, Any] | None = None) -> InstructionSettings:
    """The settings from ``INSTRUCTIONS_<NAME>`` config keys (or the environment), defaults otherwise."""
    return load_settings(InstructionSettings, config, prefix="INSTRUCTIONS_")
