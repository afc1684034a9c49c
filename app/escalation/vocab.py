"""What a rule waits for and whom it alerts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.enums import LabelledEnum


class Condition(LabelledEnum):
    """What has not happened yet. Taking an incident in hand (ditangani) or resolving it clears both."""

    NOT_ACKNOWLEDGED = "not_acknowledged", _l("not received by the handling agency")
    NOT_HANDLED = "not_handled", _l("not being handled")


class Target(LabelledEnum):
    PIKET = "piket", _l("the handling agency's officer on duty")
    PIMPINAN = "pimpinan", _l("the handling agency's head")
    DESK_HEAD = "desk_head", _l("the desk head")


SEVERITY_CODES = ("rendah", "sedang", "tinggi")
