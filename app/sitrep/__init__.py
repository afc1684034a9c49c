"""Laporan situasi (situation report): the desk's daily report, generated from what Sinergi holds, reviewed,
signed, printed and shared (docs/features/sitrep.md)."""
