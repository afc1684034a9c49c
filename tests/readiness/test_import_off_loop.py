"""The CSV check of a TPS import runs in gevent's thread pool (issue 12: it held the event loop), with the
request's language: the messages are the same Indonesian ones, and a file rejected in the thread is a 422."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import func, select

from app import offload
from app.readiness.models import ImportJob
from app.readiness.services import tps as tps_service
from app.regions.models import TPS
from tests.readiness.test_import import HEADER, _upload


@pytest.fixture
def kpu(auth, make_user):
    user = make_user(agency="KPU")
    auth.login(user.username)
    return user


@pytest.fixture
def threads(monkeypatch):
    """Act as under gunicorn's gevent worker, and note which thread checked the rows."""
    seen: list[int] = []
    check = tps_service.check_rows

    def recording(*args, **kwargs):
        seen.append(threading.get_ident())
        return check(*args, **kwargs)

    monkeypatch.setattr(offload, "_gevent_patched", lambda: True)
    monkeypatch.setattr(tps_service, "check_rows", recording)
    return seen


def test_rows_are_checked_in_a_thread_in_indonesian(client, kpu, db, threads):
    body = HEADER + "19.02.01.1001,1,Balai,300,,\n19.02.01.1001,2,SD Negeri 3,-5,,\n19.02.99.9999,1,Balai,300,,\n"
    response = _upload(client, body)
    assert response.status_code == 303
    assert threads
    assert threads[0] != threading.get_ident()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "DPT tidak boleh negatif." in page
    assert "Kode desa 19.02.99.9999 tidak dikenal" in page
    assert db.exec(select(ImportJob)).one().status == "rejected"


def test_a_file_rejected_in_the_thread_is_a_422(client, kpu, db, threads):
    response = _upload(client, "desa,nomor,alamat,dpt\n19.02.01.1001,1,Balai,300\n")
    assert response.status_code == 422
    assert "Kolom tidak sesuai." in response.get_data(as_text=True)
    assert threads


def test_a_valid_file_is_saved_with_yields_between_statements(client, kpu, db, threads):
    rows = "".join(f"19.02.01.1001,{n},Balai {n},300,,\n" for n in range(1, 251))
    _upload(client, HEADER + rows)
    job = db.exec(select(ImportJob)).one()
    assert job.status == "preview"
    response = client.post(f"/kesiapan/impor/{job.id}/simpan")
    assert response.status_code == 303
    assert db.exec(select(func.count()).select_from(TPS)).one() == 250


def test_a_tps_loaded_in_the_session_shows_the_bulk_update(app, db, kpu):
    from app.clock import utcnow
    from tests.readiness.helpers import V_TANJUNG_1, add_tps

    with app.test_request_context("/"):
        tps = add_tps(db, V_TANJUNG_1, 1, 100)
        db.commit()
        data = (HEADER + f"{V_TANJUNG_1},1,Balai baru,321,,\n").encode()
        job = tps_service.create_job(db, "tps.csv", data, kpu.region_code, actor=kpu, now=utcnow())
        tps_service.apply_chunk(db, job, actor=kpu, now=utcnow())
        assert (job.status, job.created, job.updated) == ("done", 0, 1)
        assert (tps.dpt, tps.address) == (321, "Balai baru")  # expired by the bulk UPDATE, read again
