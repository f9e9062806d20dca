"""place_order writes the order, its stock, its timeline and its outbox message together or not at all."""

from __future__ import annotations

import pytest
from django.db.models import F

from crossdock.db.models import OrderEvent, StockPosition
from crossdock.domain.allocation import allocate
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders import placement_events as place_module
from crossdock.services.orders.commands import OrderRequest, PricedLine
from crossdock.services.orders.place_order import OPTIMISTIC_ATTEMPTS, place_order
from crossdock.services.orders.queries import get_order


def test_a_crash_after_the_outbox_insert_leaves_no_order_and_no_reservation(
    stock, place, db_state, monkeypatch
) -> None:
    stock("ST-MAN", "WOOL-BEANIE", 3)
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    before = db_state()
    write_events = place_module.record_order_events

    def write_then_crash(*args: object, **kwargs: object) -> None:
        write_events(*args, **kwargs)  # type: ignore[arg-type]
        assert OrderEvent.objects.filter(type="OrderPlaced").count() == 1
        raise RuntimeError("the process died after the outbox insert")

    monkeypatch.setattr(place_module, "record_order_events", write_then_crash)

    with pytest.raises(RuntimeError):
        place(
            RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.CARRY_OUT, "ST-MAN"),
            RequestedLine("RETRO-RUNNER-42", 2, DeliveryMethod.SHIP),
        )

    assert db_state() == before


def test_stock_taken_between_reading_and_reserving_is_retried_until_the_locked_attempt(
    stock, position, channels, nyc_address
) -> None:
    """A rival capture takes units after each optimistic read; the last attempt locks the rows and wins."""
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    reads: list[int] = []

    def allocate_while_a_rival_reserves(demands, *, sites, available, destination):  # type: ignore[no-untyped-def]
        reads.append(available[(sites[0].id, "RETRO-RUNNER-42")])
        if len(reads) <= OPTIMISTIC_ATTEMPTS:
            StockPosition.objects.filter(location__code="ST-MAN").update(reserved=F("reserved") + 1)
        return allocate(demands, sites=sites, available=available, destination=destination)

    request = OrderRequest(
        channel="web",
        channel_order_id="W-RACE-1",
        shipping_address=nyc_address,
        lines=[PricedLine(RequestedLine("RETRO-RUNNER-42", 3, DeliveryMethod.SHIP))],
    )

    placed = place_order(request, actor="test", allocator=allocate_while_a_rival_reserves)

    assert reads == [3] * (OPTIMISTIC_ATTEMPTS + 1)
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 3
    assert [line.status for line in get_order(placed.order_id).lines] == ["allocated"]
