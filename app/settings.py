"""Feature settings as one frozen dataclass per feature, read from one place.

A feature declares its settings with their defaults; every field name is also its key::

    @dataclass(frozen=True)
    class PushSettings:
        push_batch: int = 20          # app.config["PUSH_BATCH"], else $SINERGI_PUSH_BATCH, else 20

    settings = load_settings(PushSettings, current_app.config)

A feature whose keys carry its name passes ``prefix="DUTY_"``: field ``shift_hours`` is then ``DUTY_SHIFT_HOURS``
(and ``$SINERGI_DUTY_SHIFT_HOURS``). Without ``config`` the current app's config is read (none outside an app).

The app's config (``create_app({...})``, ``SINERGI_SETTINGS`` JSON) wins over the environment, which wins over
the default. Values are brought to the default's type: text from the environment (``"0"``/``"off"`` is False),
a JSON list where the default is a tuple (frozen settings hold no lists), an int where the default is a float.
"""

from __future__ import annotations

import os
from dataclasses import MISSING, fields
from typing import Any, TypeVar

from flask import current_app, has_app_context

T = TypeVar("T")
TRUE = {"1", "true", "yes", "on"}


def _convert(raw: Any, default: Any) -> Any:
    if isinstance(raw, str):
        if isinstance(default, bool):
            return raw.strip().lower() in TRUE
        if isinstance(default, int | float):
            return type(default)(raw)
        return raw
    if isinstance(default, tuple) and isinstance(raw, list):
        return tuple(raw)
    if isinstance(default, float) and isinstance(raw, int) and not isinstance(raw, bool):
        return float(raw)
    return raw


def load_settings(cls: type[T], config: dict | None = None, *, prefix: str = "") -> T:
    """``cls`` filled from ``config[PREFIX + NAME]``, else ``$SINERGI_<PREFIX + NAME>``, else its defaults."""
    if config is None:
        config = current_app.config if has_app_context() else {}
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        key = prefix + f.name.upper()
        default = f.default if f.default is not MISSING else None
        if key in config:
            values[f.name] = _convert(config[key], default)
        elif f"SINERGI_{key}" in os.environ:
            values[f.name] = _convert(os.environ[f"SINERGI_{key}"], default)
    return cls(**values)
