"""The rules of handling a complaint, as tables: which violations fit whom, the status machine, the routing table
and the Sentra Gakkumdu chain (who records which stage). The words are in vocab.py.

Sources are in ../shared/domain.md: the SKB on ASN neutrality (§3.1), the routing table (§3.5), the status
machine (§2.6, derived) and the Gakkumdu stages (§1.2–1.3).
"""

from __future__ import annotations

from app.auth.models import Agency, Role
from app.complaints.vocab import Recipient, Stage, Status, Subject, Violation

V = Violation
_SKB = [V.SKB01, V.SKB02, V.SKB03, V.SKB04, V.SKB05, V.SKB06, V.SKB07, V.SKB08, V.SKB09, V.SKB10, V.SKB11, V.SKB12]
_SKB += [V.FASILITAS, V.KEPUTUSAN]
_APARAT = [V.APARAT_KAMPANYE, V.APARAT_FASILITAS, V.APARAT_MEDSOS, V.APARAT_GOLPUT, V.SKB12, V.FASILITAS]
_DESA = [V.DESA_KAMPANYE, V.DESA_PENGURUS, V.SKB12, V.FASILITAS, V.KEPUTUSAN, V.POLITIK_UANG]
_ORGANISERS = [V.SKB06, V.SKB07, V.SKB12, V.POLITIK_UANG]
VIOLATIONS_BY_SUBJECT: dict[Subject, list[Violation]] = {
    Subject.ASN: [*_SKB, V.POLITIK_UANG, V.LAINNYA],
    Subject.PPPK: [*_SKB, V.POLITIK_UANG, V.LAINNYA],
    Subject.LURAH: [*_SKB, V.POLITIK_UANG, V.LAINNYA],
    Subject.TNI: [*_APARAT, V.LAINNYA],
    Subject.POLRI: [*_APARAT, V.LAINNYA],
    Subject.KADES: [*_DESA, V.LAINNYA],
    Subject.PENYELENGGARA: [*_ORGANISERS, V.LAINNYA],
    Subject.ADHOC_KPU: [*_ORGANISERS, V.LAINNYA],
    Subject.ADHOC_BAWASLU: [*_ORGANISERS, V.LAINNYA],
    Subject.LAINNYA: [V.POLITIK_UANG, V.FASILITAS, V.KEPUTUSAN, V.LAINNYA],
}


def violations_for(subject: str | None) -> list[Violation]:
    """The violations that fit a reported person (every one when the subject is not known yet)."""
    try:
        return VIOLATIONS_BY_SUBJECT[Subject(subject)]
    except ValueError:
        return list(Violation)


OP = frozenset({Role.OPERATOR, Role.PIMPINAN})
PIMPINAN = frozenset({Role.PIMPINAN})
# (from, to) → Bawaslu roles that may make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[Status, Status], frozenset[Role]] = {
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


# Which of the desk's agencies follows a complaint routed to a recipient (they see it, never the reporter).
RECIPIENT_AGENCIES: dict[Recipient, frozenset[Agency]] = {
    Recipient.BKN: frozenset({Agency.PEMDA}),
    Recipient.BUPATI: frozenset({Agency.PEMDA}),
    Recipient.PROPAM: frozenset({Agency.POLRI}),
    Recipient.PANGLIMA_TNI: frozenset({Agency.TNI}),
    Recipient.KPU: frozenset({Agency.KPU}),
    Recipient.DKPP: frozenset(),
    Recipient.KPU_KABKOTA: frozenset({Agency.KPU}),
    Recipient.BAWASLU_KABKOTA: frozenset(),
    Recipient.GAKKUMDU: frozenset({Agency.POLRI, Agency.KEJAKSAAN}),
}
# Routing table (domain.md §3.5): the ethics/discipline route per subject; Gakkumdu is the criminal route.
# Members of KPU/Bawaslu answer to DKPP; the ad hoc bodies to the KPU / Bawaslu kabupaten/kota that formed them
# (Perbawaslu 7/2022 Pasal 20; domain.md §2.2 category 2 [V]).
ROUTE_BY_SUBJECT = {
    Subject.ASN: Recipient.BKN,
    Subject.PPPK: Recipient.BKN,
    Subject.LURAH: Recipient.BKN,
    Subject.POLRI: Recipient.PROPAM,
    Subject.TNI: Recipient.PANGLIMA_TNI,
    Subject.KADES: Recipient.BUPATI,
    Subject.PENYELENGGARA: Recipient.DKPP,
    Subject.ADHOC_KPU: Recipient.KPU_KABKOTA,
    Subject.ADHOC_BAWASLU: Recipient.BAWASLU_KABKOTA,
}
# Violations that are crimes in themselves: money politics, Pasal 187A jo. 73 UU 10/2016 (domain.md §1.3 [S]).
ROUTE_BY_VIOLATION = {Violation.POLITIK_UANG: Recipient.GAKKUMDU}


def suggested_route(subject_type: str, violation_type: str) -> Recipient | None:
    """The route the routing table suggests: the criminal route for money politics, else the subject's."""
    return ROUTE_BY_VIOLATION.get(violation_type) or ROUTE_BY_SUBJECT.get(subject_type)


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
_B, _P, _K = Agency.BAWASLU, Agency.POLRI, Agency.KEJAKSAAN
STAGE_AGENCIES: dict[Stage, frozenset[Agency]] = {
    Stage.PEMBAHASAN_PERTAMA: frozenset({_B}),
    Stage.PENYELIDIKAN: frozenset({_B, _P}),
    Stage.PEMBAHASAN_KEDUA: frozenset({_B}),
    Stage.PENYIDIKAN: frozenset({_B, _P}),
    Stage.BERKAS_KE_PU: frozenset({_P, _K}),  # sent by the penyidik; the PU may record the day it received it
    Stage.P19: frozenset({_K}),
    Stage.P21: frozenset({_K}),
    Stage.TAHAP_II: frozenset({_P, _K}),
    Stage.PELIMPAHAN: frozenset({_K}),
    Stage.PUTUSAN: frozenset({_K}),
    Stage.BANDING: frozenset({_K}),
    Stage.INKRACHT: frozenset({_K}),
    Stage.SP3: frozenset({_P}),
    Stage.DIHENTIKAN: frozenset({_B}),
}
