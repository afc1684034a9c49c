"""Column names of the readiness CSV files (TPS master data, turnout, the C.HASIL figures).

The files come from the desks' own spreadsheets, so their columns are named in Indonesian, the way the C.HASIL
form names its rows (pemilih = registered voters, pengguna hak pilih = voters, per DPT/DPTb/DPK list). The code keeps
English keys. The English names of earlier versions are still read, so a file prepared before the change still
imports.
"""

from __future__ import annotations

import csv
import io

# internal key → the column name users see and write
NAMES = {
    "village_code": "kode_desa",
    "number": "nomor_tps",
    "address": "alamat",
    "dpt": "dpt",
    "latitude": "lintang",
    "longitude": "bujur",
    "voted": "pengguna_hak_pilih",
    "election_type": "jenis_pemilihan",
    "registered_dpt": "pemilih_dpt",
    "registered_dptb": "pemilih_dptb",
    "voted_dpt": "pengguna_dpt",
    "voted_dptb": "pengguna_dptb",
    "voted_dpk": "pengguna_dpk",
}
_KEYS = {name: key for key, name in NAMES.items()}


def key_of(cell: str) -> str:
    """The internal key of a header cell (Indonesian or the earlier English name); an unknown cell as written."""
    written = cell.strip().lower()
    return _KEYS.get(written, written)


def names(keys) -> str:
    """The column names of ``keys`` as a user reads and writes them, comma-separated."""
    return ", ".join(NAMES.get(k, k) for k in keys)


def name(key: str) -> str:
    return NAMES.get(key, key)


def reader_for(text: str):
    """A CSV reader of ``text`` with the separator the spreadsheet used: a semicolon where the regional settings
    make the comma the decimal mark (Indonesian Excel), a comma otherwise."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def header_keys(reader) -> list[str]:
    """The first row of ``reader`` as internal keys."""
    return [key_of(cell) for cell in next(reader, [])]
