"""Offers meet the rest of the order's life: cancellation, partial cancellation, holds."""

from __future__ import annotations

import pytest

from crossdock.db.models import OfferRound, OrderLine
from crossdock.domain.errors import IllegalTransition
from crossdock.domain.holds import HoldKind
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.holds.place_hold import hold_order
from crossdock.services.holds.release_hold import release_hold
from crossdock.services.inventory.adjust_stock import Adjustment, adjust_stock
from crossdock.services.offers.claim import claim_offer
from crossdock.services.offers.queries import open_offers
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.cancel_quantities import QuantityCancel, cancel_quantities

SHIP = DeliveryMethod.SHIP
STORES = ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS")


@pytest.fixture
def offered(stock, place, offer_profile) -> int:  # type: ignore[no-untyped-def]
    for store in STORES:
        stock(store, "RETRO-RUNNER-42", 3)
    return place(RequestedLine("RETRO-RUNNER-42", 2, SHIP))


def reserved(position) -> list[int]:  # type: ignore[no-untyped-def]
    return [position(code, "RETRO-RUNNER-42").reserved for code in STORES]


def test_cancelling_a_claimed_order_releases_the_winner_and_leaves_the_withdrawn_offers_alone(
    offered, position, fulfilments
) -> None:
    claim_offer(open_offers("ST-BKN")[0].fulfilment_id, location="ST-BKN", actor="associate:bkn")

    cancel_order(offered, reason="customer changed their mind", actor="service:ana")

    assert fulfilments(offered) == [("ST-MAN", "withdrawn"), ("ST-BKN", "cancelled"), ("ST-BRX", "withdrawn")]
    assert reserved(position) == [0, 0, 0, 0]


def test_cancelling_an_order_still_on_offer_releases_every_store(offered, position, fulfilments) -> None:
    cancel_order(offered, reason="customer changed their mind", actor="service:ana")

    assert fulfilments(offered) == [("ST-MAN", "cancelled"), ("ST-BKN", "cancelled"), ("ST-BRX", "cancelled")]
    assert reserved(position) == [0, 0, 0, 0]


def test_a_partial_cancellation_calls_the_offers_back_and_offers_the_rest_again(offered, position, fulfilments) -> None:
    cancel_quantities(offered, [QuantityCancel(1, 1)], reason="only one pair", actor="service:ana")

    line = OrderLine.objects.get(order_id=offered)
    assert (line.quantity, line.status, line.unallocated_quantity) == (1, "allocated", 0)
    assert fulfilments(offered) == [
        ("ST-MAN", "withdrawn"),
        ("ST-BKN", "withdrawn"),
        ("ST-BRX", "withdrawn"),
        ("ST-MAN", "offered"),
        ("ST-BKN", "offered"),
        ("ST-BRX", "offered"),
    ]
    assert reserved(position) == [1, 1, 1, 0]
    assert list(OfferRound.objects.order_by("number").values_list("status", flat=True)) == ["closed", "open"]


def test_a_hold_calls_the_offers_back_and_its_release_offers_the_order_again(offered, position, fulfilments) -> None:
    hold_id = hold_order(offered, kind=HoldKind.MANUAL, reason="address check", actor="service:ana")

    assert fulfilments(offered) == [("ST-MAN", "withdrawn"), ("ST-BKN", "withdrawn"), ("ST-BRX", "withdrawn")]
    assert reserved(position) == [0, 0, 0, 0]
    assert OrderLine.objects.get(order_id=offered).unallocated_quantity == 2

    release_hold(offered, hold_id, reason="address confirmed", actor="service:ana")

    assert fulfilments(offered)[3:] == [("ST-MAN", "offered"), ("ST-BKN", "offered"), ("ST-BRX", "offered")]
    assert reserved(position) == [2, 2, 2, 0]
    assert OrderLine.objects.get(order_id=offered).unallocated_quantity == 0


def test_a_count_below_an_offer_ends_that_stores_offer_and_the_others_keep_the_units(
    offered, position, fulfilments
) -> None:
    adjust_stock([Adjustment("ST-MAN", "RETRO-RUNNER-42", -3, "cycle count")], actor="wms")

    line = OrderLine.objects.get(order_id=offered)
    assert (line.status, line.unallocated_quantity) == ("allocated", 0)
    assert fulfilments(offered) == [("ST-MAN", "cancelled"), ("ST-BKN", "offered"), ("ST-BRX", "offered")]
    assert reserved(position) == [0, 2, 2, 0]

    claim_offer(open_offers("ST-BRX")[0].fulfilment_id, location="ST-BRX", actor="associate:brx")

    assert reserved(position) == [0, 0, 2, 0]


def test_a_store_whose_offer_a_count_cut_short_cannot_claim_it_and_another_can(
    stock, place, offer_profile, position, fulfilments, db_state
) -> None:
    for store in STORES:
        stock(store, "RETRO-RUNNER-42", 2)
        stock(store, "WOOL-BEANIE", 2)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), RequestedLine("WOOL-BEANIE", 1, SHIP))
    adjust_stock([Adjustment("ST-MAN", "RETRO-RUNNER-42", -1, "cycle count")], actor="wms")
    short_offer = open_offers("ST-MAN")[0].fulfilment_id
    before = db_state()

    with pytest.raises(IllegalTransition, match="no longer holds every item"):
        claim_offer(short_offer, location="ST-MAN", actor="associate:man")

    assert db_state() == before
    claim_offer(open_offers("ST-BKN")[0].fulfilment_id, location="ST-BKN", actor="associate:bkn")
    assert [position(code, "RETRO-RUNNER-42").reserved for code in STORES] == [0, 2, 0, 0]
    assert [position(code, "WOOL-BEANIE").reserved for code in STORES] == [0, 1, 0, 0]
    assert OrderLine.objects.filter(order_id=order_id, unallocated_quantity__gt=0).count() == 0
