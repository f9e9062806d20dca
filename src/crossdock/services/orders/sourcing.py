"""The stock side of placing an order: which sites may serve it, what they have, and reserving it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from crossdock.db import locks
from crossdock.db.models import Channel
from crossdock.domain.allocation import AllocationPlan, LineDemand
from crossdock.domain.locations import Site
from crossdock.domain.routing.offering import Bundle
from crossdock.services.orders.channel_stock import channel_stock


class ReservationContention(Exception):
    """Another transaction took the stock between our read and our conditional update."""


@dataclass(frozen=True, slots=True)
class StockView:
    sites: list[Site]
    position_ids: dict[tuple[int, str], int]
    available: dict[tuple[int, str], int]
    holdback: dict[int, int] = field(default_factory=dict)  # position id → units the channel must leave


@dataclass(frozen=True, slots=True)
class Hold:
    line_key: int
    location_id: int
    position_id: int
    quantity: int
    bundle: int | None = None  # offered: the index of the offer bundle these units are held for
    destination_id: int | None = None  # ship to store: the pickup store these units are shipped to


def load_stock(*, channel: Channel, product_ids: dict[str, int], store_ids: Iterable[int], lock: bool) -> StockView:
    """Stock of these products at the locations that count for the channel and at the named stores,
    as the channel sees it: safety stock rules, buffers, blocks and thresholds applied (channel_stock.py).

    One query: positions joined with their location. Unlocked, it reads only positions that can
    still give something; locked, it takes every candidate row FOR UPDATE in pk order.
    """
    stock = channel_stock(channel=channel, product_ids=product_ids, store_ids=set(store_ids), lock=lock)
    return StockView(
        sites=stock.sites, position_ids=stock.position_ids, available=stock.available, holdback=stock.holdback
    )


def reserve_plan(
    plan: AllocationPlan, demands: list[LineDemand], stock: StockView, bundles: tuple[Bundle, ...] = ()
) -> list[Hold]:
    """Reserve every allocation by conditional update, in position pk order (no deadlocks).

    An offered bundle's units are held at each store it is offered to (the first store's holds are
    the plan's own)."""
    sku_of = {demand.key: demand.sku for demand in demands}
    bundle_of = {(a.line_key, a.location_id): index for index, b in enumerate(bundles) for a in b.allocations}
    holds = [
        Hold(
            a.line_key,
            a.location_id,
            stock.position_ids[(a.location_id, sku_of[a.line_key])],
            a.quantity,
            bundle_of.get((a.line_key, a.location_id)),
            a.destination_id,
        )
        for a in plan.allocations
    ]
    holds += [
        Hold(a.line_key, a.location_id, stock.position_ids[(a.location_id, sku_of[a.line_key])], a.quantity, index)
        for index, bundle in enumerate(bundles)
        for store in bundle.stores[1:]
        for a in bundle.at(store)
    ]
    per_position: dict[int, int] = {}
    for hold in holds:
        per_position[hold.position_id] = per_position.get(hold.position_id, 0) + hold.quantity
    for position_id in sorted(per_position):
        if not locks.reserve_if_available(
            position_id, per_position[position_id], holdback=stock.holdback.get(position_id, 0)
        ):
            raise ReservationContention(position_id)
    return holds
