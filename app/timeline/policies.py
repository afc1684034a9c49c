"""Who may read and change timeline entries."""

from __future__ import annotations

from app.auth.models import Role, User
from app.authz import Policies, is_role
from app.timeline.models import Entry
from app.timeline.queries import is_visible
from app.timeline.vocab import Kind

policies = Policies()


@policies.rule("timeline.view")
def view(user: User, entry: Entry | None) -> bool:
    return entry is None or is_visible(user, entry)


@policies.rule("timeline.post")
def post(user: User, _obj) -> bool:
    return True  # every agency and role posts to the timeline (SPEC §2)


@policies.rule("timeline.followup")
def followup(user: User, entry: Entry) -> bool:
    return is_visible(user, entry) and entry.parent_id is None


@policies.rule("timeline.status")
def change_status(user: User, entry: Entry) -> bool:
    """Operators of the handling agency and pimpinan (of any agency) move an incident's status."""
    if not is_visible(user, entry) or entry.kind != Kind.KERAWANAN:
        return False
    if is_role(user, Role.PIMPINAN):
        return True
    return is_role(user, Role.OPERATOR) and (entry.handling_agency in (None, user.agency))


@policies.rule("timeline.assign")
def assign(user: User, entry: Entry) -> bool:
    return is_visible(user, entry) and entry.kind == Kind.KERAWANAN and is_role(user, Role.OPERATOR, Role.PIMPINAN)


@policies.rule("timeline.ack")
def ack(user: User, entry: Entry) -> bool:
    return is_visible(user, entry) and entry.parent_id is None and is_role(user, Role.OPERATOR, Role.PIMPINAN)


@policies.rule("timeline.promote")
def promote(user: User, entry: Entry) -> bool:
    return is_visible(user, entry) and entry.parent_id is None and is_role(user, Role.OPERATOR, Role.PIMPINAN)


@policies.rule("timeline.summary")
def summary(user: User, _obj) -> bool:
    return True


# The audit log and notifications name entries by id: they show them by this same rule.
policies.viewable("timeline_entry", Entry, "timeline.view")
