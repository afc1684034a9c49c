"""Audit entries as Indonesian sentences: "Budi (Polri) mengubah status kerawanan #12 menjadi ditangani".

Users never see an action code or raw JSON: every known action has a sentence, every shown field a label, and a
value is shown through its label (status, agency, yes/no, a date in words). Fields without a label are not shown
(free text never is: the object's own page shows it to those who may read it).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.audit.values import agency_label, value_text

SENTENCES = {
    "timeline.post": _l("%(who)s posted %(object)s"),
    "timeline.followup": _l("%(who)s added a follow-up to %(parent)s"),
    "timeline.status": _l("%(who)s changed the status of %(object)s to %(status)s"),
    "timeline.assign": _l("%(who)s handed %(object)s to %(handling_agency)s"),
    "timeline.promote": _l("%(who)s marked %(object)s as important"),
    "complaint.create": _l("%(who)s recorded %(object)s"),
    "complaint.submit": _l("The reporter sent %(object)s"),
    "complaint.status": _l("%(who)s changed the status of %(object)s to %(status)s"),
    "complaint.checklist": _l("%(who)s updated the requirement checklist of %(object)s"),
    "complaint.message": _l("%(who)s sent a message to the reporter of %(object)s"),
    "complaint.reporter_info": _l("The reporter added information to %(object)s"),
    "complaint.route": _l("%(who)s forwarded %(object)s"),
    "complaint.outcome": _l("%(who)s recorded the outcome of %(object)s"),
    "complaint.identity_view": _l("%(who)s viewed the reporter's identity of %(object)s"),
    "complaint.identity_erased": _l("The reporter's identity of %(object)s was erased after the retention period"),
    "complaint.secret_reissue": _l("A new secret was issued for %(object)s"),
    "complaint.signature": _l("%(who)s recorded the signed report form of %(object)s"),
    "complaint.late_override": _l("%(who)s registered %(object)s although it was filed late, giving a reason"),
    "gakkumdu.open": _l("%(who)s opened %(object)s"),
    "gakkumdu.stage": _l("%(who)s moved %(object)s to the stage %(stage)s"),
    "user.create": _l("%(who)s created %(object)s"),
    "user.edit": _l("%(who)s changed %(object)s"),
    "user.activate": _l("%(who)s activated %(object)s"),
    "user.deactivate": _l("%(who)s deactivated %(object)s"),
    "user.password_change": _l("%(who)s changed their password"),
    "user.password_reset": _l("%(who)s reset the password of %(object)s"),
    "user.logout_everywhere": _l("%(who)s logged out on every device"),
    "meeting.create": _l("%(who)s created %(object)s"),
    "meeting.update": _l("%(who)s changed %(object)s"),
    "meeting.minute": _l("%(who)s added a minute to %(object)s"),
    "meeting.minute_edit": _l("%(who)s corrected a minute of %(object)s"),
    "meeting.minute_delete": _l("%(who)s removed a minute of %(object)s"),
    "meeting.action_add": _l("%(who)s added a follow-up action to %(object)s"),
    "meeting.action_done": _l("%(who)s marked %(object)s as done"),
    "meeting.action_reopen": _l("%(who)s reopened %(object)s"),
    "meeting.attendance": _l("%(who)s recorded attendance at %(object)s"),
    "meeting.guest": _l("%(who)s added a guest to %(object)s"),
    "meeting.checkin": _l("%(who)s checked in at %(object)s"),
    "meeting.finalise": _l("%(who)s finalised the minutes of %(object)s"),
    "meeting.reopen": _l("%(who)s reopened the minutes of %(object)s"),
    "meeting.link_timeline": _l("%(who)s linked a timeline entry to %(object)s"),
    "meeting.letterhead": _l("%(who)s changed the letterhead"),
    "readiness.tps_update": _l("%(who)s changed the data of %(object)s"),
    "readiness.tps_import": _l("%(who)s imported TPS data"),
    "readiness.stock": _l("%(who)s updated the logistics of %(object)s"),
    "readiness.delivery": _l("%(who)s updated the logistics delivery of %(object)s"),
    "readiness.ballot_transfer": _l("%(who)s recorded %(object)s"),
    "readiness.turnout": _l("%(who)s entered the turnout of %(object)s"),
    "readiness.rawan": _l("%(who)s updated the vulnerability indicators of %(object)s"),
    "readiness.aght_create": _l("%(who)s recorded %(object)s"),
    "readiness.operation_create": _l("%(who)s created %(object)s"),
    "readiness.pattern": _l("%(who)s changed the deployment pattern of %(object)s"),
    "readiness.category": _l("%(who)s changed the security category of %(object)s"),
    "readiness.assign": _l("%(who)s assigned personnel to %(object)s"),
    "readiness.linmas": _l("%(who)s entered the Linmas count of %(object)s"),
    "push.subscribe": _l("%(who)s turned on notifications on a device"),
    "push.unsubscribe": _l("%(who)s turned off notifications on a device"),
    "push.expired": _l("A device no longer accepts notifications and was removed"),
    "notifications.settings": _l("%(who)s changed their notification settings"),
    "duty.shift_add": _l("%(who)s put %(object)s on the duty roster"),
    "duty.shift_edit": _l("%(who)s changed %(object)s of the duty roster"),
    "duty.shift_delete": _l("%(who)s removed %(object)s from the duty roster"),
    "duty.handover": _l("%(who)s wrote %(object)s"),
    "escalation.rules": _l("%(who)s changed the escalation rules of %(object)s"),
    "escalation.fire": _l("%(object)s was escalated: the people of the next level were alerted"),
    "instruction.send": _l("%(who)s sent %(object)s"),
    "instruction.read": _l("%(who)s marked %(object)s as understood"),
    "timeline.duplicate_link": _l("%(who)s marked %(object)s as a duplicate"),
    "timeline.duplicate_unlink": _l("%(who)s counted %(object)s on its own again (not a duplicate)"),
    "votingday.checkin": _l("%(who)s recorded a voting-day step at %(object)s"),
    "votingday.assign": _l("%(who)s posted an officer to %(object)s"),
    "votingday.unassign": _l("%(who)s ended an officer's posting to %(object)s"),
    "sitrep.generate": _l("%(who)s generated %(object)s"),
    "sitrep.edit": _l("%(who)s edited the narrative of %(object)s"),
    "sitrep.refresh": _l("%(who)s generated the figures of %(object)s again"),
    "sitrep.sign": _l("%(who)s signed %(object)s"),
    "sitrep.correct": _l("%(who)s started a correction of a signed situation report as %(object)s"),
}
FALLBACK = _l("%(who)s changed %(object)s")

OBJECTS = {
    "timeline_entry": _l("timeline entry #%(id)s"),
    "incident": _l("incident #%(id)s"),
    "complaint": _l("report #%(id)s"),
    "gakkumdu_case": _l("Gakkumdu case #%(id)s"),
    "user": _l("account #%(id)s"),
    "tps": _l("TPS #%(id)s"),
    "meeting": _l("meeting #%(id)s"),
    "meeting_action": _l("follow-up action #%(id)s"),
    "meeting_letterhead": _l("letterhead #%(id)s"),
    "aght": _l("AGHT entry #%(id)s"),
    "operation": _l("security operation #%(id)s"),
    "ballot_transfer": _l("ballot transfer #%(id)s"),
    "import": _l("import #%(id)s"),
    "push_subscription": _l("device #%(id)s"),
    "notification_setting": _l("notification settings"),
    "duty_shift": _l("shift #%(id)s"),
    "duty_handover": _l("hand-over note #%(id)s"),
    "escalation_rules": _l("the desk %(id)s"),
    "instruction": _l("instruction #%(id)s"),
    "sitrep_report": _l("situation report #%(id)s"),
}
OBJECT_FALLBACK = _l("record #%(id)s")

# Fields shown in the details, by label. Free text (text, notes, messages) is deliberately absent.
FIELD_LABELS = {
    "status": _l("Status"),
    "severity": _l("Severity"),
    "handling_agency": _l("Handling agency"),
    "category": _l("Category"),
    "important": _l("Important"),
    "visible_agencies": _l("Visible to"),
    "visible_to": _l("Visible to"),
    "kind": _l("Kind"),
    "region_code": _l("Region"),
    "channel": _l("Channel"),
    "register_number": _l("Register number"),
    "late_filing": _l("Filed late"),
    "stage": _l("Stage"),
    "recipient": _l("Forwarded to"),
    "letter_number": _l("Letter number"),
    "letter_date": _l("Letter date"),
    "title": _l("Title"),
    "place": _l("Place"),
    "starts_at": _l("Start"),
    "active": _l("Active"),
    "role": _l("Role"),
    "agency": _l("Agency"),
    "username": _l("Username"),
    "name": _l("Name"),
    "position": _l("Position"),
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "voted": _l("Voters who voted"),
    "quantity": _l("Quantity"),
    "level": _l("Level"),
    "version": _l("Version"),
    "present": _l("Present"),
    "owner": _l("Owner agency"),
    "created": _l("Rows created"),
    "updated": _l("Rows updated"),
    "personnel": _l("Personnel"),
    "duplicate_of": _l("Duplicate of incident"),
    "recipients": _l("Recipients"),
    "minutes": _l("After (minutes)"),
    "ends_at": _l("End"),
    "incidents": _l("Open incidents listed"),
    "instructions": _l("Unread instructions listed"),
    "levels": _l("Levels"),
    "officer": _l("Officer"),
    "occurred_at": _l("When it happened"),
}


class _Values(dict):
    """Placeholders a sentence names but the entry lacks read as empty, never as an error."""

    def __missing__(self, key: str) -> str:
        return ""


def object_label(entry, data: dict[str, Any]) -> str:
    object_type = entry.object_type
    if object_type == "timeline_entry" and (
        data.get("kind") == "kerawanan" or entry.action in ("timeline.status", "timeline.assign")
    ):
        object_type = "incident"
    return str(OBJECTS.get(object_type, OBJECT_FALLBACK)) % {"id": entry.object_id}


def who(actor) -> str:
    if actor is None:
        return _("The system")
    agency = agency_label(actor.agency) if getattr(actor, "agency", None) else ""
    return f"{actor.name} ({agency})" if agency else actor.name


def sentence(entry, actor, data: dict[str, Any]) -> str:
    """The entry in one Indonesian sentence (``data`` is the redacted before/after)."""
    after = data.get("after") or {}
    values = _Values(who=who(actor), object=object_label(entry, after))
    if "parent_id" in after:
        values["parent"] = str(OBJECTS["timeline_entry"]) % {"id": after["parent_id"]}
    for key in ("status", "handling_agency", "stage"):
        if key in after:
            shown = value_text(entry.object_type, key, after[key])
            values[key] = shown[:1].lower() + shown[1:] if key == "status" else shown
    return str(SENTENCES.get(entry.action, FALLBACK)) % values


def details(entry, data: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    """(label, before or None, after) for the labelled fields that changed or were set."""
    before, after = data.get("before") or {}, data.get("after") or {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        if key not in FIELD_LABELS or (key in before and key in after and before[key] == after[key]):
            continue
        old = value_text(entry.object_type, key, before[key]) if key in before else None
        new = value_text(entry.object_type, key, after[key]) if key in after else "–"
        rows.append((str(FIELD_LABELS[key]), old, new))
    return rows
