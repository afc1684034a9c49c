"""Hostile input to every route of the voting-day command (piket, escalation, instructions, duplicates), as
several roles: a clear 4xx (or a normal page), never a 500."""

from __future__ import annotations

import pytest

HOSTILE = ["", "0", "-1", "99999999999999999999", "abc", "1e9", "<script>x</script>", "’; DROP TABLE x;--", "\x00",
           "2024-02-30", "25:99", "x" * 5000, "١٢", "19.02'", "../../etc/passwd"]  # fmt: skip
GETS = [
    "/piket?tanggal={v}",
    "/piket?instansi={v}",
    "/piket/baru?tanggal={v}",
    "/piket/riwayat?sebelum={v}",
    "/instruksi/baru?kerawanan={v}",
    "/eskalasi",
    "/eskalasi/aturan",
]
POSTS = {
    "/piket/baru": ["region_code", "day", "start", "end", "user_id", "name", "phone", "post"],
    "/piket/serah-terima": ["note"],
    "/instruksi/baru": ["text", "agencies", "roles", "region_code", "incident_id", "remind_after"],
    "/eskalasi/aturan": ["rule-1-severities", "rule-1-condition", "rule-1-minutes", "rule-1-target", "reset"],
    "/kerawanan/{incident}/duplikat": ["asli"],
    "/instruksi/{instruction}/dimengerti": ["next"],
}


@pytest.fixture
def targets(app, db, accounts, make_incident):
    from datetime import UTC, datetime

    from app.instructions import services

    now = datetime(2024, 11, 27, 0, 0, tzinfo=UTC)
    incident = make_incident(accounts["polri-petugas"], now)
    with app.test_request_context():
        instruction = services.send(
            db, actor=accounts["polri-pimpinan"], text="Siaga.", audience=services.Audience([], [], "19.02"), now=now
        )
        db.commit()
    return {"incident": incident.id, "instruction": instruction.id}


@pytest.mark.parametrize("username", ["admin", "polri-operator", "polri-petugas", "pemda-pimpinan"])
def test_hostile_values_never_cause_a_500(client, login_as, targets, username):
    login_as(username)
    problems = []
    for value in HOSTILE:
        for url in GETS:
            status = client.get(url.format(v=value)).status_code
            if status >= 500:
                problems.append(f"GET {url} {value!r}: {status}")
        for url, fields in POSTS.items():
            status = client.post(url.format(**targets), data=dict.fromkeys(fields, value)).status_code
            if status >= 500:
                problems.append(f"POST {url} {value!r}: {status}")
    for url in ("/piket/99999999999/ubah", "/instruksi/99999999999", "/kerawanan/0/duplikat"):
        # 303: a POST-only address opened by GET leads to the page above it (app/errors.py), which then answers.
        assert client.get(url).status_code in (303, 403, 404, 405)
    assert problems == []
