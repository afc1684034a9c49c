"""Complaints (with their history) and desk meetings (agenda, attendance, minutes, actions) of one kabupaten."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, select

from app.auth.models import User
from app.benchdata import plan
from app.benchdata.bulk import insert_rows, reserve_ids
from app.benchdata.people import person
from app.complaints.models import Complaint, ComplaintUpdate
from app.meetings.models import Action, AgendaItem, Meeting, MinuteEntry, Participant
from app.regions.models import Election

STATUSES = [
    ("diterima", 15),
    ("kajian_awal", 15),
    ("diregistrasi", 15),
    ("klarifikasi", 10),
    ("kajian", 10),
    ("terbukti", 5),
    ("tidak_terbukti", 5),
    ("diteruskan", 10),
    ("tidak_diregistrasi", 5),
    ("selesai", 10),
]
SUBJECTS = [("asn", "skb02"), ("asn", "skb06"), ("kades", "desa_kampanye"), ("lurah", "skb04"), ("pppk", "skb07")]
REGISTERED = {"diregistrasi", "klarifikasi", "kajian", "terbukti", "tidak_terbukti", "diteruskan", "selesai"}


def tracking_code(kabupaten: str, n: int) -> str:
    return f"BN{kabupaten.replace('.', '')}{n:04d}"


def complaints_done(session: Session, kabupaten: str) -> bool:
    found = select(Complaint.id).where(Complaint.tracking_code == tracking_code(kabupaten, 1))
    return session.exec(found).first() is not None


def _complaint(r, kabupaten: str, n: int, election_id: int | None, offset: int) -> dict:
    known = plan.CAMPAIGN_START + timedelta(days=r.randint(0, 60))
    received = datetime.combine(known + timedelta(days=r.randint(0, 6)), time(9 - offset + r.randint(0, 6)), UTC)
    kind = r.choices(["laporan", "temuan", "informasi_awal"], weights=[60, 25, 15])[0]
    status = "informasi_awal" if kind == "informasi_awal" else r.choices(*zip(*STATUSES, strict=True))[0]
    subject, violation = r.choice(SUBJECTS)
    reporter = person(r) if kind == "laporan" else ""
    return {
        "kind": kind,
        "channel": {"laporan": "langsung", "temuan": "temuan", "informasi_awal": "online"}[kind],
        "status": status,
        "region_code": kabupaten,
        "election_id": election_id,
        "tracking_code": tracking_code(kabupaten, n),
        "anonymous": kind == "informasi_awal",
        "reporter_name": reporter,
        "subject_name": person(r),
        "subject_type": subject,
        "subject_institution": "Pemerintah Daerah",
        "violation_type": violation,
        "event_summary": "Dugaan ketidaknetralan dalam kampanye",
        "occurred_on": known - timedelta(days=r.randint(0, 2)),
        "known_on": known,
        "description": "Terlapor diduga mengajak warga memilih salah satu pasangan calon.",
        "received_at": received,
        "filing_deadline": known + timedelta(days=7),
        "status_since": received + timedelta(days=r.randint(0, 5)),
        "checklist": {},
        "register_number": f"{n:03d}/Reg/LP/PB/Kab/{kabupaten}/XI/2024" if status in REGISTERED else None,
        "register_seq": n if status in REGISTERED else None,
        "registered_at": received + timedelta(days=2) if status in REGISTERED else None,
        "a1_signed_at": received if kind == "laporan" and status != "diterima" else None,
        "created_at": received,
    }


def complaints(session: Session, kabupaten: str) -> int:
    r = plan.rng("complaints", kabupaten)
    election = session.exec(select(Election.id).where(Election.region_code == kabupaten)).first()
    rows = [
        _complaint(r, kabupaten, n, election, plan.utc_offset(kabupaten))
        for n in range(1, r.randint(*plan.COMPLAINTS_PER_KABUPATEN) + 1)
    ]
    first = reserve_ids(session, Complaint, len(rows))
    updates = []
    for offset, row in enumerate(rows):
        row["id"] = first + offset
        updates.append({"complaint_id": row["id"], "at": row["received_at"], "kind": "status", "to_status": "diterima"})
        if row["status"] != "diterima":
            updates.append(
                {"complaint_id": row["id"], "at": row["status_since"], "kind": "status", "to_status": row["status"]}
            )
    insert_rows(session, Complaint, rows)
    insert_rows(session, ComplaintUpdate, updates)
    return len(rows)


def series(kabupaten: str) -> str:
    return f"bench:{kabupaten}"


def meetings_done(session: Session, kabupaten: str) -> bool:
    return session.exec(select(Meeting.id).where(Meeting.series == series(kabupaten)).limit(1)).first() is not None


def _meeting_rows(r, kabupaten: str, n: int, people: list[User], offset: int) -> tuple[dict, list, list]:
    day = plan.VOTING_DAY - timedelta(days=7 * (plan.MEETINGS_PER_KABUPATEN - n))
    starts = datetime.combine(day, time(9), UTC) - timedelta(hours=offset)
    chair = next((p for p in people if p.agency == "PEMDA" and p.role == "pimpinan"), people[0])
    meeting = {
        "title": f"Rapat Koordinasi Desk Pilkada ke-{n}",
        "kind": "desk",
        "organiser_agency": "PEMDA",
        "region_code": kabupaten,
        "series": series(kabupaten),
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "place": "Ruang Rapat Sekretariat Daerah",
        "chair_name": chair.name,
        "chair_user_id": chair.id,
        "minute_name": person(r),
        "status": "draft",
        "checkin_code": f"{r.randrange(16**8):08X}",
        "created_at": starts - timedelta(days=3),
        "updated_at": starts,
    }
    items = [{"position": p, "title": t} for p, t in enumerate(("Kesiapan logistik", "Pengamanan", "Lain-lain"), 1)]
    attendees = r.sample(people, min(10, len(people)))
    return meeting, items, attendees


def meetings(session: Session, kabupaten: str) -> int:
    people = list(
        session.exec(select(User).where(User.username.startswith("b" + kabupaten.replace(".", "") + "-"))).all()
    )
    if not people:
        return 0
    r = plan.rng("meetings", kabupaten)
    offset = plan.utc_offset(kabupaten)
    count = plan.MEETINGS_PER_KABUPATEN
    built = [_meeting_rows(r, kabupaten, n, people, offset) for n in range(1, count + 1)]
    meeting_id = reserve_ids(session, Meeting, count)
    item_id = reserve_ids(session, AgendaItem, count * 3)
    meeting_rows, item_rows, participants, minutes, actions = [], [], [], [], []
    for index, (meeting, items, attendees) in enumerate(built):
        meeting["id"] = meeting_id + index
        meeting_rows.append(meeting)
        for item in items:
            item.update(id=item_id + len(item_rows), meeting_id=meeting["id"])
            item_rows.append(item)
            minutes.append(
                {
                    "meeting_id": meeting["id"],
                    "item_id": item["id"],
                    "speaker": attendees[0].name,
                    "text": f"Pembahasan {item['title'].lower()}: semua instansi siap.",
                    "created_at": meeting["starts_at"] + timedelta(minutes=20 * item["position"]),
                }
            )
        participants += [
            {"meeting_id": meeting["id"], "user_id": p.id, "name": p.name, "agency": p.agency} for p in attendees
        ]
        actions.append(
            {
                "meeting_id": meeting["id"],
                "what": "Memastikan distribusi logistik sampai di seluruh TPS.",
                "owner_agency": "KPU",
                "due_date": plan.VOTING_DAY - timedelta(days=1),
                "created_at": meeting["ends_at"],
            }
        )
    for model, rows in ((Meeting, meeting_rows), (AgendaItem, item_rows), (Participant, participants)):
        insert_rows(session, model, rows)
    insert_rows(session, MinuteEntry, minutes)
    insert_rows(session, Action, actions)
    return count
