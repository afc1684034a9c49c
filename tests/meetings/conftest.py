"""Fixtures for the meeting tests: the desk's people and a meeting built through the services."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import Session

from app.db import get_engine
from app.meetings import services
from app.meetings.models import Meeting


@pytest.fixture
def people(make_user):
    """Secretariat and head of PEMDA, two invited users, a KPU operator not invited, a 19.06 user."""
    return {
        "sek": make_user(
            "pemda-sek",
            agency="PEMDA",
            role="sekretariat",
            name="Sri Wahyuni, S.Sos.",
            position="Kabid Poldagri Kesbangpol",
            rank_id="NIP 197905172005012003",
        ),
        "pim": make_user(
            "pemda-pim",
            agency="PEMDA",
            role="pimpinan",
            name="Drs. Hendra Gunawan, M.Si.",
            position="Sekretaris Daerah",
            rank_id="NIP 196811041994031005",
        ),
        "polri": make_user(
            "polri-op",
            agency="POLRI",
            role="operator",
            name="IPTU Fajar Nugroho",
            position="Kasat Intelkam",
            phone="081234567890",
        ),
        "kpu": make_user("kpu-op", agency="KPU", role="operator", name="Nurul Hidayah", position="Kasubbag Logistik"),
        "bawaslu": make_user("bawaslu-op", agency="BAWASLU", role="operator", name="Rizky Ramadhan"),
        "beltim": make_user("beltim-op", agency="POLRI", role="operator", region_code="19.06"),
        "beltim_pim": make_user("beltim-pim", agency="PEMDA", role="pimpinan", region_code="19.06"),
        "admin": make_user("adm", agency="PEMDA", role="admin"),
    }


def minute(item_id: int, **fields: str) -> dict[str, str]:
    """Form data of one agenda item's minute form (its fields are prefixed with the item)."""
    return {f"m{item_id}-{name}": value for name, value in fields.items()}


def meeting_input(people, **overrides) -> services.MeetingInput:
    data = dict(
        title="Rakor Pengamanan Pilkada",
        kind="pengamanan",
        organiser_agency="PEMDA",
        region_code="19.02",
        day=date(2024, 11, 27),
        start=time(14, 0),
        end=time(16, 0),
        place="Ruang Rapat Bupati Belitung",
        chair_name="Drs. Hendra Gunawan, M.Si.",
        chair_position="Sekretaris Daerah",
        chair_rank="NIP 196811041994031005",
        chair_user_id=people["pim"].id,
        minute_name="Sri Wahyuni, S.Sos.",
        minute_position="Kabid Poldagri Kesbangpol",
        minute_rank="NIP 197905172005012003",
        agenda=["Kesiapan personel Operasi Mantap Praja", "Distribusi logistik ke TPS", "Pemetaan kerawanan"],
        participant_ids=[people["polri"].id, people["kpu"].id],
        series="desk-belitung",
    )
    data.update(overrides)
    return services.MeetingInput(**data)


@pytest.fixture
def make_meeting(app, people, now):
    def _make(**overrides) -> Meeting:
        with app.test_request_context(), Session(get_engine(app, write=True), expire_on_commit=False) as s:
            meeting = services.create_meeting(s, meeting_input(people, **overrides), actor=people["sek"], now=now)
            s.commit()
            return meeting

    return _make
