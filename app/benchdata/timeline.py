"""Timeline rows of one kabupaten over the campaign: posts by the desk's accounts, incidents with their
status follow-ups, a voting-day peak. Ids follow the time the server received each row (the live cursor)."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session, select

from app.auth.models import User
from app.benchdata import plan
from app.benchdata.bulk import insert_rows, reserve_ids
from app.regions.models import TPS, Region
from app.regions.services import scope_clause
from app.timeline.models import Entry

TEXTS = {
    "info": "Situasi di {place} aman dan kondusif, warga beraktivitas seperti biasa.",
    "logistik": "Logistik {tps} {place} diterima: kotak suara, bilik dan surat suara lengkap.",
    "keamanan": "Patroli gabungan di {place}: situasi aman, tidak ada pengerahan massa.",
    "pengawasan": "Pengawasan tahapan di {place}: tidak ditemukan dugaan pelanggaran.",
}
INCIDENTS_VOTING = [
    ("op.tps_terlambat_dibuka", "{tps} {place} belum dibuka, KPPS masih menunggu kelengkapan.", 30),
    ("op.surat_suara_kurang", "Surat suara di {tps} {place} kurang dari jumlah pemilih.", 12),
    ("op.konflik_tps", "Adu mulut antarpendukung di {tps} {place}, petugas menenangkan.", 8),
    ("op.orang_tidak_berhak", "Orang tanpa tanda pengenal masuk {tps} {place}.", 6),
    ("op.listrik_internet", "Listrik padam di {place}, penghitungan memakai lampu darurat.", 8),
    ("op.bencana_cuaca", "Hujan deras di {place}, {tps} dipindah ke dalam gedung.", 6),
    ("op.politik_uang", "Dugaan pembagian uang kepada pemilih di sekitar {tps} {place}.", 10),
]
INCIDENTS_CAMPAIGN = [
    ("op.politik_uang", "Dugaan pembagian sembako oleh tim kampanye di {place}.", 20),
    ("op.kampanye_hitam", "Selebaran kampanye hitam beredar di {place}.", 20),
    ("op.logistik_terlambat", "Distribusi logistik ke {place} terlambat karena akses jalan.", 10),
    ("op.konflik_tps", "Gesekan antarpendukung saat kampanye di {place}.", 8),
    ("op.lainnya", "Alat peraga kampanye dirusak di {place}.", 12),
]
KIND_BY_AGENCY = {
    "KPU": ["logistik", "logistik", "info"],
    "POLRI": ["keamanan", "keamanan", "info"],
    "TNI": ["keamanan", "info"],
    "BAWASLU": ["pengawasan", "pengawasan", "info"],
    "PEMDA": ["info", "logistik"],
    "KEJAKSAAN": ["info", "pengawasan"],
}
HANDLERS = (["POLRI"] * 5) + (["BAWASLU"] * 3) + ["KPU", "TNI"]


@dataclass(frozen=True)
class Author:
    id: int
    agency: str
    role: str
    region_code: str


@dataclass
class Desk:
    """What the rows of one kabupaten are made from."""

    authors: list[Author]
    province_authors: list[Author]
    tps: list[tuple[int, str]]  # (id, village_code)
    names: dict[str, str]  # region code → name
    offset: int  # hours ahead of UTC
    by_area: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # kecamatan → its TPS

    def tps_in(self, area: str) -> list[tuple[int, str]]:
        if area not in self.by_area:
            self.by_area[area] = [t for t in self.tps if t[1].startswith(area + ".")] or self.tps
        return self.by_area[area]


def _authors(session: Session, prefix: str) -> list[Author]:
    query = select(User.id, User.agency, User.role, User.region_code).where(User.username.startswith(prefix))
    return [Author(i, getattr(a, "value", a), getattr(r, "value", r), c) for i, a, r, c in session.exec(query).all()]


def _load(session: Session, kabupaten: str) -> Desk:
    province = kabupaten.split(".")[0]
    authors = _authors(session, "b" + kabupaten.replace(".", "") + "-")
    province_authors = _authors(session, f"b{province}-")
    tps = list(session.exec(select(TPS.id, TPS.village_code).where(scope_clause(TPS.village_code, kabupaten))).all())
    names = dict(session.exec(select(Region.code, Region.name).where(scope_clause(Region.code, kabupaten))).all())
    return Desk(authors, province_authors, tps, names, plan.utc_offset(kabupaten))


def done(session: Session, kabupaten: str) -> bool:
    prefix = "b" + kabupaten.replace(".", "") + "-"
    ids = list(session.exec(select(User.id).where(User.username.startswith(prefix))).all())
    # ids as literals, not a subquery: the planner then looks them up in the author index
    return bool(ids) and session.exec(select(Entry.id).where(Entry.author_id.in_(ids)).limit(1)).first() is not None


def _place(r: random.Random, desk: Desk, author: Author, kabupaten: str) -> tuple[str, int | None]:
    if author.role == "petugas":
        tps_id, village = r.choice(desk.tps_in(author.region_code))
        return village, tps_id if r.random() < 0.6 else None
    roll = r.random()
    tps_id, village = r.choice(desk.tps)
    if roll < 0.4:
        return village, tps_id if r.random() < 0.5 else None
    if roll < 0.65:
        return ".".join(village.split(".")[:3]), None
    return kabupaten, None


def _post(r: random.Random, desk: Desk, kabupaten: str, day, author: Author) -> dict:
    at = plan.moment(r, day, desk.offset)
    region, tps_id = _place(r, desk, author, kabupaten)
    if r.random() < 0.02 and desk.province_authors:
        author, region, tps_id = r.choice(desk.province_authors), kabupaten.split(".")[0], None
    place = desk.names.get(region, region).title()
    voting = day == plan.VOTING_DAY
    incident = r.random() < (0.22 if voting else 0.08)
    row = {
        "parent_id": None,
        "created_at": at,
        "occurred_at": at - timedelta(seconds=r.randint(5, 120) if r.random() > 0.03 else r.randint(600, 5400)),
        "author_id": author.id,
        "author_agency": author.agency,
        "region_code": region,
        "tps_id": tps_id,
        "visible_agencies": f",{author.agency},POLRI," if r.random() < 0.06 and author.agency != "POLRI" else "",
        "important": r.random() < 0.02,
        "followup_count": 0,
    }
    tps_label = "TPS setempat" if tps_id is None else f"TPS {r.randint(1, 15):03d}"
    if incident:
        table = INCIDENTS_VOTING if voting else INCIDENTS_CAMPAIGN
        category, text, _w = r.choices(table, weights=[w for *_x, w in table])[0]
        row.update(
            kind="kerawanan",
            category=category,
            severity=r.choices(["rendah", "sedang", "tinggi"], weights=[5, 4, 1])[0],
            handling_agency=r.choice(HANDLERS),
            status="dilaporkan",
            text=text.format(tps=tps_label, place=place),
        )
    else:
        kind = r.choice(KIND_BY_AGENCY.get(author.agency, ["info"]))
        row.update(kind=kind, text=TEXTS[kind].format(tps=tps_label, place=place))
    return row


def _followups(r: random.Random, desk: Desk, post: dict) -> list[dict]:
    """Status changes of an incident (taken in hand, resolved), by an account of the handling agency."""
    if post["kind"] != "kerawanan":
        return []
    handlers = [a for a in desk.authors if a.agency == post["handling_agency"] and a.role != "petugas"] or desk.authors
    out, at = [], post["created_at"]
    for status, chance, minutes in (("ditangani", 0.85, (5, 90)), ("selesai", 0.8, (20, 600))):
        if r.random() > chance:
            break
        at = at + timedelta(minutes=r.randint(*minutes))
        actor = r.choice(handlers)
        note = "Petugas menuju lokasi." if status == "ditangani" else "Situasi sudah tertangani."
        out.append(
            {
                "parent": post,
                "created_at": at,
                "occurred_at": at - timedelta(seconds=r.randint(5, 60)),
                "author_id": actor.id,
                "author_agency": actor.agency,
                "kind": "tindak_lanjut",
                "text": note,
                "region_code": post["region_code"],
                "tps_id": post["tps_id"],
                "visible_agencies": post["visible_agencies"],
                "change": f"status:{status}",
                "followup_count": 0,
            }
        )
        post["status"] = status
        post["handled_at" if status == "ditangani" else "resolved_at"] = at
        post["handled_by_id" if status == "ditangani" else "resolved_by_id"] = actor.id
    return out


def _weights(desk: Desk) -> list[float]:
    return [6.0 if a.role == "petugas" else 3.0 if a.role == "operator" else 0.5 for a in desk.authors]


def entries(session: Session, kabupaten: str) -> int:
    """Every timeline row of the kabupaten, in one bulk insert."""
    desk = _load(session, kabupaten)
    if not desk.tps or not desk.authors:
        return 0
    r = plan.rng("timeline", kabupaten)
    days = plan.campaign_days()
    day_list, day_weights = [d for d, _w in days], list(itertools.accumulate(w for _d, w in days))
    budget = round(plan.ROWS_PER_TPS * len(desk.tps))
    weights = list(itertools.accumulate(_weights(desk)))
    rows: list[dict] = []
    while len(rows) < budget:
        day = r.choices(day_list, cum_weights=day_weights)[0]
        post = _post(r, desk, kabupaten, day, r.choices(desk.authors, cum_weights=weights)[0])
        rows.append(post)
        rows.extend(_followups(r, desk, post))
    rows.sort(key=lambda row: row["created_at"])
    first = reserve_ids(session, Entry, len(rows))
    for offset, row in enumerate(rows):
        row["id"] = first + offset
    for row in rows:
        parent = row.pop("parent", None)
        if parent is not None:
            row["parent_id"] = parent["id"]
            parent["followup_count"] += 1
            parent["last_change_id"] = row["id"]
    return insert_rows(session, Entry, rows)
