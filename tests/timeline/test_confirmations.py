"""Each save on the timeline says so in Indonesian on the page it lands on; the offline outbox's resend does not
(the outbox says "… terkirim" itself, and a kept flash would surface later on an unrelated page)."""

from __future__ import annotations

import pytest

POST = {"kind": "info", "text": "Situasi di TPS 001 aman.", "visibility": "all"}
POSTED = "Entri terkirim ke linimasa."
BOOSTED = {"HX-Request": "true", "HX-Request-Type": "full"}  # a boosted form: htmx follows the 303 and swaps the page


@pytest.mark.parametrize("headers", [{}, BOOSTED], ids=["form", "htmx"])
def test_posting_confirms_on_the_timeline(client, auth, people, headers):
    auth.login("kpu-operator")
    response = client.post("/linimasa", data=POST, headers=headers, follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<p class="flash flash-success" role="status">{POSTED}</p>' in page
    assert POSTED not in client.get("/linimasa").get_data(as_text=True)  # once


def test_a_refused_post_has_no_confirmation(client, auth, people):
    auth.login("kpu-operator")
    response = client.post("/linimasa", data={**POST, "text": ""})
    assert response.status_code == 422
    assert POSTED not in response.get_data(as_text=True)


def test_the_outbox_resend_is_stored_without_a_flash(client, auth, people):
    auth.login("kpu-operator")
    response = client.post("/linimasa", data=POST, headers={"X-Outbox-Replay": "1", "Idempotency-Key": "k-1"})
    assert response.status_code == 303
    assert response.headers["X-Entry-Id"]
    assert POSTED not in client.get("/linimasa").get_data(as_text=True)


@pytest.mark.parametrize(
    ("username", "path", "data", "message"),
    [
        ("kpu-petugas", "/linimasa/{id}/tindak-lanjut", {"text": "PPS sudah dihubungi."}, "Tindak lanjut ditambahkan."),
        ("kpu-operator", "/kerawanan/{id}/penanganan", {"handling_agency": "POLRI"}, "Instansi penanganan diperbarui."),
        ("kpu-operator", "/linimasa/{id}/diterima", {}, "Ditandai diterima oleh KPU."),
        ("kpu-operator", "/linimasa/{id}/penting", {}, "Ditandai penting untuk semua instansi."),
    ],
)
def test_entry_actions_confirm_on_the_entry(client, auth, people, tps, make_incident, username, path, data, message):
    entry = make_incident(people["polri-petugas"], tps["membalong1"])
    auth.login(username)
    response = client.post(path.format(id=entry.id), data=data, follow_redirects=True)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_a_followup_resent_by_the_outbox_has_no_flash(client, auth, people, tps, make_incident):
    entry = make_incident(people["polri-petugas"], tps["membalong1"])
    auth.login("kpu-petugas")
    response = client.post(
        f"/linimasa/{entry.id}/tindak-lanjut", data={"text": "PPS sudah dihubungi."}, headers={"X-Outbox-Replay": "1"}
    )
    assert response.status_code == 303
    assert "Tindak lanjut ditambahkan." not in client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)
