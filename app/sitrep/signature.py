"""What a signed situation report's hash covers, its number and its verification code; whether a later signed
version replaces it (the verification page says so)."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC

from sqlmodel import Session, select

from app.i18n import local_date
from app.sitrep.models import SIGNED, SitrepReport

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


def content(report: SitrepReport) -> dict:
    """What the signature covers: the frozen sections, the narrative, the period, the number and the signer."""
    return {
        "region_code": report.region_code,
        "period_start": report.period_start.astimezone(UTC).isoformat(),
        "period_end": report.period_end.astimezone(UTC).isoformat(),
        "version": report.version,
        "number": report.number,
        "sections": json.loads(report.sections or "{}"),
        "situasi_umum": report.situasi_umum,
        "kebutuhan": report.kebutuhan,
        "rekomendasi": report.rekomendasi,
        "signed_name": report.signed_name,
        "signed_position": report.signed_position,
        "signed_at": report.signed_at.astimezone(UTC).isoformat() if report.signed_at else None,
    }


def content_hash(report: SitrepReport) -> str:
    canonical = json.dumps(content(report), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def new_code(session: Session) -> str:
    while True:
        code = "LS" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if session.exec(select(SitrepReport.id).where(SitrepReport.code == code)).first() is None:
            return code


def report_number(report: SitrepReport) -> str:
    """``LAPSIT/19.02/20241127/V1``: the desk, the local day the period ends, the version."""
    day = local_date(report.period_end, report.region_code)
    return f"LAPSIT/{report.region_code}/{day:%Y%m%d}/V{report.version}"


def superseded(session: Session, report: SitrepReport) -> bool:
    newer = session.exec(
        select(SitrepReport.id).where(SitrepReport.supersedes_id == report.id, SitrepReport.status == SIGNED)
    ).first()
    return newer is not None
