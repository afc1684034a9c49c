"""Whom an instruction can address, and how its audience reads in a sentence."""

from __future__ import annotations

from flask_babel import gettext as _

from app.auth.models import Agency, Role

# Roles an instruction may address; "all roles" means these (administrators run accounts, not operations).
TARGET_ROLES = [Role.PETUGAS, Role.OPERATOR, Role.PIMPINAN, Role.SEKRETARIAT]
TARGET_AGENCIES = list(Agency)


def audience_label(agencies: list[str], roles: list[str], region_label: str) -> str:
    """``Polri, TNI · Kepala · Kecamatan Membalong`` (all agencies / all roles when none are named)."""
    who = ", ".join(Agency.label_of(a) for a in agencies) if agencies else _("all agencies")
    parts = [who]
    if roles:
        parts.append(", ".join(Role.label_of(r) for r in roles))
    parts.append(region_label)
    return " · ".join(parts)
