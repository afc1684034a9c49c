"""Vocabulary of neutrality complaints: each enum carries its label (``Status.KAJIAN.label``; templates
``c.status.label`` or ``value|label(complaint_vocab.Status)``), plus the status machine, the routing table and the
Gakkumdu chain.

Sources are in ../shared/domain.md: the SKB on ASN neutrality (§3.1, 12 violation types), the routing table
(§3.5), the status machine (§2.6, derived) and the Gakkumdu stages (§1.2–1.3).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.enums import LabelledEnum
from app.regions.models import ElectionRegime


class Kind(LabelledEnum):
    LAPORAN = "laporan", _l("Formal report")  # a report by a reporter with standing (LP); not "Report" (a verb)
    TEMUAN = "temuan", _l("Finding")  # a finding by Bawaslu's own supervisors (TM)
    INFORMASI_AWAL = "informasi_awal", _l("Preliminary information")  # anonymous: a lead, not a formal report


class Channel(LabelledEnum):
    ONLINE = "online", _l("Online form")
    LANGSUNG = "langsung", _l("In person")
    TELEPON = "telepon", _l("By phone")
    SURAT = "surat", _l("By letter")
    TEMUAN = "temuan", _l("Supervisors' finding")


class Subject(LabelledEnum):
    ASN = "asn", _l("Civil servant (ASN/PNS)")
    PPPK = "pppk", _l("Contract civil servant (PPPK)")
    TNI = "tni", _l("TNI member")
    POLRI = "polri", _l("Polri member")
    KADES = "kades", _l("Village head or village official")
    LURAH = "lurah", _l("Lurah")
    # Members of KPU / Bawaslu (kab/kota and above): ethics go to DKPP
    PENYELENGGARA = "penyelenggara", _l("Member of KPU or Bawaslu")
    ADHOC_KPU = "adhoc_kpu", _l("Ad hoc election body: PPK, PPS or KPPS")  # handled by KPU kabupaten/kota
    # Panwascam, PKD, PTPS: handled by Bawaslu kabupaten/kota
    ADHOC_BAWASLU = "adhoc_bawaslu", _l("Ad hoc supervisory body: Panwascam, PKD or PTPS")
    LAINNYA = "lainnya", _l("Other")


class Sanction(LabelledEnum):
    RINGAN = "ringan", _l("Light")
    SEDANG = "sedang", _l("Moderate")
    BERAT = "berat", _l("Heavy")
    PTDH = "ptdh", _l("Dishonourable dismissal (PTDH)")


class Violation(LabelledEnum):
    """What happened, with the discipline level the SKB gives it (``level``, None when the SKB is silent)."""

    def __new__(cls, value: str, label=None, level: Sanction | None = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        member.level = level
        return member

    # The 12 violation types of the SKB on ASN neutrality (domain.md §3.1) with their discipline level,
    SKB01 = "skb01", _l("Putting up banners or campaign props for a candidate"), Sanction.BERAT
    SKB02 = "skb02", _l("Campaigning for a candidate on social media"), Sanction.BERAT
    SKB03 = "skb03", _l("Approaching a party or the public as a would-be candidate"), Sanction.SEDANG
    SKB04 = "skb04", _l("Attending a declaration or campaign and actively supporting"), Sanction.BERAT
    SKB05 = "skb05", _l("Being a member or officer of a political party"), Sanction.PTDH
    SKB06 = "skb06", _l("Posting, sharing or liking a candidate's or campaign team's content"), Sanction.BERAT
    SKB07 = "skb07", _l("Photos with a candidate showing partisan gestures or party attributes"), Sanction.BERAT
    SKB08 = "skb08", _l("Holding activities that show partisanship"), Sanction.BERAT
    SKB09 = "skb09", _l("Acting as expert or campaign team member before candidates are set"), Sanction.SEDANG
    SKB10 = "skb10", _l("Acting as expert or campaign team member after candidates are set"), Sanction.BERAT
    SKB11 = "skb11", _l("Supporting an independent candidate (support letters, KTP copies)"), Sanction.BERAT
    SKB12 = "skb12", _l("Decisions or actions that benefit or harm a candidate"), Sanction.BERAT
    # … plus state facilities and partisan decisions (UU 10/2016 Pasal 71)
    FASILITAS = "fasilitas", _l("Using state facilities or budget for a campaign")
    KEPUTUSAN = "keputusan", _l("Partisan decisions or programmes by an official (Pasal 71)")
    # TNI / Polri (UU 34/2004, UU 2/2002, Perpol 7/2022)
    APARAT_KAMPANYE = "aparat_kampanye", _l("Taking part in a campaign or campaign team")
    APARAT_FASILITAS = "aparat_fasilitas", _l("Giving facilities or protection to a candidate")
    APARAT_MEDSOS = "aparat_medsos", _l("Posting or sharing candidate photos or finger-number poses")
    APARAT_GOLPUT = "aparat_golput", _l("Urging voters to abstain or black campaigning")
    # Village heads and staff (UU Desa Pasal 29-30, 51-52)
    DESA_KAMPANYE = "desa_kampanye", _l("Village head or staff taking part in a campaign")
    DESA_PENGURUS = "desa_pengurus", _l("Village head or staff being a party officer")
    POLITIK_UANG = "politik_uang", _l("Money politics (giving money or goods to voters)")
    LAINNYA = "lainnya", _l("Other violation of neutrality")


class Status(LabelledEnum):
    """A complaint's status, with the words of the button that moves a complaint to it (``move_label``)."""

    def __new__(cls, value: str, label=None, move=None):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        member._move = move
        return member

    @property
    def move_label(self) -> str:
        return str(self._move) if self._move is not None else self.label

    INFORMASI_AWAL = "informasi_awal", _l("Preliminary information")
    DITERIMA = "diterima", _l("Received")
    KAJIAN_AWAL = "kajian_awal", _l("Initial review"), _l("Start the initial review")
    PERLU_PERBAIKAN = "perlu_perbaikan", _l("Needs completion"), _l("Ask the reporter to complete")
    DIREGISTRASI = "diregistrasi", _l("Registered"), _l("Register")
    TIDAK_DIREGISTRASI = "tidak_diregistrasi", _l("Not registered"), _l("Do not register")
    KLARIFIKASI = "klarifikasi", _l("Clarification"), _l("Summon for clarification")
    KAJIAN = "kajian", _l("Review"), _l("Start the review")
    TERBUKTI = "terbukti", _l("Violation proven"), _l("Pleno: violation proven")
    TIDAK_TERBUKTI = "tidak_terbukti", _l("Not proven"), _l("Pleno: not proven")
    # to an agency (BKN, Propam, Panglima TNI, Bupati, DKPP, KPU)
    DITERUSKAN = "diteruskan", _l("Forwarded to the competent agency")
    GAKKUMDU = "gakkumdu", _l("Forwarded to Sentra Gakkumdu")
    DILIMPAHKAN = "dilimpahkan", _l("Handed to another Bawaslu"), _l("Hand to another Bawaslu")  # another level
    SELESAI = "selesai", _l("Closed and announced"), _l("Close and announce")  # status announced, file closed


# Bawaslu's own handling, until the pleno decides: its clocks run (kajian awal, then handling after registration),
# and a first Sentra Gakkumdu discussion may be held.
RUNNING = [
    Status.DITERIMA,
    Status.KAJIAN_AWAL,
    Status.PERLU_PERBAIKAN,
    Status.DIREGISTRASI,
    Status.KLARIFIKASI,
    Status.KAJIAN,
]
OPEN_FOR_REPORTER = {Status.INFORMASI_AWAL, *RUNNING}  # the reporter may still add information
CLOSED = {Status.TIDAK_DIREGISTRASI, Status.SELESAI}
INITIAL_REVIEW = (Status.DITERIMA, Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN)


class Recipient(LabelledEnum):
    BKN = "bkn", _l("BKN (civil service agency)")
    PROPAM = "propam", _l("Propam Polri")
    PANGLIMA_TNI = "panglima_tni", _l("Panglima TNI")
    BUPATI = "bupati", _l("Bupati/Wali Kota")
    DKPP = "dkpp", _l("DKPP")
    KPU = "kpu", _l("KPU (administrative recommendation)")
    KPU_KABKOTA = "kpu_kabkota", _l("KPU kabupaten/kota (ad hoc bodies PPK, PPS, KPPS)")
    BAWASLU_KABKOTA = "bawaslu_kabkota", _l("Bawaslu kabupaten/kota (ad hoc bodies Panwascam, PKD, PTPS)")
    GAKKUMDU = "gakkumdu", _l("Sentra Gakkumdu")


class Stage(LabelledEnum):
    PEMBAHASAN_PERTAMA = "pembahasan_pertama", _l("First discussion (pembahasan pertama)")
    PENYELIDIKAN = "penyelidikan", _l("Inquiry (penyelidikan)")
    PEMBAHASAN_KEDUA = "pembahasan_kedua", _l("Second discussion (pembahasan kedua)")
    PENYIDIKAN = "penyidikan", _l("Investigation (penyidikan)")
    # Tahap I: the file is sent to (and received by) the public prosecutor
    BERKAS_KE_PU = "berkas_ke_pu", _l("Stage I: file sent to the public prosecutor")
    P19 = "p19", _l("P19: file returned incomplete")  # the PU returns an incomplete file (once only)
    P21 = "p21", _l("File complete (P21)")
    TAHAP_II = "tahap_ii", _l("Stage II: suspect and evidence handed over")  # suspect and evidence to the PU
    PELIMPAHAN = "pelimpahan", _l("Filed at the district court")
    PUTUSAN = "putusan", _l("Verdict")
    BANDING = "banding", _l("Appeal")
    INKRACHT = "inkracht", _l("Final and binding")
    SP3 = "sp3", _l("Investigation stopped (SP3)")
    DIHENTIKAN = "dihentikan", _l("Stopped")


STAGE_ORDER = list(Stage)
TERMINAL_STAGES = {Stage.INKRACHT, Stage.SP3, Stage.DIHENTIKAN}


class ChecklistItem(LabelledEnum):
    """Formal and material requirements (domain.md §2.4; Perbawaslu 7/2022 Pasal 15(3)–(4)); the power of attorney
    only for a report filed through a kuasa (Perbawaslu 7/2022 Pasal 8(5) per scribd 661191748 [S])."""

    FORMIL_IDENTITAS = "formil_identitas", _l("Formal: identity, name and address of the reporter (and their standing)")
    FORMIL_TERLAPOR = "formil_terlapor", _l("Formal: the reported person is identified")
    FORMIL_TENGGAT = "formil_tenggat", _l("Formal: filed within the 7-day deadline")
    FORMIL_TANDA_TANGAN = "formil_tanda_tangan", _l("Formal: signature matches the KTP-el or other ID")
    MATERIIL_PERISTIWA = "materiil_peristiwa", _l("Material: the event and its description")
    MATERIIL_TEMPAT_WAKTU = "materiil_tempat_waktu", _l("Material: place and time of the event")
    MATERIIL_SAKSI = "materiil_saksi", _l("Material: witnesses who know of it")
    MATERIIL_BUKTI = "materiil_bukti", _l("Material: evidence (documents, photos, video, objects)")
    FORMIL_KUASA = "formil_kuasa", _l("Formal: the special power of attorney (surat kuasa khusus) is attached")


# A temuan has no reporter: identity, signature, filing deadline and power of attorney do not apply.
CHECKLIST_TEMUAN = [
    k
    for k in ChecklistItem
    if k not in (ChecklistItem.FORMIL_IDENTITAS, ChecklistItem.FORMIL_TANDA_TANGAN, ChecklistItem.FORMIL_KUASA)
]


class EvidenceKind(LabelledEnum):
    """Item 5 of Form A.1 ("Bukti-bukti a, b, c…"): what a piece of evidence is. Documentary evidence is handed
    in on paper and electronic evidence on storage media (Perbawaslu 7/2022 per scribd 661191748 [S]); a video or
    a post is named here with its link or medium, not uploaded."""

    DOKUMEN = "dokumen", _l("Document or letter")
    FOTO = "foto", _l("Photo")
    VIDEO = "video", _l("Video")
    REKAMAN = "rekaman", _l("Sound recording")
    TANGKAPAN_LAYAR = "tangkapan_layar", _l("Screenshot")
    TAUTAN = "tautan", _l("Link to a post or web page")
    BENDA = "benda", _l("Object (money, leaflets, campaign props…)")
    LAINNYA = "lainnya", _l("Other")


class Standing(LabelledEnum):
    """Who may report (UU 1/2015 Pasal 134(2); UU 7/2017 Pasal 454(3))."""

    PEMILIH = "pemilih", _l("Voter")
    PESERTA = "peserta", _l("Candidate or pair")
    PEMANTAU = "pemantau", _l("Registered observer")


class SignatureWay(LabelledEnum):
    """How Bawaslu received the signed A.1/B.1: at its office, or a signed scan with the KTP-el by e-mail, originals
    within the filing window (PPID Bawaslu Jateng FAQ [V])."""

    KANTOR = "kantor", _l("Signed at the Bawaslu office")
    PINDAIAN = "pindaian", _l("Signed scan with KTP-el")


class Gender(LabelledEnum):
    L = "L", _l("Male")
    P = "P", _l("Female")


class UpdateKind(LabelledEnum):
    """What a line of a complaint's history records."""

    STATUS = "status"
    MESSAGE = "message"  # Bawaslu to the reporter
    REPORTER_INFO = "reporter_info"  # the reporter added information or files
    ROUTING = "routing"
    OUTCOME = "outcome"
    STAGE = "stage"  # a Sentra Gakkumdu stage (written by the system)
    NOTE = "note"


class QueueTab(LabelledEnum):
    """The queue's tabs; each name says the statuses it holds, in the words of the badges on its items."""

    BARU = "baru", _l("Received / preliminary")
    KAJIAN_AWAL = "kajian_awal", _l("Initial review / completion")
    PROSES = "proses", _l("Registered / review")
    PUTUSAN = "putusan", _l("Proven / not proven")
    DITERUSKAN = "diteruskan", _l("Forwarded / handed over")
    SELESAI = "selesai", _l("Closed / not registered")


def form_name(regime: str) -> str:
    """The official name of the report form for the regime (not translated: it is the form's title)."""
    return "Formulir Model B.1" if regime == ElectionRegime.PEMILU else "Formulir Model A.1"


def form_code(regime: str) -> str:
    return "B.1" if regime == ElectionRegime.PEMILU else "A.1"
