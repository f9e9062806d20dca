"""Unclaim → routed again without that store; claim timeout → the escalation ladder, fired once by the worker."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crossdock.db.models import OfferRound, OrderEvent, OrderLine, RoutingExclusion, WaitingLine
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services import clock
from crossdock.services.offers.claim import claim_offer
from crossdock.services.offers.expire import expire_due_offer_rounds
from crossdock.services.offers.queries import open_offers
from crossdock.services.offers.unclaim import unclaim_fulfilment
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.waiting.settings import Policy, set_backorderable, set_channel_policy

SHIP = DeliveryMethod.SHIP
STORES = ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS")


@pytest.fixture
def offered(stock, place, offer_profile) -> int:  # type: ignore[no-untyped-def]
    for store in STORES:
        stock(store, "RETRO-RUNNER-42", 2)
    return place(RequestedLine("RETRO-RUNNER-42", 1, SHIP))


def test_unclaim_out_of_stock_corrects_the_store_and_offers_the_order_again_without_it(
    offered, position, fulfilments
) -> None:
    claimed = claim_offer(open_offers("ST-MAN")[0].fulfilment_id, location="ST-MAN", actor="associate:man")

    result = unclaim_fulfilment(claimed.fulfilment_id, location="ST-MAN", reason="out_of_stock", actor="associate:man")

    assert result.stock_corrected == {"RETRO-RUNNER-42": 0}
    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 0
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 0
    assert fulfilments(offered)[3:] == [("ST-BKN", "offered"), ("ST-BRX", "offered"), ("ST-QNS", "offered")]
    assert fulfilments(offered)[:3] == [("ST-MAN", "unclaimed"), ("ST-BKN", "withdrawn"), ("ST-BRX", "withdrawn")]
    assert list(RoutingExclusion.objects.values_list("location__code", "reason")) == [("ST-MAN", "unclaimed")]
    assert OrderLine.objects.get(order_id=offered).status == "allocated"
    types = list(OrderEvent.objects.filter(order_id=offered).values_list("type", flat=True))
    assert types[-3:] == ["FulfilmentUnclaimed", "OrderRouted", "FulfilmentOffered"]


def test_unclaim_for_another_reason_leaves_the_stock_as_counted(offered, position) -> None:
    claimed = claim_offer(open_offers("ST-BKN")[0].fulfilment_id, location="ST-BKN", actor="associate:bkn")

    unclaim_fulfilment(claimed.fulfilment_id, location="ST-BKN", reason="no_capacity", actor="associate:bkn")

    assert position("ST-BKN", "RETRO-RUNNER-42").on_hand == 2
    assert position("ST-BKN", "RETRO-RUNNER-42").reserved == 0


def test_unclaim_by_a_store_that_never_claimed_is_refused_and_changes_nothing(offered, db_state) -> None:
    offer = open_offers("ST-BKN")[0]
    before = db_state()

    with pytest.raises(IllegalTransition, match="only claimed work"):
        unclaim_fulfilment(offer.fulfilment_id, location="ST-BKN", reason="damaged", actor="associate:bkn")
    with pytest.raises(InvalidInput) as error:
        unclaim_fulfilment(offer.fulfilment_id, location="ST-BKN", reason="bored", actor="associate:bkn")

    assert error.value.field == "reason"
    assert db_state() == before


def test_a_claim_timeout_offers_the_next_stores_then_the_warehouses_then_backorders(
    offered, stock, position, fulfilments
) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 4)
    later = clock.now() + timedelta(seconds=601)

    assert expire_due_offer_rounds(later) == 1

    assert fulfilments(offered) == [
        ("ST-MAN", "expired"),
        ("ST-BKN", "expired"),
        ("ST-BRX", "expired"),
        ("ST-QNS", "offered"),
    ]
    assert list(OfferRound.objects.order_by("number").values_list("status", "escalation")) == [
        ("expired", ["next_stores", "warehouses", "backorder"]),
        ("open", ["warehouses", "backorder"]),
    ]

    assert expire_due_offer_rounds(later + timedelta(seconds=601)) == 1

    assert fulfilments(offered)[-2:] == [("ST-QNS", "expired"), ("WH-NJ", "assigned")]
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 1
    assert sum(position(code, "RETRO-RUNNER-42").reserved for code in STORES) == 0


def test_with_no_warehouse_stock_the_last_step_backorders_the_line(offered, fulfilments) -> None:
    later = clock.now() + timedelta(seconds=601)
    expire_due_offer_rounds(later)

    expire_due_offer_rounds(later + timedelta(seconds=601))

    line = OrderLine.objects.get(order_id=offered)
    assert (line.status, line.unallocated_quantity) == ("unallocated", 1)
    assert "Escalated" in OrderEvent.objects.filter(order_id=offered).values_list("type", flat=True)
    assert WaitingLine.objects.filter(order_line=line).count() == 0  # the web channel does not allow backorders


def test_where_the_channel_allows_backorders_the_last_step_backorders_with_a_promise(offered) -> None:
    set_channel_policy(Policy("web", allow_backorders=True, allow_preorders=False))
    set_backorderable(["RETRO-RUNNER-42"], [])
    create_supply(
        SupplyRequest(SupplyKind.PURCHASE_ORDER, "PO-7", "WH-NJ", [("RETRO-RUNNER-42", 5)], eta=date(2031, 7, 1))
    )
    later = clock.now() + timedelta(seconds=601)
    expire_due_offer_rounds(later)

    expire_due_offer_rounds(later + timedelta(seconds=601))

    line = OrderLine.objects.get(order_id=offered)
    assert (line.status, line.unallocated_quantity) == ("backordered", 1)
    assert list(WaitingLine.objects.values_list("kind", "quantity", "promise_date")) == [
        ("backorder", 1, date(2031, 7, 1))
    ]


def test_a_timer_fires_once_and_not_after_a_claim(offered) -> None:
    claim_offer(open_offers("ST-MAN")[0].fulfilment_id, location="ST-MAN", actor="associate:man")
    later = clock.now() + timedelta(seconds=601)

    assert expire_due_offer_rounds(later) == 0
    assert expire_due_offer_rounds(later) == 0
    assert OfferRound.objects.get().status == "claimed"
