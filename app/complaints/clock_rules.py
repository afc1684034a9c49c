"""Every legal clock as data: length, unit, what starts it, the rule in words and where it comes from.

Sources are domain.md §0, §1.2–1.3 and §2.3 and reviews/domain-review.md §1c/§1f. Markers: [V] verified in the
regulation or an official statement, [S] a single secondary source, [U] unverified (then the length is a setting).
docs/features/complaints.md carries the same table for readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.complaints.vocab import Stage

PILKADA_LAW = "UU 1/2015 jo. UU 10/2016"
PILKADA_GAKKUMDU = _l("UU 1/2015 jo. UU 10/2016; Bawaslu's nine Sentra Gakkumdu steps (jpnn, 19 Aug 2024) [V]")
PEMILU_GAKKUMDU = _l("UU 7/2017 (Sentra Gakkumdu time limits) [V]")
PERBER_2020 = _l("Joint regulation of Bawaslu, Kapolri and Jaksa Agung 2020 (Sentra Gakkumdu) [S]")

# Where a clock starts: the stage's own start, the last time the PU received the file from the penyidik, or the
# complaint's registration (the second discussion: Kaur 2020, "registered 1 Dec, Gakkumdu has 5 days" [S]).
STAGE_START = "stage"
FILE_RECEIVED = "file_received"
REGISTERED = "registered"


@dataclass(frozen=True)
class Rule:
    key: str  # names the clock in settings (e.g. COMPLAINTS_CUTI_BERSAMA_DAY_OFF) and in tests
    days: int
    working: bool  # hari kerja (True) or hari kalender
    basis: str  # the rule in words, as it is shown on tap
    source: str  # the regulation
    start: str = STAGE_START
    label: str = ""  # what the deadline is for, when the stage has more than one
    # A "1×24 jam" rule is a moment, not a day: due ``hours`` after its start, to the minute (``days`` stays the
    # calendar fallback for lists that show dates only).
    hours: int = 0


def _rule(key, days, working, basis, source, start=STAGE_START, label="", hours=0) -> Rule:
    return Rule(key, days, working, basis, source, start, label, hours)


def _filed_at_court(key: str, working: bool) -> Rule:
    basis = (
        _l("5 working days from the day the file was received from the investigator")
        if working
        else _l("5 days from the day the file was received from the investigator")
    )
    return _rule(
        key,
        5,
        working,
        basis,
        PILKADA_GAKKUMDU if working else PEMILU_GAKKUMDU,
        FILE_RECEIVED,
        _l("Filing at the district court due"),
    )


def _law(working: bool):
    return PILKADA_GAKKUMDU if working else PEMILU_GAKKUMDU


def _unit(working: bool):
    return _l("working days") if working else _l("days")


def _discussion_stages(regime: str, working: bool) -> dict[Stage, tuple[Rule, ...]]:
    """Bawaslu's part: the two discussions with the investigator and prosecutor, and the inquiry between them."""
    return {
        Stage.PEMBAHASAN_PERTAMA: (
            _rule(
                f"{regime}.pembahasan_pertama",
                1,
                False,
                _l("1×24 hours for the first discussion with the investigator and prosecutor"),
                PERBER_2020,
                hours=24,
            ),
        ),
        Stage.PENYELIDIKAN: (
            _rule(
                "pilkada.pembahasan_kedua",
                5,
                False,
                _l("Second discussion within 5 calendar days of registration"),
                PERBER_2020,
                REGISTERED,
            )
            if working
            else _rule(
                "pemilu.kajian_gakkumdu",
                7,
                True,
                _l("Gakkumdu review within 7 working days after registration"),
                _l("Bawaslu practice, Pemilu 2024 (Kompas, 26 Jan 2024) [S]"),
                REGISTERED,
            ),
        ),
        Stage.PEMBAHASAN_KEDUA: (
            _rule(
                f"{regime}.ke_penyidik",
                1,
                False,
                _l("Forwarded to the investigator within 1×24 hours after Bawaslu declares an alleged crime"),
                _law(working),
                hours=24,
            ),
        ),
    }


def _prosecution_stages(regime: str, working: bool) -> dict[Stage, tuple[Rule, ...]]:
    """Polri's investigation, the file's way to the public prosecutor (Tahap I, P19, P21, Tahap II) and the court."""
    law, unit = _law(working), _unit(working)
    court = _filed_at_court(f"{regime}.pelimpahan_pn", working)
    return {
        Stage.PENYIDIKAN: (
            _rule(
                f"{regime}.penyidikan",
                14,
                working,
                _l("Investigation file to the public prosecutor within 14 %(unit)s", unit=unit),
                law,
            ),
        ),
        Stage.BERKAS_KE_PU: (
            court,
            _rule(
                f"{regime}.p19_return",
                3,
                working,
                _l("An incomplete file is returned (P19) within 3 %(unit)s of receipt, once only", unit=unit),
                law,
                label=_l("Return of an incomplete file (P19) due"),
            ),
        ),
        Stage.P19: (
            _rule(
                f"{regime}.p19_resubmit",
                3,
                working,
                _l("The investigator resubmits the file within 3 %(unit)s of its return", unit=unit),
                law,
                label=_l("Resubmission of the file due"),
            ),
        ),
        Stage.P21: (court,),
        Stage.TAHAP_II: (court,),
        Stage.PELIMPAHAN: (
            _rule(f"{regime}.putusan_pn", 7, False, _l("The district court decides within 7 days of filing"), law),
        ),
        Stage.PUTUSAN: (
            _rule(f"{regime}.banding", 3, False, _l("An appeal is filed within 3 days of the verdict"), law),
        ),
        Stage.BANDING: (
            _rule(
                f"{regime}.putusan_pt",
                7 if working else 10,
                False,
                _l("The high court decides within 7 days")
                if working
                else _l("The district court forwards the appeal within 3 days and the high court decides within 7"),
                law,
            ),
        ),
    }


def _stage_rules(regime: str, working: bool) -> dict[Stage, tuple[Rule, ...]]:
    """The Gakkumdu chain. Pilkada counts the investigation and prosecution steps in working days, Pemilu in days."""
    return {**_discussion_stages(regime, working), **_prosecution_stages(regime, working)}


STAGE_RULES: dict[str, dict[Stage, tuple[Rule, ...]]] = {
    "pilkada": _stage_rules("pilkada", True),
    "pemilu": _stage_rules("pemilu", False),
}


def filing_rule(regime: str, days: int, working: bool) -> Rule:
    if regime == "pemilu":
        basis = (
            _l("%(n)d working days since the violation became known", n=days)
            if working
            else _l("%(n)d days since the violation became known", n=days)
        )
        return _rule("pemilu.filing", days, working, basis, _l("UU 7/2017 Pasal 454(6) [V]"))
    return _rule(
        "pilkada.filing",
        days,
        working,
        _l("%(n)d days since the violation became known", n=days),
        _l("UU 1/2015 Pasal 134(4) [V]"),
    )


def kajian_awal_rule(regime: str, days: int) -> Rule:
    if regime == "pemilu":
        return _rule(
            "pemilu.kajian_awal",
            days,
            False,
            _l("Initial review within %(n)d days of receipt", n=days),
            _l("Perbawaslu 7/2022 Pasal 15(1) [V]"),
        )
    return _rule(
        "pilkada.kajian_awal",
        days,
        False,
        _l("Initial review within %(n)d days of receipt", n=days),
        _l("Perbawaslu 8/2020 jo. 9/2024; length unverified, a setting [U]"),
    )


def processing_rule(regime: str, extended: bool, days: int) -> Rule:
    if regime == "pemilu":
        if extended:
            return _rule(
                "pemilu.proses_diperpanjang",
                days,
                True,
                _l("Up to %(n)d working days after registration when more information is needed", n=days),
                _l("UU 7/2017 Pasal 454(8) [V]"),
            )
        return _rule(
            "pemilu.proses",
            days,
            False,
            _l("Follow-up within %(n)d days after registration", n=days),
            _l("UU 7/2017 Pasal 454(7) [V]"),
        )
    if extended:
        return _rule(
            "pilkada.proses_diperpanjang",
            days,
            False,
            _l("3 days plus 2 to ask for more information: %(n)d days, counted from registration", n=days),
            _l("UU 1/2015 Pasal 134(5)–(6) [V]"),
        )
    return _rule(
        "pilkada.proses",
        days,
        False,
        _l("Act within %(n)d days, counted from registration", n=days),
        _l("UU 1/2015 Pasal 134(5) [V]"),
    )
