"""Dashboard panels (issue 15 point 7): Polri/TNI see their TPS without security arrival, KPU the TPS not open,
the desk head (Pemda's pimpinan, the Sekda) the board's headline numbers."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.votingday import board as boards
from app.votingday.vocab import Step

LIST = 8
DESK_AGENCY = "PEMDA"  # the desk's secretariat; its head leads the desk (app/escalation/engine.py)


def build(session: Session, user, now: datetime) -> dict | None:
    if user.agency in ("POLRI", "TNI"):
        step = Step.PETUGAS_TIBA
    elif user.agency == "KPU":
        step = Step.PEMUNGUTAN_DIMULAI
    elif user.agency == DESK_AGENCY and user.role in ("pimpinan", "sekretariat", "operator"):
        step = None
    else:
        return None
    board = boards.cached(session, user, now, step=step.value if step else None)
    if board.total == 0:
        return None
    ctx = {"board": board, "step": step, "now": now}
    if step is not None:
        silent = next((sl for sl in board.silent if sl.step == step), None)
        ctx["missing"] = board.total - board.reached.get(step.value, 0)
        ctx["silent"] = silent
        ctx["rows"] = silent.rows[:LIST] if silent else []
        ctx["names"] = board.names
    return ctx


def leads(user) -> bool:
    return False
