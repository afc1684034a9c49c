"""Logistics per TPS: needed quantities (computed defaults), received and damaged, the hand-off chain and
ballot transfers between TPS (berita acara)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func
from sqlmodel import Session, select

from app.audit.services import record, snapshot
from app.readiness.constants import BALLOT_RESERVE, ITEM_KEYS, STAGE_KEYS
from app.readiness.models import BallotTransfer, Delivery, LogisticsStock
from app.readiness.services import ReadinessError
from app.readiness.services.common import election_type_keys, election_types, item_rules, regime_for
from app.regions.models import TPS
from app.registry import current_registry

STOCK_FIELDS = ["needed", "received", "damaged_light", "damaged_heavy"]


def ballots_needed(dpt: int, types: int = 1, regime: str = "pilkada") -> int:
    """Surat suara for one TPS: DPT + the regime's reserve, rounded up, per election type — Pilkada DPT + 2.5 %
    (UU 1/2015 Pasal 80), Pemilu DPT + 2 % (tirto, radarutara [V]); constants.BALLOT_RESERVE, domain.md §0/§5."""
    if dpt < 0:
        raise ReadinessError("dpt", _("DPT cannot be negative."))
    num, den = BALLOT_RESERVE.get(regime, BALLOT_RESERVE["pilkada"])
    return -(-dpt * (den + num) // den) * types  # ceil(dpt × (1 + reserve)) without floating point


def default_needed(dpt: int, types: int | None = None, regime: str = "pilkada") -> dict[str, int]:
    """Needed quantity of every item at a TPS with this DPT."""
    types = election_types(regime) if types is None else types
    needed = {"surat_suara": ballots_needed(dpt, types, regime)}
    for item, (per_tps, per_type) in item_rules().items():
        needed[item] = per_tps * (types if per_type else 1)
    return {item: needed.get(item, 0) for item in ITEM_KEYS}


def usable(stock: LogisticsStock) -> int:
    """Received minus heavily damaged (rusak berat cannot be used; rusak ringan still can)."""
    return max(0, stock.received - stock.damaged_heavy)


def ready_fraction(stock: LogisticsStock) -> float:
    return 1.0 if stock.needed == 0 else min(usable(stock), stock.needed) / stock.needed


def stocks_for(session: Session, tps: TPS, *, create: bool = False) -> dict[str, LogisticsStock]:
    """The TPS's stock rows by item; with ``create`` the missing ones get their default needed quantity."""
    rows = {s.item: s for s in session.exec(select(LogisticsStock).where(LogisticsStock.tps_id == tps.id)).all()}
    if create:
        defaults = default_needed(tps.dpt, regime=regime_for(session, tps.village_code))
        for item in ITEM_KEYS:
            if item not in rows:
                rows[item] = LogisticsStock(tps_id=tps.id, item=item, needed=defaults[item])
                session.add(rows[item])
        session.flush()
    return rows


def record_stock(session: Session, tps: TPS, values: dict[str, dict[str, int]], *, actor, now: datetime) -> None:
    """Save needed/received/damaged per item. :raise ReadinessError: on negative or inconsistent numbers."""
    rows = stocks_for(session, tps, create=True)
    for item, fields in values.items():
        if item not in rows:
            raise ReadinessError(item, _("Unknown logistics item."))
        for name, value in fields.items():
            if value is None or value < 0:
                raise ReadinessError(f"{item}-{name}", _("Quantities cannot be negative."))
        received = fields.get("received", rows[item].received)
        if fields.get("damaged_light", 0) + fields.get("damaged_heavy", 0) > received:
            raise ReadinessError(f"{item}-damaged_heavy", _("Damaged items cannot exceed the items received."))
    before: dict[str, dict] = {}
    after: dict[str, dict] = {}
    for item, fields in values.items():
        stock = rows[item]
        was = snapshot(stock, STOCK_FIELDS)
        for name, value in fields.items():
            setattr(stock, name, value)
        if snapshot(stock, STOCK_FIELDS) != was:
            stock.updated_at, stock.updated_by = now, getattr(actor, "id", None)
            before[item], after[item] = was, snapshot(stock, STOCK_FIELDS)
    if after:  # one save of the TPS's logistics is one audit row, naming the items that changed
        session.flush()
        record(
            session,
            actor=actor,
            action="readiness.stock",
            object_type="tps",
            object_id=tps.id,
            now=now,
            before=before,
            after=after,
            region_code=tps.village_code,
        )
    _refresh(session, [tps], now)


def _refresh(session: Session, tps_list: list[TPS], now: datetime) -> None:
    from app.readiness.services import summary  # summary imports this module's neighbours

    summary.refresh_tps(session, tps_list, now=now)


def delivery_for(session: Session, tps: TPS) -> Delivery | None:
    return session.get(Delivery, tps.id)


def set_stage(session: Session, tps: TPS, stage: str, at: datetime, *, actor, now: datetime) -> Delivery:
    """Record that the TPS's logistics reached ``stage`` at ``at``; earlier stages missing a time get it too."""
    if stage not in STAGE_KEYS:
        raise ReadinessError("stage", _("Unknown delivery stage."))
    if at > now:
        raise ReadinessError("at", _("The time cannot be in the future."))
    delivery = session.get(Delivery, tps.id) or Delivery(tps_id=tps.id)
    before = {k: getattr(delivery, f"{k}_at") for k in STAGE_KEYS}
    for key in STAGE_KEYS[: STAGE_KEYS.index(stage) + 1]:
        if getattr(delivery, f"{key}_at") is None or key == stage:
            setattr(delivery, f"{key}_at", at)
    delivery.updated_by = getattr(actor, "id", None)
    session.add(delivery)
    session.flush()
    record(
        session,
        actor=actor,
        action="readiness.delivery",
        object_type="tps",
        object_id=tps.id,
        now=now,
        before=before,
        after={k: getattr(delivery, f"{k}_at") for k in STAGE_KEYS},
        region_code=tps.village_code,
    )
    _refresh(session, [tps], now)
    return delivery


@dataclass
class TransferInput:
    """A berita acara as typed: ``outside_village_ok`` is the user's confirmation of a transfer between
    villages (ballots come from the nearest TPS with surplus, DPK voters are sent within the desa: suarabaru,
    kabardaring, jpnn [V]; Bawaslu PTPS guide 2024 [S]; domain.md §5)."""

    quantity: int | None
    election_type: str
    reason: str
    witnesses: str = ""
    outside_village_ok: bool = False
    occurred_at: datetime | None = None


def record_transfer(
    session: Session, from_tps: TPS, to_tps: TPS, data: TransferInput, *, actor, now: datetime
) -> BallotTransfer:
    """Berita acara: move one election type's ballots from one TPS to another, adjust both, tell the timeline.

    :raise ReadinessError: same TPS, no quantity or reason, unknown election type, more than the source's usable
        ballots, or another village without the user's confirmation."""
    reason, witnesses, quantity = _check_transfer(session, from_tps, to_tps, data)
    _move_ballots(session, from_tps, to_tps, quantity, actor=actor, now=now)
    transfer = BallotTransfer(
        from_tps_id=from_tps.id,
        to_tps_id=to_tps.id,
        quantity=quantity,
        election_type=data.election_type,
        reason=reason,
        witnesses=witnesses,
        occurred_at=data.occurred_at or now,
        created_by=getattr(actor, "id", None),
        created_at=now,
    )
    session.add(transfer)
    session.flush()
    record(
        session,
        actor=actor,
        action="readiness.ballot_transfer",
        object_type="ballot_transfer",
        object_id=transfer.id,
        now=now,
        region_code=from_tps.village_code,
        after={
            "from_tps": from_tps.id,
            "to_tps": to_tps.id,
            "quantity": quantity,
            "election_type": data.election_type,
            "reason": reason,
            "witnesses": witnesses,
        },
    )
    _refresh(session, [from_tps, to_tps], now)
    current_registry().emit(
        "readiness.ballot_transfer",
        session=session,
        actor=actor,
        now=now,
        from_tps=from_tps,
        to_tps=to_tps,
        quantity=quantity,
        reason=reason,
        record_id=transfer.id,
    )
    return transfer


def _move_ballots(session: Session, from_tps: TPS, to_tps: TPS, quantity: int, *, actor, now: datetime) -> None:
    """:raise ReadinessError: the source has fewer usable ballots than ``quantity``."""
    source = stocks_for(session, from_tps, create=True)["surat_suara"]
    target = stocks_for(session, to_tps, create=True)["surat_suara"]
    if quantity > usable(source):
        raise ReadinessError(
            "quantity", _("%(tps)s has only %(n)s usable ballots.", tps=from_tps.label, n=usable(source))
        )
    source.received -= quantity
    target.received += quantity
    source.updated_at = target.updated_at = now
    source.updated_by = target.updated_by = getattr(actor, "id", None)


def _check_transfer(session: Session, from_tps: TPS, to_tps: TPS, data: TransferInput) -> tuple[str, str, int]:
    """The transfer's reason, witnesses and quantity once they pass. :raise ReadinessError: naming the field."""
    reason = (data.reason or "").strip()
    witnesses = (data.witnesses or "").strip()
    quantity = data.quantity
    if from_tps.id == to_tps.id:
        raise ReadinessError("to_tps", _("Choose a different TPS to receive the ballots."))
    if data.election_type not in election_type_keys(regime_for(session, from_tps.village_code)):
        raise ReadinessError("election_type", _("Choose the election whose ballots are moved."))
    if quantity is None or quantity < 1:
        raise ReadinessError("quantity", _("The quantity must be at least 1."))
    if not reason:
        raise ReadinessError("reason", _("State the reason for the transfer."))
    if from_tps.village_code != to_tps.village_code and not data.outside_village_ok:
        raise ReadinessError(
            "outside_village_ok",
            _(
                "%(a)s and %(b)s are in different villages. Ballots normally come from the nearest TPS in the same "
                "village; tick the confirmation if this transfer is intended.",
                a=from_tps.label,
                b=to_tps.label,
            ),
        )
    return reason, witnesses, quantity


def net_transferred_in(session: Session, tps: TPS, election_type: str) -> int:
    """Ballots of this election type received minus given away by the TPS (transfers saved without a type count
    for every type: the cap they feed is a guard against typing errors, not a proof)."""

    def total(column) -> int:
        return int(
            session.exec(
                select(func.coalesce(func.sum(BallotTransfer.quantity), 0)).where(
                    column == tps.id, BallotTransfer.election_type.in_([election_type, ""])
                )
            ).one()
        )

    return total(BallotTransfer.to_tps_id) - total(BallotTransfer.from_tps_id)
