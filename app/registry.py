"""Extension points that feature packages fill in at start-up: navigation, dashboard panels, demo seeders.

Each feature registers its own entries from its package (in ``register(app)``), so adding a feature never means
editing the dashboard or the base layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session


def _always(_user: Any) -> bool:
    return True


def _never(_user: Any) -> bool:
    return False


BOTTOM_BAR_SLOTS = 4  # plus "Lainnya": five tap targets fit a 360 px phone


@dataclass(frozen=True)
class NavItem:
    """A menu entry. ``permission`` is the policy (``app.authz``) the user needs: templates ask ``can(...)``.

    ``core(user)`` says the entry is that user's core work (Kesiapan for KPU operators, Pengaduan for Bawaslu):
    it gets a place in the phone's bottom bar before other entries. ``visible(user)`` is for presentation only
    (a "Lapor" shortcut that only field officers need), never for permissions. ``args`` are URL parameters.
    """

    endpoint: str
    label: Any  # lazy string
    icon: str  # id of a symbol in static/icons/sprite.svg
    order: int
    permission: str = "dashboard.view"
    visible: Callable[[Any], bool] = _always
    in_bottom_bar: bool = True  # the phone's bottom bar holds at most five items
    core: Callable[[Any], bool] = _never
    args: tuple[tuple[str, str], ...] = ()
    primary: bool = False  # drawn as the prominent action of the bar (e.g. "Lapor")

    @property
    def key(self) -> tuple:
        return (self.endpoint, self.args)

    @property
    def url_args(self) -> dict[str, str]:
        return dict(self.args)


def bottom_bar(items: list[NavItem], user: Any, slots: int = BOTTOM_BAR_SLOTS) -> list[NavItem]:
    """The entries of the phone's bottom bar: home and the user's core work first, then by menu order.

    ``items`` are those the user may open (already checked with ``can``); the result keeps menu order so
    that a tab does not move between pages.
    """
    candidates = [i for i in items if i.in_bottom_bar and i.visible(user)]
    ranked = sorted(candidates, key=lambda i: (i.order != 0, not i.primary, not i.core(user), i.order))
    chosen = ranked[:slots]
    return sorted(chosen, key=lambda i: i.order)


@dataclass(frozen=True)
class Panel:
    """A dashboard panel: ``build`` returns the template context, or None when the panel does not apply."""

    name: str
    template: str
    order: int
    build: Callable[[Session, Any, datetime], dict | None]
    # The panel is what this user acts on now: the home screen shows it first, before everything else.
    leads: Callable[[Any], bool] = _never


@dataclass(frozen=True)
class Reminder:
    """A time-based alert (deadline due today, meeting in 30 minutes) for some users.

    ``key`` is unique per occurrence (e.g. ``"meeting:12:start"``), so a reminder is sent once however often
    the sources are polled.
    """

    key: str
    user_ids: tuple[int, ...]
    title: str
    body: str
    url: str


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    seeders: list[tuple[int, str, Callable]] = field(default_factory=list)
    listeners: dict[str, list[Callable]] = field(default_factory=dict)
    reminder_sources: list[Callable] = field(default_factory=list)
    providers: dict[str, Callable] = field(default_factory=dict)
    audit_redactors: dict[str, Callable] = field(default_factory=dict)
    js_messages: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add_js_messages(self, namespace: str, messages: dict[str, Any]) -> None:
        """User-facing texts of a feature's script (``static/js/<feature>.js``), as lazy strings keyed by a short
        name. Pages carry them, translated, in a JSON data block; the script reads ``SinergiText("<namespace>")``.
        """
        self.js_messages.setdefault(namespace, {}).update(messages)

    def add_audit_redactor(self, object_type: str, redact: Callable) -> None:
        """``redact(user, data: dict) -> dict`` hides what ``user`` may not see in audit entries of that type
        (e.g. a complaint reporter's identity) before the audit log view shows them."""
        self.audit_redactors[object_type] = redact

    def provide(self, name: str, fn: Callable) -> None:
        """Offer a query other features may use without importing this one (e.g. ``"tps_incidents"``)."""
        self.providers[name] = fn

    def provider(self, name: str) -> Callable | None:
        """The provider registered under ``name``, or None when that feature is not installed."""
        return self.providers.get(name)

    def add_listener(self, event: str, listener: Callable) -> None:
        """Call ``listener(**payload)`` whenever a feature emits ``event`` (inside the emitter's transaction)."""
        handlers = self.listeners.setdefault(event, [])
        if listener not in handlers:
            handlers.append(listener)

    def emit(self, event: str, **payload: Any) -> None:
        """Tell other features that something happened; the emitter never needs to know who listens."""
        for listener in self.listeners.get(event, []):
            listener(**payload)

    def add_reminder_source(self, source: Callable) -> None:
        """``source(session, now) -> list[Reminder]``: time-based alerts collected by the notifications job."""
        if source not in self.reminder_sources:
            self.reminder_sources.append(source)

    def add_nav(self, item: NavItem) -> None:
        if all(existing.key != item.key for existing in self.nav):
            self.nav.append(item)
            self.nav.sort(key=lambda n: n.order)

    def add_panel(self, panel: Panel) -> None:
        if all(existing.name != panel.name for existing in self.panels):
            self.panels.append(panel)
            self.panels.sort(key=lambda p: p.order)

    def add_seeder(self, order: int, name: str, seeder: Callable) -> None:
        """``seeder(session, ctx)`` adds demo data; ``ctx`` carries ``now``, ``users``, ``election``…"""
        if all(existing[1] != name for existing in self.seeders):
            self.seeders.append((order, name, seeder))
            self.seeders.sort(key=lambda s: s[0])


registry = Registry()
