"""The stock books after a race, read straight from the tables, and the invariants they must satisfy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum

from crossdock.db.models import FulfilmentLine, OrderLine, Reservation, StockPosition
from crossdock.domain.orders import OPEN_LINE_STATUSES, LineStatus


@dataclass(frozen=True, slots=True)
class PositionBook:
    location: str
    sku: str
    on_hand: int
    reserved: int
    safety_stock: int
    held: int  # the sum of the Reservation rows against the position

    @property
    def sellable(self) -> int:
        return max(0, self.on_hand - self.safety_stock)


def position_books() -> list[PositionBook]:
    held: dict[int, int] = defaultdict(int)
    for position_id, quantity in Reservation.objects.values_list("position_id", "quantity"):
        held[position_id] += quantity
    return [
        PositionBook(location, sku, on_hand, reserved, safety, held[pk])
        for pk, location, sku, on_hand, reserved, safety in StockPosition.objects.order_by("pk").values_list(
            "pk", "location__code", "product__sku", "on_hand", "reserved", "safety_stock"
        )
    ]


def oversold(books: list[PositionBook]) -> list[PositionBook]:
    """Positions breaking `0 ≤ reserved ≤ on_hand − safety_stock` (nothing may be reserved below safety stock)."""
    return [book for book in books if not 0 <= book.reserved <= book.sellable]


def out_of_balance(books: list[PositionBook]) -> list[PositionBook]:
    """Positions whose `reserved` counter differs from the reservations held against them."""
    return [book for book in books if book.reserved != book.held]


def reserved_units(sku: str) -> int:
    return StockPosition.objects.filter(product__sku=sku).aggregate(total=Sum("reserved"))["total"] or 0


def held_units(sku: str) -> int:
    return Reservation.objects.filter(position__product__sku=sku).aggregate(total=Sum("quantity"))["total"] or 0


def allocated_units(sku: str) -> int:
    """Units of the SKU on order lines, less what those lines could not get."""
    lines = OrderLine.objects.filter(sku=sku).exclude(status=LineStatus.CANCELLED)
    totals = lines.aggregate(ordered=Sum("quantity"), short=Sum("unallocated_quantity"))
    return (totals["ordered"] or 0) - (totals["short"] or 0)


def lines_out_of_balance() -> list[str]:
    """Order lines whose reservations, fulfilment lines and shortfall do not add up.

    A cancelled or fulfilled line holds nothing; an open line holds exactly
    `quantity − unallocated_quantity`, and its fulfilment lines assign exactly what it holds.
    """
    held: dict[int, int] = defaultdict(int)
    for line_id, quantity in Reservation.objects.values_list("order_line_id", "quantity"):
        held[line_id] += quantity
    assigned: dict[int, int] = defaultdict(int)
    for line_id, quantity in FulfilmentLine.objects.values_list("order_line_id", "quantity"):
        assigned[line_id] += quantity
    wrong = []
    for pk, order_id, number, status, quantity, short in OrderLine.objects.values_list(
        "pk", "order_id", "line_number", "status", "quantity", "unallocated_quantity"
    ):
        is_open = status in OPEN_LINE_STATUSES
        expected = quantity - short if is_open else 0
        assigned_as_held = assigned[pk] == held[pk] or not is_open
        if held[pk] != expected or not assigned_as_held or (status == LineStatus.ALLOCATED and short):
            wrong.append(
                f"order {order_id} line {number} {status}: qty {quantity}, short {short}, "
                f"held {held[pk]}, assigned {assigned[pk]}"
            )
    return wrong
