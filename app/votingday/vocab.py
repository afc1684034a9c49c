"""The steps a TPS goes through on voting day, in order (issue 15 point 1)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.enums import LabelledEnum


class Step(LabelledEnum):
    PETUGAS_TIBA = "petugas_tiba", _l("Security officers arrived")
    TPS_SIAP = "tps_siap", _l("TPS ready")
    PEMUNGUTAN_DIMULAI = "pemungutan_dimulai", _l("Voting started")
    PEMUNGUTAN_SELESAI = "pemungutan_selesai", _l("Voting closed")
    PENGHITUNGAN_SELESAI = "penghitungan_selesai", _l("Count finished")
    KOTAK_DISERAHKAN = "kotak_diserahkan", _l("Ballot box handed to PPS")

    @property
    def chain(self) -> str:
        """Security arrival is Polri/TNI's own step, beside the KPPS's chain of voting steps (which is ordered)."""
        return "security" if self is Step.PETUGAS_TIBA else "voting"

    @property
    def earlier(self) -> list[Step]:
        """The steps of the same chain that must come before this one."""
        order = list(Step)
        return [s for s in order[: order.index(self)] if s.chain == self.chain]

    @property
    def short(self) -> str:
        return str(SHORT[self])


SHORT = {
    Step.PETUGAS_TIBA: _l("Security"),
    Step.TPS_SIAP: _l("Ready"),
    Step.PEMUNGUTAN_DIMULAI: _l("Started"),
    Step.PEMUNGUTAN_SELESAI: _l("Closed"),
    Step.PENGHITUNGAN_SELESAI: _l("Counted"),
    Step.KOTAK_DISERAHKAN: _l("Handed over"),
}

# The timeline's category for a late opening (app/timeline/vocab.py OPERATIONAL; its code never changes).
LATE_CATEGORY = "op.tps_terlambat_dibuka"
