"""Making the day's report says so in Indonesian, and says when the period's draft was refreshed instead."""

from __future__ import annotations

from datetime import timedelta

MADE = "Draf laporan situasi dibuat dari data terkini."
REFRESHED = "Periode ini sudah memiliki draf: angkanya disusun ulang dari data terkini."


def test_generating_confirms_and_a_second_time_says_it_refreshed(client, login_as, accounts, clock):
    login_as("pemda-pimpinan")
    first = client.post("/laporan-situasi/buat", data={"start": "", "end": ""}, follow_redirects=True)
    assert first.status_code == 200
    assert MADE in first.get_data(as_text=True)
    clock["now"] += timedelta(minutes=10)
    again = client.post("/laporan-situasi/buat", data={"start": "", "end": ""}, follow_redirects=True)
    body = again.get_data(as_text=True)
    assert REFRESHED in body
    assert MADE not in body
