"""Public intake in steps, the one-time receipt, the status look-up, and bad input of every kind."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image
from sqlmodel import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from app import create_app
from app.clock import utcnow
from app.complaints.models import Complaint, ComplaintEvidence
from app.db import get_engine
from app.extensions import limiter
from app.i18n import local_date
from tests.complaints.data import public_form

TODAY = local_date(utcnow(), "19.02")  # WIB, as the app sees it


def valid(**over) -> dict:
    return public_form(TODAY, **over)


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def submit(client, **over):
    return client.post("/pengaduan/baru/kirim", data=valid(**over))


def test_first_step_explains_anonymity(client):
    r = client.get("/pengaduan/baru")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "Langkah 1 dari 6: Pelapor" in html
    assert "informasi awal" in html
    assert 'name="website"' in html  # the honeypot


def test_invalid_nik_is_refused_and_nothing_typed_is_lost(client):
    r = client.post("/pengaduan/baru", data={**valid(reporter_nik="1234567890123456"), "step": "pelapor"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "NIK tidak valid" in html
    assert 'value="Siti Rahmawati"' in html
    assert 'value="Jl. Merdeka No. 5, Tanjungpandan"' not in html  # a textarea: content, not value
    assert "Jl. Merdeka No. 5, Tanjungpandan</textarea>" in html
    assert 'name="description" value="Terlapor mengunggah' in html  # later steps carried along, hidden


def test_valid_step_moves_on_and_carries_the_typed_data(client):
    r = client.post("/pengaduan/baru", data={**valid(), "step": "pelapor"})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "Langkah 2 dari 6: Terlapor" in html
    assert '<input type="hidden" name="reporter_nik" value="1902014501900001">' in html


@pytest.mark.parametrize(
    ("over", "message", "kept"),
    [
        (
            {"occurred_on": (TODAY + timedelta(days=2)).isoformat()},
            "Tanggal kejadian tidak boleh di masa depan",
            "Ajakan memilih paslon",
        ),
        (
            {"known_on": (TODAY - timedelta(days=5)).isoformat()},
            "Tanggal diketahui tidak boleh sebelum tanggal kejadian",
            "Terlapor mengunggah foto",
        ),
        ({"occurred_on": "31-02-2024"}, "Masukkan tanggal yang benar", "Desa Membalong"),
        ({"description": "pendek"}, "Tulis antara 20 dan 5000 karakter", "Ajakan memilih paslon"),
        ({"violation_type": "aparat_golput"}, "Pilih jenis pelanggaran dari daftar", "Desa Membalong"),  # not for ASN
    ],
)
def test_event_step_refuses_bad_input_and_keeps_the_rest(client, over, message, kept):
    r = client.post("/pengaduan/baru", data={**valid(**over), "step": "peristiwa"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert message in html
    assert kept in html


def test_violation_list_fits_the_subject(client):
    r = client.post("/pengaduan/baru", data={**valid(subject_type="tni"), "step": "terlapor"})
    html = r.get_data(as_text=True)
    assert "Langkah 3 dari 6" in html
    assert 'value="aparat_golput"' in html
    assert 'value="skb05"' not in html  # party membership (SKB) is for ASN, not soldiers


def test_witness_can_be_added_and_phone_is_checked(client):
    r = client.post("/pengaduan/baru", data={**valid(), "step": "saksi", "go": "add_witness"})
    assert r.status_code == 200
    assert "Saksi 2" in r.get_data(as_text=True)
    r = client.post("/pengaduan/baru", data={**valid(**{"witnesses-0-phone": "12"}), "step": "saksi"})
    assert r.status_code == 422
    assert "Nomor telepon tidak valid" in r.get_data(as_text=True)


def test_full_submission_with_photo_gives_code_and_secret_once(app, client, db):
    r = client.post(
        "/pengaduan/baru",
        data={**valid(), "step": "bukti", "evidence_files": (io.BytesIO(jpeg_bytes()), "bukti.jpg")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "Langkah 6 dari 6" in html
    assert "bukti.jpg" in html
    token = re.search(r'name="evidence_tokens" value="([^"]+)"', html).group(1)
    r = client.post("/pengaduan/baru/kirim", data=valid(evidence_tokens=token, idempotency_key="key-12345678"))
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/pengaduan/terkirim?kode=PGD-")
    page = client.get("/pengaduan/terkirim").get_data(as_text=True)
    code = re.search(r'id="tracking-code">([A-Z0-9-]+)<', page).group(1)
    secret = re.search(r'id="tracking-secret">([A-Z0-9-]+)<', page).group(1)
    assert "Catat kode laporan dan kode rahasia sekarang" in page
    assert client.get("/pengaduan/terkirim").status_code == 303  # shown once
    complaint = db.exec(select(Complaint).where(Complaint.tracking_code == code)).one()
    assert complaint.kind == "laporan"
    assert complaint.reporter_phone == "+6281234567890"  # normalised
    assert secret not in complaint.secret_hash
    assert (
        db.exec(select(ComplaintEvidence).where(ComplaintEvidence.complaint_id == complaint.id)).one().content_type
        == "image/jpeg"
    )
    # the same submission resent (the offline outbox) does not make a second complaint
    again = client.post("/pengaduan/baru/kirim", data=valid(evidence_tokens=token, idempotency_key="key-12345678"))
    assert again.headers.get("X-Replayed") == "1"
    assert len(db.exec(select(Complaint)).all()) == 1
    assert client.get("/pengaduan/terkirim").status_code == 303  # this browser had its receipt: no new secret
    # receipt PDF
    pdf = client.post("/pengaduan/tanda-terima.pdf", data={"code": code, "secret": secret})
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")


def _receipt(page: str, suffix: str = "") -> tuple[str, str]:
    return (
        re.search(rf'id="tracking-code{suffix}">([A-Z0-9-]+)<', page).group(1),
        re.search(rf'id="tracking-secret{suffix}">([A-Z0-9-]+)<', page).group(1),
    )


def _can_look_up(client, code: str, secret: str) -> bool:
    r = client.post("/pengaduan/status", data={"code": code, "secret": secret})
    return r.status_code == 200 and 'id="complaint-status"' in r.get_data(as_text=True)


def test_resend_after_a_lost_answer_gives_the_receipt_with_a_new_secret(app, client, db):
    """The server stored the complaint but the phone never got the answer (nor the cookie with the receipt):
    the outbox resends with the same key, and the reporter still learns the code and a working secret."""
    client.get("/pengaduan/baru")
    phone = app.test_client()  # the same phone, whose session never saw that answer: its cookie from before
    phone.set_cookie("session", client.get_cookie("session").value)
    first = client.post("/pengaduan/baru/kirim", data=valid(idempotency_key="lost-answer-0001"))
    code, old_secret = _receipt(client.get(first.headers["Location"]).get_data(as_text=True))
    again = phone.post("/pengaduan/baru/kirim", data=valid(idempotency_key="lost-answer-0001"))
    assert (again.status_code, again.headers.get("X-Replayed")) == (303, "1")
    page = phone.get("/pengaduan/terkirim").get_data(as_text=True)
    new_code, new_secret = _receipt(page)
    assert new_code == code
    assert new_secret != old_secret
    assert len(db.exec(select(Complaint)).all()) == 1
    assert _can_look_up(phone, code, new_secret)
    assert not _can_look_up(phone, code, old_secret)
    # Once shown, a further resend from this phone changes nothing.
    phone.post("/pengaduan/baru/kirim", data=valid(idempotency_key="lost-answer-0001"))
    assert phone.get("/pengaduan/terkirim").status_code == 303
    assert _can_look_up(phone, code, new_secret)
    from app.audit.models import AuditLog

    assert db.exec(select(AuditLog).where(AuditLog.action == "complaint.secret_reissue")).one().actor_id is None


def test_two_complaints_sent_before_the_receipt_page_show_both(client, db):
    client.post("/pengaduan/baru/kirim", data=valid(idempotency_key="two-receipts-01"))
    client.post(
        "/pengaduan/baru/kirim",
        data=valid(idempotency_key="two-receipts-02", event_summary="Camat hadir di deklarasi paslon"),
    )
    intake = client.get("/pengaduan/baru")
    assert 'id="receipt-waiting"' in intake.get_data(as_text=True)  # the first step points to the receipts
    assert intake.headers.get("X-SW-Cache") is None  # and is not kept offline while it does
    page = client.get("/pengaduan/terkirim").get_data(as_text=True)
    codes = {_receipt(page)[0], _receipt(page, "-2")[0]}
    assert codes == {c.tracking_code for c in db.exec(select(Complaint)).all()}
    assert all(_can_look_up(client, *_receipt(page, suffix)) for suffix in ("", "-2"))
    assert 'id="receipt-waiting"' not in client.get("/pengaduan/baru").get_data(as_text=True)


def test_first_step_opens_offline_and_review_feeds_the_outbox(client, htmx):
    page = client.get("/pengaduan/baru")
    assert page.headers.get("X-SW-Cache") == "1"
    assert "HX-Request" in page.headers.get("Vary", "")
    assert htmx.get("/pengaduan/baru").headers.get("X-SW-Cache") is None
    html = page.get_data(as_text=True)
    assert 'data-outbox-panel="pengaduan"' in html
    review = client.post("/pengaduan/baru", data={**valid(), "step": "bukti"}).get_data(as_text=True)
    assert 'data-outbox-once="#intake"' in review
    assert 'data-outbox-after="/pengaduan/terkirim"' in review
    assert client.post("/pengaduan/baru", data={**valid(), "step": "bukti"}).headers.get("X-SW-Cache") is None


def test_form_marks_outbox_and_idempotency_key(client):
    r = client.post("/pengaduan/baru", data={**valid(), "step": "bukti"})
    html = r.get_data(as_text=True)
    assert 'data-outbox="pengaduan"' in html
    assert 'name="idempotency_key"' in html


def test_anonymous_becomes_informasi_awal(client, db):
    r = submit(client, anonymous="y", reporter_name="", reporter_nik="", reporter_phone="", reporter_address="")
    assert r.status_code == 303
    page = client.get("/pengaduan/terkirim").get_data(as_text=True)
    assert "Dicatat sebagai informasi awal" in page
    c = db.exec(select(Complaint)).one()
    assert (c.kind, c.status, c.reporter_name) == ("informasi_awal", "informasi_awal", "")


def test_late_report_is_kept_and_flagged(client, db):
    r = client.post(
        "/pengaduan/baru",
        data={
            **valid(
                occurred_on=(TODAY - timedelta(days=20)).isoformat(), known_on=(TODAY - timedelta(days=15)).isoformat()
            ),
            "step": "bukti",
        },
    )
    assert "sudah lewat. Laporan Anda tetap disimpan" in r.get_data(as_text=True)
    submit(
        client, occurred_on=(TODAY - timedelta(days=20)).isoformat(), known_on=(TODAY - timedelta(days=15)).isoformat()
    )
    assert "lewat batas 7 hari" in client.get("/pengaduan/terkirim").get_data(as_text=True)
    assert db.exec(select(Complaint)).one().late_filing


def test_honeypot_refuses(client, db):
    assert submit(client, website="http://spam.example").status_code == 422
    assert db.exec(select(Complaint)).all() == []


def test_missing_consent_is_refused_with_data_kept(client, db):
    r = submit(client, consent=None)
    assert r.status_code == 422
    assert "Persetujuan Anda diperlukan" in r.get_data(as_text=True)
    assert "Terlapor mengunggah foto" in r.get_data(as_text=True)
    assert db.exec(select(Complaint)).all() == []


def test_fifty_megabyte_file_is_refused(client):
    big = io.BytesIO(b"\xff\xd8\xff" + b"0" * (50 * 1024 * 1024))
    stream, length, boundary = stream_encode_multipart(
        {**valid(), "step": "bukti", "evidence_files": FileStorage(big, filename="besar.jpg")}, use_tempfile=False
    )
    r = client.post("/pengaduan/baru", data=stream.getvalue(), content_type=f"multipart/form-data; boundary={boundary}")
    assert r.status_code == 413
    assert "Berkas terlalu besar" in r.get_data(as_text=True)


def test_not_a_photo_is_refused_in_indonesian(client):
    r = client.post(
        "/pengaduan/baru",
        data={**valid(), "step": "bukti", "evidence_files": (io.BytesIO(b"<html>x</html>"), "foto.jpg")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 422
    assert "foto.jpg: Berkas ini bukan foto yang dapat dibaca." in r.get_data(as_text=True)


SCRIPT = '<script>alert("x")</script>'
TEXT_FIELDS = [
    "reporter_name",
    "reporter_address",
    "reporter_occupation",
    "reporter_birth_place",
    "subject_name",
    "subject_institution",
    "subject_position",
    "subject_address",
    "event_summary",
    "event_place",
    "description",
    "witnesses-0-name",
    "witnesses-0-address",
]


def test_script_in_every_text_field_is_rendered_inert(app, client, db, make_user, auth):
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    data = {name: f"{SCRIPT} {name} cukup panjang untuk uraian" for name in TEXT_FIELDS}
    r = client.post("/pengaduan/baru", data={**valid(**data), "step": "tinjau"})
    assert SCRIPT not in r.get_data(as_text=True)
    assert submit(client, **data).status_code == 303
    page = client.get("/pengaduan/terkirim").get_data(as_text=True)
    code = re.search(r'id="tracking-code">([A-Z0-9-]+)<', page).group(1)
    secret = re.search(r'id="tracking-secret">([A-Z0-9-]+)<', page).group(1)
    status = client.post("/pengaduan/status", data={"code": code, "secret": secret}).get_data(as_text=True)
    assert SCRIPT not in status
    c = db.exec(select(Complaint)).one()
    auth.login("bawaslu-operator")
    for url in (f"/pengaduan/{c.id}", "/pengaduan"):
        html = client.get(url).get_data(as_text=True)
        assert SCRIPT not in html
        assert "&lt;script&gt;" in html


# ---- status look-up --------------------------------------------------------------------------------------------


def _file(client, **over):
    submit(client, **over)
    page = client.get("/pengaduan/terkirim").get_data(as_text=True)
    return (
        re.search(r'id="tracking-code">([A-Z0-9-]+)<', page).group(1),
        re.search(r'id="tracking-secret">([A-Z0-9-]+)<', page).group(1),
    )


def test_status_shows_history_and_reporter_can_add_information(client):
    code, secret = _file(client)
    r = client.post("/pengaduan/status", data={"code": code.lower(), "secret": secret})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Laporan Anda sudah masuk, tetapi belum sah sebagai laporan" in html
    assert "menunggu tanda tangan A.1" in html
    r = client.post(
        "/pengaduan/status/tambah", data={"code": code, "secret": secret, "text": "Saksi lain: Pak Rudi, warga RT 02."}
    )
    assert r.status_code == 200
    assert "Anda menambahkan keterangan: Saksi lain: Pak Rudi" in r.get_data(as_text=True)


def test_added_information_is_confirmed_to_the_reporter(client):
    code, secret = _file(client)
    r = client.post("/pengaduan/status/tambah", data={"code": code, "secret": secret, "text": "Saksi lain: Pak Rudi."})
    assert r.status_code == 200
    assert '<p class="flash flash-success" role="status">Informasi tambahan Anda telah diterima Bawaslu.</p>' in (
        r.get_data(as_text=True)
    )


def test_wrong_secret_answers_exactly_like_unknown_code(client):
    code, _secret = _file(client)
    wrong = client.post("/pengaduan/status", data={"code": code, "secret": "AAAA-BBBB-CCCC"})
    unknown = client.post("/pengaduan/status", data={"code": "PGD-ZZZZZZZZ", "secret": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == unknown.status_code == 422
    assert "Kode laporan atau kode rahasia tidak cocok" in wrong.get_data(as_text=True)
    assert _comparable(wrong.get_data(as_text=True), code) == _comparable(
        unknown.get_data(as_text=True), "PGD-ZZZZZZZZ"
    )


def _comparable(html: str, code: str) -> str:
    """The page without the code asked for and without CSRF tokens, which carry the second they were signed
    (two requests straddling a second differ there and nowhere else)."""
    html = re.sub(r'("X-CSRFToken": ")[^"]+"', r'\1T"', html)
    html = re.sub(r'(name="csrf_token"[^>]*value=")[^"]+"', r'\1T"', html)
    return html.replace(code, "X")


def test_lookup_attempts_are_throttled(client):
    code, secret = _file(client)
    for _ in range(10):
        client.post("/pengaduan/status", data={"code": code, "secret": "AAAA-BBBB-CCCC"})
    r = client.post("/pengaduan/status", data={"code": code, "secret": secret})
    assert r.status_code == 429
    assert "Terlalu banyak percobaan" in r.get_data(as_text=True)


def test_submissions_are_rate_limited_per_address(app, monkeypatch):
    monkeypatch.setattr(limiter, "enabled", limiter.enabled)  # restored afterwards for the other tests
    keep = ("DATABASE_URL", "SECRET_KEY", "UPLOAD_DIR", "INSTANCE_DIR", "PASSWORD_HASH_METHOD")
    limited = create_app(
        {**{k: app.config[k] for k in keep}, "TESTING": True, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True}
    )  # the shared test app has rate limits off
    client = limited.test_client()
    limiter.reset()
    try:
        codes = [submit(client).status_code for _ in range(11)]
    finally:
        limiter.reset()
        get_engine(limited, write=True).dispose()
    assert codes[:10] == [303] * 10
    assert codes[10] == 429


def test_every_public_post_needs_the_csrf_token(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get("/pengaduan/baru").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    for url in (
        "/pengaduan/baru",
        "/pengaduan/baru/kirim",
        "/pengaduan/status",
        "/pengaduan/status/tambah",
        "/pengaduan/tanda-terima.pdf",
    ):
        assert client.post(url, data=valid()).status_code == 400, url
    assert client.post("/pengaduan/baru", data={**valid(), "step": "pelapor", "csrf_token": token}).status_code == 200
