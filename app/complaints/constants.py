"""Vocabulary of neutrality complaints: subject and violation types, statuses, routing, Gakkumdu stages.

Sources are in ../shared/domain.md: the SKB on ASN neutrality (§3.1, 12 violation types), the routing table
(§3.5), the status machine (§2.6, derived) and the Gakkumdu stages (§1.2–1.3).
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from app.auth.models import Agency, Role


class Kind(enum.StrEnum):
    LAPORAN = "laporan"  # a report by a reporter with standing (LP)
    TEMUAN = "temuan"  # a finding by Bawaslu's own supervisors (TM)
    INFORMASI_AWAL = "informasi_awal"  # anonymous: a lead, not a formal report


KIND_LABELS = {Kind.LAPORAN: _l("Report"), Kind.TEMUAN: _l("Finding"),
               Kind.INFORMASI_AWAL: _l("Preliminary information")}


class Channel(enum.StrEnum):
    ONLINE = "online"
    LANGSUNG = "langsung"
    TELEPON = "telepon"
    SURAT = "surat"
    TEMUAN = "temuan"


CHANNEL_LABELS = {Channel.ONLINE: _l("Online form"), Channel.LANGSUNG: _l("In person"),
                  Channel.TELEPON: _l("By phone"), Channel.SURAT: _l("By letter"),
                  Channel.TEMUAN: _l("Supervisors' finding")}


class Subject(enum.StrEnum):
    ASN = "asn"
    PPPK = "pppk"
    TNI = "tni"
    POLRI = "polri"
    KADES = "kades"  # kepala desa / perangkat desa
    LURAH = "lurah"
    PENYELENGGARA = "penyelenggara"  # members of KPU / Bawaslu (kab/kota and above): ethics go to DKPP
    ADHOC_KPU = "adhoc_kpu"  # PPK, PPS, KPPS: handled by KPU kabupaten/kota
    ADHOC_BAWASLU = "adhoc_bawaslu"  # Panwascam, PKD, PTPS: handled by Bawaslu kabupaten/kota
    LAINNYA = "lainnya"


SUBJECT_LABELS = {
    Subject.ASN: _l("Civil servant (ASN/PNS)"), Subject.PPPK: _l("Contract civil servant (PPPK)"),
    Subject.TNI: _l("TNI member"), Subject.POLRI: _l("Polri member"),
    Subject.KADES: _l("Village head or village official"), Subject.LURAH: _l("Lurah"),
    Subject.PENYELENGGARA: _l("Member of KPU or Bawaslu"),
    Subject.ADHOC_KPU: _l("Ad hoc election body: PPK, PPS or KPPS"),
    Subject.ADHOC_BAWASLU: _l("Ad hoc supervisory body: Panwascam, PKD or PTPS"), Subject.LAINNYA: _l("Other"),
}

# The 12 violation types of the SKB on ASN neutrality (domain.md §3.1) with their discipline level,
# plus state facilities and partisan decisions (UU 10/2016 Pasal 71).
VIOLATIONS: dict[str, tuple] = {
    "skb01": (_l("Putting up banners or campaign props for a candidate"), "berat"),
    "skb02": (_l("Campaigning for a candidate on social media"), "berat"),
    "skb03": (_l("Approaching a party or the public as a would-be candidate"), "sedang"),
    "skb04": (_l("Attending a declaration or campaign and actively supporting"), "berat"),
    "skb05": (_l("Being a member or officer of a political party"), "ptdh"),
    "skb06": (_l("Posting, sharing or liking a candidate's or campaign team's content"), "berat"),
    "skb07": (_l("Photos with a candidate showing partisan gestures or party attributes"), "berat"),
    "skb08": (_l("Holding activities that show partisanship"), "berat"),
    "skb09": (_l("Acting as expert or campaign team member before candidates are set"), "sedang"),
    "skb10": (_l("Acting as expert or campaign team member after candidates are set"), "berat"),
    "skb11": (_l("Supporting an independent candidate (support letters, KTP copies)"), "berat"),
    "skb12": (_l("Decisions or actions that benefit or harm a candidate"), "berat"),
    "fasilitas": (_l("Using state facilities or budget for a campaign"), None),
    "keputusan": (_l("Partisan decisions or programmes by an official (Pasal 71)"), None),
    # TNI / Polri (UU 34/2004, UU 2/2002, Perpol 7/2022)
    "aparat_kampanye": (_l("Taking part in a campaign or campaign team"), None),
    "aparat_fasilitas": (_l("Giving facilities or protection to a candidate"), None),
    "aparat_medsos": (_l("Posting or sharing candidate photos or finger-number poses"), None),
    "aparat_golput": (_l("Urging voters to abstain or black campaigning"), None),
    # Village heads and staff (UU Desa Pasal 29-30, 51-52)
    "desa_kampanye": (_l("Village head or staff taking part in a campaign"), None),
    "desa_pengurus": (_l("Village head or staff being a party officer"), None),
    "politik_uang": (_l("Money politics (giving money or goods to voters)"), None),
    "lainnya": (_l("Other violation of neutrality"), None),
}
_SKB = [f"skb{n:02d}" for n in range(1, 13)] + ["fasilitas", "keputusan"]
_APARAT = ["aparat_kampanye", "aparat_fasilitas", "aparat_medsos", "aparat_golput", "skb12", "fasilitas"]
_DESA = ["desa_kampanye", "desa_pengurus", "skb12", "fasilitas", "keputusan", "politik_uang"]
VIOLATIONS_BY_SUBJECT: dict[str, list[str]] = {
    Subject.ASN: _SKB + ["politik_uang"], Subject.PPPK: _SKB + ["politik_uang"], Subject.LURAH: _SKB + ["politik_uang"],
    Subject.TNI: _APARAT, Subject.POLRI: _APARAT, Subject.KADES: _DESA,
    Subject.PENYELENGGARA: ["skb06", "skb07", "skb12", "politik_uang"],
    Subject.ADHOC_KPU: ["skb06", "skb07", "skb12", "politik_uang"],
    Subject.ADHOC_BAWASLU: ["skb06", "skb07", "skb12", "politik_uang"],
    Subject.LAINNYA: ["politik_uang", "fasilitas", "keputusan"],
}
for _codes in VIOLATIONS_BY_SUBJECT.values():
    _codes.append("lainnya")


def violations_for(subject: str | None) -> list[str]:
    return VIOLATIONS_BY_SUBJECT.get(subject or "", list(VIOLATIONS))


class Status(enum.StrEnum):
    INFORMASI_AWAL = "informasi_awal"
    DITERIMA = "diterima"
    KAJIAN_AWAL = "kajian_awal"
    PERLU_PERBAIKAN = "perlu_perbaikan"
    DIREGISTRASI = "diregistrasi"
    TIDAK_DIREGISTRASI = "tidak_diregistrasi"
    KLARIFIKASI = "klarifikasi"
    KAJIAN = "kajian"
    TERBUKTI = "terbukti"
    TIDAK_TERBUKTI = "tidak_terbukti"
    DITERUSKAN = "diteruskan"  # to an agency (BKN, Propam, Panglima TNI, Bupati, DKPP, KPU)
    GAKKUMDU = "gakkumdu"  # forwarded to Sentra Gakkumdu
    DILIMPAHKAN = "dilimpahkan"  # handed to another Bawaslu level
    SELESAI = "selesai"  # status announced, file closed


STATUS_LABELS = {
    Status.INFORMASI_AWAL: _l("Preliminary information"), Status.DITERIMA: _l("Received"),
    Status.KAJIAN_AWAL: _l("Initial review"), Status.PERLU_PERBAIKAN: _l("Needs completion"),
    Status.DIREGISTRASI: _l("Registered"), Status.TIDAK_DIREGISTRASI: _l("Not registered"),
    Status.KLARIFIKASI: _l("Clarification"), Status.KAJIAN: _l("Review"),
    Status.TERBUKTI: _l("Violation proven"), Status.TIDAK_TERBUKTI: _l("Not proven"),
    Status.DITERUSKAN: _l("Forwarded to the competent agency"), Status.GAKKUMDU: _l("Forwarded to Sentra Gakkumdu"),
    Status.DILIMPAHKAN: _l("Handed to another Bawaslu"), Status.SELESAI: _l("Closed and announced"),
}
OPEN_FOR_REPORTER = {Status.INFORMASI_AWAL, Status.DITERIMA, Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN,
                     Status.DIREGISTRASI, Status.KLARIFIKASI, Status.KAJIAN}
CLOSED = {Status.TIDAK_DIREGISTRASI, Status.SELESAI}

OP = frozenset({Role.OPERATOR.value, Role.PIMPINAN.value})
PIMPINAN = frozenset({Role.PIMPINAN.value})
# (from, to) → Bawaslu roles that may make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[Status, Status], frozenset[str]] = {
    (Status.INFORMASI_AWAL, Status.KAJIAN_AWAL): OP,  # followed up as a temuan
    (Status.INFORMASI_AWAL, Status.TIDAK_DIREGISTRASI): OP,
    (Status.DITERIMA, Status.KAJIAN_AWAL): OP,
    (Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN): OP,
    (Status.KAJIAN_AWAL, Status.DIREGISTRASI): OP,  # needs the formal and material checklist
    (Status.KAJIAN_AWAL, Status.TIDAK_DIREGISTRASI): OP,
    (Status.PERLU_PERBAIKAN, Status.KAJIAN_AWAL): OP,
    (Status.PERLU_PERBAIKAN, Status.TIDAK_DIREGISTRASI): OP,
    (Status.DIREGISTRASI, Status.KLARIFIKASI): OP,
    (Status.DIREGISTRASI, Status.KAJIAN): OP,
    (Status.KLARIFIKASI, Status.KAJIAN): OP,
    (Status.KAJIAN, Status.TERBUKTI): PIMPINAN,  # pleno decision, recorded by the head
    (Status.KAJIAN, Status.TIDAK_TERBUKTI): PIMPINAN,
    (Status.DIREGISTRASI, Status.DILIMPAHKAN): OP,
    (Status.TIDAK_TERBUKTI, Status.SELESAI): OP,
    (Status.DITERUSKAN, Status.SELESAI): OP,
    (Status.GAKKUMDU, Status.SELESAI): OP,
    (Status.DILIMPAHKAN, Status.SELESAI): OP,
}
# Routing is a decision recorded with a letter; these statuses may be routed from.
# A case in Sentra Gakkumdu may still go to BKN/Bupati/Propam for the non-criminal part (domain.md §2.2).
ROUTABLE = {Status.TERBUKTI, Status.DIREGISTRASI, Status.KAJIAN, Status.DITERUSKAN, Status.GAKKUMDU}


class Recipient(enum.StrEnum):
    BKN = "bkn"
    PROPAM = "propam"
    PANGLIMA_TNI = "panglima_tni"
    BUPATI = "bupati"
    DKPP = "dkpp"
    KPU = "kpu"
    KPU_KABKOTA = "kpu_kabkota"  # ad hoc bodies of KPU (PPK, PPS, KPPS)
    BAWASLU_KABKOTA = "bawaslu_kabkota"  # ad hoc bodies of Bawaslu (Panwascam, PKD, PTPS)
    GAKKUMDU = "gakkumdu"


RECIPIENT_LABELS = {
    Recipient.BKN: _l("BKN (civil service agency)"), Recipient.PROPAM: _l("Propam Polri"),
    Recipient.PANGLIMA_TNI: _l("Panglima TNI"), Recipient.BUPATI: _l("Bupati/Wali Kota"),
    Recipient.DKPP: _l("DKPP"), Recipient.KPU: _l("KPU (administrative recommendation)"),
    Recipient.KPU_KABKOTA: _l("KPU kabupaten/kota (ad hoc bodies PPK, PPS, KPPS)"),
    Recipient.BAWASLU_KABKOTA: _l("Bawaslu kabupaten/kota (ad hoc bodies Panwascam, PKD, PTPS)"),
    Recipient.GAKKUMDU: _l("Sentra Gakkumdu"),
}
# Which of the desk's agencies follows a complaint routed to a recipient (they see it, never the reporter).
RECIPIENT_AGENCIES: dict[Recipient, frozenset[str]] = {
    Recipient.BKN: frozenset({Agency.PEMDA.value}), Recipient.BUPATI: frozenset({Agency.PEMDA.value}),
    Recipient.PROPAM: frozenset({Agency.POLRI.value}), Recipient.PANGLIMA_TNI: frozenset({Agency.TNI.value}),
    Recipient.KPU: frozenset({Agency.KPU.value}), Recipient.DKPP: frozenset(),
    Recipient.KPU_KABKOTA: frozenset({Agency.KPU.value}), Recipient.BAWASLU_KABKOTA: frozenset(),
    Recipient.GAKKUMDU: frozenset({Agency.POLRI.value, Agency.KEJAKSAAN.value}),
}
# Routing table (domain.md §3.5): the ethics/discipline route per subject; Gakkumdu is the criminal route.
# Members of KPU/Bawaslu answer to DKPP; the ad hoc bodies to the KPU / Bawaslu kabupaten/kota that formed them
# (Perbawaslu 7/2022 Pasal 20; domain.md §2.2 category 2 [V]).
ROUTE_BY_SUBJECT = {
    Subject.ASN: Recipient.BKN, Subject.PPPK: Recipient.BKN, Subject.LURAH: Recipient.BKN,
    Subject.POLRI: Recipient.PROPAM, Subject.TNI: Recipient.PANGLIMA_TNI, Subject.KADES: Recipient.BUPATI,
    Subject.PENYELENGGARA: Recipient.DKPP, Subject.ADHOC_KPU: Recipient.KPU_KABKOTA,
    Subject.ADHOC_BAWASLU: Recipient.BAWASLU_KABKOTA,
}
# Violations that are crimes in themselves: money politics, Pasal 187A jo. 73 UU 10/2016 (domain.md §1.3 [S]).
ROUTE_BY_VIOLATION = {"politik_uang": Recipient.GAKKUMDU}


def suggested_route(subject_type: str, violation_type: str) -> Recipient | None:
    """The route the routing table suggests: the criminal route for money politics, else the subject's."""
    return ROUTE_BY_VIOLATION.get(violation_type) or ROUTE_BY_SUBJECT.get(subject_type)
SANCTION_LEVELS = {"ringan": _l("Light"), "sedang": _l("Moderate"), "berat": _l("Heavy"),
                   "ptdh": _l("Dishonourable dismissal (PTDH)")}


class Stage(enum.StrEnum):
    PEMBAHASAN_PERTAMA = "pembahasan_pertama"
    PENYELIDIKAN = "penyelidikan"
    PEMBAHASAN_KEDUA = "pembahasan_kedua"
    PENYIDIKAN = "penyidikan"
    BERKAS_KE_PU = "berkas_ke_pu"  # Tahap I: the file is sent to (and received by) the public prosecutor
    P19 = "p19"  # the PU returns an incomplete file (once only)
    P21 = "p21"
    TAHAP_II = "tahap_ii"  # suspect and evidence handed over to the PU
    PELIMPAHAN = "pelimpahan"
    PUTUSAN = "putusan"
    BANDING = "banding"
    INKRACHT = "inkracht"
    SP3 = "sp3"
    DIHENTIKAN = "dihentikan"


STAGE_LABELS = {
    Stage.PEMBAHASAN_PERTAMA: _l("First discussion (pembahasan pertama)"),
    Stage.PENYELIDIKAN: _l("Inquiry (penyelidikan)"),
    Stage.PEMBAHASAN_KEDUA: _l("Second discussion (pembahasan kedua)"),
    Stage.PENYIDIKAN: _l("Investigation (penyidikan)"),
    Stage.BERKAS_KE_PU: _l("Stage I: file sent to the public prosecutor"),
    Stage.P19: _l("P19: file returned incomplete"),
    Stage.P21: _l("File complete (P21)"), Stage.TAHAP_II: _l("Stage II: suspect and evidence handed over"),
    Stage.PELIMPAHAN: _l("Filed at the district court"),
    Stage.PUTUSAN: _l("Verdict"), Stage.BANDING: _l("Appeal"), Stage.INKRACHT: _l("Final and binding"),
    Stage.SP3: _l("Investigation stopped (SP3)"), Stage.DIHENTIKAN: _l("Stopped"),
}
STAGE_ORDER = list(Stage)
TERMINAL_STAGES = {Stage.INKRACHT, Stage.SP3, Stage.DIHENTIKAN}
STAGE_NEXT: dict[Stage, set[Stage]] = {
    Stage.PEMBAHASAN_PERTAMA: {Stage.PENYELIDIKAN, Stage.DIHENTIKAN},
    Stage.PENYELIDIKAN: {Stage.PEMBAHASAN_KEDUA, Stage.DIHENTIKAN},
    Stage.PEMBAHASAN_KEDUA: {Stage.PENYIDIKAN, Stage.DIHENTIKAN},
    Stage.PENYIDIKAN: {Stage.BERKAS_KE_PU, Stage.SP3},
    Stage.BERKAS_KE_PU: {Stage.P21, Stage.P19, Stage.SP3},
    Stage.P19: {Stage.BERKAS_KE_PU, Stage.SP3},  # the penyidik resubmits within 3 working days
    Stage.P21: {Stage.TAHAP_II},
    Stage.TAHAP_II: {Stage.PELIMPAHAN},
    Stage.PELIMPAHAN: {Stage.PUTUSAN},
    Stage.PUTUSAN: {Stage.BANDING, Stage.INKRACHT},
    Stage.BANDING: {Stage.INKRACHT},
}
# Who records each stage (Sentra Gakkumdu: Bawaslu for the discussions, Polri for inquiry/investigation,
# Kejaksaan for the prosecution steps).
STAGE_AGENCIES: dict[Stage, frozenset[str]] = {
    Stage.PEMBAHASAN_PERTAMA: frozenset({"BAWASLU"}), Stage.PENYELIDIKAN: frozenset({"BAWASLU", "POLRI"}),
    Stage.PEMBAHASAN_KEDUA: frozenset({"BAWASLU"}), Stage.PENYIDIKAN: frozenset({"BAWASLU", "POLRI"}),
    Stage.BERKAS_KE_PU: frozenset({"POLRI"}), Stage.P19: frozenset({"KEJAKSAAN"}),
    Stage.P21: frozenset({"KEJAKSAAN"}), Stage.TAHAP_II: frozenset({"POLRI", "KEJAKSAAN"}),
    Stage.PELIMPAHAN: frozenset({"KEJAKSAAN"}), Stage.PUTUSAN: frozenset({"KEJAKSAAN"}),
    Stage.BANDING: frozenset({"KEJAKSAAN"}), Stage.INKRACHT: frozenset({"KEJAKSAAN"}),
    Stage.SP3: frozenset({"POLRI"}), Stage.DIHENTIKAN: frozenset({"BAWASLU"}),
}

# Formal and material requirements (domain.md §2.4).
CHECKLIST = {
    "formil_identitas": _l("Formal: identity, name and address of the reporter (and their standing)"),
    "formil_terlapor": _l("Formal: the reported person is identified"),
    "formil_tenggat": _l("Formal: filed within the 7-day deadline"),
    "formil_tanda_tangan": _l("Formal: signature matches the KTP-el or other ID"),
    "materiil_peristiwa": _l("Material: the event and its description"),
    "materiil_tempat_waktu": _l("Material: place and time of the event"),
    "materiil_saksi": _l("Material: witnesses who know of it"),
    "materiil_bukti": _l("Material: evidence (documents, photos, video, objects)"),
}
# A temuan has no reporter: identity, signature and filing deadline do not apply.
CHECKLIST_TEMUAN = [k for k in CHECKLIST if k not in ("formil_identitas", "formil_tanda_tangan")]

REPORTER_STANDING = {"pemilih": _l("Voter"), "peserta": _l("Candidate or pair"), "pemantau": _l("Registered observer")}
# How Bawaslu received the signed A.1/B.1: at its office, or a signed scan with the KTP-el by e-mail, originals
# within the filing window (PPID Bawaslu Jateng FAQ [V]).
SIGNATURE_WAYS = {"kantor": _l("Signed at the Bawaslu office"), "pindaian": _l("Signed scan with KTP-el")}
GENDERS = {"L": _l("Male"), "P": _l("Female")}
