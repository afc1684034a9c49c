"""What the home page shows: the election line, the panels that lead for this user, the rest, the scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from app.i18n import local
from app.regions.elections import Countdown, countdown, current_election, same_day_elections
from app.regions.models import Election, Region, RegionLevel
from app.regions.services import ancestors
from app.registry import Panel, current_registry

# What "everything in it" means at each level: said in words, so nobody reads "the whole province".
BELOW = {
    RegionLevel.PROVINSI: _l("its regencies and cities, districts, villages and polling stations"),
    RegionLevel.KABUPATEN_KOTA: _l("its districts, villages and polling stations"),
    RegionLevel.KECAMATAN: _l("its villages and polling stations"),
    RegionLevel.DESA_KELURAHAN: _l("its polling stations"),
}


@dataclass
class Home:
    election: Election | None
    countdown: Countdown | None
    same_day: int = 0  # other elections over or inside the user's region on the same voting day
    lead: list[tuple[Panel, dict]] = field(default_factory=list)
    more: list[tuple[Panel, dict]] = field(default_factory=list)
    scope: Region | None = None
    scope_parent: Region | None = None
    below: Any = ""


def build_home(session: Session, user, now: datetime) -> Home:
    election = current_election(session, user.region_code, local(now, user.region_code).date())
    home = Home(election=election, countdown=countdown(election, now) if election else None)
    if election is not None:
        home.same_day = len(same_day_elections(session, user.region_code, election))
    for panel in current_registry().panels:
        context = panel.build(session, user, now)
        if context is None:
            continue
        (home.lead if panel.leads(user) else home.more).append((panel, context))
    chain = ancestors(session, user.region_code)
    if chain:
        home.scope = chain[0]
        home.scope_parent = chain[1] if len(chain) > 1 and chain[0].level > RegionLevel.KABUPATEN_KOTA else None
        home.below = BELOW.get(RegionLevel(chain[0].level), "")
    return home
