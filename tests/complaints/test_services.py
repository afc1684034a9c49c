"""Complaint rules without HTTP: intake, deadlines of both regimes, the status machine, routing, Gakkumdu."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from lokal import add_working_days, get_holidays

from app.audit.models import AuditLog
from app.complaints import deadlines
from app.complaints.models import Complaint, GakkumduCase
from app.complaints.rules import TRANSITIONS
from app.complaints.services import ComplaintError, handling, routing
from app.complaints.services import gakkumdu as gk
from app.complaints.services.reporter import lookup
from app.complaints.settings import ComplaintSettings
from app.complaints.vocab import Stage, Status
from app.regions.models import Election
from tests.complaints.data import NIK

S = ComplaintSettings()


# ---- intake ---------------------------------------------------------------------------------------------------


def test_report_is_received_with_code_and_hashed_secret(app, db, now, make_complaint):
    with app.app_context():
        created = make_complaint(now)
    c = created.complaint
    assert c.kind == "laporan"
    assert c.status == "diterima"
    assert c.tracking_code.startswith("PGD-")
    assert len(c.tracking_code) == 12
    assert created.secret not in c.secret_hash
    assert len(created.secret) == 14
    assert c.filing_deadline == date(2024, 11, 28)
    assert not c.late_filing
    assert c.regime == "pilkada"


def test_anonymous_is_recorded_as_informasi_awal_without_identity(app, db, now, make_complaint):
    with app.app_context():
        c = make_complaint(now, anonymous=True).complaint
    assert (c.kind, c.status, c.anonymous) == ("informasi_awal", "informasi_awal", True)
    assert c.reporter_name == ""
    assert c.reporter_nik == ""
    assert c.reporter_phone == ""


def test_late_filing_is_flagged_but_kept(app, db, now, make_complaint):
    # known 19 Nov: the 7 days end 26 Nov; received 27 Nov (voting day) is late.
    with app.app_context():
        c = make_complaint(now, occurred_on=date(2024, 11, 18), known_on=date(2024, 11, 19)).complaint
    assert c.late_filing
    assert c.filing_deadline == date(2024, 11, 26)
    assert db.get(Complaint, c.id) is not None


@pytest.mark.parametrize(
    ("occurred", "known", "field"),
    [
        (date(2024, 11, 28), date(2024, 11, 28), "occurred_on"),  # the future (now is 27 Nov)
        (date(2024, 11, 20), date(2024, 11, 28), "known_on"),
        (date(2024, 11, 20), date(2024, 11, 19), "known_on"),  # learned of it before it happened
    ],
)
def test_bad_dates_are_refused(app, db, now, occurred, known, field, make_complaint):
    with app.app_context(), pytest.raises(ComplaintError) as err:
        make_complaint(now, occurred_on=occurred, known_on=known)
    assert err.value.field == field


def test_audit_of_creation_holds_no_identity(app, db, now, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
    entries = db.exec(AuditLog.__table__.select()).all()
    text = repr(entries)
    assert "complaint.submit" in text  # no account behind it: the public reporter sent it
    assert str(c.id) in text
    assert "Siti Rahmawati" not in text
    assert NIK not in text
    assert "6281234567890" not in text


def test_lookup_same_answer_for_unknown_and_wrong_secret(app, db, now, make_complaint):
    with app.app_context():
        created = make_complaint(now)
        code = created.complaint.tracking_code
        assert lookup(db, code, created.secret, client="1.2.3.4", now=now).id == created.complaint.id
        assert lookup(db, code.lower(), created.secret.lower(), client="1.2.3.4", now=now) is not None
        assert lookup(db, code, "AAAA-BBBB-CCCC", client="1.2.3.4", now=now) is None
        assert lookup(db, "PGD-ZZZZZZZZ", created.secret, client="1.2.3.4", now=now) is None


# ---- deadlines ------------------------------------------------------------------------------------------------


def test_pilkada_processing_is_3_plus_2_calendar_days():
    registered = date(2024, 11, 22)  # Friday: calendar days run over the weekend
    assert deadlines.processing_due(registered, "pilkada", False, S) == date(2024, 11, 25)
    assert deadlines.processing_due(registered, "pilkada", True, S) == date(2024, 11, 27)


def test_pemilu_processing_is_7_days_or_14_working_days_skipping_holidays():
    holidays = {date.fromisoformat(h.date) for h in get_holidays(2026).holidays}
    assert date(2026, 12, 24) in holidays
    assert date(2026, 12, 25) in holidays
    registered = date(2026, 12, 14)  # Monday
    assert deadlines.processing_due(registered, "pemilu", False, S) == date(2026, 12, 21)
    due = deadlines.processing_due(registered, "pemilu", True, S)
    # 14 working days: 15–18, 21–24 (24 Dec is cuti bersama: a working day by default), 28–31 Dec;
    # 1 Jan 2027 (New Year) and 5 Jan (Isra Mikraj) are off: 4, 6 Jan.
    assert due == date(2027, 1, 6)
    assert deadlines.count_working(registered, due, S) == 14
    off = ComplaintSettings(cuti_bersama_day_off=("*",))  # cuti bersama as days off: lokal-id's reading
    assert deadlines.processing_due(registered, "pemilu", True, off) == date(2027, 1, 7)
    assert add_working_days(registered, 14) == date(2027, 1, 7)


def test_holidays_for_years_lokal_has_no_data_for():
    # lokal-id ships 2026–2027 only; 27 Nov 2024 (Pilkada voting day, Keppres 33/2024) comes from shipped data.
    assert not deadlines.is_working(date(2024, 11, 27), S)
    assert deadlines.add_working(date(2024, 11, 26), 1, S) == date(2024, 11, 28)
    extra = ComplaintSettings(extra_holidays=("2024-11-28",))
    assert deadlines.add_working(date(2024, 11, 26), 1, extra) == date(2024, 11, 29)


def test_pemilu_filing_window_is_seven_working_days_by_default():
    """UU 7/2017 Pasal 454(6): a Pemilu report is filed within 7 working days of the violation becoming known;
    calendar days only when the setting says so. Pilkada stays 7 calendar days (UU 1/2015 Pasal 134(4))."""
    known = date(2026, 12, 21)
    assert deadlines.filing_deadline(known, "pemilu", S) == date(2026, 12, 31)  # 22–24 (cuti), 28–31 Dec
    calendar = ComplaintSettings(pemilu_filing_working_days=False)
    assert deadlines.filing_deadline(known, "pemilu", calendar) == date(2026, 12, 28)
    assert not deadlines.is_late(date(2026, 12, 29), known, "pemilu", S)
    assert deadlines.is_late(date(2026, 12, 29), known, "pemilu", calendar)
    assert deadlines.filing_deadline(known, "pilkada", S) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("regime", "stage", "since", "due"),
    [
        ("pilkada", "penyidikan", date(2026, 12, 14), date(2027, 1, 6)),  # 14 hari kerja over Christmas + New Year
        ("pemilu", "penyidikan", date(2026, 12, 14), date(2026, 12, 28)),  # 14 hari (calendar)
        ("pilkada", "p21", date(2026, 12, 22), date(2026, 12, 30)),  # 5 HK from the file's receipt: 23, 24, 28–30
        ("pilkada", "pembahasan_pertama", date(2024, 11, 26), date(2024, 11, 27)),  # 1×24 jam
        ("pilkada", "putusan", date(2024, 11, 26), date(2024, 11, 29)),  # banding ≤3 hari
        ("pilkada", "inkracht", date(2024, 11, 26), None),
    ],
)
def test_gakkumdu_stage_limits(regime, stage, since, due):
    assert deadlines.stage_due(stage, regime, since, S) == due


def test_kajian_awal_clock_and_overdue(app, db, now, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
    clock = deadlines.complaint_clock(c, date(2024, 11, 27), S)
    assert clock.due == date(2024, 11, 29)
    assert clock.days_left == 2
    assert not clock.overdue
    assert deadlines.complaint_clock(c, date(2024, 11, 30), S).overdue


# ---- status machine ------------------------------------------------------------------------------------------

USERS = {
    "bawaslu-operator": ("BAWASLU", "operator"),
    "bawaslu-pimpinan": ("BAWASLU", "pimpinan"),
    "bawaslu-petugas": ("BAWASLU", "petugas"),
    "polri-operator": ("POLRI", "operator"),
    "kejaksaan-pimpinan": ("KEJAKSAAN", "pimpinan"),
}


@pytest.fixture
def users(make_user):
    return {name: make_user(name, agency=a, role=r) for name, (a, r) in USERS.items()}


def _force(db, c, status, checklist=True):
    c.status = status
    if checklist:
        c.checklist = {k: True for k in handling.checklist_keys(c)}
    db.add(c)
    db.flush()


@pytest.mark.parametrize("username", list(USERS))
@pytest.mark.parametrize(("frm", "to"), list(TRANSITIONS))
def test_every_transition_allowed_or_refused_per_role(app, db, now, users, username, frm, to, make_complaint):
    user = users[username]
    with app.app_context():
        c = make_complaint(now).complaint
        _force(db, c, frm.value)
        allowed = user.agency == "BAWASLU" and user.role in TRANSITIONS[(frm, to)]
        if allowed:
            handling.transition(db, c, to.value, actor=user, now=now, note="Syarat materiel tidak terpenuhi.")
            assert c.status == to.value
        else:
            with pytest.raises(ComplaintError):
                handling.transition(db, c, to.value, actor=user, now=now)
            assert c.status == frm.value


SKIPS = [
    (Status.DITERIMA, Status.DIREGISTRASI),
    (Status.DITERIMA, Status.TERBUKTI),
    (Status.KAJIAN_AWAL, Status.KAJIAN),
    (Status.TIDAK_DIREGISTRASI, Status.DIREGISTRASI),
    (Status.SELESAI, Status.KAJIAN_AWAL),
    (Status.KLARIFIKASI, Status.TERBUKTI),
    (Status.INFORMASI_AWAL, Status.DIREGISTRASI),
]


def test_not_registering_needs_its_reason(app, db, now, users, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
        _force(db, c, Status.KAJIAN_AWAL.value)
        with pytest.raises(ComplaintError) as refused:
            handling.transition(db, c, Status.TIDAK_DIREGISTRASI.value, actor=users["bawaslu-operator"], now=now)
        assert refused.value.field == "note"
        assert c.status == Status.KAJIAN_AWAL.value


@pytest.mark.parametrize(("frm", "to"), SKIPS)
def test_skipping_steps_is_refused_even_for_pimpinan(app, db, now, users, frm, to, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
        _force(db, c, frm.value)
        with pytest.raises(ComplaintError):
            handling.transition(db, c, to.value, actor=users["bawaslu-pimpinan"], now=now)


def test_registration_needs_checklist_and_numbers_in_bawaslu_format(app, db, now, users, make_complaint):
    op = users["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(now).complaint
        handling.transition(db, c, "kajian_awal", actor=op, now=now)
        handling.set_checklist(db, c, {"formil_identitas", "formil_terlapor"}, actor=op, now=now)
        with pytest.raises(ComplaintError) as err:
            handling.transition(db, c, "diregistrasi", actor=op, now=now)
        assert err.value.field == "checklist"
        handling.set_checklist(db, c, set(handling.checklist_keys(c)), actor=op, now=now)
        handling.transition(db, c, "diregistrasi", actor=op, now=now)
        assert c.register_number == "001/LP/PB/Kab/19.02/XI/2024"
        second = make_complaint(now).complaint
        _force(db, second, "kajian_awal")
        handling.transition(db, second, "diregistrasi", actor=op, now=now)
        assert second.register_number == "002/LP/PB/Kab/19.02/XI/2024"
        finding = make_complaint(now, temuan=True, actor=op).complaint
        _force(db, finding, "kajian_awal")
        handling.transition(db, finding, "diregistrasi", actor=op, now=now)
        assert finding.register_number == "001/TM/PB/Kab/19.02/XI/2024"


def test_region_segment_and_pemilu_code_are_configurable(app, db, now, users, make_complaint):
    db.add(Election(name="Pemilu 2029", regime="pemilu", region_code="19", voting_day=date(2024, 12, 1)))
    db.flush()
    with app.app_context():
        c = make_complaint(now).complaint
        assert c.regime == "pemilu"
        _force(db, c, "kajian_awal")
        handling.transition(
            db,
            c,
            "diregistrasi",
            actor=users["bawaslu-operator"],
            now=now,
            cfg=ComplaintSettings(region_segments={"19.02": "07.04"}),
        )
    assert c.register_number == "001/LP/PL/Kab/07.04/XI/2024"


def test_informasi_awal_followed_up_becomes_temuan(app, db, now, users, make_complaint):
    with app.app_context():
        c = make_complaint(now, anonymous=True).complaint
        handling.transition(db, c, "kajian_awal", actor=users["bawaslu-operator"], now=now)
    assert c.kind == "temuan"


def test_routing_to_bkn_records_letter_and_outcome(app, db, now, users, make_complaint):
    op = users["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(now).complaint
        _force(db, c, "terbukti")
        with pytest.raises(ComplaintError) as err:
            routing.route(db, c, "bkn", "", date(2024, 11, 26), actor=op, now=now)
        assert err.value.field == "letter_number"
        with pytest.raises(ComplaintError):
            routing.route(
                db, c, "bkn", "001/PP.01/K.BB-02/XI/2024", date(2024, 11, 26), actor=users["polri-operator"], now=now
            )
        r = routing.route(db, c, "bkn", "001/PP.01/K.BB-02/XI/2024", date(2024, 11, 26), actor=op, now=now)
        assert c.status == "diteruskan"
        assert c.routed_agencies == ",PEMDA,"
        routing.record_outcome(
            db, r, c, "Hukuman disiplin berat: penurunan jabatan 12 bulan", "berat", actor=op, now=now
        )
        assert r.sanction_level == "berat"
        assert r.outcome_at == now


def test_gakkumdu_case_stages_by_owning_agency_and_audited(app, db, now, users, make_complaint):
    op = users["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(now, subject_type="kades", violation_type="desa_kampanye").complaint
        _force(db, c, "terbukti")  # the pleno decided (forwarding to Sentra Gakkumdu follows it)
        routing.route(
            db,
            c,
            "gakkumdu",
            "010/PP.01/K.BB-02/XI/2024",
            date(2024, 11, 27),
            actor=op,
            now=now,
            article="Pasal 188 jo. 71 UU 10/2016",
        )
        case = db.exec(GakkumduCase.__table__.select()).first()
        case = db.get(GakkumduCase, case.id)
        assert c.status == "gakkumdu"
        assert case.stage == "pembahasan_pertama"
        assert ",KEJAKSAAN," in c.routed_agencies
        assert ",POLRI," in c.routed_agencies
        with pytest.raises(ComplaintError):  # Polri does not hold the discussions
            gk.advance(db, case, "pembahasan_kedua", actor=users["polri-operator"], now=now)
        later = now + timedelta(days=1)
        gk.advance(db, case, "penyelidikan", actor=users["polri-operator"], now=later, note="LHP disusun")
        gk.advance(db, case, "pembahasan_kedua", actor=op, now=later)
        gk.advance(db, case, "penyidikan", actor=op, now=later)
        gk.advance(db, case, "berkas_ke_pu", actor=users["polri-operator"], now=later)
        with pytest.raises(ComplaintError):  # the prosecutor's step, not Bawaslu's
            gk.advance(db, case, "p21", actor=op, now=later)
        gk.advance(db, case, "p21", actor=users["kejaksaan-pimpinan"], now=later)
        assert case.stage == Stage.P21
        stage_audits = db.exec(AuditLog.__table__.select().where(AuditLog.action == "gakkumdu.stage")).all()
        assert len(stage_audits) == 5


def test_pemilu_clock_uses_working_days(app, db, now):
    c = Complaint(
        status="kajian",
        regime="pemilu",
        region_code="19.02",
        extended=True,
        registered_at=datetime(2026, 12, 14, 2, tzinfo=UTC),
        received_at=datetime(2026, 12, 14, tzinfo=UTC),
    )
    clock = deadlines.complaint_clock(c, date(2027, 1, 8), S)
    assert clock.due == date(2027, 1, 6)  # 24 Dec 2026 (cuti bersama) counted as a working day
    assert clock.alt_due == date(2027, 1, 7)  # … and the other reading shown beside it
    assert clock.overdue
    assert clock.working
    assert clock.days_left == -2
