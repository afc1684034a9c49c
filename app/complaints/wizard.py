"""The step-by-step intake: the pickers of each step, which fields a step checks, evidence files kept between steps
(signed tokens) and turning the filled form into a ``ComplaintCreate``. HTTP-aware (files, config) but no routing:
the public wizard (routes/intake.py) and staff intake (routes/staff_intake.py) share it."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from pydantic import ValidationError
from sqlmodel import Session, select
from wtforms import SelectChoice

from app.clock import utcnow
from app.complaints.forms import ComplaintForm, with_blank
from app.complaints.inputs import ComplaintCreate
from app.complaints.models import EvidenceFile
from app.complaints.rules import violations_for
from app.complaints.services import ComplaintError
from app.complaints.services.evidence import store_evidence
from app.complaints.services.intake import concerned_elections, handling_region
from app.complaints.settings import settings
from app.forms import attach_error
from app.i18n import local_date
from app.regions.models import Region

# (name, title, the fields it shows): the order of Form A.1, one step per screen on a phone.
STEPS: list[tuple[str, object, list[str]]] = [
    (
        "pelapor",
        _l("Reporter"),
        [
            *("anonymous", "reporter_name", "reporter_nik", "reporter_birth_place", "reporter_birth_date"),
            *("reporter_gender", "reporter_occupation", "reporter_address", "reporter_phone", "reporter_email"),
            *("reporter_standing", "disclosure_consent", "by_proxy", "proxy_name", "proxy_address", "proxy_phone"),
        ],
    ),
    (
        "terlapor",
        _l("Reported person"),
        ["subject_name", "subject_type", "subject_institution", "subject_position", "subject_address", "subject_phone"],
    ),
    (
        "peristiwa",
        _l("Event"),
        [
            *("violation_type", "event_summary", "region_code", "election_id", "event_region_code", "event_place"),
            *("occurred_on", "known_on", "description"),
        ],
    ),
    ("saksi", _l("Witnesses"), ["witnesses"]),
    ("bukti", _l("Evidence"), ["evidence_items", "evidence_files"]),
    ("tinjau", _l("Review and send"), ["consent", "truth_statement"]),
]
STEP_NAMES = [s[0] for s in STEPS]
STEP_FIELDS = {name: fields for name, _label, fields in STEPS}
# What each step carries of the others, as hidden inputs (files travel as signed tokens).
CARRIED = [f for s in STEPS for f in s[2] if f != "evidence_files"] + ["evidence_tokens"]
# Choices only staff intake makes (the public form is always online, never signed in front of an officer): they
# come from the route, never from what was posted.
INTAKE_CHOICES = ("channel", "a1_signed", "temuan")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="complaint-evidence")


def load_tokens(value: str | None) -> list[dict]:
    """The files already stored for this form (``{"n": name, "t": type, "s": size, "o": original name}``)."""
    if not value:
        return []
    try:
        data = _serializer().loads(value)
    except BadSignature:
        return []
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def dump_tokens(files: list[dict]) -> str:
    return _serializer().dumps(files) if files else ""


def fill_choices(session: Session, form: ComplaintForm, scope: str | None = None) -> None:
    """The pickers: regency/city (of the scope), its districts, the violations that fit the reported person and the
    elections held over the chosen regency (free text for the place)."""
    kab = session.exec(select(Region).where(Region.level == 2).order_by(Region.code)).all()
    if scope:
        kab = [r for r in kab if r.code.startswith(scope[:5])] or kab
    form.region_code.choices = with_blank([SelectChoice(r.code, r.label) for r in kab])
    parent = form.region_code.data or (kab[0].code if len(kab) == 1 else None)
    parents = [parent] if parent else [r.code for r in kab]
    kec = session.exec(select(Region).where(Region.parent_code.in_(parents)).order_by(Region.name)).all()
    form.event_region_code.choices = with_blank([SelectChoice(r.code, r.label) for r in kec], _l("— not sure —"))
    allowed = violations_for(form.subject_type.data)
    form.violation_type.choices = [c for c in form.violation_type.choices if c.value in ("", *allowed)]
    elections = concerned_elections(session, parent, local_date(utcnow(), parent)) if parent else []
    form.election_id.choices = with_blank([SelectChoice(str(e.id), e.name) for e in elections])


def validate_step(session: Session, form: ComplaintForm, step: str) -> bool:
    """Check the fields of one step (their validators hold the rules across fields); errors land on the fields."""
    ok = all([form[name].validate(form) for name in STEP_FIELDS[step] if name != "evidence_files"])
    if step == "peristiwa" and form.region_code.data:
        try:
            handling_region(session, form.region_code.data)
        except ComplaintError as exc:
            attach_error(form, exc)
            ok = False
    return ok


def store_uploads(form: ComplaintForm, files) -> list[dict]:
    """Store the files sent with this step; refusals land on ``evidence_files``. Returns all stored files."""
    stored = load_tokens(form.evidence_tokens.data)
    added, refused = store_evidence(
        current_app.config["UPLOAD_DIR"], files, limit=settings().max_evidence_files, already=len(stored)
    )
    stored += [{"n": f.file_name, "t": f.content_type, "s": f.size, "o": f.original_name} for f in added]
    form.evidence_files.errors = [*form.evidence_files.errors, *refused]
    form.evidence_tokens.data = dump_tokens(stored)
    return stored


def to_create(form: ComplaintForm, **choices) -> ComplaintCreate:
    """The filled form as the service's input; ``choices`` are staff intake's (``INTAKE_CHOICES``), else the
    model's defaults. :raise ComplaintError: naming the field the input model refused (the form checks first)."""
    fields = {
        name: form[name].data
        for name in ComplaintCreate.model_fields
        if name in form and name not in INTAKE_CHOICES and form[name].data is not None
    }
    evidence = [
        EvidenceFile(file_name=d["n"], content_type=d["t"], size=int(d["s"]), original_name=d.get("o", ""))
        for d in load_tokens(form.evidence_tokens.data)
    ]
    try:
        return ComplaintCreate.model_validate({**fields, **choices, "evidence": evidence})
    except ValidationError as exc:
        name = next((str(e["loc"][0]) for e in exc.errors() if e["loc"]), None)
        field = name if name in form and name not in ("witnesses", "evidence") else None
        current_app.logger.warning("complaint input refused: %s", exc.errors(include_input=False))
        raise ComplaintError(field, _l("Check this answer.")) from exc


def navigate(session: Session, form: ComplaintForm, go: str, files) -> tuple[str, int]:
    """Where a posted step leads: (the step to show, the status). ``go`` is the button pressed: next, back,
    ``goto:<earlier step>``, add_witness, add_item or upload; a step that fails its checks is shown again (422)."""
    step = form.step.data if form.step.data in STEP_NAMES else STEP_NAMES[0]
    index = STEP_NAMES.index(step)
    if form.website.data:  # honeypot: people never see this field
        return step, 422
    if go == "back":
        return STEP_NAMES[max(index - 1, 0)], 200
    if go.startswith("goto:") and go[5:] in STEP_NAMES[:index]:
        return go[5:], 200
    rows = {"add_witness": ("saksi", form.witnesses), "add_item": ("bukti", form.evidence_items)}
    if go in rows and rows[go][0] == step:
        if len(rows[go][1].entries) < rows[go][1].max_entries:
            rows[go][1].append_entry()
        return step, 200
    if step == "bukti":
        store_uploads(form, files)
        if form.evidence_files.errors:
            return step, 422
    if not validate_step(session, form, step):
        return step, 422
    if go == "upload":  # stay on the step to see the stored files, or to add more
        return step, 200
    return STEP_NAMES[min(index + 1, len(STEP_NAMES) - 1)], 200


def first_failing_step(session: Session, form: ComplaintForm, steps=None) -> str | None:
    """Check the steps again before sending, in order: the first that fails (None when all pass)."""
    steps = steps or STEP_NAMES
    return next((step for step in steps if not validate_step(session, form, step)), None)


def step_of(field: str | None) -> str:
    """The step that shows a field (the event step for a refusal about the whole report)."""
    return next((name for name, fields in STEP_FIELDS.items() if field in fields), "peristiwa")
