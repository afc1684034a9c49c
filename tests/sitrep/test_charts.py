"""The report PDF's small SVG charts (issue 16 point 4) draw the numbers of the sections they sit in: the
incidents by status as one stacked bar, each category against the largest, a voting-day step as a share of the
TPS, logistics only when known. The HTML the PDF is made from is checked (the PDF's text carries the numbers, not
the drawings)."""

from __future__ import annotations

import re

from flask import render_template
from flask_babel import force_locale

from app.sitrep import documents
from app.timeline import services as timeline
from tests.sitrep.conftest import wib


def _rect_widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect x="[\d.]+" y="0" width="([\d.]+)"', svg)]


def test_charts_draw_the_sections_numbers(app, db, accounts, make_incident, report_for, clock):
    officer = accounts["polri-petugas"]
    entries = [make_incident(officer, wib(8 + n), text=f"Kejadian {n} di TPS.") for n in range(4)]
    make_incident(officer, wib(13), category="op.logistik_terlambat", text="Kotak suara terlambat tiba.")
    with app.app_context():
        timeline.change_status(db, entries[0], "ditangani", actor=accounts["polri-operator"], now=wib(9))
        for entry in entries[1:3]:
            timeline.change_status(db, entry, "selesai", actor=accounts["polri-operator"], now=wib(12), note="Beres.")
        db.commit()
    report, sections = report_for(accounts["pemda-pimpinan"])
    assert [n for _code, _label, n in sections["kerawanan"]["by_status"]] == [2, 1, 2]

    with app.test_request_context(), force_locale("id"):
        html = render_template("sitrep/pdf/report.html", **documents.context(db, report), qr=None)

    stacked = re.search(r'<svg class="chart chart-stacked".*?</svg>', html, re.S).group(0)
    assert 'aria-label="Kerawanan menurut status"' in stacked
    assert _rect_widths(stacked) == [400.0, 200.0, 400.0]  # 2, 1 and 2 of 5, on a 1,000-wide bar
    # the key beside each status has that part's shade
    fills = re.findall(r'fill="(#[0-9a-f]{6})" stroke', stacked)
    swatches = re.findall(r'chart-swatch".*?fill="(#[0-9a-f]{6})"', html, re.S)
    assert swatches == fills
    assert len(set(fills)) == 3

    bars = re.findall(r'<svg class="chart chart-share"[^>]*aria-label="([^"]*)">(.*?)</svg>', html, re.S)
    by_label = {label.rsplit(" ", 1)[0]: _rect_widths(body)[1] for label, body in bars}
    assert by_label["Konflik di TPS"] == 100.0  # the largest category fills its bar
    assert by_label["Logistik terlambat"] == 25.0  # 1 of the largest's 4
    assert by_label["Petugas pengamanan tiba"] == 0.0  # a voting-day step no TPS has reported: an empty bar
    assert sections["logistik"]["pct"] is None
    assert "Kesiapan logistik" not in by_label  # unknown is not drawn as 0 %
