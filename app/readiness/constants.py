"""Fixed vocabularies of the readiness feature: logistics items, delivery stages, TPS-rawan indicators,
security categories and AGHT kinds (domain.md §4–§5). Quantities marked [U] there are configurable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# --- logistics (domain.md §5) ------------------------------------------------------------------------------
# (key, label, group). The 7 perlengkapan pemungutan suara (PKPU 12/2024) and the dukungan perlengkapan lainnya.
ITEMS: list[tuple[str, object, str]] = [
    ("kotak_suara", _l("Ballot boxes"), "main"),
    ("surat_suara", _l("Ballots"), "main"),
    ("tinta", _l("Ink"), "main"),
    ("bilik", _l("Voting booths"), "main"),
    ("segel", _l("Seals"), "main"),
    ("alat_coblos", _l("Marking tools"), "main"),
    ("perlengkapan_tps", _l("TPS equipment"), "main"),
    ("sampul", _l("Envelopes"), "support"),
    ("formulir", _l("Forms (C.HASIL, berita acara)"), "support"),
    ("tanda_pengenal", _l("ID badges"), "support"),
    ("alat_bantu_tunanetra", _l("Braille templates"), "support"),
    ("daftar_pemilih", _l("Voter lists (DPT/DPTb)"), "support"),
]
ITEM_KEYS = [key for key, _label, _group in ITEMS]
ITEM_LABELS = {key: label for key, label, _group in ITEMS}

# Default needed quantity per TPS, multiplied by the number of election types held together where
# marked "per_type". Surat suara is computed (DPT + 2.5%, rounded up, per election type; domain.md §5);
# kotak suara is 1 per election type per TPS [V]. The rest are [U] and overridable with READINESS_ITEM_DEFAULTS.
DEFAULT_ITEM_RULES: dict[str, tuple[int, bool]] = {
    "kotak_suara": (1, True),
    "tinta": (2, False),
    "bilik": (4, False),
    "segel": (10, True),
    "alat_coblos": (4, False),
    "perlengkapan_tps": (1, False),
    "sampul": (1, True),
    "formulir": (1, True),
    "tanda_pengenal": (1, False),
    "alat_bantu_tunanetra": (1, True),
    "daftar_pemilih": (1, False),
}

# Hand-off chain of the logistics of a TPS (domain.md §9.6).
STAGES: list[tuple[str, object]] = [
    ("gudang", _l("KPU regency warehouse")),
    ("ppk", _l("PPK (kecamatan)")),
    ("pps", _l("PPS (village)")),
    ("kpps", _l("KPPS (TPS)")),
]
STAGE_KEYS = [key for key, _label in STAGES]
STAGE_LABELS = dict(STAGES)

# --- TPS-rawan, Pilkada 2024: 8 variables, 25 indicators (domain.md §4.2, Bawaslu Jabar wording) ----------
VARIABLES: list[tuple[str, object]] = [
    ("hak_pilih", _l("Use of the right to vote")),
    ("keamanan", _l("Security")),
    ("politik_uang", _l("Money politics")),
    ("sara", _l("Politicisation of SARA")),
    ("netralitas", _l("Neutrality")),
    ("logistik", _l("Logistics")),
    ("lokasi", _l("TPS location")),
    ("listrik_internet", _l("Power and internet")),
]
VARIABLE_LABELS = dict(VARIABLES)

INDICATORS: list[tuple[int, str, object]] = [
    (1, "hak_pilih", _l("Voters with disabilities on the DPT")),
    (2, "hak_pilih", _l("DPT voters no longer eligible (TMS)")),
    (3, "hak_pilih", _l("Voters who moved in (DPTb)")),
    (4, "hak_pilih", _l("Organisers/KPPS voting outside their TPS area")),
    (5, "hak_pilih", _l("Eligible but unregistered voters (potential DPK)")),
    (6, "hak_pilih", _l("History of repeat voting or recount (PSU/PSSU)")),
    (7, "keamanan", _l("History of violence at the TPS")),
    (8, "keamanan", _l("History of intimidation of organisers")),
    (9, "keamanan", _l("History of refusal to hold the vote")),
    (10, "politik_uang", _l("Money or goods given near the TPS during the campaign")),
    (11, "sara", _l("Insults or incitement on SARA near the TPS")),
    (12, "netralitas", _l("KPPS campaigning for a candidate")),
    (13, "netralitas", _l("ASN, TNI/Polri, village head or staff taking sides")),
    (14, "logistik", _l("History of shortage, excess or missing logistics")),
    (15, "logistik", _l("History of late distribution (after H-1)")),
    (16, "logistik", _l("History of damaged logistics")),
    (17, "lokasi", _l("Hard to reach (geography or weather)")),
    (18, "lokasi", _l("Conflict-prone area")),
    (19, "lokasi", _l("Disaster-prone area")),
    (20, "lokasi", _l("Near a school whose students may vote")),
    (21, "lokasi", _l("Near a workplace (mining, factory)")),
    (22, "lokasi", _l("Near a candidate's house or campaign post")),
    (23, "lokasi", _l("Special location")),
    (24, "listrik_internet", _l("Power problems")),
    (25, "listrik_internet", _l("Internet problems")),
]
INDICATOR_LABELS = {number: label for number, _var, label in INDICATORS}
INDICATOR_VARIABLE = {number: var for number, var, _label in INDICATORS}
SECURITY_INDICATORS = {7, 8, 9}

# --- Polri TPS security categories (domain.md §4.3) ------------------------------------------------------
CATEGORIES: list[tuple[str, object]] = [
    ("kurang_rawan", _l("Less vulnerable")),
    ("rawan", _l("Vulnerable")),
    ("sangat_rawan", _l("Highly vulnerable")),
    ("khusus", _l("Special")),
]
CATEGORY_KEYS = [key for key, _label in CATEGORIES]
CATEGORY_LABELS = dict(CATEGORIES)

# Default staffing pattern per category: (security personnel, per this many TPS, Linmas) — Polda Bali 2024
# 2:4:12 / 2:2:4 / 2:1:2 [S]; "khusus" 2 per 1 as in 2020 [V]. Every operation keeps its own editable copy.
DEFAULT_PATTERN: dict[str, tuple[int, int, int]] = {
    "kurang_rawan": (2, 4, 12),
    "rawan": (2, 2, 4),
    "sangat_rawan": (2, 1, 2),
    "khusus": (2, 1, 2),
}

# --- Kejaksaan AGHT (domain.md §4.4) ---------------------------------------------------------------------
AGHT_KINDS: list[tuple[str, object]] = [
    ("ancaman", _l("Threat")),
    ("gangguan", _l("Disturbance")),
    ("hambatan", _l("Obstacle")),
    ("tantangan", _l("Challenge")),
]
AGHT_KIND_LABELS = dict(AGHT_KINDS)
LEVELS: list[tuple[str, object]] = [("rendah", _l("Low")), ("sedang", _l("Medium")), ("tinggi", _l("High"))]
LEVEL_LABELS = dict(LEVELS)
