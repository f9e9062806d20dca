"""Invariant 1, no oversell: six processes fight over ten sellable units with 200 orders."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from ledger import allocated_units, held_units, out_of_balance, oversold, position_books, reserved_units
from racing import CONTENDERS, OK, Race, Stock, deal, postgresql_only, unexpected
from traffic import PlaceOrders, picked_up, shipped

from crossdock.db.models import Order, OrderEvent, OrderLine, OutboxMessage
from crossdock.domain.orders import LineStatus
from crossdock.services.orders.commands import OrderRequest

pytestmark = [pytest.mark.postgresql, postgresql_only(), pytest.mark.django_db(transaction=True)]

RUNNERS = "RETRO-RUNNER-42"
BEANIES = "WOOL-BEANIE"
ATTEMPTS = 200


def _attempts() -> list[OrderRequest]:
    """200 orders of one or two units, three in eight with two lines, in a seeded random order.

    Single-unit orders of each SKU far outnumber its stock: as stock never comes back in this
    race, every unit must end up reserved, or one of those orders was refused while stock was left.
    """
    shapes = [
        lambda ref: shipped(ref, (RUNNERS, 1)),
        lambda ref: shipped(ref, (RUNNERS, 2)),
        lambda ref: shipped(ref, (BEANIES, 1)),
        lambda ref: shipped(ref, (RUNNERS, 1), (BEANIES, 1)),
        lambda ref: shipped(ref, (RUNNERS, 2), (BEANIES, 1)),
        lambda ref: picked_up(ref, "ST-MAN", RUNNERS, 1),
        lambda ref: shipped(ref, (BEANIES, 2), (RUNNERS, 1)),
        lambda ref: shipped(ref, (RUNNERS, 1)),
    ]
    requests = [shapes[n % len(shapes)](f"WEB-{n:04d}") for n in range(ATTEMPTS)]
    random.Random(20240601).shuffle(requests)
    return requests


def test_two_hundred_concurrent_orders_reserve_exactly_the_ten_sellable_units(stock: Stock, race: Race) -> None:
    # given 10 sellable runners over three shipping locations (safety stock held back), 6 beanies,
    # and 7 runners at a store that cannot ship
    stock("WH-NJ", RUNNERS, 5, safety_stock=1)
    stock("ST-MAN", RUNNERS, 4)
    stock("ST-BKN", RUNNERS, 3, safety_stock=1)
    stock("ST-CHI", RUNNERS, 7)
    stock("WH-NJ", BEANIES, 3)
    stock("ST-BKN", BEANIES, 4, safety_stock=1)
    requests = _attempts()

    # when six processes place them all at once
    outcomes = race([PlaceOrders(tuple(hand)) for hand in deal(requests, CONTENDERS)])

    # then every refusal is a clean insufficient_stock, and exactly the sellable units are reserved
    surprises = unexpected(outcomes, allowed={"insufficient_stock"})
    assert not surprises, "\n\n".join(surprises)
    assert len(outcomes) == ATTEMPTS
    placed = {o.reference for o in outcomes if o.result == OK}
    ordered: Counter[str] = Counter()
    for request in requests:
        if request.channel_order_id in placed:
            ordered.update({priced.line.sku: priced.line.quantity for priced in request.lines})
    assert ordered == {RUNNERS: 10, BEANIES: 6}
    assert reserved_units(RUNNERS) == held_units(RUNNERS) == allocated_units(RUNNERS) == 10
    assert reserved_units(BEANIES) == held_units(BEANIES) == allocated_units(BEANIES) == 6
    books = position_books()
    assert oversold(books) == []
    assert out_of_balance(books) == []
    assert {(b.location, b.sku): b.reserved for b in books} == {
        ("WH-NJ", RUNNERS): 4,
        ("ST-MAN", RUNNERS): 4,
        ("ST-BKN", RUNNERS): 2,
        ("ST-CHI", RUNNERS): 0,
        ("WH-NJ", BEANIES): 3,
        ("ST-BKN", BEANIES): 3,
    }
    assert {(b.location, b.sku): b.on_hand for b in books if b.sku == RUNNERS} == {
        ("WH-NJ", RUNNERS): 5,
        ("ST-MAN", RUNNERS): 4,
        ("ST-BKN", RUNNERS): 3,
        ("ST-CHI", RUNNERS): 7,
    }
    # and a refused order left nothing behind: only the placed orders exist, whole, each recorded once
    placed_ids = sorted(o.order_id for o in outcomes if o.result == OK and o.order_id is not None)
    assert sorted(Order.objects.values_list("id", flat=True)) == placed_ids
    assert all(o.created for o in outcomes if o.result == OK)
    assert not OrderLine.objects.exclude(status=LineStatus.ALLOCATED).exists()
    assert OrderEvent.objects.filter(type="OrderPlaced").count() == len(placed)
    assert OutboxMessage.objects.filter(topic="order.placed").count() == len(placed)
