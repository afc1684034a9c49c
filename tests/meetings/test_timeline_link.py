"""Point 7 against the real timeline: entries posted during the meeting window, in the meeting's region and
visible to the user, can be linked into the minutes (and appear in the notula)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

pytest.importorskip("app.timeline.models")

from app.meetings.models import TimelineReference  # noqa: E402
from app.timeline.models import Entry  # noqa: E402
from tests.meetings.test_notula_pdf import _text  # noqa: E402


def _entry(db, author, text, at, region="19.02.02", visible=""):
    entry = Entry(
        created_at=at,
        author_id=author.id,
        author_agency=author.agency,
        kind="info",
        text=text,
        region_code=region,
        visible_agencies=visible,
    )
    db.add(entry)
    db.commit()
    return entry


def test_entries_of_the_meeting_window_are_offered_and_linked(client, auth, people, make_meeting, db):
    meeting = make_meeting()  # 27 Nov 2024 14.00–16.00 WIB = 07.00–09.00 UTC
    polri = people["polri"]
    during = _entry(db, polri, "Kekurangan surat suara di TPS 003 Membalong", datetime(2024, 11, 27, 7, 40, tzinfo=UTC))
    _entry(db, polri, "Apel pagi", datetime(2024, 11, 27, 1, 0, tzinfo=UTC))  # before the window
    _entry(
        db, people["beltim"], "Kejadian di Belitung Timur", datetime(2024, 11, 27, 7, 45, tzinfo=UTC), region="19.06.01"
    )
    _entry(db, polri, "Info intelijen terbatas", datetime(2024, 11, 27, 7, 50, tzinfo=UTC), visible=",POLRI,")
    auth.login("pemda-sek")
    page = client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert "Kekurangan surat suara di TPS 003 Membalong" in page
    assert "Apel pagi" not in page
    assert "Kejadian di Belitung Timur" not in page
    assert "Info intelijen terbatas" not in page  # restricted to Polri, the secretariat is Pemda
    assert client.post(f"/rapat/{meeting.id}/referensi", data={"entry_id": str(during.id)}).status_code == 303
    ref = db.exec(select(TimelineReference)).one()
    assert ref.entry_id == during.id
    assert "Kekurangan surat suara" in ref.snapshot
    text = "\n".join(_text(client.get(f"/rapat/{meeting.id}/notula.pdf").data))
    assert "REFERENSI LINIMASA" in text
    assert "Kekurangan surat suara di TPS 003 Membalong" in text
