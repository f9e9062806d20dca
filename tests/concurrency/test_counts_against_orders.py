"""Stock counts and orders lock the same positions: whatever order a feed lists SKUs in, nobody deadlocks.

Every stock writer locks positions in pk order. A WMS count lists SKUs in whatever order it likes;
applying it must still lock in pk order, or it deadlocks with an order reserving the same positions.
"""

from __future__ import annotations

import pytest
from ledger import oversold, position_books
from racing import Race, Stock, postgresql_only, unexpected
from traffic import AdjustStock, CountStock, PlaceOrders, shipped

pytestmark = [pytest.mark.postgresql, postgresql_only(), pytest.mark.django_db(transaction=True)]

RUNNERS = "RETRO-RUNNER-42"
BEANIES = "WOOL-BEANIE"
JACKETS = "TRAIL-JACKET-M"


def test_counts_listing_skus_against_the_lock_order_do_not_deadlock_with_orders(stock: Stock, race: Race) -> None:
    # given three SKUs at Manhattan, their positions created in this order (so in ascending pk order)
    skus = (RUNNERS, JACKETS, BEANIES)
    for sku in skus:
        stock("ST-MAN", sku, 500)
    every_sku = tuple((sku, 1) for sku in skus)

    # when four processes place three-line orders there (locking its positions in pk order) while
    # the WMS counts them listed backwards and the ERP adjusts them
    outcomes = race(
        [
            *[PlaceOrders(tuple(shipped(f"WEB-{w}-{n:03d}", *every_sku) for n in range(15))) for w in range(4)],
            CountStock(("ST-MAN",), skus[::-1], rounds=20, seed=51, least=300, most=400, shuffled=False),
            AdjustStock(("ST-MAN",), skus, rounds=20, seed=52),
        ],
    )

    # then nobody deadlocked: every order was placed, every count and adjustment applied
    surprises = unexpected(outcomes, allowed=set())
    assert not surprises, "\n\n".join(surprises)
    assert sum(o.action == "place" for o in outcomes) == 60
    books = position_books()
    assert [(b.sku, b.reserved, b.held) for b in books] == [(sku, 60, 60) for sku in skus]
    assert oversold(books) == []
