"""The generated sections of a situation report, from what the other features already hold.

Every number comes from the query the corresponding page uses (the incident summary's rule for Kerawanan, the
readiness overview for Logistik/Pengamanan/Partisipasi, the complaint queue summary for Pengaduan, the
meetings' own tables, the ``instructions_issued`` provider), for the report's region and period.

Visibility: a report is read by every agency of the desk, so the generated text is built for the least
entitled reader. A restricted item (a timeline entry shown to some agencies only, an instruction addressed to
some agencies, a meeting's own decisions) is **counted** but its text never enters the report. Complaints
are counted by stage only: never a reporter, a party, or a text (Perbawaslu 9/2024 keeps the reporter's
identity confidential). The document is Indonesian whatever the reader's language (official documents).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import func
from sqlmodel import Session, select

from app.i18n import id_time, local, local_date
from app.regions.models import Region
from app.regions.services import scope_clause
from app.registry import current_registry
from app.sitrep.headline import headline

TEXT_LIMIT = 200  # characters of an entry's text quoted in the report


def _clip(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _minutes(values: list[float], fn) -> int | None:
    return round(fn(values)) if values else None


# ---- Kerawanan ---------------------------------------------------------------------------------------------


def incidents(session: Session, region_code: str, start: datetime, end: datetime) -> list:
    """Incidents of the timeline's summary rule (top-level kerawanan, duplicates counted once as their
    original, by event time) in the region and the period, every agency's restricted ones included."""
    from app.timeline.duplicates import counted
    from app.timeline.models import Entry
    from app.timeline.vocab import Kind

    query = select(Entry).where(
        Entry.kind == Kind.KERAWANAN,
        Entry.parent_id.is_(None),
        scope_clause(Entry.region_code, region_code),
        Entry.occurred_at >= start,
        Entry.occurred_at < end,
        counted(),
    )
    return list(session.exec(query.order_by(Entry.occurred_at, Entry.id)).all())


def kerawanan(session: Session, region_code: str, start: datetime, end: datetime) -> dict:
    from app.timeline.vocab import Status, category_label

    rows = incidents(session, region_code, start, end)
    by_status = Counter(e.status for e in rows)
    by_category = Counter(e.category or "" for e in rows)
    kec_codes = {".".join(e.region_code.split(".")[:3]) for e in rows if e.region_code.count(".") >= 2}
    names = {r.code: r.name for r in session.exec(select(Region).where(Region.code.in_(kec_codes))).all()}
    by_kec: dict[str, list[int]] = {}
    for e in rows:
        kec = ".".join(e.region_code.split(".")[:3]) if e.region_code.count(".") >= 2 else ""
        pair = by_kec.setdefault(kec, [0, 0])
        pair[0] += 1
        pair[1] += e.status != Status.SELESAI
    handle = [(e.handled_at - e.occurred_at).total_seconds() / 60 for e in rows if e.handled_at]
    resolve = [(e.resolved_at - e.occurred_at).total_seconds() / 60 for e in rows if e.resolved_at]
    important = []
    for e in rows:
        if not e.important:
            continue
        restricted = bool(e.visible_agencies)
        important.append(
            {
                "time": id_time(e.occurred_at, e.region_code),
                "status": str(Status.label_of(e.status)) if e.status else "",
                "text": None if restricted else _clip(e.text),
                "restricted": restricted,
            }
        )
    return {
        "total": len(rows),
        "open": sum(1 for e in rows if e.status != Status.SELESAI),
        "restricted": sum(1 for e in rows if e.visible_agencies),
        "by_status": [[s.value, str(s.label), by_status.get(s.value, 0)] for s in Status],
        "by_category": [
            [code, category_label(code) or "Lainnya", n]
            for code, n in sorted(by_category.items(), key=lambda i: (-i[1], i[0]))
        ],
        "by_kecamatan": [
            [code, names.get(code, code if code else "Tingkat kabupaten/kota"), n, open_]
            for code, (n, open_) in sorted(by_kec.items())
        ],
        "median_handle": _minutes(handle, statistics.median),
        "max_handle": _minutes(handle, max),
        "median_resolve": _minutes(resolve, statistics.median),
        "max_resolve": _minutes(resolve, max),
        "important": important,
    }


# ---- Readiness: Logistik, Pengamanan, Kerawanan TPS, Partisipasi -------------------------------------------


def readiness_overview(session: Session, region_code: str, now: datetime):
    """The readiness overview of the region, as its page and the dashboard panel build it."""
    from app.readiness.services import rollup
    from app.readiness.services.deployment import current_operation
    from app.regions.elections import current_election

    election = current_election(session, region_code, local_date(now, region_code))
    return rollup.build(
        session,
        region_code,
        operation=current_operation(session, region_code),
        voting_day=election.voting_day if election else None,
        now=now,
    )


def readiness(session: Session, region_code: str, now: datetime) -> dict:
    data = readiness_overview(session, region_code, now)
    total = data.total
    return {
        "logistik": {
            "pct": total.logistics_pct,
            "tps": total.tps,
            "delivered": total.delivered,
            "needed": total.needed,
            "ready": total.ready,
            "short": total.logistics_short,
            "behind": data.behind,
            "transfers": data.transfers,
            "transferred": data.transferred,
            "behind_kecamatan": [[a.name, a.logistics_pct] for a in data.kecamatan if a.logistics_short > 0][:5],
        },
        "pengamanan": {
            "operation": data.operation.name if data.operation else "",
            # Whole people, as the readiness pages show them: a pattern of "1 per 2 TPS" is a person, not 0.5.
            "required": math.ceil(total.required - 1e-9),
            "assigned": round(total.assigned),
            "linmas": total.linmas,
            "gap_tps": total.gap_tps,
            "tps": total.tps,
        },
        "tps_rawan": {
            "rawan_tps": total.rawan_tps,
            "tps": total.tps,
            "categories": dict(sorted(data.categories.items())),
        },
        "partisipasi": (
            {"pct": total.turnout_pct, "reported": total.reported, "tps": total.tps, "voted": total.voted}
            if total.reported
            else None
        ),
    }


# ---- Pengaduan netralitas ----------------------------------------------------------------------------------


def pengaduan(session: Session, region_code: str, now: datetime) -> dict:
    """Counts only, by status and Gakkumdu stage, and how many are overdue: never an identity or a text."""
    from app.complaints.queries import summary
    from app.complaints.vocab import Stage, Status

    data = summary(session, region_code, now)
    return {
        "total": sum(data.by_status.values()),
        "by_status": [[s.value, str(s.label), data.by_status.get(s, 0)] for s in Status if data.by_status.get(s, 0)],
        "overdue": data.overdue,
        "due_today": data.due_today,
        "late_filing": data.late_filing,
        "gakkumdu": [[s.value, str(s.label), n] for s in Stage if (n := data.gakkumdu_by_stage.get(s, 0))],
        "gakkumdu_overdue": data.gakkumdu_overdue,
    }


# ---- Rapat dan tindak lanjut -------------------------------------------------------------------------------


def rapat(session: Session, region_code: str, start: datetime, end: datetime, now: datetime) -> dict:
    """Meetings held in the period, decisions recorded in them, and the region's follow-up actions still open
    (overdue: due date passed). Meetings may be closed to their invitees, so the report counts them only."""
    from app.meetings.models import Action, ActionStatus, Meeting, MinuteEntry, MinuteKind

    held = session.exec(
        select(Meeting.id).where(
            scope_clause(Meeting.region_code, region_code), Meeting.starts_at >= start, Meeting.starts_at < end
        )
    ).all()
    decisions = 0
    if held:
        decisions = session.exec(
            select(func.count(MinuteEntry.id)).where(
                MinuteEntry.meeting_id.in_(list(held)), MinuteEntry.kind == MinuteKind.DECISION.value
            )
        ).one()
    today = local_date(now, region_code)
    open_actions = session.exec(
        select(Action.due_date)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(scope_clause(Meeting.region_code, region_code), Action.status == ActionStatus.OPEN.value)
    ).all()
    return {
        "held": len(held),
        "decisions": int(decisions or 0),
        "open_actions": len(open_actions),
        "overdue_actions": sum(1 for due in open_actions if due is not None and due < today),
    }


# ---- Hari-H -----------------------------------------------------------------------------------------------


def hari_h(session: Session, region_code: str, start: datetime, end: datetime, now: datetime) -> dict | None:
    """The TPS board's numbers when the period covers voting day (provider ``votingday_summary``), else None."""
    provided = current_registry().provider("votingday_summary")
    return None if provided is None else provided(session, region_code, start, end, now)


# ---- Instruksi ---------------------------------------------------------------------------------------------


def instruksi(session: Session, viewer, region_code: str, start: datetime, end: datetime) -> dict | None:
    """Instructions issued in the period (provider ``instructions_issued``): the text of those sent to everyone
    in scope; one addressed to some agencies or roles, or about an incident, only counted."""
    issued = current_registry().provider("instructions_issued")
    if issued is None or viewer is None:
        return None
    from app.instructions.models import Instruction

    rows = issued(session, viewer, region_code, start, end)
    ids = [row["id"] for row in rows]
    targets = (
        {
            i: bool(agencies or roles or incident)
            for i, agencies, roles, incident in session.exec(
                select(
                    Instruction.id, Instruction.target_agencies, Instruction.target_roles, Instruction.incident_id
                ).where(Instruction.id.in_(ids))
            ).all()
        }
        if ids
        else {}
    )
    items = []
    for row in rows:
        restricted = targets.get(row["id"], True)
        items.append(
            {
                "time": id_time(row["sent_at"], region_code),
                "agency": row["author_agency"],
                "text": None if restricted else _clip(row["text"]),
                "restricted": restricted,
                "read": row["read"],
                "recipients": row["recipients"],
            }
        )
    return {"count": len(rows), "restricted": sum(1 for i in items if i["restricted"]), "items": items}


# ---- The whole report --------------------------------------------------------------------------------------


def build_sections(
    session: Session, *, region_code: str, start: datetime, end: datetime, viewer, now: datetime
) -> dict:
    """All generated sections, as JSON-ready data with Indonesian labels."""
    with force_locale("id"):
        sections = {
            "kerawanan": kerawanan(session, region_code, start, end),
            "hari_h": hari_h(session, region_code, start, end, now),
            **readiness(session, region_code, now),
            "pengaduan": pengaduan(session, region_code, now),
            "rapat": rapat(session, region_code, start, end, now),
            "instruksi": instruksi(session, viewer, region_code, start, end),
            "generated_at": now.isoformat(),
            "generated_local": f"{id_time(now, region_code)}, {local(now, region_code).strftime('%d-%m-%Y')}",
        }
        sections["headline"] = headline(sections, region_code, end, now)
    return sections
