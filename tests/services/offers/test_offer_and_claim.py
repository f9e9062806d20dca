"""Offer → claim → withdraw: the first store to claim gets the work, the others' holds are released."""

from __future__ import annotations

import pytest

from crossdock.db.models import OfferOutcome, OfferRound, OrderEvent
from crossdock.domain.errors import IllegalTransition, NotFound
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.offers.claim import claim_offer
from crossdock.services.offers.queries import open_offers

SHIP = DeliveryMethod.SHIP


@pytest.fixture
def offered(stock, place, offer_profile) -> int:  # type: ignore[no-untyped-def]
    for store in ("ST-MAN", "ST-BKN", "ST-QNS", "ST-BRX"):
        stock(store, "RETRO-RUNNER-42", 2)
    stock("WH-NJ", "RETRO-RUNNER-42", 9)
    return place(RequestedLine("RETRO-RUNNER-42", 1, SHIP))


def test_an_order_is_offered_to_the_three_cheapest_stores_holding_stock_at_each(offered, position, fulfilments) -> None:
    # Penn Station to Manhattan 1.3 km, Brooklyn 7.6 km, the Bronx 10.0 km, Queens 10.9 km.
    assert fulfilments(offered) == [("ST-MAN", "offered"), ("ST-BKN", "offered"), ("ST-BRX", "offered")]
    assert [position(code, "RETRO-RUNNER-42").reserved for code in ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS")] == [
        1,
        1,
        1,
        0,
    ]
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 0
    assert [offer.order_id for offer in open_offers("ST-BKN")] == [offered]
    assert open_offers("ST-QNS") == []
    types = list(OrderEvent.objects.filter(order_id=offered).values_list("type", flat=True))
    assert types == ["OrderPlaced", "OrderRouted", "FulfilmentOffered"]


def test_the_first_claim_wins_and_the_other_offers_are_withdrawn_with_their_holds(
    offered, position, fulfilments
) -> None:
    offer = open_offers("ST-BKN")[0]

    claimed = claim_offer(offer.fulfilment_id, location="ST-BKN", actor="associate:bkn")

    assert claimed.replayed is False
    assert fulfilments(offered) == [("ST-MAN", "withdrawn"), ("ST-BKN", "claimed"), ("ST-BRX", "withdrawn")]
    assert [position(code, "RETRO-RUNNER-42").reserved for code in ("ST-MAN", "ST-BKN", "ST-BRX")] == [0, 1, 0]
    assert open_offers("ST-MAN") == [] and open_offers("ST-BRX") == []
    assert OfferRound.objects.get(order_id=offered).status == "claimed"
    assert sorted(OfferOutcome.objects.values_list("location__code", "outcome")) == [
        ("ST-BKN", "claimed"),
        ("ST-BRX", "withdrawn"),
        ("ST-MAN", "withdrawn"),
    ]
    events = list(OrderEvent.objects.filter(order_id=offered).values_list("type", "actor"))
    assert events[-2:] == [("OfferClaimed", "associate:bkn"), ("OffersWithdrawn", "associate:bkn")]


def test_a_second_claim_by_the_winner_is_answered_as_the_first_and_writes_nothing(offered, db_state) -> None:
    offer = open_offers("ST-MAN")[0]
    claim_offer(offer.fulfilment_id, location="ST-MAN", actor="associate:man")
    before = db_state()

    again = claim_offer(offer.fulfilment_id, location="ST-MAN", actor="associate:man")

    assert again.replayed is True
    assert db_state() == before


def test_claiming_an_offer_another_store_won_is_refused_and_changes_nothing(offered, db_state) -> None:
    winner = open_offers("ST-MAN")[0]
    loser = open_offers("ST-BRX")[0]
    claim_offer(winner.fulfilment_id, location="ST-MAN", actor="associate:man")
    before = db_state()

    with pytest.raises(IllegalTransition, match="withdrawn"):
        claim_offer(loser.fulfilment_id, location="ST-BRX", actor="associate:brx")

    assert db_state() == before


def test_a_store_cannot_claim_an_offer_made_to_another_store(offered, db_state) -> None:
    offer = open_offers("ST-MAN")[0]
    before = db_state()

    with pytest.raises(NotFound):
        claim_offer(offer.fulfilment_id, location="ST-QNS", actor="associate:qns")

    assert db_state() == before
