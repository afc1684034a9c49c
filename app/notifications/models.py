"""Notifications (one row per user and occurrence), push subscriptions (one per device) and settings."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.enums import EnumColumns, LabelledEnum, enum_field


class Kind(LabelledEnum):
    INCIDENT = "incident", _l("Incident")  # a new high-severity incident in scope
    ASSIGNMENT = "assignment", _l("Assignment")  # an incident assigned to my agency
    OWN_REPORT = "own_report", _l("Your report")  # the incident I reported was taken in hand or resolved
    REMINDER = "reminder", _l("Reminder")  # complaint deadline today, meeting in 30 minutes…
    INFO = "info", _l("Information")
    ESCALATION = "escalation", _l("Escalation")  # an incident not received or handled in time (app/escalation)
    INSTRUCTION = "instruction", _l("Instruction")  # an instruction to read and acknowledge (app/instructions)
    SITREP = "sitrep", _l("Situation report")  # a draft laporan situasi is ready to review and sign (app/sitrep)

    @property
    def setting(self) -> str:
        """The ``NotificationSetting`` switch that decides whether this kind is pushed."""
        return PUSH_SWITCH.get(self, "push_enabled")


PUSH_SWITCH = {
    Kind.INCIDENT: "incidents",
    Kind.OWN_REPORT: "incidents",
    Kind.ASSIGNMENT: "assignments",
    Kind.REMINDER: "reminders",
    Kind.ESCALATION: "assignments",  # like an assignment: the user's agency must act on an incident now
}


class PushStatus(LabelledEnum):
    # Not shown to users (no labels): where a notification stands with push delivery.
    NONE = "none"  # the user does not want this kind pushed (or has push off)
    PENDING = "pending"  # the background job has still to send it
    SENT = "sent"
    FAILED = "failed"  # no device accepted it


class Notification(EnumColumns, SQLModel, table=True):
    """Something a user should see. ``key`` identifies the occurrence, so it is stored once per user."""

    __tablename__ = "notification"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_notification_user_id_key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    kind: Kind = enum_field(Kind, 20, default=Kind.INFO)
    key: str = Field(max_length=120)
    title: str = Field(max_length=200)
    body: str = Field(max_length=500, default="")
    url: str = Field(max_length=300, default="/notifikasi")
    # What it is about (e.g. "timeline_entry", "42"): shown only while the user may still see that object.
    object_type: str | None = Field(default=None, max_length=64)
    object_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(index=True)
    read_at: datetime | None = None
    push_status: PushStatus = enum_field(PushStatus, 10, default=PushStatus.NONE, index=True)


class PushSubscription(SQLModel, table=True):
    """One browser's push endpoint for one account (a shared phone re-subscribes for the next user)."""

    __tablename__ = "push_subscription"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    endpoint: str = Field(max_length=1000, unique=True)
    p256dh: str = Field(max_length=200)
    auth: str = Field(max_length=100)
    user_agent: str = Field(max_length=200, default="")
    created_at: datetime
    last_success_at: datetime | None = None


class NotificationSetting(SQLModel, table=True):
    """Which kinds a user wants pushed to their devices (the in-app list always shows everything)."""

    __tablename__ = "notification_setting"

    user_id: int = Field(foreign_key="user_account.id", primary_key=True)
    push_enabled: bool = True
    incidents: bool = True
    assignments: bool = True
    reminders: bool = True
    updated_at: datetime
