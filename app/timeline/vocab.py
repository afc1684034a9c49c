"""Kinds, incident categories (Bawaslu's 8 TPS-rawan variables / 25 indicators, domain.md §4.2, plus the
operational types of the seed reports), severities and statuses."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice


class Kind(enum.StrEnum):
    INFO = "info"
    KERAWANAN = "kerawanan"
    LOGISTIK = "logistik"
    KEAMANAN = "keamanan"
    PENGAWASAN = "pengawasan"
    TINDAK_LANJUT = "tindak_lanjut"  # follow-up (only under a parent entry)


KIND_LABELS = {
    Kind.INFO: _l("Information"),
    Kind.KERAWANAN: _l("Incident"),
    Kind.LOGISTIK: _l("Logistics"),
    Kind.KEAMANAN: _l("Security"),
    Kind.PENGAWASAN: _l("Supervision"),
    Kind.TINDAK_LANJUT: _l("Follow-up"),
}
POST_KINDS = [Kind.INFO, Kind.KERAWANAN, Kind.LOGISTIK, Kind.KEAMANAN, Kind.PENGAWASAN]


class Status(enum.StrEnum):
    DILAPORKAN = "dilaporkan"
    DITANGANI = "ditangani"
    SELESAI = "selesai"


STATUS_LABELS = {Status.DILAPORKAN: _l("Reported"), Status.DITANGANI: _l("Being handled"),
                 Status.SELESAI: _l("Resolved")}
# Allowed transitions: forward only, one step or straight to resolved.
TRANSITIONS = {Status.DILAPORKAN: {Status.DITANGANI, Status.SELESAI}, Status.DITANGANI: {Status.SELESAI},
               Status.SELESAI: set()}

SEVERITIES = {"rendah": _l("Low"), "sedang": _l("Medium"), "tinggi": _l("High")}

# Bawaslu's TPS-rawan mapping, Pilkada 2024: 8 variables, 25 indicators (domain.md §4.2).
TPS_RAWAN = [
    ("hak_pilih", _l("Use of voting rights"), [
        ("disabilitas", _l("Disabled voters on the voter list")),
        ("tms", _l("Voters on the list no longer eligible")),
        ("pindahan", _l("Voters who moved (DPTb)")),
        ("penyelenggara_luar", _l("Officials voting outside their TPS area")),
        ("dpk", _l("Eligible but unregistered voters (DPK)")),
        ("psu", _l("History of repeat voting or recount")),
    ]),
    ("keamanan", _l("Security"), [
        ("kekerasan", _l("History of violence at the TPS")),
        ("intimidasi", _l("History of intimidation of officials")),
        ("penolakan", _l("History of refusal to hold the vote")),
    ]),
    ("politik_uang", _l("Money politics"), [
        ("pemberian", _l("Money or goods handed out near the TPS")),
    ]),
    ("sara", _l("SARA politicisation"), [
        ("ujaran", _l("Insults or incitement on religion, ethnicity, race or group")),
    ]),
    ("netralitas", _l("Neutrality"), [
        ("kpps", _l("KPPS campaigning for a candidate")),
        ("asn", _l("ASN, TNI/Polri or village officials taking sides")),
    ]),
    ("logistik", _l("Logistics"), [
        ("kurang_lebih", _l("Logistics short, in excess or missing")),
        ("terlambat", _l("Late distribution of logistics")),
        ("rusak", _l("Damaged logistics")),
    ]),
    ("lokasi", _l("TPS location"), [
        ("sulit", _l("Hard to reach")),
        ("konflik", _l("Conflict-prone area")),
        ("bencana", _l("Disaster-prone area")),
        ("sekolah", _l("Near a school whose students may vote")),
        ("tempat_kerja", _l("Near a workplace (mine, factory)")),
        ("posko", _l("Near a candidate's house or campaign post")),
        ("khusus", _l("Special location")),
    ]),
    ("listrik", _l("Power and internet"), [
        ("listrik", _l("Power problems")),
        ("internet", _l("Internet problems")),
    ]),
]

# Operational incident types from the seed reports.
OPERATIONAL = [
    ("op.ktp_ganda", _l("Double KTP/NIK")),
    ("op.surat_suara_kurang", _l("Ballot shortage")),
    ("op.konflik_tps", _l("Conflict at a TPS")),
    ("op.orang_tidak_berhak", _l("Unauthorised person entering a TPS")),
    ("op.logistik_terlambat", _l("Late logistics")),
    ("op.listrik_internet", _l("Power or internet outage")),
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
    """Operational types first (what a liaison officer reports on the day), then the 25 indicators."""
    choices = [SelectChoice("", _l("Choose a category"))]
    choices += [SelectChoice(code, label, optgroup=_l("Operational")) for code, label in OPERATIONAL]
    for var, var_label, indicators in TPS_RAWAN:
        choices += [SelectChoice(f"{var}.{ind}", label, optgroup=var_label) for ind, label in indicators]
    return choices
