"""The printable documents: notula (minutes), undangan (invitation) and a blank daftar hadir.

Everything the templates show is gathered here, so the PDF templates stay free of queries. The kop naskah
dinas comes from the agency's ``Letterhead`` (set by an admin), or a sensible default built from the agency and
region names.
"""

from __future__ import annotations

import base64
import contextlib
from dataclasses import dataclass
from datetime import datetime

import segno
from flask import current_app
from sqlmodel import Session, select

from app.auth.models import Agency
from app.meetings import minutes as minute_services
from app.meetings.attendance import attendees
from app.meetings.models import Letterhead, Meeting, MinuteKind
from app.meetings.services import agenda_items, participants
from app.pdf import render_pdf, render_pdf_documents
from app.regions.models import Region
from app.uploads import upload_path

# Default kop lines per agency: (line 1, line 2 pattern). {region} is the kabupaten/kota name in capitals.
DEFAULT_KOP = {
    Agency.PEMDA.value: ("PEMERINTAH {region}", "BADAN KESATUAN BANGSA DAN POLITIK"),
    Agency.KPU.value: ("KOMISI PEMILIHAN UMUM", "{region}"),
    Agency.BAWASLU.value: ("BADAN PENGAWAS PEMILIHAN UMUM", "{region}"),
    Agency.POLRI.value: ("KEPOLISIAN NEGARA REPUBLIK INDONESIA", "RESOR {short}"),
    Agency.KEJAKSAAN.value: ("KEJAKSAAN REPUBLIK INDONESIA", "KEJAKSAAN NEGERI {short}"),
    Agency.TNI.value: ("TENTARA NASIONAL INDONESIA", "KOMANDO DISTRIK MILITER {short}"),
    Agency.LAINNYA.value: ("DESK PILKADA", "{region}"),
}


# Official documents are always in Indonesian, whatever the reader's UI language.
KIND_ID = {
    "forkopimda": "Rapat Koordinasi Forkopimda",
    "logistik": "Rapat Koordinasi Logistik",
    "pengamanan": "Rapat Koordinasi Pengamanan",
    "desk": "Rapat Desk Pilkada",
    "lainnya": "Rapat",
}
AGENCY_ID = {
    "POLRI": "Polri",
    "KEJAKSAAN": "Kejaksaan",
    "KPU": "KPU",
    "BAWASLU": "Bawaslu",
    "TNI": "TNI",
    "PEMDA": "Pemda",
    "LAINNYA": "Instansi lain",
}


def doc_context(session: Session, meeting: Meeting) -> dict:
    return {
        "meeting": meeting,
        "kop": letterhead(session, meeting),
        "kind_id": KIND_ID.get(meeting.kind, "Rapat"),
        "agency_names": AGENCY_ID,
    }


def kabupaten(session: Session, region_code: str) -> Region | None:
    return session.get(Region, region_code[:5]) or session.get(Region, region_code)


def letterhead(session: Session, meeting: Meeting) -> dict:
    region = kabupaten(session, meeting.region_code)
    region_name = (region.name if region else meeting.region_code).upper()
    short = region_name.replace("KABUPATEN ", "").replace("KOTA ", "")
    stored = session.exec(
        select(Letterhead).where(
            Letterhead.agency == meeting.organiser_agency, Letterhead.region_code == meeting.region_code[:5]
        )
    ).first()
    logo = None
    if stored is not None and stored.logo_file:
        with contextlib.suppress(FileNotFoundError):
            path = upload_path(current_app.config["UPLOAD_DIR"], stored.logo_file)
            logo = "data:image/jpeg;base64," + base64.b64encode(path.read_bytes()).decode()
    if stored is not None:
        return {
            "line1": stored.line1,
            "line2": stored.line2,
            "address": stored.address,
            "logo": logo,
            "city": stored.city or short.title(),
        }
    line1, line2 = DEFAULT_KOP.get(meeting.organiser_agency, DEFAULT_KOP[Agency.LAINNYA.value])
    return {
        "line1": line1.format(region=region_name, short=short),
        "line2": line2.format(region=region_name, short=short),
        "address": "",
        "logo": None,
        "city": short.title(),
    }


def verify_url(code: str) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}/verifikasi/{code}"  # no url_for: also used outside requests (demo seed)


def checkin_url(meeting: Meeting) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}/rapat/hadir?kode={meeting.checkin_code}"


def qr_data_uri(text: str, scale: int = 3) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=1)


QR_PRINT_CM = 1.5  # printed width of the footer QR code, whatever the URL's length (its QR version)


def qr_png_for_print(text: str, scale: int = 6) -> dict:
    """QR code as a 1-bit PNG for PDFs, with the resolution that prints it QR_PRINT_CM wide.

    A PNG is embedded once and reused on every page, where an SVG is drawn again path by path on each page
    (≈25 ms a page for a 16-page notula). The template sets ``image-resolution`` to ``dpi``."""
    qr = segno.make(text, error="m")
    width_px, _ = qr.symbol_size(scale=scale, border=1)
    return {"uri": qr.png_data_uri(scale=scale, border=1), "dpi": round(width_px / (QR_PRINT_CM / 2.54))}


def minutes_context(session: Session, meeting: Meeting) -> dict:
    """Agenda items with their discussion and decisions, actions, attendance: for the page and the PDF."""
    items = agenda_items(session, meeting.id)
    all_entries = minute_services.entries(session, meeting.id)
    by_item = {item.id: {"discussion": [], "decision": []} for item in items}
    for entry in all_entries:
        bucket = "decision" if entry.kind == MinuteKind.DECISION.value else "discussion"
        by_item.setdefault(entry.item_id, {"discussion": [], "decision": []})[bucket].append(entry)
    return {
        "items": items,
        "by_item": by_item,
        "actions": minute_services.actions(session, meeting.id),
        "attendees": attendees(session, meeting.id),
        "participants": participants(session, meeting.id),
    }


@dataclass(frozen=True)
class AttendanceRow:
    """One line of the daftar hadir: a participant who checked in, or the chair / minute-taker."""

    name: str
    position: str = ""
    agency: str = ""
    phone: str = ""
    attended_at: datetime | None = None


def attendance_rows(session: Session, meeting: Meeting) -> list:
    """Who was at the meeting: the chair and the minute-taker first (they lead and write it, whether or not they
    checked in), then everyone who checked in. Domain review §10: "Peserta: 7 orang" where 9 attended."""
    present = attendees(session, meeting.id)
    rows: list = []
    for name, position, user_id in (
        (meeting.chair_name, meeting.chair_position or "Pimpinan Rapat", meeting.chair_user_id),
        (meeting.minute_name, meeting.minute_position or "Notulis", None),
    ):
        if not name:
            continue
        match = next((p for p in present if (user_id and p.user_id == user_id) or p.name == name), None)
        if match is not None:
            present.remove(match)
            rows.append(match)
        elif all(r.name != name for r in rows):
            rows.append(AttendanceRow(name, position, AGENCY_ID.get(meeting.organiser_agency, "")))
    return rows + present


def notula_pdf(session: Session, meeting: Meeting, *, version: int | None = None, code: str | None = None) -> bytes:
    """The notula with its daftar hadir attached; without a code it is a draft (marked DRAF, no verification
    footer).

    The two are laid out as separate documents at the same time (one renderer process each) and joined, so the
    attachment carries its own page numbers ("Lampiran · Halaman X dari Y"). No retrieved rule says how a
    lampiran is numbered (domain.md §6 [U]); continuous numbering would need the two laid out one after the
    other (≈1 s more for a big meeting).
    """
    from app.meetings.refs import references

    context = {**minutes_context(session, meeting), "attendees": attendance_rows(session, meeting)}
    common = {
        **doc_context(session, meeting),
        "version": version,
        "code": code,
        "draft": code is None,
        "qr": qr_png_for_print(verify_url(code)) if code else None,
        "verify": verify_url(code) if code else None,
    }
    return render_pdf_documents(
        ("meetings/pdf/notula.html", {**common, **context, "refs": references(session, meeting.id)}),
        (
            "meetings/pdf/daftar_hadir.html",
            {**common, "attachment": True, "attendees": context["attendees"], "blank_rows": 0},
        ),
    )


def invitation_pdf(session: Session, meeting: Meeting) -> bytes:
    return render_pdf(
        "meetings/pdf/undangan.html",
        **doc_context(session, meeting),
        items=agenda_items(session, meeting.id),
        participants=participants(session, meeting.id),
    )


def attendance_pdf(session: Session, meeting: Meeting, *, blank: bool) -> bytes:
    """The daftar hadir alone: blank rows (for printing before the meeting) or the recorded attendance."""
    rows = [] if blank else attendance_rows(session, meeting)
    return render_pdf(
        "meetings/pdf/daftar_hadir.html",
        **doc_context(session, meeting),
        attendees=rows,
        blank_rows=max(20, len(participants(session, meeting.id)) + 5) if blank else 0,
    )
