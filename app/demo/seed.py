"""The foundation's demo data: regions of province 19, the Pilkada 2024 election, TPS and one account per
agency × role. Features add their own data through ``registry.add_seeder``; every seeder is idempotent."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from app.auth import services as accounts
from app.auth.models import User
from app.regions.models import TPS, Election, ElectionRegime
from app.regions.services import load_regions

MAIN_REGION = "19.02"  # Kabupaten Belitung
NEIGHBOUR_REGION = "19.06"  # Kabupaten Belitung Timur

# (username, name, agency, role, position, rank/NIP/NRP, region)
ACCOUNTS: list[tuple[str, str, str, str, str, str, str]] = [
    ("admin", "Rudi Hartono", "PEMDA", "admin", "Pranata Komputer Diskominfo", "NIP 198203112008011004", "19.02"),
    (
        "pemda-sekretariat",
        "Sri Wahyuni, S.Sos.",
        "PEMDA",
        "sekretariat",
        "Kabid Politik Dalam Negeri Kesbangpol",
        "NIP 197905172005012003",
        "19.02",
    ),
    (
        "pemda-pimpinan",
        "Drs. Hendra Gunawan, M.Si.",
        "PEMDA",
        "pimpinan",
        "Sekretaris Daerah (Ketua Desk Pilkada)",
        "NIP 196811041994031005",
        "19.02",
    ),
    ("pemda-operator", "Yudi Prasetyo", "PEMDA", "operator", "Staf Kesbangpol", "NIP 199001222015031002", "19.02"),
    ("pemda-petugas", "Agus Salim", "PEMDA", "petugas", "Linmas Desa Membalong", "", "19.02.02"),
    (
        "polri-pimpinan",
        "AKBP Dedy Kurniawan, S.I.K.",
        "POLRI",
        "pimpinan",
        "Kapolres Belitung",
        "NRP 79051234",
        "19.02",
    ),
    (
        "polri-operator",
        "IPTU Fajar Nugroho",
        "POLRI",
        "operator",
        "Kasat Intelkam Polres Belitung",
        "NRP 88071122",
        "19.02",
    ),
    (
        "polri-petugas",
        "BRIPKA Andi Saputra",
        "POLRI",
        "petugas",
        "Bhabinkamtibmas Membalong",
        "NRP 90110345",
        "19.02.02",
    ),
    (
        "tni-pimpinan",
        "Letkol Inf Bambang Sutrisno",
        "TNI",
        "pimpinan",
        "Dandim 0414/Belitung",
        "NRP 11990012/1973",
        "19.02",
    ),
    (
        "tni-operator",
        "Kapten Inf Rahmat Hidayat",
        "TNI",
        "operator",
        "Pasi Intel Kodim 0414",
        "NRP 21050078/1985",
        "19.02",
    ),
    ("tni-petugas", "Serka Joko Susilo", "TNI", "petugas", "Babinsa Tanjungpandan", "NRP 31020456/1984", "19.02.01"),
    ("kpu-pimpinan", "Ahmad Fauzi, S.H.", "KPU", "pimpinan", "Ketua KPU Kabupaten Belitung", "", "19.02"),
    (
        "kpu-operator",
        "Nurul Hidayah",
        "KPU",
        "operator",
        "Kasubbag Logistik KPU Belitung",
        "NIP 198707142010122001",
        "19.02",
    ),
    ("kpu-petugas", "Dimas Aryanto", "KPU", "petugas", "Anggota PPK Membalong", "", "19.02.02"),
    (
        "bawaslu-pimpinan",
        "Maria Ulfa, S.H., M.H.",
        "BAWASLU",
        "pimpinan",
        "Ketua Bawaslu Kabupaten Belitung",
        "",
        "19.02",
    ),
    ("bawaslu-operator", "Rizky Ramadhan", "BAWASLU", "operator", "Staf Penanganan Pelanggaran", "", "19.02"),
    ("bawaslu-petugas", "Siti Aminah", "BAWASLU", "petugas", "Panwascam Tanjungpandan", "", "19.02.01"),
    (
        "kejaksaan-pimpinan",
        "Eko Wibowo, S.H., M.H.",
        "KEJAKSAAN",
        "pimpinan",
        "Kepala Kejaksaan Negeri Belitung",
        "NIP 197502031999031002",
        "19.02",
    ),
    (
        "kejaksaan-operator",
        "Putri Maharani, S.H.",
        "KEJAKSAAN",
        "operator",
        "Kasi Intelijen Kejari Belitung",
        "NIP 198811202012122003",
        "19.02",
    ),
    ("kejaksaan-petugas", "Bayu Firmansyah, S.H.", "KEJAKSAAN", "petugas", "Staf Posko Pemilu", "", "19.02"),
    (
        "beltim-polri-operator",
        "IPDA Wahyu Santoso",
        "POLRI",
        "operator",
        "Kasat Intelkam Polres Belitung Timur",
        "NRP 89030567",
        "19.06",
    ),
    (
        "beltim-pemda-pimpinan",
        "Ir. Wahyudi Saputra, M.M.",
        "PEMDA",
        "pimpinan",
        "Sekretaris Daerah (Ketua Desk Pilkada Belitung Timur)",
        "NIP 197108231998031004",
        "19.06",
    ),
    # The province desk (issue 16 point 6): it reads the kabupaten/kota desks' reports and the roll-up.
    (
        "prov-pemda-pimpinan",
        "Dr. Ir. Syamsul Bahri, M.Si.",
        "PEMDA",
        "pimpinan",
        "Sekretaris Daerah Provinsi (Ketua Desk Pilkada Provinsi)",
        "NIP 196905121995031002",
        "19",
    ),
    (
        "prov-polri-operator",
        "KOMPOL Hendrik Siregar, S.I.K.",
        "POLRI",
        "operator",
        "Kasubdit Kamneg Ditintelkam Polda Kepulauan Bangka Belitung",
        "NRP 80061123",
        "19",
    ),
    (
        "prov-kpu-operator",
        "Lestari Handayani, S.E.",
        "KPU",
        "operator",
        "Kasubbag Teknis Penyelenggaraan KPU Provinsi",
        "NIP 198602182009122004",
        "19",
    ),
    (
        "prov-bawaslu-operator",
        "Fadli Rahman, S.H.",
        "BAWASLU",
        "operator",
        "Staf Penanganan Pelanggaran Bawaslu Provinsi",
        "",
        "19",
    ),
]

# TPS per village: (village code, how many TPS, DPT of the first; later TPS vary around it).
TPS_PLAN = [
    ("19.02.02.2001", 6, 412),
    ("19.02.02.2002", 4, 388),
    ("19.02.02.2003", 3, 356),
    ("19.02.02.2004", 3, 402),
    ("19.02.02.2007", 4, 377),  # Membalong
    ("19.02.01.1001", 6, 521),
    ("19.02.01.1002", 5, 498),
    ("19.02.01.1006", 5, 540),
    ("19.02.01.2007", 4, 455),
    ("19.02.01.2008", 3, 431),  # Tanjungpandan
    ("19.06.01.2001", 3, 390),
    ("19.06.02.2001", 3, 415),  # Belitung Timur, to show scope
]
STREETS = ["Jl. Jenderal Sudirman", "Jl. Merdeka", "Jl. Diponegoro", "Jl. Anwar", "Jl. Sriwijaya", "Jl. Pattimura"]
PLACES = ["Balai Desa", "SD Negeri", "Halaman Masjid", "Gedung Serbaguna", "Rumah Warga", "Posyandu"]


@dataclass
class SeedContext:
    """What the foundation seeded, for feature seeders to build on."""

    now: datetime
    users: dict[str, User] = field(default_factory=dict)
    elections: dict[str, Election] = field(default_factory=dict)
    tps: list[TPS] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def seed_foundation(session: Session, ctx: SeedContext, password: str) -> None:
    load_regions(session, "19")
    for region, name in (
        (MAIN_REGION, "Pemilihan Bupati dan Wakil Bupati Belitung 2024"),
        (NEIGHBOUR_REGION, "Pemilihan Bupati dan Wakil Bupati Belitung Timur 2024"),
    ):
        election = session.exec(select(Election).where(Election.region_code == region)).first()
        if election is None:
            election = Election(
                name=name,
                regime=ElectionRegime.PILKADA.value,
                region_code=region,
                voting_day=date(2024, 11, 27),
                campaign_start=date(2024, 9, 25),
                campaign_end=date(2024, 11, 23),
                quiet_start=date(2024, 11, 24),
                quiet_end=date(2024, 11, 26),
                created_at=ctx.now,
            )
            session.add(election)
        ctx.elections[region] = election
    existing = {(t.village_code, t.number): t for t in session.exec(select(TPS)).all()}
    for v_index, (village, count, dpt) in enumerate(TPS_PLAN):
        for number in range(1, count + 1):
            tps = existing.get((village, number))
            if tps is None:
                tps = TPS(
                    village_code=village,
                    number=number,
                    dpt=dpt + ((number * 37 + v_index * 11) % 90) - 40,
                    address=f"{PLACES[(number + v_index) % len(PLACES)]}, "
                    f"{STREETS[(number * 3 + v_index) % len(STREETS)]} No. {number * 7 + v_index}",
                )
                session.add(tps)
            ctx.tps.append(tps)
    session.flush()
    users = {u.username: u for u in session.exec(select(User)).all()}
    for username, name, agency, role, position, rank_id, region in ACCOUNTS:
        user = users.get(username)
        if user is None:
            user = accounts.create_user(
                session,
                accounts.UserInput(
                    username=username,
                    name=name,
                    agency=agency,
                    role=role,
                    region_code=region,
                    password=password,
                    position=position,
                    rank_id=rank_id,
                    phone=f"0812{zlib.crc32(username.encode()) % 10**8:08d}",
                ),
                actor=None,
                now=ctx.now,
            )
        ctx.users[username] = user
    session.flush()
