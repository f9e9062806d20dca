"""Writing fulfilment orders for held stock: one per location, delivery method, offer bundle and, for units
shipped to a pickup store (ship to store), destination store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, OfferRound, OrderLine, Reservation
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.orders import DeliveryMethod, LineStatus
from crossdock.domain.transitions import check_transition
from crossdock.services.orders.sourcing import Hold


class FulfilmentKey(NamedTuple):
    location_id: int
    method: str
    bundle: int | None
    destination_id: int | None = None  # ship to store: shipped to this pickup store


def write_fulfilments(
    order_id: int,
    lines: Mapping[int, OrderLine],
    holds: list[Hold],
    now: datetime,
    *,
    rounds: Mapping[int, OfferRound] | None = None,
    held: bool = False,
) -> dict[FulfilmentKey, FulfilmentOrder]:
    """Fulfilment orders, their lines and the reservations behind them. `lines`: line key → order line.

    Units of an offer bundle go to an `offered` fulfilment of its round at each store; the rest are
    `assigned` (or `held`, when the order is on hold). Units shipped to a pickup store make a `ship`
    fulfilment with that store as its destination (always assigned: transfers are not offered)."""
    rounds = rounds or {}
    grouped: dict[FulfilmentKey, list[Hold]] = defaultdict(list)
    for hold in holds:
        method = DeliveryMethod.SHIP if hold.destination_id else lines[hold.line_key].delivery_method
        grouped[FulfilmentKey(hold.location_id, method, hold.bundle, hold.destination_id)].append(hold)
    fulfilments = FulfilmentOrder.objects.bulk_create(
        FulfilmentOrder(
            order_id=order_id,
            location_id=key.location_id,
            delivery_method=key.method,
            destination_location_id=key.destination_id,
            status=_first_status(key, held),
            offer_round=rounds[key.bundle] if key.bundle is not None else None,
            created_at=now,
            updated_at=now,
        )
        for key in grouped
    )
    by_key = dict(zip(grouped, fulfilments, strict=True))
    FulfilmentLine.objects.bulk_create(
        FulfilmentLine(fulfilment=by_key[key], order_line=lines[hold.line_key], quantity=hold.quantity)
        for key, key_holds in grouped.items()
        for hold in key_holds
    )
    Reservation.objects.bulk_create(
        Reservation(position_id=hold.position_id, order_line=lines[hold.line_key], quantity=hold.quantity)
        for hold in holds
    )
    return by_key


def _first_status(key: FulfilmentKey, held: bool) -> FulfilmentStatus:
    if key.bundle is not None:
        return FulfilmentStatus.OFFERED
    return FulfilmentStatus.HELD if held else FulfilmentStatus.ASSIGNED


def carry_out(fulfilments: Mapping[FulfilmentKey, FulfilmentOrder], lines: list[OrderLine], holds: list[Hold]) -> None:
    """Carried-out items left the store with the customer: stock leaves on-hand at once."""
    carried = [hold for hold in holds if lines[hold.line_key].delivery_method == DeliveryMethod.CARRY_OUT]
    if not carried:
        return
    for hold in sorted(carried, key=lambda h: h.position_id):
        locks.release_reserved(hold.position_id, hold.quantity, consume=True)
    Reservation.objects.filter(order_line__in=[lines[hold.line_key] for hold in carried]).delete()
    for key, fulfilment in fulfilments.items():
        if key.method == DeliveryMethod.CARRY_OUT:
            fulfilment.status = check_transition(
                FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), FulfilmentStatus.COLLECTED
            )
            fulfilment.save(update_fields=["status"])
    for line in lines:
        if line.delivery_method == DeliveryMethod.CARRY_OUT and line.status == LineStatus.ALLOCATED:
            line.status = LineStatus.FULFILLED
            line.save(update_fields=["status"])
