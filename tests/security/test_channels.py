"""One visibility rule on every channel: planted markers never reach a demo account that is not entitled to them.

Markers: a reporter's name, NIK and phone; Bawaslu's message to that reporter; the text (post, follow-up,
resolution note) of an incident visible only to POLRI; a Kejaksaan AGHT entry shown to no other agency.
Channels: pages, htmx fragments, the SSE stream (replay), ``?since=``, CSV, PDF (text extracted), search,
photo and evidence URLs, notifications and the unread badge, push payloads, the audit views, dashboards,
meetings (the minutes' timeline references). Every demo account (app.demo.seed.ACCOUNTS) walks every channel;
a marker in a response of an account not entitled to it is a leak. The figures go to docs/SECURITY.md:

    .venv/bin/python -m pytest tests/security/test_channels.py -q -s    # prints "channel matrix: …"
"""

from __future__ import annotations

import io
from datetime import date, time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlmodel import select

from app.complaints.services import handling, routing
from app.demo.seed import ACCOUNTS
from app.meetings import services as meetings
from app.meetings.refs import link
from app.meetings.services import MeetingError
from app.notifications import services as notifications
from app.notifications.push import PushConfig, send_pending
from app.readiness.services.vulnerability import AghtInput, create_aght
from app.regions.models import TPS
from app.timeline import services as timeline
from app.timeline.services.photos import store as store_photo

NAME, NIK, PHONE = "Kusumaningtyas", "1902014501900001", "81234567890"
MESSAGE = "PESAN-PELAPOR-31"
RESTRICTED = "RAHASIA-POLRI-77"
AGHT = "AGHT-RAHASIA-55"
MARKERS = {"identity": [NAME, NIK, PHONE], "message": [MESSAGE], "restricted": [RESTRICTED], "aght": [AGHT]}
ENTITLED = {
    # The planted report sits in Sentra Gakkumdu: its investigators and prosecutors (Polri/Kejaksaan operators and
    # heads in scope) may need the reporter as a witness and see the identity, audited (issue 11 point 5).
    "identity": {
        "bawaslu-operator",
        "bawaslu-pimpinan",
        "polri-operator",
        "polri-pimpinan",
        "kejaksaan-operator",
        "kejaksaan-pimpinan",
    },
    "message": {"bawaslu-operator", "bawaslu-pimpinan"},
    # Polri of the region and the Polda above it (chain of command); not Belitung Timur's Polri. The province's
    # Bawaslu supervises but does not handle a kabupaten complaint: neither identity nor message reach it.
    "restricted": {"polri-pimpinan", "polri-operator", "polri-petugas", "prov-polri-operator"},
    "aght": {"kejaksaan-pimpinan", "kejaksaan-operator", "kejaksaan-petugas"},
}
CHANNELS = [
    "/",
    "/menu",
    "/linimasa",
    "htmx:/linimasa",
    "htmx:/linimasa?since=0",
    "/linimasa/{entry}",
    "/kerawanan/{entry}",
    "htmx:/kerawanan/{entry}",
    "/linimasa/{followup}",
    "/linimasa/kerawanan.csv",
    "/linimasa/ringkasan",
    "/linimasa/ringkasan?dari=2024-11-27&sampai=2024-11-27",
    "sse:/linimasa/stream",
    "/linimasa/foto/{photo}",
    "/linimasa/foto/{photo}?kecil=1",
    "/pengaduan",
    f"/pengaduan?q={NAME}",
    f"/pengaduan?q={NIK}",
    f"/pengaduan?q={PHONE}",
    "/pengaduan.csv",
    "/pengaduan/{complaint}",
    "/pengaduan/{complaint}/laporan.pdf",
    "/pengaduan/{complaint}/bukti/{evidence}",
    "/notifikasi",
    "push:payloads",
    "/admin/audit",
    "/admin/audit?jenis=timeline_entry",
    "/admin/audit?jenis=complaint",
    "/admin/audit?jenis=gakkumdu_case",
    "/admin/audit?jenis=aght",
    "/admin/audit?sebelum=2147483647",
    "htmx:/admin/audit?sebelum=2147483647",
    "/kesiapan",
    "/kesiapan/kerawanan",
    "/kesiapan/ringkasan.csv",
    "/tps/{tps}",
    "/rapat",
    "/rapat/{meeting}",
    "/piket",
    "/piket/serah-terima",
    "/instruksi",
    "/eskalasi",
    "/hari-h",
    "htmx:/hari-h/papan",
    "/hari-h/layar",
    "/laporan-situasi",
    "/laporan-situasi/{sitrep}",
    "/laporan-situasi/{sitrep}.pdf",
    "/laporan-situasi/{sitrep}/wa",
]
RESULT = Path("test-artifacts/channel-matrix.txt")


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), "green").save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def accounts(make_user):
    return {u: make_user(u, name=n, agency=a, role=r, region_code=reg) for u, n, a, r, _p, _n, reg in ACCOUNTS}


def _subscribe_everyone(db, accounts, now):
    """Every account has a (fake) push device, so every notification it gets is also pushed."""
    for username, user in accounts.items():
        notifications.subscribe(
            db,
            notifications.SubscriptionInput(f"https://push.example.net/{username}", "B" + "A" * 86, "a" * 22),
            actor=user,
            now=now,
        )


def _plant_timeline(app, db, now, accounts, tps) -> dict:
    polri, petugas, pimpinan = accounts["polri-operator"], accounts["polri-petugas"], accounts["polri-pimpinan"]
    photo = store_photo(app.config["UPLOAD_DIR"], _png(), "foto.png")
    entry = timeline.post_entry(
        db,
        author=polri,
        kind="kerawanan",
        text=f"{RESTRICTED}: gudang amunisi di Lassar",
        now=now,
        tps_id=tps.id,
        visible_to=["POLRI"],
        category="keamanan.intimidasi",
        severity="tinggi",
        handling_agency="TNI",
        photos=[photo],
    )
    timeline.assign(db, entry, "KPU", actor=polri, now=now)
    followup = timeline.add_followup(db, entry, author=petugas, text=f"{RESTRICTED} tindak lanjut", now=now)
    timeline.change_status(db, entry, "ditangani", actor=pimpinan, now=now, note=f"{RESTRICTED} ditangani")
    timeline.change_status(db, entry, "selesai", actor=pimpinan, now=now, note=f"{RESTRICTED} selesai")
    timeline.post_entry(
        db,
        author=accounts["kpu-operator"],
        kind="kerawanan",
        text="Antrean panjang di TPS 01",
        now=now,
        tps_id=tps.id,
        category="op.lainnya",
        severity="tinggi",
        handling_agency="POLRI",
    )
    return {
        "entry": entry.id,
        "followup": followup.id,
        "photo": db.exec(select(timeline.EntryPhoto.id).where(timeline.EntryPhoto.entry_id == entry.id)).one(),
    }


def _plant_complaint(make_complaint, db, now, accounts) -> dict:
    bawaslu = accounts["bawaslu-operator"]
    created = make_complaint(now, reporter_name=f"Wulandari {NAME}", reporter_nik=NIK, reporter_phone=f"+62{PHONE}")
    c = created.complaint
    c.status = "terbukti"
    db.add(c)
    for recipient in ("bupati", "gakkumdu"):
        routing.route(db, c, recipient, f"0{len(recipient)}/PP.01/XI/2024", date(2024, 11, 26), actor=bawaslu, now=now)
    handling.send_message(
        db, c, f"{MESSAGE} Ibu Wulandari {NAME}, mohon datang ke kantor Bawaslu.", actor=bawaslu, now=now
    )
    from app.complaints.models import ComplaintEvidence

    evidence = db.exec(select(ComplaintEvidence.id).where(ComplaintEvidence.complaint_id == c.id)).first()
    return {"complaint": c.id, "evidence": evidence or 0, "tracking_code": c.tracking_code}


def _plant_meeting(db, now, accounts, entry_id: int) -> int:
    people = list(accounts.values())
    meeting = meetings.create_meeting(
        db,
        meetings.MeetingInput(
            title="Rakor Pengamanan",
            kind="pengamanan",
            organiser_agency="PEMDA",
            region_code="19.02",
            day=date(2024, 11, 27),
            start=time(14, 0),
            end=time(16, 0),
            place="Rumah Dinas Bupati",
            chair_name="Drs. Hendra Gunawan",
            minute_name="Sri Wahyuni",
            agenda=["Situasi"],
            participant_ids=[u.id for u in people if u.region_code.startswith("19.02")],
        ),
        actor=accounts["pemda-sekretariat"],
        now=now,
    )
    # A POLRI officer may not carry the POLRI-only entry into minutes every invitee reads.
    with pytest.raises(MeetingError):
        link(db, meeting, entry_id, actor=accounts["polri-operator"], now=now)
    return meeting.id


def _plant_sitrep(db, now, accounts) -> int:
    """The desk's signed situation report of the day: it counts the planted incident, never quotes it."""
    from app.sitrep import services as sitrep

    report = sitrep.create_report(db, actor=accounts["pemda-pimpinan"], now=now)
    sitrep.sign(db, report, actor=accounts["pemda-pimpinan"], now=now, confirmed=True)
    return report.id


@pytest.fixture
def planted(app, db, now, accounts, monkeypatch, make_complaint):
    monkeypatch.setitem(app.config, "TIMELINE_HEARTBEAT", 0.2)
    tps = TPS(village_code="19.02.02.2001", number=1, dpt=400)
    db.add(tps)
    db.flush()
    with app.test_request_context():
        _subscribe_everyone(db, accounts, now)
        ids = _plant_timeline(app, db, now, accounts, tps)
        ids.update(_plant_complaint(make_complaint, db, now, accounts))
        create_aght(
            db,
            AghtInput(
                region_code="19.02",
                kind="ancaman",
                description=f"{AGHT} ancaman sabotase",
                place="Gudang logistik",
                level="tinggi",
                recommendation=f"{AGHT} pengamanan",
                recommended_to="",
                visible_to=[],
            ),
            actor=accounts["kejaksaan-operator"],
            now=now,
        )
        ids["meeting"] = _plant_meeting(db, now, accounts, ids["entry"])
        ids["sitrep"] = _plant_sitrep(db, now, accounts)
    db.commit()
    ids["tps"] = tps.id
    return ids


def _pushed(app, db, now) -> dict[str, str]:
    """Every push payload the job would send, per account (the sender is captured, nothing leaves the box)."""
    out: dict[str, list[str]] = {}

    def sender(info, data, config):
        out.setdefault(info["endpoint"].rsplit("/", 1)[1], []).append(data.decode())
        return 201

    with app.app_context():
        send_pending(db, PushConfig(private_key="k", subject="mailto:x@example.org"), now=now, sender=sender)
    db.commit()
    return {user: "\n".join(items) for user, items in out.items()}


def _body(client, channel: str) -> tuple[int, str]:
    kind, _, url = channel.rpartition(":") if channel.startswith(("htmx:", "sse:")) else ("", "", channel)
    if kind == "sse":
        response = client.get(url, headers={"Last-Event-ID": "0"}, buffered=False)
        chunks = iter(response.response)
        text = "".join(next(chunks).decode() for _ in range(2))  # retry, then the replay (or a ping)
        response.close()
        return response.status_code, text
    headers = {"HX-Request": "true", "HX-Request-Type": "partial"} if kind == "htmx" else {}
    response = client.get(url, headers=headers)
    data = response.get_data()
    response.close()  # files (photos, evidence) are streamed: close them
    if response.mimetype == "application/pdf" and response.status_code == 200:
        return 200, " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return response.status_code, data.decode("utf-8", "replace")


def _leaks(username: str, channel: str, status: int, text: str, tracking_code: str) -> list[str]:
    found = []
    if "?q=" in channel:  # the page repeats what the user typed (box, links); its results must not hit
        query = channel.split("?q=", 1)[1]
        text = text.replace(query, "")
        if tracking_code in text and username not in ENTITLED["identity"]:
            found.append(f"{username} {channel}: the search by identity finds the report")
    for marker_kind, tokens in MARKERS.items():
        if username in ENTITLED[marker_kind]:
            continue
        found += [f"{username} {channel}: {marker_kind} {t!r}" for t in tokens if t in text]
    if "/foto/" in channel and status == 200 and username not in ENTITLED["restricted"]:
        found.append(f"{username} {channel}: restricted photo served")
    return found


@pytest.mark.timeout(900)  # ~800 requests and a dozen PDFs: about 90 s alone, longer on a busy machine
def test_no_marker_reaches_an_account_not_entitled_to_it(app, client, auth, db, now, planted, accounts):
    pushed = _pushed(app, db, now)
    leaks, errors, seen, cells = [], [], {k: set() for k in MARKERS}, 0
    for username in accounts:
        client.post("/keluar")
        auth.login(username)
        for channel in CHANNELS:
            if channel == "push:payloads":
                status, text = 200, pushed.get(username, "")
            else:
                status, text = _body(client, channel.format(**planted))
            if status >= 500:
                errors.append(f"{username} {channel}: {status}")
            leaks += _leaks(username, channel, status, text, planted["tracking_code"])
            cells += sum(1 for kind in MARKERS if username not in ENTITLED[kind])
            for kind, tokens in MARKERS.items():
                if username in ENTITLED[kind] and all(t in text for t in tokens):
                    seen[kind].add(username)
    summary = (
        f"channel matrix: {len(CHANNELS)} channels x {len(accounts)} demo accounts = "
        f"{len(CHANNELS) * len(accounts)} responses; {cells} (response, marker kind) cells checked; "
        f"{len(leaks)} leaks; {len(errors)} server errors"
    )
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(summary + "\n" + "\n".join(leaks + errors) + "\n")
    print(summary)
    assert errors == []
    assert leaks == []
    # The markers were really planted: each entitled account finds its marker on some channel.
    assert {k: sorted(v) for k, v in seen.items()} == {k: sorted(v) for k, v in ENTITLED.items()}
