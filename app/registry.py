"""Extension points that feature packages fill in at start-up: policies, navigation, dashboard panels, demo
seeders, events, offline pages.

The registry belongs to the app: ``create_app`` makes a fresh one (``app.extensions["sinergi.registry"]``) and
each feature fills it in its ``register(app)`` through ``registry_of(app)``; code running inside a request or a
job reads it with ``current_registry()``. Nothing is registered by importing a module, so a test that builds its
own app gets its own registry and never edits a global.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from sqlmodel import Session

EXTENSION = "sinergi.registry"


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
    short_label: Any = None  # the bottom bar's word when ``label`` does not fit a fifth of a phone's width

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


@dataclass(frozen=True)
class Verification:
    """What ``/verifikasi/<code>`` shows for a code a feature recognises: its own page and context."""

    template: str
    context: dict


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
    policies: dict[str, Callable] = field(default_factory=dict)
    object_kinds: dict[str, Any] = field(default_factory=dict)  # app.authz.ObjectKind by object type
    offline_pages: set[str] = field(default_factory=set)
    offline_data: list[str] = field(default_factory=list)
    verifiers: list[Callable] = field(default_factory=list)

    def add_policies(self, policies: Any) -> None:
        """Install a feature's rules (``app.authz.Policies``): its actions and its confidential object types."""
        for action, rule in policies.rules.items():
            if action in self.policies:
                raise RuntimeError(f"policy {action!r} registered twice")
            self.policies[action] = rule
        for object_type, kind in policies.kinds.items():
            if object_type in self.object_kinds:
                raise RuntimeError(f"object type {object_type!r} declared twice")
            self.object_kinds[object_type] = kind

    def add_verifier(self, verifier: Callable) -> None:
        """``verifier(session, code) -> Verification | None``: a signed document of this feature (a notula, a
        laporan situasi) answers its printed code at the one public URL ``/verifikasi/<code>``."""
        if verifier not in self.verifiers:
            self.verifiers.append(verifier)

    def add_offline_page(self, *endpoints: str) -> None:
        """Pages of this feature the service worker may keep for offline reading (network first, then the copy)."""
        self.offline_pages.update(endpoints)

    def add_offline_data(self, endpoint: str) -> None:
        """A JSON endpoint the service worker keeps for offline forms (the view sets ``X-SW-Cache`` itself)."""
        if endpoint not in self.offline_data:
            self.offline_data.append(endpoint)

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
        if name in self.providers:
            raise RuntimeError(f"provider {name!r} registered twice")
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
        if any(existing.key == item.key for existing in self.nav):
            raise RuntimeError(f"nav item {item.key!r} registered twice")
        self.nav.append(item)
        self.nav.sort(key=lambda n: n.order)

    def add_panel(self, panel: Panel) -> None:
        if any(existing.name == panel.name for existing in self.panels):
            raise RuntimeError(f"panel {panel.name!r} registered twice")
        self.panels.append(panel)
        self.panels.sort(key=lambda p: p.order)

    def add_seeder(self, order: int, name: str, seeder: Callable) -> None:
        """``seeder(session, ctx)`` adds demo data; ``ctx`` carries ``now``, ``users``, ``election``…"""
        if any(existing[1] == name for existing in self.seeders):
            raise RuntimeError(f"seeder {name!r} registered twice")
        self.seeders.append((order, name, seeder))
        self.seeders.sort(key=lambda s: s[0])


def registry_of(app: Flask) -> Registry:
    """The registry of ``app`` (made by ``create_app``): what features fill in their ``register(app)``."""
    return app.extensions[EXTENSION]


def current_registry() -> Registry:
    """The registry of the app handling this request or job."""
    return registry_of(current_app)


# ---- page banners and incident sections (added for the voting-day command: instructions, escalations) -------


@dataclass(frozen=True)
class Banner:
    """A notice on top of every page (``templates/_partials/_banners.html``, included by base.html) for the users
    it concerns: an unread instruction, an escalation waiting for them. ``build(session, user, now)`` returns the
    template context (the template gets it as ``ctx``) or None when there is nothing to show this user."""

    name: str
    template: str
    order: int
    build: Callable[[Session, Any, datetime], dict | None]


@dataclass(frozen=True)
class IncidentSection:
    """A block another feature adds to the incident page (``/kerawanan/<id>``): the escalation trail, likely
    duplicates. ``build(session, user, entry, now)`` returns the template context (``ctx``) or None; the timeline
    renders it without importing that feature."""

    name: str
    template: str
    order: int
    build: Callable[[Session, Any, Any, datetime], dict | None]


def _hooks(app: Flask) -> dict[str, list]:
    return app.extensions.setdefault("sinergi.page_hooks", {"banners": [], "incident_sections": []})


def _add_hook(app: Flask, kind: str, item: Any, template_global: Callable) -> None:
    items = _hooks(app)[kind]
    if any(existing.name == item.name for existing in items):
        raise RuntimeError(f"{kind} {item.name!r} registered twice")
    items.append(item)
    items.sort(key=lambda i: i.order)
    app.jinja_env.globals[template_global.__name__] = template_global


def add_banner(app: Flask, banner: Banner) -> None:
    """Show ``banner`` on top of every page of ``app`` (once per name)."""
    _add_hook(app, "banners", banner, page_banners)


def add_incident_section(app: Flask, section: IncidentSection) -> None:
    """Render ``section`` on the incident page of ``app`` (once per name)."""
    _add_hook(app, "incident_sections", section, incident_sections)


def _built(kind: str, *args: Any) -> list[tuple[Any, dict]]:
    from flask_login import current_user

    from app.clock import utcnow
    from app.db import get_session

    if not getattr(current_user, "is_authenticated", False):
        return []
    session, now = get_session(), utcnow()
    built = ((item, item.build(session, current_user, *args, now)) for item in _hooks(current_app)[kind])
    return [(item, context) for item, context in built if context is not None]


def page_banners() -> list[tuple[Banner, dict]]:
    """The banners for the logged-in user of this request, with their contexts (template global)."""
    return _built("banners")


def incident_sections(entry: Any) -> list[tuple[IncidentSection, dict]]:
    """Other features' blocks for the incident page of ``entry`` (template global)."""
    return _built("incident_sections", entry)
