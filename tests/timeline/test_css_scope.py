"""The timeline's CSS and markup are scoped (tl-): every page loads every feature's CSS (boosted navigation swaps
only the body), so an unprefixed class here would restyle another feature's element of the same name — the
timeline's green ``.status-selesai`` coloured a closed complaint's badge (code review §5)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "static/css/timeline.css").read_text()
# Shared classes from app.css the timeline may refine, only inside one of its own (tl-) elements.
SHARED = {"check", "field"}


def _selectors() -> list[str]:
    text = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    text = re.sub(r"@keyframes[^{]*\{(?:[^{}]*\{[^}]*\})*[^}]*\}", "", text)
    out = []
    for head in re.findall(r"([^{}]+)\{", text):
        head = head.strip()
        if head.startswith("@"):
            continue
        out += [s.strip() for s in head.split(",")]
    return out


def test_every_timeline_class_carries_the_prefix():
    for selector in _selectors():
        classes = re.findall(r"\.([A-Za-z_][\w-]*)", selector)
        assert classes, selector  # no bare element selectors: they would reach every feature's page
        assert classes[0].startswith("tl-"), selector
        for name in classes[1:]:
            assert name.startswith("tl-") or name in SHARED, selector


def test_a_closed_complaints_badge_is_not_styled_by_the_timeline():
    """A closed complaint's badge (``badge status status-selesai``, ``cp-status-selesai`` once complaints are
    prefixed too) matches no rule of timeline.css."""
    for selector in _selectors():
        classes = set(re.findall(r"\.([A-Za-z_][\w-]*)", selector))
        assert not classes & {"status", "status-selesai", "cp-status", "cp-status-selesai"}, selector


def test_timeline_templates_use_only_prefixed_or_shared_classes():
    shared = {
        "card",
        "panel",
        "badge",
        "muted",
        "error",
        "hint",
        "field",
        "field-error",
        "check",
        "button",
        "small",
        "primary",
        "inline-form",
        "table-wrap",
        "big-number",
        "now-list",
        "link-list",
        "page-head",
        "sr-only",
        "list",
        "list-item",
    }  # app.css
    for path in (ROOT / "templates/timeline").glob("*.html"):
        for attr in re.findall(r'class="([^"]*)"', path.read_text()):
            for name in re.sub(r"\{[{%].*?[%}]\}", " ", attr).split():
                allowed = name.startswith(("tl-", "badge-")) or name in shared
                assert allowed, (path.name, name)
