"""Kinds, incident categories (Bawaslu's 8 TPS-rawan variables / 25 indicators, domain.md §4.2, plus the
operational types of the seed reports), severities and statuses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from app.enums import LabelledEnum
from app.readiness.constants import INDICATOR_ROWS, VARIABLES


class Kind(LabelledEnum):
    INFO = "info", _l("Information")
    KERAWANAN = "kerawanan", _l("Incident")
    LOGISTIK = "logistik", _l("Logistics")
    KEAMANAN = "keamanan", _l("Security")
    PENGAWASAN = "pengawasan", _l("Supervision")
    TINDAK_LANJUT = "tindak_lanjut", _l("Follow-up")  # only under a parent entry


POST_KINDS = [Kind.INFO, Kind.KERAWANAN, Kind.LOGISTIK, Kind.KEAMANAN, Kind.PENGAWASAN]


class Status(LabelledEnum):
    """An incident's status (other entries have none)."""

    DILAPORKAN = "dilaporkan", _l("Reported")
    DITANGANI = "ditangani", _l("Being handled")
    SELESAI = "selesai", _l("Resolved")


# Allowed transitions: forward only, one step or straight to resolved.
TRANSITIONS = {
    Status.DILAPORKAN: {Status.DITANGANI, Status.SELESAI},
    Status.DITANGANI: {Status.SELESAI},
    Status.SELESAI: set(),
}
OPEN_STATUSES = (Status.DILAPORKAN, Status.DITANGANI)


class Severity(LabelledEnum):
    RENDAH = "rendah", _l("Low")
    SEDANG = "sedang", _l("Medium")
    TINGGI = "tinggi", _l("High")


# Bawaslu's TPS-rawan mapping, Pilkada 2024: 8 variables, 25 indicators (domain.md §4.2). One wording for the
# timeline and readiness: built from app/readiness/constants.py. The stored category codes "<variable>.<code>"
# are the timeline's own and never change ("listrik" is the timeline's code of the power/internet variable).
_TIMELINE_VARIABLE = {"listrik_internet": "listrik"}


def _tps_rawan() -> list[tuple[str, object, list[tuple[str, object]]]]:
    out = []
    for var, var_label in VARIABLES:
        indicators = [(code, label) for _n, v, code, label in INDICATOR_ROWS if v == var]
        out.append((_TIMELINE_VARIABLE.get(var, var), var_label, indicators))
    return out


TPS_RAWAN = _tps_rawan()

# What happens on the day (events), beside the indicators (risk attributes of a TPS). The seed reports' types
# (SPEC §1) and the voting-day events the domain review lists (domain-review §2): late opening is the most
# common voting-day problem (5,438 TPS in Pilkada 2024, Bawaslu [S], domain.md §0). Stored codes never change.
OPERATIONAL = [
    ("op.tps_terlambat_dibuka", _l("TPS opened late")),
    ("op.ktp_ganda", _l("Double KTP/NIK")),
    ("op.surat_suara_kurang", _l("Ballot shortage")),
    ("op.surat_suara_tertukar", _l("Ballots mixed up (other TPS or election)")),
    ("op.mencoblos_lebih_sekali", _l("Voter voted more than once")),
    ("op.kotak_segel_rusak", _l("Ballot box or seal damaged")),
    ("op.intimidasi_pemilih", _l("Voter intimidation")),
    ("op.konflik_tps", _l("Conflict at a TPS")),
    ("op.orang_tidak_berhak", _l("Unauthorised person entering a TPS")),
    ("op.logistik_terlambat", _l("Late logistics")),
    ("op.listrik_internet", _l("Power or internet outage")),
    ("op.bencana_cuaca", _l("Disaster or bad weather")),
    ("op.politik_uang", _l("Money politics")),
    ("op.kampanye_hitam", _l("Black campaign")),
    ("op.lainnya", _l("Other")),
]


def _category_labels() -> dict[str, tuple]:
    labels: dict[str, tuple] = {code: (label,) for code, label in OPERATIONAL}
    for var, var_label, indicators in TPS_RAWAN:
        for ind, ind_label in indicators:
            labels[f"{var}.{ind}"] = (var_label, ind_label)
    return labels


CATEGORY_LABELS = _category_labels()


def category_label(code: str | None) -> str:
    parts = CATEGORY_LABELS.get(code or "")
    return " — ".join(str(p) for p in parts) if parts else ""


def category_choices() -> list[SelectChoice]:
    """Voting-day events first (what a liaison officer reports on the day), then the 25 TPS-rawan indicators
    grouped by variable (each group named "TPS rawan — <variable>")."""
    choices = [SelectChoice("", _l("Choose a category"))]
    choices += [SelectChoice(code, label, optgroup=_l("Events")) for code, label in OPERATIONAL]
    for var, var_label, indicators in TPS_RAWAN:
        group = _l("TPS rawan — %(variable)s", variable=var_label)
        choices += [SelectChoice(f"{var}.{ind}", label, optgroup=group) for ind, label in indicators]
    return choices
