"""What batch re-routing may move: shipped work nobody has claimed or picked yet.

Per order: the units of its `assigned` ship fulfilments (with the stock reserved for them) and its
unallocated shipped units. Left alone: orders on hold (their work is `held`), orders with an open
offer round (mid-offer: stores are looking at it), units waiting as backorders or pre-orders (the
release worker serves that queue first-come first-served), and orders without coordinates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Order, OrderHold, OrderLine, WaitingLine
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.holds import HoldStatus
from crossdock.domain.orders import DeliveryMethod, LineStatus
from crossdock.domain.waiting import WaitingStatus
from crossdock.services.orders.destination import address_destination


@dataclass(frozen=True, slots=True)
class MovableLine:
    line_id: int
    sku: str
    product_id: int
    assigned: tuple[tuple[int, int], ...]  # (location id, units) held for assigned fulfilments
    unallocated: int

    @property
    def quantity(self) -> int:
        return sum(units for _, units in self.assigned) + self.unallocated


@dataclass(frozen=True, slots=True)
class OpenOrder:
    order_id: int
    channel_id: int
    destination: tuple[float, float]
    lines: tuple[MovableLine, ...]
    fulfilment_ids: tuple[int, ...]  # its assigned ship fulfilments

    def fingerprint(self) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
        return self.fulfilment_ids, tuple((line.line_id, line.unallocated) for line in self.lines)


def collect_open_orders(order_ids: list[int] | None = None) -> list[OpenOrder]:
    """Every order with movable shipped work (or only those of `order_ids`), in id order."""
    assigned = FulfilmentOrder.objects.filter(
        status=FulfilmentStatus.ASSIGNED, delivery_method=DeliveryMethod.SHIP, destination_location__isnull=True
    )  # units shipped to a pickup store (ship to store) are not the customer's parcels: not moved here
    short = _short_lines()
    candidates = set(assigned.values_list("order_id", flat=True)) | set(short.values_list("order_id", flat=True))
    if order_ids is not None:
        candidates &= set(order_ids)
    candidates -= _untouchable(candidates)
    orders = Order.objects.filter(pk__in=candidates).order_by("pk").values_list("pk", "channel_id", "shipping_address")
    held = _assigned_lines(assigned.filter(order_id__in=candidates))
    unallocated = _unallocated(short.filter(order_id__in=candidates))
    collected = []
    for order_id, channel_id, address in orders:
        destination = address_destination(address)
        lines = _lines(held.get(order_id, {}), unallocated.get(order_id, {}))
        if destination is None or not lines:
            continue
        fulfilments = tuple(sorted({f for line in held.get(order_id, {}).values() for f in line[2]}))
        collected.append(OpenOrder(order_id, channel_id, destination, lines, fulfilments))
    return collected


def _short_lines() -> QuerySet[OrderLine]:
    waiting = WaitingLine.objects.filter(status=WaitingStatus.WAITING).values("order_line_id")
    return OrderLine.objects.filter(
        status=LineStatus.UNALLOCATED, delivery_method=DeliveryMethod.SHIP, unallocated_quantity__gt=0
    ).exclude(pk__in=waiting)


def _untouchable(order_ids: set[int]) -> set[int]:
    on_hold = OrderHold.objects.filter(order_id__in=order_ids, status=HoldStatus.ACTIVE).values_list(
        "order_id", flat=True
    )
    offered = FulfilmentOrder.objects.filter(order_id__in=order_ids, status=FulfilmentStatus.OFFERED).values_list(
        "order_id", flat=True
    )
    return set(on_hold) | set(offered)


LineKey = tuple[str, int]  # (sku, product id)


def _assigned_lines(
    fulfilments: QuerySet[FulfilmentOrder],
) -> dict[int, dict[int, tuple[LineKey, list[tuple[int, int]], set[int]]]]:
    """order id → line id → ((sku, product id), [(location id, units)], fulfilment ids)."""
    rows = FulfilmentLine.objects.filter(fulfilment__in=fulfilments).values_list(
        "fulfilment__order_id",
        "order_line_id",
        "order_line__sku",
        "order_line__product_id",
        "fulfilment__location_id",
        "quantity",
        "fulfilment_id",
    )
    found: dict[int, dict[int, tuple[LineKey, list[tuple[int, int]], set[int]]]] = defaultdict(dict)
    for order_id, line_id, sku, product_id, location_id, quantity, fulfilment_id in rows:
        entry = found[order_id].setdefault(line_id, ((sku, product_id), [], set()))
        entry[1].append((location_id, quantity))
        entry[2].add(fulfilment_id)
    return found


def _unallocated(lines: QuerySet[OrderLine]) -> dict[int, dict[int, tuple[LineKey, int]]]:
    found: dict[int, dict[int, tuple[LineKey, int]]] = defaultdict(dict)
    for order_id, line_id, sku, product_id, units in lines.values_list(
        "order_id", "pk", "sku", "product_id", "unallocated_quantity"
    ):
        found[order_id][line_id] = ((sku, product_id), units)
    return found


def _lines(
    held: dict[int, tuple[LineKey, list[tuple[int, int]], set[int]]], short: dict[int, tuple[LineKey, int]]
) -> tuple[MovableLine, ...]:
    lines = []
    for line_id in sorted(held.keys() | short.keys()):
        key = held[line_id][0] if line_id in held else short[line_id][0]
        assigned = tuple(sorted(held[line_id][1])) if line_id in held else ()
        lines.append(MovableLine(line_id, key[0], key[1], assigned, short.get(line_id, (key, 0))[1]))
    return tuple(lines)
