"""Nothing to register: the model and the decorator are used by features."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    return None
