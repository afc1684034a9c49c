"""Form A.1 item 5 as a list of named evidence (a video, a link, an object), and a report filed through a kuasa —
the domain review's §1a leftovers of issue 11. Each test names its source."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.complaints.models import Complaint, ComplaintEvidenceItem
from app.complaints.services import ComplaintError, handling, routing
from app.complaints.services.intake import create_complaint
from app.complaints.vocab import ChecklistItem
from app.privacy.retention import ERASED_ITEM, erase_expired_identities
from tests.complaints.test_intake import valid
from tests.complaints.test_legal_intake import _pdftotext

VIDEO = {
    "evidence_items-0-kind": "video",
    "evidence_items-0-description": "Video orasi kepala desa di panggung kampanye",
    "evidence_items-0-medium": "Flashdisk, diserahkan saat menandatangani formulir",
}
LINK = {
    "evidence_items-1-kind": "tautan",
    "evidence_items-1-description": "Unggahan ajakan memilih di grup warga",
    "evidence_items-1-medium": "https://www.facebook.com/groups/contoh/posts/1",
}
KUASA = {
    "by_proxy": "y",
    "proxy_name": "Hendra Gunawan, S.H.",
    "proxy_address": "Jl. Melati 2, Tanjungpandan",
    "proxy_phone": "0819-2233-4455",
}


@pytest.fixture
def users(make_user):
    return {
        "op": make_user("bawaslu-operator", agency="BAWASLU", role="operator", name="Bawaslu Operator"),
        "polri": make_user("polri-operator", agency="POLRI", role="operator"),
    }


# ---- evidence a, b, c… ------------------------------------------------------------------------------------------


def test_evidence_is_named_item_by_item_with_its_link_or_medium(client, db):
    """Form A.1 item 5 "Bukti-bukti (a, b, c…)" (Perbawaslu 9/2024 lampiran; domain review §1a: "add a text list
    of evidence items (type, description, storage medium); accept video or a link"). Electronic evidence is handed
    in on storage media (Perbawaslu 7/2022 per scribd 661191748 [S]), so a video is named, not uploaded."""
    r = client.post("/pengaduan/baru", data={**valid(**VIDEO), "step": "bukti", "go": "add_item"})
    assert r.status_code == 200
    assert 'name="evidence_items-1-description"' in r.get_data(as_text=True)  # a second row
    r = client.post("/pengaduan/baru", data={**valid(**VIDEO, **LINK), "step": "bukti"})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "Langkah 6 dari 6" in html
    assert "Video orasi kepala desa di panggung kampanye" in html  # the review lists them
    r = client.post("/pengaduan/baru/kirim", data=valid(**VIDEO, **LINK, idempotency_key="evidence-items-1"))
    assert r.status_code == 303
    complaint = db.exec(select(Complaint)).one()
    items = db.exec(select(ComplaintEvidenceItem).where(ComplaintEvidenceItem.complaint_id == complaint.id)).all()
    assert [(i.kind, i.medium) for i in items] == [
        ("video", "Flashdisk, diserahkan saat menandatangani formulir"),
        ("tautan", "https://www.facebook.com/groups/contoh/posts/1"),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {
                "evidence_items-0-kind": "tautan",
                "evidence_items-0-description": "Unggahan",
                "evidence_items-0-medium": "grup warga",
            },
            "Tulis alamat unggahan atau halamannya (https://…).",
        ),
        ({"evidence_items-0-kind": "video", "evidence_items-0-medium": "Flashdisk"}, "Jelaskan buktinya."),
    ],
)
def test_a_link_must_be_an_address_and_an_item_needs_a_description(client, row, message):
    """Bad input stays on the step with an Indonesian message by the field; what was typed is kept."""
    r = client.post("/pengaduan/baru", data={**valid(**row), "step": "bukti"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert message in html
    assert "Ajakan memilih paslon di Facebook" in html  # the other steps are carried along


def test_the_printed_a1_and_the_page_list_the_evidence(app, client, auth, db, now, users, tmp_path, make_complaint):
    """Form A.1 item 5 lettered a, b, c… with the named items first, then the files (domain.md §2.5)."""
    items = [
        {"kind": "video", "description": "Video orasi", "medium": "Flashdisk"},
        {"kind": "tautan", "description": "Unggahan di Facebook", "medium": "https://www.facebook.com/x/1"},
    ]
    c = make_complaint(evidence_items=items).complaint
    db.commit()
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert "Video orasi" in page
    assert 'href="https://www.facebook.com/x/1" rel="noopener noreferrer nofollow"' in page
    text = " ".join(_pdftotext(client.get(f"/pengaduan/{c.id}/laporan.pdf").data, tmp_path, "form-a1-bukti").split())
    assert "a. Video: Video orasi (Flashdisk)" in text
    assert "b. Tautan unggahan atau halaman: Unggahan di Facebook" in text


def test_only_http_links_become_links(app, client, auth, db, now, users, make_complaint):
    """A medium that is not an http(s) address is shown as text (no javascript: link from a report)."""
    c = make_complaint(evidence_items=[{"kind": "lainnya", "description": "Catatan", "medium": "javascript:alert(1)"}])
    db.commit()
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{c.complaint.id}").get_data(as_text=True)
    assert 'href="javascript:' not in page
    assert "javascript:alert(1)" in page


# ---- the kuasa --------------------------------------------------------------------------------------------------


def test_a_report_filed_through_a_kuasa_names_the_kuasa(client, db):
    """Perbawaslu 9/2024 per Puadi (merahputih.com 15 Oct 2024) [S]; Perbawaslu 7/2022 Pasal 8(5) per scribd
    661191748 [S]: a reporter may file through a kuasa with a special power of attorney (domain review §1a)."""
    r = client.post("/pengaduan/baru", data={**valid(by_proxy="y"), "step": "pelapor"})
    assert r.status_code == 422
    assert "Tulis nama kuasa" in r.get_data(as_text=True)
    r = client.post("/pengaduan/baru", data={**valid(**KUASA), "step": "pelapor"})
    assert r.status_code == 200
    r = client.post("/pengaduan/baru/kirim", data=valid(**KUASA, idempotency_key="kuasa-report-0001"))
    assert r.status_code == 303
    c = db.exec(select(Complaint)).one()
    assert (c.by_proxy, c.proxy_name, c.proxy_phone) == (True, "Hendra Gunawan, S.H.", "+6281922334455")
    assert c.reporter_name == "Siti Rahmawati"  # the reporter is still the one with standing


def test_the_kuasa_is_confidential_like_the_reporter(app, client, auth, db, now, users, make_complaint):
    """The kuasa's identity points at the reporter: Bawaslu's handlers see it, an agency the case was routed to
    does not (even when the reporter agreed to show their own contacts)."""
    c = make_complaint(disclosure_consent=True, **{k: v for k, v in KUASA.items() if k != "by_proxy"}, by_proxy=True)
    complaint = c.complaint
    with app.app_context():
        complaint.status = "terbukti"
        routing.route(db, complaint, "propam", "01/PP/XI/2024", now.date(), actor=users["op"], now=now)
    db.commit()
    auth.login("bawaslu-operator")
    assert "Hendra Gunawan, S.H." in client.get(f"/pengaduan/{complaint.id}").get_data(as_text=True)
    auth.logout()
    auth.login("polri-operator")
    page = client.get(f"/pengaduan/{complaint.id}")
    assert page.status_code == 200
    assert "Hendra Gunawan" not in page.get_data(as_text=True)


def test_a_report_through_a_kuasa_needs_the_power_of_attorney_before_registration(app, db, now, users, make_complaint):
    """Syarat formil: the special power of attorney is part of the reporter's identity and standing (Perbawaslu
    7/2022 Pasal 15(3)(a) with Pasal 8(5) [S]); it is checked only when there is a kuasa."""
    op = users["op"]
    plain = make_complaint().complaint
    proxied = make_complaint(by_proxy=True, proxy_name="Hendra Gunawan, S.H.").complaint
    assert ChecklistItem.FORMIL_KUASA not in handling.checklist_keys(plain)
    assert ChecklistItem.FORMIL_KUASA in handling.checklist_keys(proxied)
    with app.app_context():
        handling.transition(db, proxied, "kajian_awal", actor=op, now=now)
        ticked = {k for k in handling.checklist_keys(proxied) if k != ChecklistItem.FORMIL_KUASA}
        handling.set_checklist(db, proxied, ticked, actor=op, now=now)
        with pytest.raises(ComplaintError):
            handling.transition(db, proxied, "diregistrasi", actor=op, now=now)
        handling.set_checklist(db, proxied, set(handling.checklist_keys(proxied)), actor=op, now=now)
        handling.transition(db, proxied, "diregistrasi", actor=op, now=now)
    assert proxied.register_number


def test_a_kuasa_without_a_name_is_refused_by_the_service(app, db, now, complaint_input):
    with app.app_context(), pytest.raises(ComplaintError) as refused:
        create_complaint(db, complaint_input(by_proxy=True), now=now)
    assert refused.value.field == "proxy_name"


def test_anonymous_keeps_no_kuasa(make_complaint):
    """Informasi awal keeps no identity: neither the reporter's nor a kuasa's."""
    c = make_complaint(anonymous=True, by_proxy=True, proxy_name="Hendra Gunawan, S.H.").complaint
    assert (c.by_proxy, c.proxy_name) == (False, "")


def test_retention_erases_the_kuasa_and_the_named_evidence(app, db, now, make_complaint):
    """UU 27/2022 (PDP): the kuasa's identity and the evidence descriptions go with the reporter's identity."""
    c = make_complaint(
        by_proxy=True,
        proxy_name="Hendra Gunawan, S.H.",
        proxy_phone="+6281922334455",
        evidence_items=[{"kind": "tautan", "description": "Akun Facebook Siti", "medium": "https://facebook.com/siti"}],
    ).complaint
    c.status, c.status_since = "selesai", now - timedelta(days=400)
    db.add(c)
    db.commit()
    with app.app_context():
        assert erase_expired_identities(db, now, days=365) == 1
    db.commit()
    db.expire_all()
    c = db.get(Complaint, c.id)
    assert (c.by_proxy, c.proxy_name, c.proxy_phone) == (False, "", "")
    item = db.exec(select(ComplaintEvidenceItem).where(ComplaintEvidenceItem.complaint_id == c.id)).one()
    assert (item.description, item.medium) == (ERASED_ITEM, "")
