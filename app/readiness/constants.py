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
    # Added from the same KPU list (makassar.tribunnews 12 Oct 2024 [S]; tirto [S]; domain-review §3).
    ("gembok_segel_plastik", _l("Padlocks / plastic seals (cable ties)"), "support"),
    ("dpc", _l("Candidate list poster (DPC)"), "support"),
    ("stiker_kotak", _l("Ballot-box number stickers"), "support"),
    ("atk", _l("Stationery (ballpoints, markers, glue, rubber bands, plastic bags, string)"), "support"),
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
    "gembok_segel_plastik": (1, True),
    "dpc": (1, True),
    "stiker_kotak": (1, True),
    "atk": (1, False),
}

# --- elections held together and the ballot reserve, per regime --------------------------------------------
# Surat suara per TPS = DPT + reserve, rounded up, per election type (domain.md §0 and §5):
#   Pilkada: DPT + 2.5 % (UU 1/2015 Pasal 80; KPU DKI 2024) [V];  Pemilu: DPT + 2 % (UU 7/2017 Pasal 350(3);
#   tirto, radarutara 2024) [V]. Kept as a fraction (numerator, denominator) so no floating point rounds wrong.
BALLOT_RESERVE: dict[str, tuple[int, int]] = {"pilkada": (25, 1000), "pemilu": (20, 1000)}

# The election types a TPS can hold, per regime, in the order of their ballots. A Pilkada TPS in a kabupaten
# holds the governor and the regent/mayor elections together; a DPTb voter from another kabupaten in the same
# province gets only the governor ballot (PKPU 17/2024 [V], domain.md §0).
ELECTION_TYPES: dict[str, list[tuple[str, object]]] = {
    "pilkada": [("gubernur", _l("Governor")), ("bupati_walikota", _l("Regent / mayor"))],
    "pemilu": [
        ("presiden", _l("President")),
        ("dpr", _l("DPR")),
        ("dpd", _l("DPD")),
        ("dprd_provinsi", _l("Provincial DPRD")),
        ("dprd_kabkota", _l("Regency/city DPRD")),
    ],
}
ELECTION_TYPE_LABELS = {key: label for types in ELECTION_TYPES.values() for key, label in types}

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

# (number, variable, code, label): the one wording of the 25 indicators, used by readiness (the mapping per TPS)
# and by the timeline (an incident category "<variable>.<code>"; app/timeline/vocab.py builds its list from
# this one). The codes are the timeline's stored ones and never change; only labels may.
INDICATOR_ROWS: list[tuple[int, str, str, object]] = [
    (1, "hak_pilih", "disabilitas", _l("Voters with disabilities on the DPT")),
    (2, "hak_pilih", "tms", _l("DPT voters no longer eligible (TMS)")),
    (3, "hak_pilih", "pindahan", _l("Voters who moved in (DPTb)")),
    (4, "hak_pilih", "penyelenggara_luar", _l("Organisers/KPPS voting outside their TPS area")),
    (5, "hak_pilih", "dpk", _l("Eligible but unregistered voters (potential DPK)")),
    (6, "hak_pilih", "psu", _l("History of repeat voting or recount (PSU/PSSU)")),
    (7, "keamanan", "kekerasan", _l("History of violence at the TPS")),
    (8, "keamanan", "intimidasi", _l("History of intimidation of organisers")),
    (9, "keamanan", "penolakan", _l("History of refusal to hold the vote")),
    (10, "politik_uang", "pemberian", _l("Money or goods given near the TPS during the campaign")),
    (11, "sara", "ujaran", _l("Insults or incitement on SARA near the TPS")),
    (12, "netralitas", "kpps", _l("KPPS campaigning for a candidate")),
    (13, "netralitas", "asn", _l("ASN, TNI/Polri, village head or staff taking sides")),
    (14, "logistik", "kurang_lebih", _l("History of shortage, excess or missing logistics")),
    (15, "logistik", "terlambat", _l("History of late distribution (after H-1)")),
    (16, "logistik", "rusak", _l("History of damaged logistics")),
    (17, "lokasi", "sulit", _l("Hard to reach (geography or weather)")),
    (18, "lokasi", "konflik", _l("Conflict-prone area")),
    (19, "lokasi", "bencana", _l("Disaster-prone area")),
    (20, "lokasi", "sekolah", _l("Near a school whose students may vote")),
    (21, "lokasi", "tempat_kerja", _l("Near a workplace (mining, factory)")),
    (22, "lokasi", "posko", _l("Near a candidate's house or campaign post")),
    (23, "lokasi", "khusus", _l("Special location")),
    (24, "listrik_internet", "listrik", _l("Power problems")),
    (25, "listrik_internet", "internet", _l("Internet problems")),
]
INDICATORS: list[tuple[int, str, object]] = [(n, var, label) for n, var, _code, label in INDICATOR_ROWS]
INDICATOR_LABELS = {number: label for number, _var, label in INDICATORS}
INDICATOR_VARIABLE = {number: var for number, var, _label in INDICATORS}

# Which indicators may feed the *suggested* Polri category (domain-review §3 and §8.6). Polri categorises TPS
# from its own kamtibmas assessment; Bawaslu's indicators are risk attributes, most of them not about security
# ("pemilih disabilitas di DPT" is the most frequent nationally: 116,211 TPS, sinpo.id 22 Nov 2024 [V]).
# - SECURITY_HISTORY (7–9: violence, intimidation, refusal) weigh most: any one suggests "sangat rawan".
# - SECURITY_RELEVANT (10–13: money politics, SARA, partisan KPPS/officials) suggest "rawan".
# - LOCATION_AMPLIFIERS (17–19, 22: hard to reach, conflict/disaster-prone, next to a campaign post) add weight
#   only beside one of the above; alone they suggest nothing.
# - Everything else (1–6 voter rights, 14–16 logistics, 20–21, 23 other location, 24–25 power/internet) never
#   counts. The weights and thresholds are not from a regulation [U]: READINESS_RAWAN_MIN and
#   READINESS_SANGAT_RAWAN_MIN are settings.
SECURITY_HISTORY = frozenset({7, 8, 9})
SECURITY_RELEVANT = frozenset({10, 11, 12, 13})
LOCATION_AMPLIFIERS = frozenset({17, 18, 19, 22})
SECURITY_INDICATORS = SECURITY_HISTORY

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
