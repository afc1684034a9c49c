"""Register numbers: ``NNN/LP/PB/Kab/<segment>/<Roman month>/<year>``, the election code from the election the
complaint concerns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from app.complaints import deadlines
from app.complaints.models import Complaint
from app.complaints.settings import ComplaintSettings
from app.complaints.vocab import Kind
from app.i18n import local_date
from app.regions.models import Election, ElectionRegime, Region


def _segment(region: Region, cfg: ComplaintSettings) -> str:
    return cfg.region_segments.get(region.code) or region.code


def election_code(session: Session, complaint: Complaint, cfg: ComplaintSettings) -> str:
    """The register's election segment from the election the complaint concerns: PL for a Pemilu; for a Pilkada
    PG (gubernur, a province's election), PW (wali kota, a kota's) or PB (bupati) — sigaplapor / radarkaur [S];
    PG and PW are [U] and configurable."""
    if complaint.regime == ElectionRegime.PEMILU:
        return cfg.election_code_pemilu
    election = session.get(Election, complaint.election_id) if complaint.election_id else None
    region = session.get(Region, election.region_code) if election else None
    if region is not None and region.level == 1:
        return cfg.election_code_gubernur
    if region is not None and region.type == "kota":
        return cfg.election_code_walikota
    return cfg.election_code_pilkada


def register_number(session: Session, complaint: Complaint, now: datetime, cfg: ComplaintSettings) -> tuple[int, str]:
    """``NNN/LP/PB/Kab/<segment>/<Roman month>/<year>`` (TM for findings), numbered per region, kind, year."""
    region = session.get(Region, complaint.region_code)
    local = local_date(now, complaint.region_code)
    letter = "TM" if complaint.kind == Kind.TEMUAN else "LP"
    kinds = [Kind.TEMUAN] if letter == "TM" else [Kind.LAPORAN]
    year_start = datetime(local.year, 1, 1, tzinfo=now.tzinfo)
    last = session.exec(
        select(func.max(Complaint.register_seq)).where(
            Complaint.region_code == complaint.region_code,
            Complaint.kind.in_(kinds),
            Complaint.registered_at >= year_start,
        )
    ).one()
    seq = (last or 0) + 1
    code = election_code(session, complaint, cfg)
    level = "Kota" if region.type == "kota" else "Kab"
    month = deadlines.ROMAN[local.month - 1]
    return seq, f"{seq:03d}/{letter}/{code}/{level}/{_segment(region, cfg)}/{month}/{local.year}"
