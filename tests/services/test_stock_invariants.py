"""Any mix of orders, cancellations, counts and adjustments keeps the books straight (DESIGN §5.1)."""

from __future__ import annotations

import contextlib
import itertools
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossdock.db.models import LocationFeed, Order, OrderLine, Reservation, StockPosition
from crossdock.domain.errors import DomainError
from crossdock.domain.orders import DeliveryMethod, LineStatus, RequestedLine
from crossdock.services.inventory.adjust_stock import Adjustment, adjust_stock
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot
from crossdock.services.orders.cancel_order import cancel_order

SKUS = ["RETRO-RUNNER-42", "TRAIL-JACKET-M", "WOOL-BEANIE"]
STOCKED = ["WH-NJ", "ST-MAN", "ST-BKN"]

steps = st.lists(
    st.one_of(
        st.tuples(st.just("ship"), st.sampled_from(SKUS), st.integers(1, 6), st.booleans()),
        st.tuples(st.just("pickup"), st.sampled_from(SKUS), st.integers(1, 4), st.sampled_from(["ST-MAN", "ST-BKN"])),
        st.tuples(
            st.just("carry_out"), st.sampled_from(SKUS), st.integers(1, 3), st.sampled_from(["ST-MAN", "ST-BKN"])
        ),
        st.tuples(st.just("cancel"), st.integers(0, 20), st.booleans(), st.none()),
        st.tuples(st.just("count"), st.sampled_from(STOCKED), st.sampled_from(SKUS), st.integers(0, 8)),
        st.tuples(st.just("adjust"), st.sampled_from(STOCKED), st.sampled_from(SKUS), st.integers(-5, 5)),
    ),
    min_size=1,
    max_size=25,
)


def _books_are_straight() -> None:
    held: dict[int, int] = defaultdict(int)
    for position_id, quantity in Reservation.objects.values_list("position_id", "quantity"):
        held[position_id] += quantity
    for position in StockPosition.objects.all():
        assert position.reserved >= 0
        assert position.reserved <= max(0, position.on_hand - position.safety_stock)
        assert position.reserved == held[position.pk]
    reserved_for: dict[int, int] = defaultdict(int)
    for line_id, quantity in Reservation.objects.values_list("order_line_id", "quantity"):
        reserved_for[line_id] += quantity
    for line in OrderLine.objects.all():
        if line.status in (LineStatus.ALLOCATED, LineStatus.UNALLOCATED):
            assert reserved_for[line.pk] + line.unallocated_quantity == line.quantity
            assert (line.status == LineStatus.UNALLOCATED) == (line.unallocated_quantity > 0)
        else:
            assert reserved_for[line.pk] == 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_any_sequence_of_operations_keeps_reservations_covered_and_accounted(stock, place, steps) -> None:
    _start_afresh(stock)
    orders: list[int] = []
    sequences = itertools.count(1)

    for step in steps:
        with contextlib.suppress(DomainError):  # a refused step must leave the books as they were
            _apply(step, place, orders, sequences)
        _books_are_straight()


def _start_afresh(stock) -> None:  # type: ignore[no-untyped-def]
    """Examples share the test's transaction: clear what the previous one left."""
    Reservation.objects.all().delete()
    Order.objects.all().delete()
    LocationFeed.objects.all().delete()
    StockPosition.objects.update(reserved=0)
    for location in STOCKED:
        for sku in SKUS:
            stock(location, sku, 4, safety_stock=1 if location == "WH-NJ" else 0)


def _apply(step, place, orders: list[int], sequences) -> None:  # type: ignore[no-untyped-def]
    kind, first, second, third = step
    if kind == "ship":
        orders.append(place(RequestedLine(first, second, DeliveryMethod.SHIP), allow_unallocated=third))
    elif kind in ("pickup", "carry_out"):
        orders.append(place(RequestedLine(first, second, DeliveryMethod(kind), third), shipping_address=None))
    elif kind == "cancel" and orders:
        order_id = orders[first % len(orders)]
        cancel_order(order_id, reason="property test", actor="test", line_numbers=[1] if second else None)
    elif kind == "count":
        apply_snapshot(first, next(sequences), [CountedStock(second, third)], actor="test")
    elif kind == "adjust" and third:
        adjust_stock([Adjustment(first, second, third, "property test")], actor="test")
