"""Sharing a timeline entry to WhatsApp (issue 16 point 5): its text, place, time and link — never restricted
content, never the reporter (planted markers)."""

from __future__ import annotations

import html
from urllib.parse import unquote

from app.timeline.share import share_text


def _share_box(page: str) -> str:
    start = page.find('id="tl-wa-text"')
    if start < 0:
        return ""
    start = page.find(">", start) + 1
    return html.unescape(page[start : page.find("</textarea>", start)])


def test_an_incident_is_shared_with_its_place_time_status_and_link(client, auth, db, people, tps, make_incident):
    entry = make_incident(people["polri-petugas"], tps["membalong2"], text="PENANDA-BAGI surat suara kurang.")
    auth.login("kpu-operator")
    page = client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)
    text = _share_box(page)
    assert "*KERAWANAN — " in text
    assert "PENANDA-BAGI surat suara kurang." in text
    assert "TPS 002" in text
    assert "Membalong" in text
    assert "WIB" in text
    assert "Status: Dilaporkan" in text
    assert f"/kerawanan/{entry.id}" in text
    assert people["polri-petugas"].name not in text  # the reporter stays out of the groups
    wa = page.split('id="tl-wa"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]
    assert "PENANDA-BAGI" in unquote(html.unescape(wa))
    assert 'id="tl-share"' in page  # the Web Share button (shown by share.js where the phone has the API)


def test_a_restricted_entry_offers_nothing_to_share(client, auth, db, people, tps, make_incident):
    entry = make_incident(
        people["polri-petugas"], tps["membalong1"], visible_to=["POLRI"], text="RAHASIA-BAGI rencana pengamanan."
    )
    assert share_text(db, entry) is None
    auth.login("polri-operator")  # may read it, may not carry it outside
    page = client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)
    assert "RAHASIA-BAGI" in page  # the entry itself is shown to POLRI
    assert 'id="tl-wa-text"' not in page
    assert "wa.me" not in page
    assert 'id="tl-share-restricted"' in page


def test_an_info_post_is_shared_too(client, auth, db, people, make_entry):
    entry = make_entry(people["kpu-operator"], text="Distribusi logistik ke PPK Membalong selesai.")
    auth.login("bawaslu-operator")
    text = _share_box(client.get(f"/linimasa/{entry.id}").get_data(as_text=True))
    assert text.startswith("*INFO*\n")
    assert "Distribusi logistik ke PPK Membalong selesai." in text
    assert f"/linimasa/{entry.id}" in text
