"""The audit walk (tests/security/test_audit_walk.py) for readiness: every change writes exactly one audit row that
reads as an Indonesian sentence naming the actor (issue 12 point 8), or the documented set of rows. The feature's
own accounts act: the KPU operator for the TPS master data, logistics and turnout, the Bawaslu operator for the
TPS-rawan indicators, Kejaksaan for AGHT, the Polri and TNI operators for the deployment, Pemda for Linmas.

The documented sets:
- uploading a TPS CSV writes none (the file is checked and kept as the uploader's own preview, nothing shared
  changes); saving it writes one ``readiness.tps_import`` row when the import is done (a chunk before the last
  writes none);
- a logistics save that also moves the delivery stage writes the stock row and the delivery row;
- a ballot transfer is also posted on the timeline (its ``timeline.post`` row);
- the deployment changes and the turnout import write one row per TPS changed (each TPS keeps its own history).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from app.readiness.constants import CATEGORIES, DEFAULT_PATTERN, ITEM_KEYS
from app.readiness.models import ImportJob, LogisticsStock, StaffingPattern, Turnout
from app.regions.models import TPS
from tests.auditwalk.walk import walk

NOW = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)  # 14.30 WIB on voting day
V_MEMBALONG = "19.02.02.2001"


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    for module in (
        "app.registry",
        "app.readiness.routes.common",
        "app.readiness.routes.tps",
        "app.readiness.routes.logistics",
        "app.readiness.routes.turnout",
        "app.readiness.routes.vulnerability",
        "app.readiness.routes.deployment",
        "app.readiness.routes.overview",
    ):
        monkeypatch.setattr(f"{module}.utcnow", lambda: NOW, raising=False)
    return NOW


def _csv(body: str) -> dict:
    return {"data": {"file": (io.BytesIO(body.encode()), "data.csv")}, "content_type": "multipart/form-data"}


def _latest_job(db) -> int:
    db.expire_all()
    return db.exec(select(ImportJob.id).order_by(ImportJob.id.desc())).first()


def test_tps_master_data_writes_one_sentence_each(app, client, htmx, login_as, accounts, places, db, clock):
    tps = places["membalong1"]
    header = "village_code,number,address,dpt,latitude,longitude\n"
    steps = [
        (
            "kpu-operator",
            lambda: client.post(f"/kesiapan/tps/{tps.id}/ubah", data={"address": "Balai Desa Membalong", "dpt": "410"}),
            "readiness.tps_update",
        ),
        # The upload only checks the file and keeps the preview as the uploader's own job: nothing shared changes.
        (
            "kpu-operator",
            lambda: client.post(
                "/kesiapan/tps/impor", **_csv(header + f"{V_MEMBALONG},1,Balai Desa,412,,\n{V_MEMBALONG},3,SD,300,,\n")
            ),
            (),
        ),
        # Saved at once (no htmx): one row for the whole import.
        ("kpu-operator", lambda: client.post(f"/kesiapan/impor/{_latest_job(db)}/simpan"), "readiness.tps_import"),
        (
            "kpu-operator",
            lambda: client.post(
                "/kesiapan/tps/impor", **_csv(header + f"{V_MEMBALONG},4,Balai,200,,\n{V_MEMBALONG},5,Posyandu,210,,\n")
            ),
            (),
        ),
        # Saved chunk by chunk (htmx): the row is written when the last chunk is saved, once.
        ("kpu-operator", lambda: htmx.post(f"/kesiapan/impor/{_latest_job(db)}/simpan?size=1"), ()),
        (
            "kpu-operator",
            lambda: htmx.post(f"/kesiapan/impor/{_latest_job(db)}/simpan?size=1"),
            "readiness.tps_import",
        ),
    ]
    walk(app, login_as, accounts, steps)
    db.expire_all()
    assert db.get(TPS, tps.id).dpt == 412
    assert sorted(db.exec(select(TPS.number).where(TPS.village_code == V_MEMBALONG)).all()) == [1, 2, 3, 4, 5]


def _logistics_form(**changed) -> dict:
    form = {
        f"{k}-{f}": "3" if f in ("needed", "received") else "0"
        for k in ITEM_KEYS
        for f in ("needed", "received", "damaged_light", "damaged_heavy")
    }
    form.update({"surat_suara-needed": "820", "surat_suara-received": "820", "stage": ""})
    form.update(changed)
    return form


def _turnout_form(voted_dpt: int, dpt: int = 380) -> dict:
    return {
        f"{t}-{n}": str(v)
        for t in ("gubernur", "bupati_walikota")
        for n, v in (
            ("registered_dpt", dpt),
            ("registered_dptb", 0),
            ("voted_dpt", voted_dpt),
            ("voted_dptb", 0),
            ("voted_dpk", 0),
        )
    }


def test_logistics_and_turnout_write_one_sentence_each(app, client, login_as, accounts, places, db, clock):
    one, two = places["membalong1"], places["membalong2"]
    steps = [
        # Every item of the form changes (none was recorded yet): one row for the TPS's logistics, not one per item.
        (
            "kpu-operator",
            lambda: client.post(f"/kesiapan/tps/{one.id}/logistik", data=_logistics_form()),
            "readiness.stock",
        ),
        # Only the delivery stage moves: its own row.
        (
            "kpu-operator",
            lambda: client.post(f"/kesiapan/tps/{one.id}/logistik", data=_logistics_form(stage="pps")),
            "readiness.delivery",
        ),
        # Both change in one save: the stock row and the delivery row.
        (
            "kpu-operator",
            lambda: client.post(
                f"/kesiapan/tps/{one.id}/logistik", data=_logistics_form(**{"tinta-received": "4", "stage": "kpps"})
            ),
            ("readiness.stock", "readiness.delivery"),
        ),
        # The berita acara, and its entry on the timeline.
        (
            "kpu-operator",
            lambda: client.post(
                "/kesiapan/pemindahan-surat-suara",
                data={
                    "from_tps": one.id,
                    "to_tps": two.id,
                    "election_type": "gubernur",
                    "quantity": "10",
                    "reason": "TPS 002 kekurangan surat suara.",
                    "witnesses": "PTPS Membalong",
                },
            ),
            ("readiness.ballot_transfer", "timeline.post"),
        ),
        (
            "kpu-operator",
            lambda: client.post(f"/kesiapan/tps/{two.id}/partisipasi", data=_turnout_form(301)),
            "readiness.turnout",
        ),
        # The import's rows are checked first; then each TPS's turnout is saved (one row per TPS in the file).
        (
            "kpu-operator",
            lambda: client.post(
                "/kesiapan/partisipasi/impor",
                **_csv(f"village_code,number,voted\n{V_MEMBALONG},1,310\n{V_MEMBALONG},2,305\n"),
            ),
            ("readiness.turnout", "readiness.turnout"),
        ),
    ]
    walk(app, login_as, accounts, steps)
    db.expire_all()
    stocks = {s.item: s for s in db.exec(select(LogisticsStock).where(LogisticsStock.tps_id == one.id)).all()}
    assert (stocks["surat_suara"].received, stocks["tinta"].received) == (810, 4)
    assert (db.get(Turnout, one.id).voted, db.get(Turnout, two.id).voted) == (310, 305)


def test_vulnerability_writes_one_sentence_each(app, client, login_as, accounts, places, clock):
    tps = places["membalong1"]
    steps = [
        (
            "bawaslu-operator",
            lambda: client.post(f"/kesiapan/tps/{tps.id}/kerawanan", data={"i7": "1", "n7": "riwayat bentrok"}),
            "readiness.rawan",
        ),
        (
            "kejaksaan-pimpinan",
            lambda: client.post(
                "/kesiapan/aght/baru",
                data={
                    "kind": "ancaman",
                    "region_code": "19.02.02",
                    "level": "tinggi",
                    "description": "Isu serangan fajar di Membalong.",
                    "visible_to": ["POLRI", "BAWASLU"],
                },
            ),
            "readiness.aght_create",
        ),
    ]
    walk(app, login_as, accounts, steps)


def _pattern_form(**changed) -> dict:
    form = {}
    for category, _label in CATEGORIES:
        personnel, tps, linmas = DEFAULT_PATTERN[category]
        form |= {
            f"{category}-personnel": str(personnel),
            f"{category}-tps": str(tps),
            f"{category}-linmas": str(linmas),
        }
    form.update(changed)
    return form


def test_deployment_writes_one_sentence_each(app, client, login_as, accounts, places, db, clock):
    one, two = places["membalong1"], places["membalong2"]
    both = [one.id, two.id]
    steps = [
        (
            "polri-operator",
            lambda: client.post("/kesiapan/pengamanan/operasi", data={"name": "Operasi Mantap Praja Menumbing 2024"}),
            "readiness.operation_create",
        ),
        # One save of the pattern table (two categories changed): one row for the operation's pattern.
        (
            "polri-operator",
            lambda: client.post(
                "/kesiapan/pengamanan/pola", data=_pattern_form(**{"rawan-personnel": "3", "khusus-linmas": "4"})
            ),
            "readiness.pattern",
        ),
        (
            "polri-operator",
            lambda: client.post("/kesiapan/pengamanan/kategori", data={"tps_ids": [one.id], "category": "rawan"}),
            "readiness.category",
        ),
        # Several TPS at once: one row per TPS.
        (
            "polri-operator",
            lambda: client.post("/kesiapan/pengamanan/kategori", data={"tps_ids": both, "category": "sangat_rawan"}),
            ("readiness.category", "readiness.category"),
        ),
        (
            "tni-operator",
            lambda: client.post("/kesiapan/pengamanan/penugasan", data={"tps_ids": [one.id], "polri": "2", "tni": "1"}),
            "readiness.assign",
        ),
        (
            "tni-operator",
            lambda: client.post(
                "/kesiapan/pengamanan/penugasan",
                data={"tps_ids": both, "polri": "2", "tni": "2", "group_label": "Pos gabungan Membalong"},
            ),
            ("readiness.assign", "readiness.assign"),
        ),
        (
            "pemda-operator",
            lambda: client.post("/kesiapan/pengamanan/linmas", data={"tps_ids": [one.id], "linmas": "2"}),
            "readiness.linmas",
        ),
    ]
    walk(app, login_as, accounts, steps)
    db.expire_all()
    patterns = {p.category: (p.personnel, p.tps, p.linmas) for p in db.exec(select(StaffingPattern)).all()}
    assert patterns["rawan"] == (3, 2, 4)
    assert patterns["khusus"] == (2, 1, 4)
    assert patterns["kurang_rawan"] == DEFAULT_PATTERN["kurang_rawan"]
