"""Public intake at /pengaduan/baru (steps, no login) and the one-time receipt with the code and secret."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import parse_qs, urlsplit

from flask import g, make_response, redirect, render_template, request, session, url_for
from sqlmodel import select

from app.clock import utcnow
from app.complaints import reception, wizard
from app.complaints.forms import ComplaintForm
from app.complaints.models import Complaint
from app.complaints.routes import bp
from app.complaints.services import ComplaintError
from app.complaints.services import intake as svc
from app.complaints.settings import settings
from app.complaints.wizard import CARRIED, STEP_NAMES, STEPS
from app.db import get_session
from app.extensions import client_ip, limiter
from app.forms import attach_error
from app.idempotency.decorators import current_scope, idempotent

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


def _by_code(db, code: str) -> Complaint | None:
    return db.exec(select(Complaint).where(Complaint.tracking_code == code)).first()


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
    complaint = _by_code(db, code)
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
    db = get_session()
    wizard.fill_choices(db, form)
    late = a1 = None
    if step == "tinjau" and form.known_on.data:
        a1 = reception.instruction(db, form.region_code.data, form.known_on.data, utcnow(), settings())
        late = a1.deadline if a1 and a1.late else None
    return render_template(
        "complaints/intake.html",
        form=form,
        step=step,
        steps=STEPS,
        carried=CARRIED,
        index=STEP_NAMES.index(step),
        files=wizard.load_tokens(form.evidence_tokens.data),
        late=late,
        a1=a1,
        pending=step == "pelapor" and pending_receipts(),
    ), status


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
        return _render(form, STEP_NAMES[0])
    db = get_session()
    wizard.fill_choices(db, form)  # the checks of a step compare with the pickers' choices
    step, status = wizard.navigate(db, form, request.form.get("go", "next"), request.files.getlist("evidence_files"))
    return _render(form, step, status)


@bp.post("/pengaduan/baru/kirim")
@limiter.limit(lambda: settings().intake_limit, key_func=client_ip)
@idempotent(on_replay=_resend_receipt)
def submit():
    """Send the complaint: every step is checked again; the code and secret are shown once."""
    form = ComplaintForm()
    db = get_session()
    if form.website.data:
        return _render(form, "tinjau", 422)
    wizard.fill_choices(db, form)
    failing = wizard.first_failing_step(db, form)
    if failing:
        return _render(form, failing, 422)
    try:
        created = svc.create_complaint(db, wizard.to_create(form), now=utcnow())
    except ComplaintError as exc:
        attach_error(form, exc, fallback="description")
        return _render(form, wizard.step_of(exc.field), 422)
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
    now, cfg = utcnow(), settings()
    # The A.1/B.1 instruction on this page too: most reporters read only this one (issue 11 point 5).
    shown = []
    for receipt in receipts:
        complaint = _by_code(db, receipt["code"])
        shown.append((receipt, complaint, reception.instruction_for(db, complaint, now, cfg)))
    response = make_response(render_template("complaints/sent.html", receipts=shown))
    response.headers["Cache-Control"] = "no-store"
    return response
