"""Voting-day settings (app config ``VOTINGDAY_<NAME>``; docs/features/votingday.md).

Expected-by times are local times (the TPS's zone) on the election's voting day. Sources:

- voting hours 07.00–13.00 local time: PKPU 17/2024 (Pilkada 2024 pemungutan dan penghitungan suara) [V];
- *TPS siap* by 07.00: the vote opens at 07.00 (PKPU 17/2024), so the TPS must be ready by then [V];
- *pemungutan dimulai* by 07.15: issue 15's example; 15 minutes' grace for the report to come in [U];
- *petugas pengamanan tiba* by 06.30: security is in place before the TPS opens (Polri's pola pengamanan);
  the half hour is [U];
- *pemungutan selesai* by 13.15: closes at 13.00 (PKPU 17/2024) plus 15 minutes' grace [U];
- *penghitungan selesai* by 20.00: counting follows at the TPS on the same day (PKPU 17/2024); the hour is [U]
  (the seed reports' desk watched until 20.00);
- *kotak suara diserahkan ke PPS* by 23.00: after the count, the KPPS hands the box to the PPS; the hour is [U].

Per regime (``regimes``, ``VOTINGDAY_REGIMES``): ``{"pemilu": {"expected": [["penghitungan_selesai", "23:59"]],
"recorders": [["tps_siap", ["KPU"]]]}}`` replaces those steps' defaults for the voting days of that regime's
elections (``app/votingday/regimes.py``); steps not named keep the defaults. Checked when the app starts.

Who records each step (issue 15 defaults): the security arrival by Polri/TNI, the voting steps by KPU or
Bawaslu (KPPS/PPS reports through KPU, the PTPS through Bawaslu); field officers, and desk operators taking the
report by phone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.settings import load_settings

DEFAULT_EXPECTED = (
    ("petugas_tiba", "06:30"),  # [U]
    ("tps_siap", "07:00"),  # PKPU 17/2024
    ("pemungutan_dimulai", "07:15"),  # [U] grace after 07.00
    ("pemungutan_selesai", "13:15"),  # [U] grace after 13.00 (PKPU 17/2024)
    ("penghitungan_selesai", "20:00"),  # [U]
    ("kotak_diserahkan", "23:00"),  # [U]
)
DEFAULT_RECORDERS = (
    ("petugas_tiba", ("POLRI", "TNI")),
    ("tps_siap", ("KPU", "BAWASLU")),
    ("pemungutan_dimulai", ("KPU", "BAWASLU")),
    ("pemungutan_selesai", ("KPU", "BAWASLU")),
    ("penghitungan_selesai", ("KPU", "BAWASLU")),
    ("kotak_diserahkan", ("KPU", "BAWASLU")),
)


@dataclass(frozen=True)
class VotingDaySettings:
    expected: tuple[tuple[str, str], ...] = field(default=DEFAULT_EXPECTED)
    recorders: tuple[tuple[str, tuple[str, ...]], ...] = field(default=DEFAULT_RECORDERS)
    recorder_roles: tuple[str, ...] = ("petugas", "operator")
    # A phone's clock may run a little ahead (cheap phones): an event time up to this far in the future is
    # taken as "now"; beyond it the check-in is refused (issue 15: "event time in the future beyond clock skew").
    clock_skew_seconds: int = 300
    # An event time older than this is refused (a typing mistake, not an outbox resend: the login the outbox
    # needs lasts 14 days, but a voting day's step reported two days later is no longer a check-in).
    max_age_hours: int = 48
    silent_limit: int = 60  # TPS listed per silent step (the rest are counted)
    stream_min_interval: float = 0.75  # during a burst each stream sends the board at most this often (s)
    wall_refresh_seconds: int = 60  # the wall view re-fetches itself even without the stream
    # Overrides per regime (module docstring). Not compared: the effective settings (``for_regime``) are.
    regimes: dict = field(default_factory=dict, compare=False)


def settings(config: dict[str, Any] | None = None) -> VotingDaySettings:
    """The settings from ``VOTINGDAY_<NAME>`` config keys (or ``$SINERGI_VOTINGDAY_<NAME>``), defaults otherwise."""
    return load_settings(VotingDaySettings, config, prefix="VOTINGDAY_")


def expected_times(s: VotingDaySettings) -> dict[str, str]:
    return dict(s.expected)


def recorders(s: VotingDaySettings) -> dict[str, tuple[str, ...]]:
    return {step: tuple(agencies) for step, agencies in s.recorders}


STEPS = tuple(step for step, _time in DEFAULT_EXPECTED)


def for_regime(s: VotingDaySettings, regime: str) -> VotingDaySettings:
    """``s`` with the steps ``s.regimes[regime]`` names replaced (the others as they are)."""
    own = s.regimes.get(regime) or {}
    if not own:
        return replace(s, regimes={})
    times = {**dict(s.expected), **{step: at for step, at in own.get("expected", ())}}
    who = {**dict(s.recorders), **{step: tuple(agencies) for step, agencies in own.get("recorders", ())}}
    return replace(
        s,
        expected=tuple((step, times[step]) for step in STEPS),
        recorders=tuple((step, who[step]) for step in STEPS if step in who),
        regimes={},
    )


def check_regimes(s: VotingDaySettings) -> None:
    """Refuse a ``VOTINGDAY_REGIMES`` the board could not use, naming what is wrong (at start-up, not a 500 on
    voting day). :raise ValueError:"""
    from app.auth.models import Agency
    from app.regions.models import ElectionRegime

    regimes, agencies_known = tuple(r.value for r in ElectionRegime), {a.value for a in Agency}
    if not isinstance(s.regimes, dict):
        raise ValueError("VOTINGDAY_REGIMES must be an object: {regime: {expected: [...], recorders: [...]}}")
    for regime, own in s.regimes.items():
        if regime not in regimes or not isinstance(own, dict) or set(own) - {"expected", "recorders"}:
            raise ValueError(f"VOTINGDAY_REGIMES: {regime!r} must be one of {regimes} with expected/recorders")
        for step, at in own.get("expected", ()):
            hh, _sep, mm = str(at).partition(":")
            if step not in STEPS or not (hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60):
                raise ValueError(f"VOTINGDAY_REGIMES[{regime!r}].expected: {step!r} {at!r} (a step and HH:MM)")
        for step, agencies in own.get("recorders", ()):
            if step not in STEPS or not agencies or set(agencies) - agencies_known:
                raise ValueError(f"VOTINGDAY_REGIMES[{regime!r}].recorders: {step!r} {agencies!r}")
