"""Who may see and change meetings.

- Seeing: the meeting's region is in the user's scope, and the user is an admin, belongs to the organising
  agency, is a head or secretariat of any agency, or was invited.
- Editing (details, agenda, attendance, minutes, actions, finalising): secretariat or head of the organising
  agency, or an admin, all in scope; the chair (a user linked as chair) may add minutes and finalise.
"""

from __future__ import annotations

from sqlalchemy.orm import object_session
from sqlmodel import select

from app.auth.models import Role, User
from app.authz import Policies, is_role, sees_region
from app.meetings.models import Action, Meeting, MeetingStatus, MinuteEntry, Participant

policies = Policies()


def _invited(user: User, meeting: Meeting) -> bool:
    session = object_session(meeting)
    if session is None or meeting.id is None:
        return False
    return (
        session.exec(
            select(Participant.id).where(Participant.meeting_id == meeting.id, Participant.user_id == user.id)
        ).first()
        is not None
    )


def organises(user: User, meeting: Meeting) -> bool:
    """Admin in scope, or secretariat/head of the organising agency in scope."""
    if not sees_region(user, meeting.region_code):
        return False
    if is_role(user, Role.ADMIN):
        return True
    return is_role(user, Role.SEKRETARIAT, Role.PIMPINAN) and user.agency == meeting.organiser_agency


@policies.rule("meetings.list")
def list_meetings(user: User, _obj: None) -> bool:
    return True  # the list itself is filtered by visible_clause


@policies.rule("meetings.create")
def create_meeting(user: User, _obj: None) -> bool:
    return is_role(user, Role.SEKRETARIAT, Role.PIMPINAN, Role.ADMIN)


@policies.rule("meeting.view")
def view_meeting(user: User, meeting: Meeting) -> bool:
    if not sees_region(user, meeting.region_code):
        return False
    if is_role(user, Role.ADMIN, Role.PIMPINAN, Role.SEKRETARIAT) or user.agency == meeting.organiser_agency:
        return True
    return _invited(user, meeting) or meeting.chair_user_id == user.id


@policies.rule("meeting.edit")
def edit_meeting(user: User, meeting: Meeting) -> bool:
    return organises(user, meeting) and meeting.status != MeetingStatus.FINAL.value


@policies.rule("meeting.minutes")
def write_minutes(user: User, meeting: Meeting) -> bool:
    if meeting.status == MeetingStatus.FINAL.value or not sees_region(user, meeting.region_code):
        return False
    return organises(user, meeting) or (meeting.chair_user_id is not None and meeting.chair_user_id == user.id)


@policies.rule("meeting.minute_edit")
def edit_own_minute(user: User, entry: MinuteEntry) -> bool:
    """Correct or remove one's own contribution while the notula is not final (a draft or being corrected)."""
    session = object_session(entry)
    meeting = session.get(Meeting, entry.meeting_id) if session else None
    return meeting is not None and entry.created_by_id == user.id and write_minutes(user, meeting)


@policies.rule("meeting.finalise")
def finalise_meeting(user: User, meeting: Meeting) -> bool:
    return write_minutes(user, meeting)


@policies.rule("meeting.correct")
def correct_meeting(user: User, meeting: Meeting) -> bool:
    """Reopen a finalised notula for a correction (a new version follows)."""
    if meeting.status != MeetingStatus.FINAL.value:
        return False
    return organises(user, meeting) or (meeting.chair_user_id is not None and meeting.chair_user_id == user.id)


@policies.rule("meeting.checkin")
def self_checkin(user: User, meeting: Meeting) -> bool:
    return sees_region(user, meeting.region_code) and _invited(user, meeting)


@policies.rule("action.close")
def close_action(user: User, action: Action) -> bool:
    """Organisers of the meeting, or the owner agency's desk (operator, head, secretariat) in scope."""
    session = object_session(action)
    meeting = session.get(Meeting, action.meeting_id) if session else None
    if meeting is None or not sees_region(user, meeting.region_code):
        return False
    if organises(user, meeting):
        return True
    return user.agency == action.owner_agency and is_role(user, Role.OPERATOR, Role.PIMPINAN, Role.SEKRETARIAT)


@policies.rule("meetings.letterhead")
def manage_letterhead(user: User, _obj: None) -> bool:
    return is_role(user, Role.ADMIN)


# The audit log and notifications name meetings by id: they show them by this same rule.
policies.viewable("meeting", Meeting, "meeting.view")
