"""TPS CSV import: every row checked and shown before anything is saved; errors per row (wrong columns,
duplicate TPS, negative numbers, unknown village code), a 10 MB file refused, chunked saving and the report."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from app.readiness.models import ImportJob
from app.regions.models import TPS
from tests.readiness.helpers import V_TANJUNG_1, add_tps

HEADER = "kode_desa,nomor_tps,alamat,dpt,lintang,bujur\n"


def _upload(client, body: str | bytes, name: str = "tps.csv"):
    """A multipart body built by hand (the test client would spool a large one to an unclosed temp file)."""
    data = body.encode() if isinstance(body, str) else body
    boundary = "sinergi-test-boundary"
    payload = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post("/kesiapan/tps/impor", data=payload, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def kpu(auth, make_user):
    user = make_user(agency="KPU")
    auth.login(user.username)
    return user


def _count(db) -> int:
    return db.exec(select(func.count()).select_from(TPS)).one()


def test_errors_are_reported_per_row_and_nothing_is_saved(client, kpu, db):
    body = (
        HEADER
        + "\n".join(
            [
                '19.02.01.1001,1,"Balai Desa, Jl. Merdeka",412,-2.74,107.63',  # 2 fine
                "19.02.01.1001,2,SD Negeri 3,-5,,",  # 3 negative DPT
                "19.02.01.1001,1,Posyandu,300,,",  # 4 duplicate of row 2
                "19.02.99.9999,1,Balai,300,,",  # 5 unknown village
                "19.06.01.2001,1,Balai,300,,",  # 6 outside the user's region
                "19.02.01.1001,3,Balai,300",  # 7 wrong number of columns
                "19.02.01.1001,0,Balai,300,,",  # 8 TPS number 0
                "19.02.01.1001,4,Balai,abc,,",  # 9 not a number
                "19.02.01.1001,5,Balai,700,,",  # 10 above 600 voters
            ]
        )
        + "\n"
    )
    response = _upload(client, body)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tidak ada yang disimpan: 8 baris bermasalah." in page
    for text in (
        "DPT tidak boleh negatif.",
        "TPS ganda: 19.02.01.1001 TPS 1 sudah ada di baris 2.",
        "Kode desa 19.02.99.9999 tidak dikenal",
        "Kode desa 19.06.01.2001 tidak dikenal",
        "Seharusnya 6 kolom, ditemukan 4.",
        "Nomor TPS paling kecil 1.",
        "nomor_tps dan dpt harus bilangan bulat.",
        "DPT 700 melebihi batas 600 pemilih per TPS.",
    ):
        assert text in page, text
    job = db.exec(select(ImportJob)).one()
    assert [e["line"] for e in job.errors] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert job.status == "rejected"
    assert _count(db) == 0
    # A rejected job cannot be saved.
    response = client.post(f"/kesiapan/impor/{job.id}/simpan")
    assert response.status_code == 303
    assert _count(db) == 0


def test_wrong_columns_reject_the_file(client, kpu, db):
    response = _upload(client, "desa,nomor,alamat,dpt\n19.02.01.1001,1,Balai,300\n")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Kolom tidak sesuai." in body
    assert "Seharusnya: kode_desa, nomor_tps, alamat, dpt, lintang, bujur." in body
    assert "Tidak ada: kode_desa, nomor_tps. Tidak dikenal: desa, nomor." in body
    assert db.exec(select(ImportJob)).all() == []


def test_a_column_written_twice_rejects_the_file(client, kpu, db):
    """``number`` is the earlier name of ``nomor_tps``: both in one file would leave one of them unread."""
    response = _upload(client, "kode_desa,nomor_tps,number,alamat,dpt\n19.02.01.1001,1,2,Balai,300\n")
    assert response.status_code == 422
    assert "Kolom tertulis dua kali: nomor_tps." in response.get_data(as_text=True)
    assert db.exec(select(ImportJob)).all() == []


def test_row_errors_name_the_columns_in_indonesian(client, kpu):
    job_url = _upload(client, HEADER + "19.02.02.2001,satu,Balai,300,,\n").headers["Location"]
    assert "nomor_tps dan dpt harus bilangan bulat." in client.get(job_url).get_data(as_text=True)


def test_the_example_file_has_the_indonesian_columns_and_imports(client, kpu, db):
    example = client.get("/kesiapan/impor/contoh.csv").get_data(as_text=True)
    assert example.lstrip("\ufeff").splitlines()[0] == "kode_desa,nomor_tps,alamat,dpt,lintang,bujur"
    job_url = _upload(client, example).headers["Location"]
    client.post(f"/kesiapan/impor/{int(job_url.rsplit('/', 1)[1])}/simpan")
    assert _count(db) == 1
    page = client.get("/kesiapan/tps/impor").get_data(as_text=True)
    assert "Kolom: kode_desa, nomor_tps, alamat, dpt, dan bila ada lintang, bujur." in page


def test_ten_megabyte_file_is_refused(client, kpu, db):
    big = HEADER + ("19.02.01.1001,1,Balai Desa yang panjang sekali namanya,300,,\n" * 200_000)
    assert len(big) > 10_000_000
    response = _upload(client, big)
    assert response.status_code == 422
    assert "batasnya 5 MB" in response.get_data(as_text=True)
    assert _count(db) == 0


def test_not_utf8_and_empty_files(client, kpu):
    response = _upload(client, "village_code,number,address,dpt\n19.02.01.1001,1,Bal\xe9,1\n".encode("latin-1"))
    assert response.status_code == 422
    assert "Berkas bukan teks UTF-8." in response.get_data(as_text=True)
    response = _upload(client, HEADER)
    assert response.status_code == 422
    assert "Berkas tidak berisi baris data." in response.get_data(as_text=True)
    response = client.post("/kesiapan/tps/impor", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Pilih berkas CSV." in response.get_data(as_text=True)


def test_preview_then_chunked_save_then_report(app, client, htmx, kpu, db):
    with app.app_context():
        add_tps(db, V_TANJUNG_1, 1, 100)  # exists: updated, not duplicated
        db.commit()
    rows = [f"{V_TANJUNG_1},{n},Balai {n},{300 + n},," for n in range(1, 51)]
    response = _upload(client, HEADER.replace(",", ";").replace(";", ",") + "\n".join(rows) + "\n")
    job_url = response.headers["Location"]
    page = client.get(job_url).get_data(as_text=True)
    assert "50 baris valid. Belum ada yang disimpan." in page
    assert _count(db) == 1
    job_id = int(job_url.rsplit("/", 1)[1])
    # htmx saves one chunk per request and asks for the next one.
    first = htmx.post(f"/kesiapan/impor/{job_id}/simpan?size=20")
    assert first.status_code == 200
    assert "Menyimpan… 20 dari 50 baris" in first.get_data(as_text=True)
    assert 'hx-trigger="load delay:50ms"' in first.get_data(as_text=True)
    htmx.post(f"/kesiapan/impor/{job_id}/simpan?size=20")
    last = htmx.post(f"/kesiapan/impor/{job_id}/simpan?size=20").get_data(as_text=True)
    assert "Impor selesai: 49 TPS ditambahkan, 1 diperbarui." in last
    assert _count(db) == 50
    db.expire_all()
    assert db.exec(select(TPS).where(TPS.village_code == V_TANJUNG_1, TPS.number == 1)).one().dpt == 301


def test_semicolon_csv_from_spreadsheets_and_full_save_without_htmx(client, kpu, db):
    """Indonesian Excel separates with semicolons; this file also has the English column names of earlier
    versions, which are still read."""
    body = "village_code;number;address;dpt\n" + "19.02.02.2001;1;Balai Desa;412\n19.02.02.2001;2;SD;388\n"
    job_url = _upload(client, body).headers["Location"]
    job_id = int(job_url.rsplit("/", 1)[1])
    response = client.post(f"/kesiapan/impor/{job_id}/simpan")
    assert response.status_code == 303
    assert "Impor selesai: 2 TPS ditambahkan, 0 diperbarui." in client.get(job_url).get_data(as_text=True)
    assert _count(db) == 2


def test_only_kpu_imports_and_only_its_own_job(client, auth, make_user, kpu):
    job_url = _upload(client, HEADER + "19.02.02.2001,1,Balai,300,,\n").headers["Location"]
    auth.logout()
    auth.login(make_user(agency="KPU", username="kpu-lain").username)
    assert client.get(job_url).status_code == 403
    auth.logout()
    auth.login(make_user(agency="POLRI").username)
    assert client.get("/kesiapan/tps/impor").status_code == 403
    assert _upload(client, HEADER).status_code == 403
