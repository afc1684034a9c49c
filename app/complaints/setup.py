"""Register the complaints feature: pages, menu entry, dashboard panels, reminders, demo data."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.complaints import policies  # noqa: F401  (registers the rules)

    # registry.add_nav(NavItem("complaints.index", _l("Complaints"), "complaint", 30, visible=policies.may_list))
