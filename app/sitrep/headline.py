"""The generated headline sentences of a situation report: they prefill *Situasi umum*, which the desk edits.

Always Indonesian whatever the reader's language (an official document); numbers are written the Indonesian way.
"""

from __future__ import annotations

from datetime import datetime

from app.i18n import id_time, number, percent


def headline(sections: dict, region_code: str, end: datetime, now: datetime) -> list[str]:
    """The generated headline sentences that prefill *Situasi umum*.

    "Hingga pukul" is the moment the figures were read: the period's end once it is over, else ``now`` (a report
    drafted at 14.00 for a period ending at 18.00 cannot speak for 18.00)."""
    out = []
    k = sections["kerawanan"]
    until = id_time(min(end, now), region_code)
    if k["total"]:
        done = next((n for code, _label, n in k["by_status"] if code == "selesai"), 0)
        tail = (
            "semua selesai"
            if done == k["total"]
            else f"{number(done, 'id')} selesai, {number(k['open'], 'id')} belum selesai"
        )
        out.append(f"Hingga pukul {until} tercatat {number(k['total'], 'id')} kerawanan; {tail}.")
    else:
        out.append(f"Hingga pukul {until} tidak tercatat kerawanan.")
    h = sections.get("hari_h")
    if h and h["tps"]:
        silent = next((st["silent"] for st in h["steps"] if st["code"] == "pemungutan_dimulai"), None)
        late = f"; {number(silent, 'id')} TPS belum melapor dimulainya pemungutan" if silent else ""
        out.append(
            f"Hari pemungutan suara: pemungutan dimulai di {number(h['opened'], 'id')} dari {number(h['tps'], 'id')} "
            f"TPS{late}; penghitungan selesai di {number(h['counted'], 'id')} TPS (pukul {h['as_at']})."
        )
    log = sections["logistik"]
    if log["tps"] and log["pct"] is not None:
        out.append(f"Kesiapan logistik {percent(log['pct'], 'id')} dari {number(log['tps'], 'id')} TPS.")
    sec = sections["pengamanan"]
    if sec["required"]:
        below = f"; {number(sec['gap_tps'], 'id')} TPS di bawah pola" if sec.get("gap_tps") else ""
        out.append(
            f"Personel pengamanan tergelar {number(sec['assigned'], 'id')} orang; kebutuhan menurut pola pengamanan "
            f"{number(sec['required'], 'id')} orang{below}."
        )
    part = sections.get("partisipasi")
    if part and part["pct"] is not None:
        out.append(f"Partisipasi pemilih {percent(part['pct'], 'id')} ({number(part['reported'], 'id')} TPS melapor).")
    p = sections["pengaduan"]
    if p["total"]:
        out.append(
            f"Laporan dugaan pelanggaran netralitas: {number(p['total'], 'id')}, "
            f"{number(p['overdue'], 'id')} melewati batas waktu."
        )
    return out
