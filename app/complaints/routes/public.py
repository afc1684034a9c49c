"""Public intake at /pengaduan/baru (steps), the one-time receipt, and the status look-up."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import parse_qs, urlsplit

from flask import abort, current_app, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlmodel import select

from app.clock import utcnow
from app.complaints import deadlines, reception, wizard
from app.complaints.forms import CARRIED, STEP_NAMES, STEPS, ComplaintForm, ReporterInfoForm, StatusLookupForm
from app.complaints.models import ComplaintEvidence
from app.complaints.routes import bp
from app.complaints.services import ComplaintError, reporter
from app.complaints.services import intake as svc
from app.complaints.settings import settings
from app.db import get_session
from app.extensions import client_ip, limiter
from app.idempotency.services import current_scope, idempotent
from app.pdf import render_pdf
from app.regions.models import Region
from app.regions.services import zoneinfo_for


def _today():
    return utcnow().astimezone(zoneinfo_for("19")).date()


# Receipts (code + secret) wait in the session until /pengaduan/terkirim shows them, once. A list, because the
# offline outbox may deliver more than one complaint before the reporter looks.
RECEIPTS = "complaint_receipts"
# Codes whose receipt this browser has already been shown (a few, newest last).
SHOWN = "complaint_receipts_shown"
# How long after the first submission a resend may still ask for a new secret (see _resend_receipt).
REISSUE_WINDOW = timedelta(days=7)


def _keep_receipt(code: str, secret: str) -> None:
    receipts = [r for r in session.get(RECEIPTS, []) if r["code"] != code]
    session[RECEIPTS] = [*receipts, {"code": code, "secret": secret}]


def _resend_receipt(record) -> None:
    """A resent submission (same Idempotency-Key) is answered with the stored redirect to the receipt page.

    If the first answer was lost on the way (weak signal: the server stored the complaint, the phone never got
    the answer nor the session cookie with the receipt), the reporter would never learn the secret: only its
    hash is stored. Then a new secret is issued, for this browser only — the one holding the submission's
    random key — and never when this browser already got the receipt (waiting or already shown).
    """
    if record.scope != current_scope():  # only the browser that sent it (keys are scoped; never anyone else)
        return
    code = parse_qs(urlsplit(record.location or "").query).get("kode", [""])[0]
    if not code or code in {r["code"] for r in session.get(RECEIPTS, [])} or code in session.get(SHOWN, []):
        return
    created = record.created_at if record.created_at.tzinfo else record.created_at.replace(tzinfo=UTC)
    if utcnow() - created > REISSUE_WINDOW:
        return
    db = get_session()
    complaint = db.exec(select(svc.Complaint).where(svc.Complaint.tracking_code == code)).first()
    if complaint is None:
        return
    secret = svc.reissue_secret(db, complaint, now=utcnow())
    db.commit()
    _keep_receipt(code, secret)


def pending_receipts() -> bool:
    """Complaints sent from this browser whose code and secret have not been shown yet (outbox resends)."""
    return bool(session.get(RECEIPTS))


def _render(form: ComplaintForm, step: str, status: int = 200):
    form.step.data = step
    wizard.region_choices(get_session(), form)
    files = wizard.load_tokens(form.evidence_tokens.data)
    late = a1 = None
    if step == "tinjau" and form.known_on.data:
        a1 = reception.instruction(get_session(), form.region_code.data, form.known_on.data, utcnow(), settings())
        late = a1.deadline if a1 and a1.late else None
    return render_template("complaints/intake.html", form=form, step=step, steps=STEPS, carried=CARRIED,
                           index=STEP_NAMES.index(step), files=files, late=late, a1=a1,
                           pending=step == "pelapor" and pending_receipts()), status


@bp.route("/pengaduan/baru", methods=["GET", "POST"])
def new():
    """The public complaint form, one step at a time; every step carries what was typed before."""
    form = ComplaintForm()
    if request.method == "GET":
        form.witnesses.entries = form.witnesses.entries[:1]
        # The first step holds nothing personal: the service worker may keep it (app/pwa), so a reload without
        # a signal still shows the intake and the complaint waiting in the outbox. Not while it points to
        # receipts: that copy would be stale.
        g.sw_cacheable = not pending_receipts()
        return _render(form, "pelapor")
    step = form.step.data if form.step.data in STEP_NAMES else "pelapor"
    go = request.form.get("go", "next")
    index = STEP_NAMES.index(step)
    if form.website.data:  # honeypot: people never see this field
        return _render(form, step, 422)
    if go == "back":
        return _render(form, STEP_NAMES[max(index - 1, 0)])
    if go.startswith("goto:") and go[5:] in STEP_NAMES[:index]:
        return _render(form, go[5:])
    if go == "add_witness" and step == "saksi":
        if len(form.witnesses.entries) < form.witnesses.max_entries:
            form.witnesses.append_entry()
        return _render(form, step)
    if step == "bukti":
        wizard.store_uploads(form, wizard.request_files())
        if form.evidence_files.errors or go == "upload":
            return _render(form, step, 422 if form.evidence_files.errors else 200)
    elif not wizard.validate_step(get_session(), form, step, _today()):
        return _render(form, step, 422)
    return _render(form, STEP_NAMES[min(index + 1, len(STEP_NAMES) - 1)])


@bp.post("/pengaduan/baru/kirim")
@limiter.limit(lambda: settings().intake_limit, key_func=client_ip)
@idempotent(on_replay=_resend_receipt)
def submit():
    """Send the complaint: every step is checked again; the code and secret are shown once."""
    form = ComplaintForm()
    db = get_session()
    if form.website.data:
        return _render(form, "tinjau", 422)
    for step in STEP_NAMES:
        if step == "bukti":
            continue
        if not wizard.validate_step(db, form, step, _today()):
            return _render(form, step, 422)
    try:
        created = svc.create_complaint(db, wizard.to_input(form), now=utcnow())
    except ComplaintError as exc:
        wizard.add_error(getattr(form, exc.field, form.description), str(exc.message))
        return _render(form, "peristiwa", 422)
    db.commit()
    code = created.complaint.tracking_code
    _keep_receipt(code, created.secret)
    # The code in the address lets a resend whose first answer was lost find the complaint (_resend_receipt);
    # the code alone opens nothing without the secret.
    return redirect(url_for("complaints.sent", kode=code), 303)


@bp.get("/pengaduan/terkirim")
def sent():
    """The tracking code and secret, shown once (a reload does not show the secret again)."""
    receipts = session.pop(RECEIPTS, None)
    if not receipts:
        return redirect(url_for("complaints.status"), 303)
    session[SHOWN] = [*session.get(SHOWN, []), *(r["code"] for r in receipts)][-10:]
    db = get_session()
    shown = [(r, db.exec(select(svc.Complaint).where(svc.Complaint.tracking_code == r["code"])).first())
             for r in receipts]
    response = make_response(render_template("complaints/sent.html", receipts=shown))
    response.headers["Cache-Control"] = "no-store"
    return response


def _lookup(form):
    """The complaint for the form's code and secret, or the same refusal for unknown and wrong (422/429)."""
    db = get_session()
    try:
        complaint = reporter.lookup(db, form.code.data, form.secret.data, client=client_ip(), now=utcnow())
    except reporter.LookupThrottled:
        return None, 429
    if complaint is None:
        db.commit()  # keep the failure count
        return None, 422
    return complaint, 200


def _instruction(db, complaint):
    """The A.1/B.1 instruction while the laporan waits for its signature (None otherwise)."""
    if not reception.awaiting_signature(complaint):
        return None
    return reception.instruction(db, complaint.region_code, complaint.known_on, utcnow(), settings(),
                                 regime=complaint.regime)


def _status_page(form, complaint=None, status=200, info_form=None):
    db = get_session()
    context = {"form": form, "complaint": complaint}
    if complaint is not None:
        info_form = info_form or ReporterInfoForm(formdata=None, code=complaint.tracking_code, secret=form.secret.data)
        today = deadlines.local_date(utcnow(), complaint.region_code)
        step, clock = reception.next_step(complaint, today, settings())
        context.update(next_step=step, clock=clock, a1=_instruction(db, complaint))
        context.update(history=reporter.public_history(db, complaint), can_add=reporter.reporter_can_add(complaint),
                       info_form=info_form, files=db.exec(select(ComplaintEvidence).where(
                           ComplaintEvidence.complaint_id == complaint.id)).all())
    response = make_response(render_template("complaints/status.html", **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/pengaduan/status", methods=["GET", "POST"])
@limiter.limit("30 per minute", key_func=client_ip, methods=["POST"])
def status():
    """Look up a complaint by tracking code and secret."""
    form = StatusLookupForm()
    if request.method == "GET" or not form.validate_on_submit():
        return _status_page(form, status=422 if request.method == "POST" else 200)
    complaint, code = _lookup(form)
    if complaint is None:
        wizard.add_error(form.secret, _("Too many attempts. Try again in an hour.") if code == 429 else
                                  _("The tracking code or the secret does not match."))
        return _status_page(form, status=code)
    return _status_page(form, complaint)


@bp.post("/pengaduan/status/tambah")
@limiter.limit("30 per minute", key_func=client_ip)
def add_info():
    """The reporter adds information or files while the complaint is open."""
    form = ReporterInfoForm()
    if not form.validate_on_submit():
        return _status_page(StatusLookupForm(), status=422)
    complaint, code = _lookup(form)
    if complaint is None:
        lookup_form = StatusLookupForm(formdata=None)
        lookup_form.secret.errors = [_("Too many attempts. Try again in an hour.") if code == 429 else
                                     _("The tracking code or the secret does not match.")]
        return _status_page(lookup_form, status=code)
    db = get_session()
    files = []
    for f in request.files.getlist("files"):
        if not f or not f.filename:
            continue
        data = f.read()
        try:
            saved = (wizard.store_pdf(current_app.config["UPLOAD_DIR"], data) if data.startswith(b"%PDF-")
                     else wizard.store_photo(current_app.config["UPLOAD_DIR"], data, f.filename))
        except wizard.UploadRejected as exc:
            wizard.add_error(form.files, f"{f.filename[:100]}: {exc.message}")
            continue
        files.append(svc.EvidenceFile(saved.name, saved.content_type, saved.size, f.filename[:200]))
    if form.files.errors:
        return _status_page(form, complaint, 422, info_form=form)
    try:
        reporter.add_reporter_info(db, complaint, form.text.data, evidence=files, now=utcnow())
    except ComplaintError as exc:
        wizard.add_error(form.text, str(exc.message))
        return _status_page(form, complaint, 422, info_form=form)
    db.commit()
    return _status_page(form, complaint, info_form=ReporterInfoForm(formdata=None, code=complaint.tracking_code,
                                                                    secret=form.secret.data))


@bp.post("/pengaduan/tanda-terima.pdf")
@limiter.limit("30 per minute", key_func=client_ip)
def receipt_pdf():
    """One-page receipt with the code and secret (the reporter keeps it)."""
    form = StatusLookupForm()
    if not form.validate_on_submit():
        abort(422)
    complaint, code = _lookup(form)
    if complaint is None:
        abort(code)
    db = get_session()
    office = db.get(Region, complaint.region_code)
    pdf = render_pdf("complaints/pdf/receipt.html", complaint=complaint, secret=svc.normalise_secret(form.secret.data),
                     a1=_instruction(db, complaint), office=f"Bawaslu {office.label}" if office else "Bawaslu",
                     form_name=reception.form_name(complaint.regime))
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="tanda-terima-{complaint.tracking_code}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response
