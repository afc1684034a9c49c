"""The incident CSV: every cell neutralised against spreadsheet formulas (tab and CR included), an unreadable
range refused in Indonesian (never silently another range), and the default day the user's local day."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from app.timeline.models import Entry

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.mark.parametrize("text", FORMULAS)
def test_every_formula_start_is_neutralised(client, auth, db, people, tps, now, text):
    """Rows another feature wrote directly (no stripping by the timeline's service) are exported safely too."""
    author = people["polri-petugas"]
    db.add(
        Entry(
            created_at=now,
            occurred_at=now,
            author_id=author.id,
            author_agency=author.agency,
            kind="kerawanan",
            text=text,
            region_code="19.02.02.2001",
            tps_id=tps["membalong1"].id,
            category="op.ktp_ganda",
            severity="sedang",
            status="dilaporkan",
            resolution_note=text,
        )
    )
    db.commit()
    auth.login("bawaslu-pimpinan")
    response = client.get("/linimasa/kerawanan.csv?dari=2024-11-27")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="kerawanan-2024-11-27-2024-11-27.csv"'
    header, row = _rows(response)
    assert header[0] == "ID"
    assert row[header.index("Isi")] == "'" + text
    assert row[header.index("Catatan penyelesaian")] == "'" + text


BAD_DATES = "Isi tanggal sesuai kalender."
BAD_RANGE = "Pilih tanggal akhir setelah tanggal awal, paling lama satu tahun."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("dari=kemarin", BAD_DATES),
        ("dari=2024-11-27&sampai=27-11-2024", BAD_DATES),
        ("dari=2024-11-28&sampai=2024-11-27", BAD_RANGE),
        ("dari=2023-01-01&sampai=2024-11-27", BAD_RANGE),
    ],
)
def test_an_unreadable_range_is_refused_not_replaced(client, auth, people, query, message):
    auth.login("bawaslu-pimpinan")
    response = client.get(f"/linimasa/kerawanan.csv?{query}")
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("text/html")
    assert message in response.get_data(as_text=True)


def test_without_a_range_the_default_day_is_the_users_local_day(client, auth, people, monkeypatch):
    """00.30 WIB on 27 November is still the 26th in UTC (and on a server set to UTC)."""
    monkeypatch.setattr("app.timeline.routes.summary.utcnow", lambda: datetime(2024, 11, 26, 17, 30, tzinfo=UTC))
    auth.login("bawaslu-pimpinan")
    response = client.get("/linimasa/kerawanan.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('filename="kerawanan-2024-11-27-2024-11-27.csv"')
    page = client.get("/linimasa/ringkasan").get_data(as_text=True)
    assert 'name="dari" value="2024-11-27"' in page
