"""The step-by-step intake: which fields each step checks, evidence files kept between steps, and turning the
filled form into a ``ComplaintInput``. HTTP-aware (files, config) but no routing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from lokal import is_valid_nik, parse_phone
from sqlmodel import Session, select
from wtforms import SelectChoice

from app.complaints.constants import violations_for
from app.complaints.forms import STEPS, ComplaintForm
from app.complaints.services import ComplaintError
from app.complaints.services.intake import ComplaintInput, EvidenceFile, Witness, check_dates, handling_region
from app.complaints.settings import settings
from app.regions.models import Region
from app.uploads import UploadRejected, store_pdf, store_photo


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="complaint-evidence")


def load_tokens(value: str | None) -> list[dict]:
    if not value:
        return []
    try:
        data = _serializer().loads(value)
    except BadSignature:
        return []
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def dump_tokens(files: list[dict]) -> str:
    return _serializer().dumps(files) if files else ""


def region_choices(session: Session, form: ComplaintForm, scope: str | None = None) -> None:
    """Regency/city and district pickers (districts of the chosen regency; free text for the place)."""
    kab = session.exec(select(Region).where(Region.level == 2).order_by(Region.code)).all()
    if scope:
        kab = [r for r in kab if r.code.startswith(scope[:5])] or kab
    form.region_code.choices = [SelectChoice("", _l("— choose —"))] + [SelectChoice(r.code, r.label) for r in kab]
    parent = form.region_code.data or (kab[0].code if len(kab) == 1 else None)
    parents = [parent] if parent else [r.code for r in kab]
    kec = session.exec(select(Region).where(Region.parent_code.in_(parents)).order_by(Region.name)).all()
    form.event_region_code.choices = [SelectChoice("", _l("— not sure —"))] + [SelectChoice(r.code, r.label)
                                                                              for r in kec]
    subject = form.subject_type.data
    allowed = violations_for(subject)
    form.violation_type.choices = [c for c in form.violation_type.choices if c.value in ("", *allowed)]


def _fix_date_errors(form: ComplaintForm) -> None:
    for name in ("reporter_birth_date", "occurred_on", "known_on"):
        field = getattr(form, name)
        if field.process_errors:
            field.process_errors = [str(_l("Enter a valid date."))]


def add_error(field, message) -> None:
    """Add an error to a field, validated or not (WTForms keeps a tuple until validation)."""
    field.errors = [*field.errors, str(message)]


def _error(form: ComplaintForm, name: str, message) -> None:
    add_error(getattr(form, name), message)


def validate_step(session: Session, form: ComplaintForm, step: str, today: date) -> bool:
    """Check the fields of one step (and the rules across them); errors land on the fields."""
    _fix_date_errors(form)
    fields = dict((s[0], s[2]) for s in STEPS)[step]
    ok = True
    for name in fields:
        if name == "evidence_files":
            continue
        field = getattr(form, name)
        if not field.validate(form):
            ok = False
    if step == "pelapor" and not form.anonymous.data:
        if not (form.reporter_name.data or "").strip():
            _error(form, "reporter_name", _l("Enter your full name, or choose to stay anonymous."))
        nik = (form.reporter_nik.data or "").replace(" ", "")
        if not nik:
            _error(form, "reporter_nik", _l("Enter your NIK (16 digits)."))
        elif not is_valid_nik(nik):
            _error(form, "reporter_nik", _l("This NIK is not valid. Check the 16 digits on your KTP-el."))
        if not (form.reporter_address.data or "").strip():
            _error(form, "reporter_address", _l("Enter your address."))
        phone = (form.reporter_phone.data or "").strip()
        if not phone:
            _error(form, "reporter_phone", _l("Enter your mobile phone number."))
        elif not parse_phone(phone).valid:
            _error(form, "reporter_phone", _l("This phone number is not valid, e.g. 0812-3456-7890."))
    if step == "peristiwa":
        if form.violation_type.data and form.violation_type.data not in violations_for(form.subject_type.data):
            _error(form, "violation_type", _l("Choose what happened from the list."))
        try:
            check_dates(form.occurred_on.data, form.known_on.data, today)
        except ComplaintError as exc:
            _error(form, exc.field, exc.message)
        if form.region_code.data:
            try:
                handling_region(session, form.region_code.data)
            except ComplaintError as exc:
                _error(form, "region_code", exc.message)
            district = form.event_region_code.data
            if district and not district.startswith(form.region_code.data + "."):
                _error(form, "event_region_code", _l("This district is not in the chosen regency or city."))
    if step == "saksi":
        for entry in form.witnesses:
            w = entry.form
            if not (w.name.data or "").strip() and ((w.address.data or "").strip() or (w.phone.data or "").strip()):
                w.name.errors = [*w.name.errors, str(_l("Enter the witness's name."))]
            if (w.phone.data or "").strip() and not parse_phone(w.phone.data).valid:
                w.phone.errors = [*w.phone.errors, str(_l("This phone number is not valid, e.g. 0812-3456-7890."))]
    return ok and not any(getattr(form, n).errors for n in fields if n != "witnesses") and not any(
        e.form.name.errors or e.form.phone.errors for e in form.witnesses)


def store_uploads(form: ComplaintForm, files, *, limit: int | None = None) -> list[dict]:
    """Store the files sent with this step; refusals land on ``evidence_files``. Returns all stored files."""
    stored = load_tokens(form.evidence_tokens.data)
    limit = limit or settings().max_evidence_files
    upload_dir = current_app.config["UPLOAD_DIR"]
    for f in files:
        if not f or not f.filename:
            continue
        if len(stored) >= limit:
            _error(form, "evidence_files", _l("At most %(n)d files can be attached.", n=limit))
            break
        data = f.read()
        name = Path(f.filename).name[:200]
        try:
            if name.lower().endswith(".pdf") or data.startswith(b"%PDF-"):
                saved = store_pdf(upload_dir, data)
            else:
                saved = store_photo(upload_dir, data, name)
        except UploadRejected as exc:
            _error(form, "evidence_files", f"{name}: {exc.message}")
            continue
        stored.append({"n": saved.name, "t": saved.content_type, "s": saved.size, "o": name})
    form.evidence_tokens.data = dump_tokens(stored)
    return stored


def request_files(name: str = "evidence_files"):
    return request.files.getlist(name)


def phone_e164(value: str | None) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    info = parse_phone(value)
    return info.e164 if info.valid else value[:20]


def to_input(form: ComplaintForm, *, channel: str = "online", temuan: bool = False,
             a1_signed: bool = False) -> ComplaintInput:
    anonymous = bool(form.anonymous.data)
    return ComplaintInput(
        subject_name=form.subject_name.data or "", subject_type=form.subject_type.data,
        violation_type=form.violation_type.data, event_summary=form.event_summary.data or "",
        occurred_on=form.occurred_on.data, known_on=form.known_on.data, description=form.description.data or "",
        region_code=form.region_code.data, event_place=form.event_place.data or "",
        event_region_code=form.event_region_code.data or None,
        subject_institution=form.subject_institution.data or "", subject_position=form.subject_position.data or "",
        subject_address=form.subject_address.data or "", subject_phone=phone_e164(form.subject_phone.data),
        anonymous=anonymous, reporter_name=(form.reporter_name.data or "").strip(),
        reporter_nik=(form.reporter_nik.data or "").replace(" ", ""),
        reporter_birth_place=form.reporter_birth_place.data or "", reporter_birth_date=form.reporter_birth_date.data,
        reporter_gender=form.reporter_gender.data or "", reporter_occupation=form.reporter_occupation.data or "",
        reporter_address=form.reporter_address.data or "", reporter_phone=phone_e164(form.reporter_phone.data),
        reporter_email=form.reporter_email.data or "", reporter_standing=form.reporter_standing.data or "pemilih",
        disclosure_consent=bool(form.disclosure_consent.data), truth_statement=bool(form.truth_statement.data),
        channel=channel, temuan=temuan, a1_signed=a1_signed,
        witnesses=[Witness(e.form.name.data or "", e.form.address.data or "", phone_e164(e.form.phone.data))
                   for e in form.witnesses if (e.form.name.data or "").strip()],
        evidence=[EvidenceFile(d["n"], d["t"], int(d["s"]), d.get("o", "")) for d in
                  load_tokens(form.evidence_tokens.data)],
    )

