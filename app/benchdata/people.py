"""Regions, elections and police operations, TPS in every village, and the accounts of every desk."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlmodel import Session, select

from app.auth.models import User
from app.auth.services import hash_password
from app.benchdata import plan
from app.benchdata.bulk import insert_rows, reserve_ids
from app.readiness.models import Operation
from app.readiness.services import deployment
from app.regions.models import TPS, Election, ElectionRegime, Region
from app.regions.services import load_regions, scope_clause

FIRST = [
    "Agus",
    "Budi",
    "Dewi",
    "Eko",
    "Fitri",
    "Hendra",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nur",
    "Putu",
    "Rahmat",
    "Siti",
    "Teguh",
    "Wahyu",
    "Yanti",
]
LAST = [
    "Saputra",
    "Wijaya",
    "Santoso",
    "Lubis",
    "Nasution",
    "Siregar",
    "Pratama",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Rahayu",
    "Wibowo",
    "Harahap",
]
PLACES = ["Balai Desa", "SD Negeri", "Halaman Masjid", "Gedung Serbaguna", "Rumah Warga", "Posyandu", "Aula Kantor"]


def person(r) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def regions(session: Session, scope: plan.Scope) -> int:
    added = 0
    for province in scope.provinces:
        added += load_regions(session, province)
    return added


def _elections_for(session: Session, province: str, kabupaten: list[str], now: datetime) -> list[Election]:
    names = dict(session.exec(select(Region.code, Region.name).where(Region.code.in_([province, *kabupaten]))).all())
    have = set(session.exec(select(Election.region_code).where(Election.voting_day == plan.VOTING_DAY)).all())
    out = []
    # Every province elects its governor in 2024 except DIY (the Sultan is governor by law).
    wanted = ([province] if province != "34" else []) + kabupaten
    for code in wanted:
        if code in have:
            continue
        if code == province:
            title = f"Pemilihan Gubernur dan Wakil Gubernur {names.get(code, code).title()} 2024"
        elif names.get(code, "").upper().startswith("KOTA"):
            title = f"Pemilihan Wali Kota dan Wakil Wali Kota {names[code].title()[5:]} 2024"
        else:
            title = f"Pemilihan Bupati dan Wakil Bupati {names.get(code, code).title()} 2024"
        out.append(
            Election(
                name=title,
                regime=ElectionRegime.PILKADA.value,
                region_code=code,
                voting_day=plan.VOTING_DAY,
                campaign_start=plan.CAMPAIGN_START,
                campaign_end=date(2024, 11, 23),
                quiet_start=date(2024, 11, 24),
                quiet_end=date(2024, 11, 26),
                created_at=now,
            )
        )
    return out


def elections(session: Session, scope: plan.Scope, province: str, *, now: datetime) -> int:
    """The Pilkada 2024 elections of the province and its kabupaten/kota, and the police operation."""
    kabupaten = [k for k in scope.kabupaten if k.startswith(province + ".")]
    new = _elections_for(session, province, kabupaten, now)
    session.add_all(new)
    if session.exec(select(Operation.id).where(Operation.region_code == province)).first() is None:
        name = session.get(Region, province).name.title()
        deployment.create_operation(session, f"Operasi Mantap Praja {name} 2024", province, actor=None, now=now)
    return len(new)


def tps(session: Session, kabupaten: str) -> int:
    """TPS in every village of the kabupaten that has none yet."""
    villages = session.exec(
        select(Region.code, Region.type).where(scope_clause(Region.code, kabupaten), Region.level == 4)
    ).all()
    have = set(session.exec(select(TPS.village_code).where(scope_clause(TPS.village_code, kabupaten)).distinct()))
    rows = []
    for code, kind in villages:
        if code in have:
            continue
        r = plan.rng("tps-data", code)
        for number in range(1, plan.tps_count(code, kind) + 1):
            rows.append(
                {
                    "village_code": code,
                    "number": number,
                    "address": f"{r.choice(PLACES)}, RT {r.randint(1, 12):02d}",
                    "dpt": r.randint(180, 300),  # a Pemilu TPS holds at most 300 voters
                }
            )
    if rows:
        first = reserve_ids(session, TPS, len(rows))
        for offset, row in enumerate(rows):
            row["id"] = first + offset
    return insert_rows(session, TPS, rows)


def username(region: str, agency: str, role: str, n: int) -> str:
    return f"b{region.replace('.', '')}-{agency.lower()}-{role}{n}"


def _wanted_accounts(session: Session, region: str) -> list[tuple[str, str, str, str]]:
    """(username, agency, role, scope) of the accounts of a kabupaten (or province) desk."""
    out = []
    if region.count(".") == 0:
        for agency in plan.AGENCIES:
            for role, count in plan.PROVINCE_ROLES:
                out += [(username(region, agency, role, n), agency, role, region) for n in range(1, count + 1)]
        return out
    kecamatan = sorted(session.exec(select(Region.code).where(Region.parent_code == region)).all()) or [region]
    for agency in plan.AGENCIES:
        roles = plan.KAB_ROLES + (plan.PEMDA_EXTRA if agency == "PEMDA" else ())
        for role, count in roles:
            for n in range(1, count + 1):
                scope = kecamatan[(n * 7 + len(agency)) % len(kecamatan)] if role == "petugas" else region
                out.append((username(region, agency, role, n), agency, role, scope))
    return out


def accounts(session: Session, region: str, *, password_hash: str, now: datetime) -> int:
    """The desk's accounts (one password hash for all: hashing 20,000 passwords would take hours)."""
    wanted = _wanted_accounts(session, region)
    have = set(session.exec(select(User.username).where(User.username.in_([w[0] for w in wanted]))).all())
    rows = []
    for name, agency, role, scope in wanted:
        if name in have:
            continue
        r = plan.rng("user", name)
        rows.append(
            {
                "username": name,
                "name": person(r),
                "agency": agency,
                "role": role,
                "region_code": scope,
                "password_hash": password_hash,
                "session_token": secrets.token_hex(16),
                "phone": f"+62812{r.randrange(10**8):08d}",
                "position": f"{role.title()} {agency.title()}",
                "created_at": now,
            }
        )
    if rows:
        first = reserve_ids(session, User, len(rows))
        for offset, row in enumerate(rows):
            row["id"] = first + offset
    return insert_rows(session, User, rows)


def password_hash(password: str) -> str:
    return hash_password(password)
