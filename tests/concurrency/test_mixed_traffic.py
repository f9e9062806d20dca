"""Invariant 1 under a mix: orders placed while others are cancelled and stock is counted and adjusted.

Two processes place orders, two cancel orders or lines, one applies WMS counts (often below what
is reserved, so reservations must give way) and one applies ERP adjustments, all on the same
six positions. Afterwards every position's books balance and nothing is promised beyond stock.
"""

from __future__ import annotations

import random

import pytest
from ledger import lines_out_of_balance, out_of_balance, oversold, position_books
from racing import OK, Race, Stock, postgresql_only, unexpected
from traffic import AdjustStock, CancelOrders, CountStock, PlaceOrders, picked_up, shipped

from crossdock.db.models import OrderEvent
from crossdock.domain.events import OrderEventType
from crossdock.services.orders.commands import OrderRequest
from crossdock.services.orders.place_order import place_order

pytestmark = [pytest.mark.postgresql, postgresql_only(), pytest.mark.django_db(transaction=True)]

RUNNERS = "RETRO-RUNNER-42"
BEANIES = "WOOL-BEANIE"
LOCATIONS = ("WH-NJ", "ST-MAN", "ST-BKN")
SKUS = (RUNNERS, BEANIES)
ORDERS_PER_PLACER = 30


def _orders(prefix: str, count: int, seed: int) -> tuple[OrderRequest, ...]:
    """Shipped orders of one or two lines, pickups at Manhattan, some accepting unallocated lines."""
    chance = random.Random(seed)
    orders = []
    for n in range(count):
        reference = f"{prefix}-{n:03d}"
        shape = chance.randrange(5)
        if shape == 0:
            orders.append(shipped(reference, (RUNNERS, chance.randint(1, 2))))
        elif shape == 1:
            orders.append(shipped(reference, (BEANIES, chance.randint(1, 2))))
        elif shape == 2:
            orders.append(shipped(reference, (RUNNERS, 1), (BEANIES, chance.randint(1, 2))))
        elif shape == 3:
            orders.append(picked_up(reference, "ST-MAN", chance.choice(SKUS), chance.randint(1, 2)))
        else:
            orders.append(shipped(reference, (BEANIES, 2), (RUNNERS, 2), allow_unallocated=True))
    return tuple(orders)


def test_placing_cancelling_counting_and_adjusting_at_once_keeps_every_position_balanced(
    stock: Stock, race: Race
) -> None:
    # given six stocked positions, some with safety stock, and ten orders already holding stock
    for location in LOCATIONS:
        stock(location, RUNNERS, 6, safety_stock=1 if location == "ST-BKN" else 0)
        stock(location, BEANIES, 5, safety_stock=1 if location == "WH-NJ" else 0)
    for n in range(10):
        place_order(shipped(f"EARLY-{n:03d}", (RUNNERS, 1), (BEANIES, 1)), actor="given")

    # when six processes place, cancel, count and adjust at the same moment
    outcomes = race(
        [
            PlaceOrders(_orders("WEB-A", ORDERS_PER_PLACER, seed=11)),
            PlaceOrders(_orders("WEB-B", ORDERS_PER_PLACER, seed=12)),
            CancelOrders(rounds=20, seed=21),
            CancelOrders(rounds=20, seed=22),
            CountStock(LOCATIONS, SKUS, rounds=24, seed=31),
            AdjustStock(LOCATIONS, SKUS, rounds=24, seed=41),
        ],
    )

    # then every call succeeded or failed with a clean domain error, without a deadlock
    surprises = unexpected(outcomes, allowed={"insufficient_stock", "illegal_transition", "invalid"})
    assert not surprises, "\n\n".join(surprises)
    # and every position's reserved counter equals its reservations, within on-hand less safety stock
    books = position_books()
    assert out_of_balance(books) == []
    assert oversold(books) == []
    # and every order line holds what it says it holds
    assert lines_out_of_balance() == []
    # and the race really mixed all four kinds of work, and counts did take stock back from orders
    assert {o.action.split()[0] for o in outcomes if o.result == OK} == {"place", "cancel", "count", "adjust"}
    assert OrderEvent.objects.filter(type=OrderEventType.STOCK_SHORTAGE).exists()
