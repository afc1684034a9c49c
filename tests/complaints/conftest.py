"""Factory fixtures of the complaint tests: ``complaint_input(**overrides)`` builds the intake's input and
``make_complaint(when=None, **overrides)`` stores a complaint through the real service (no module-global state)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from app.complaints.inputs import ComplaintCreate
from app.complaints.services.intake import Created, create_complaint
from tests.complaints.data import REPORT


@pytest.fixture
def complaint_input() -> Callable[..., ComplaintCreate]:
    """``complaint_input(reporter_name="", anonymous=True)``: the reference report with the given fields changed."""

    def build(**overrides) -> ComplaintCreate:
        return ComplaintCreate.model_validate({**REPORT, **overrides})

    return build


@pytest.fixture
def make_complaint(app, db, now, complaint_input) -> Callable[..., Created]:
    """``make_complaint(when=None, *, actor=None, signed=True, **overrides)``: a stored complaint (``when``: its
    receipt time, default the suite's ``now``). A laporan comes with its signed A.1 recorded unless
    ``signed=False`` (then it waits for it)."""

    def make(when: datetime | None = None, *, actor=None, signed: bool = True, **overrides) -> Created:
        moment = when or now
        with app.app_context():
            created = create_complaint(db, complaint_input(**overrides), actor=actor, now=moment)
            complaint = created.complaint
            if signed and complaint.kind == "laporan" and complaint.a1_signed_at is None:
                complaint.a1_signed_at = moment
                db.add(complaint)
            db.flush()
        return created

    return make
