"""A memoised ``percent`` for pages that format hundreds of shares (the province overview): babel's
formatting is the slowest part of rendering them. Same output as ``app.i18n.percent``."""

from __future__ import annotations

from functools import lru_cache

from flask_babel import get_locale

from app.i18n import percent


@lru_cache(maxsize=8192)
def _percent(value: float, locale: str) -> str:
    return percent(value, locale)


def cached_percent(value: float | None) -> str:
    if value is None:
        return percent(None)
    return _percent(round(float(value), 6), str(get_locale()))
