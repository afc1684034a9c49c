"""What the printed berita acara of a ballot transfer shows (domain.md §5: a berita acara / kejadian khusus,
witnessed by the pengawas TPS and the saksi)."""

from __future__ import annotations

from sqlmodel import Session

from app.auth.models import User
from app.readiness.constants import ELECTION_TYPE_LABELS
from app.readiness.models import BallotTransfer
from app.regions.models import TPS
from app.regions.services import describe_place


def _place(session: Session, tps: TPS) -> dict[str, str]:
    """Desa, kecamatan and kabupaten/kota names of a TPS (codes PP.KK.CC.DDDD)."""
    regions = describe_place(session, [tps.village_code])
    code = tps.village_code

    def label(c: str) -> str:
        return regions[c].label if c in regions else c

    return {"desa": label(code), "kecamatan": label(code[:8]), "kabupaten": label(code[:5])}


def transfer_context(session: Session, transfer: BallotTransfer, source: TPS, target: TPS) -> dict:
    author = session.get(User, transfer.created_by) if transfer.created_by else None
    witnesses = [w.strip() for w in (transfer.witnesses or "").replace(";", ",").split(",") if w.strip()]
    return {
        "transfer": transfer,
        "source": source,
        "target": target,
        "source_place": _place(session, source),
        "target_place": _place(session, target),
        "election": ELECTION_TYPE_LABELS.get(transfer.election_type),
        "same_village": source.village_code == target.village_code,
        "witnesses": witnesses,
        "author": author,
        "saksi_lines": max(2, len([w for w in witnesses if "saksi" in w.lower()])),
    }
