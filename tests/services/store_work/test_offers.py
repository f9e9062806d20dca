"""Offers in the store: an associate claims for their store, gives claimed work back with a reason — and
nothing of another store."""

from __future__ import annotations

import pytest

from crossdock.db.models import FulfilmentOrder, OfferOutcome, OrderEvent
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound, PermissionDenied
from crossdock.services.offers.queries import OfferedItem
from crossdock.services.store_work.offers import claim_for_store, unclaim_for_store
from crossdock.services.store_work.queue import store_queue
from crossdock.services.store_work.start_picking import start_picking


def test_the_queue_shows_the_stores_open_offers_with_its_on_hand(maya, offered_runner) -> None:
    offers = store_queue("ST-MAN", scope=maya).offers

    assert [(o.channel_order_id, o.order_id, o.delivery_method, o.destination_city) for o in offers] == [
        ("W-1001", offered_runner, "ship", "New York")
    ]
    assert offers[0].items == [OfferedItem("RETRO-RUNNER-42", "Retro Runner, size 42", 1, on_hand=2)]
    assert (offers[0].expires_at - offers[0].offered_at).total_seconds() == 600


def test_an_associate_claims_for_their_store_and_the_other_offers_are_withdrawn(
    maya, offered_runner, offer_at, fulfilments_of
) -> None:
    claimed = claim_for_store(offer_at(offered_runner, "ST-MAN"), scope=maya)

    assert (claimed.location, claimed.replayed, len(claimed.withdrawn)) == ("ST-MAN", False, 2)
    assert fulfilments_of(offered_runner) == [("ST-MAN", "claimed"), ("ST-BKN", "withdrawn"), ("ST-BRX", "withdrawn")]
    assert [item.status for item in store_queue("ST-MAN", scope=maya).in_progress] == ["claimed"]
    assert store_queue("ST-MAN", scope=maya).offers == []
    claim = OrderEvent.objects.get(order_id=offered_runner, type="OfferClaimed")
    assert (claim.actor, claim.data["location"]) == ("staff:maya", "ST-MAN")


def test_a_double_clicked_claim_is_answered_as_the_first_and_writes_nothing(
    maya, offered_runner, offer_at, offer_state
) -> None:
    offer = offer_at(offered_runner, "ST-MAN")
    claim_for_store(offer, scope=maya)
    before = offer_state()

    again = claim_for_store(offer, scope=maya)

    assert (again.replayed, again.withdrawn) == (True, ())
    assert offer_state() == before


def test_an_offer_to_another_store_is_not_found_and_stays_open(
    maya, bram, offered_runner, offer_at, offer_state
) -> None:
    before = offer_state()

    with pytest.raises(NotFound) as refused:
        claim_for_store(offer_at(offered_runner, "ST-MAN"), scope=bram)

    assert (refused.value.status, refused.value.field) == (404, "fulfilment_id")
    assert offer_state() == before
    assert FulfilmentOrder.objects.get(pk=offer_at(offered_runner, "ST-MAN")).status == "offered"


def test_claiming_an_offer_another_store_won_says_so_and_changes_nothing(
    maya, bram, offered_runner, offer_at, offer_state
) -> None:
    claim_for_store(offer_at(offered_runner, "ST-BKN"), scope=bram)
    before = offer_state()

    with pytest.raises(IllegalTransition) as refused:
        claim_for_store(offer_at(offered_runner, "ST-MAN"), scope=maya)

    assert (refused.value.status, refused.value.message) == (
        409,
        "another store claimed this order first: the offer was withdrawn",
    )
    assert offer_state() == before


def test_a_customer_service_agent_claims_nothing(staff, offered_runner, offer_at, offer_state) -> None:
    agent = staff("cleo", "customer_service")
    before = offer_state()

    with pytest.raises(PermissionDenied):
        claim_for_store(offer_at(offered_runner, "ST-MAN"), scope=agent)

    assert offer_state() == before


def test_out_of_stock_gives_the_work_back_corrects_stock_and_offers_it_elsewhere(
    maya, offered_runner, offer_at, position, fulfilments_of
) -> None:
    offer = offer_at(offered_runner, "ST-MAN")
    claim_for_store(offer, scope=maya)

    given_back = unclaim_for_store(offer, scope=maya, reason="out_of_stock", note=" shelf empty ")

    assert (given_back.reason, given_back.stock_corrected) == ("out_of_stock", {"RETRO-RUNNER-42": 0})
    assert (given_back.rerouted.offered_rounds, given_back.rerouted.still_unallocated) == (1, 0)
    assert (position("ST-MAN", "RETRO-RUNNER-42").on_hand, position("ST-MAN", "RETRO-RUNNER-42").reserved) == (0, 0)
    assert fulfilments_of(offered_runner)[3:] == [("ST-BKN", "offered"), ("ST-BRX", "offered"), ("ST-QNS", "offered")]
    event = OrderEvent.objects.get(order_id=offered_runner, type="FulfilmentUnclaimed")
    assert (event.actor, event.reason) == ("staff:maya", "out_of_stock: shelf empty")
    assert OfferOutcome.objects.filter(outcome="unclaimed").get().location.code == "ST-MAN"


@pytest.mark.parametrize(
    ("reason", "note", "field"),
    [("lost_interest", "", "reason"), ("", "", "reason"), ("other", "x" * 501, "note")],
)
def test_an_unknown_reason_or_a_long_note_is_refused_and_changes_nothing(
    maya, offered_runner, offer_at, offer_state, reason, note, field
) -> None:
    offer = offer_at(offered_runner, "ST-MAN")
    claim_for_store(offer, scope=maya)
    before = offer_state()

    with pytest.raises(InvalidInput) as refused:
        unclaim_for_store(offer, scope=maya, reason=reason, note=note)

    assert (refused.value.status, refused.value.field) == (422, field)
    assert offer_state() == before


def test_another_stores_claimed_work_cannot_be_given_back(maya, bram, offered_runner, offer_at, offer_state) -> None:
    offer = offer_at(offered_runner, "ST-MAN")
    claim_for_store(offer, scope=maya)
    before = offer_state()

    with pytest.raises(NotFound):
        unclaim_for_store(offer, scope=bram, reason="no_capacity")

    assert offer_state() == before


def test_work_being_picked_is_reported_short_rather_than_given_back(
    maya, offered_runner, offer_at, offer_state
) -> None:
    offer = offer_at(offered_runner, "ST-MAN")
    claim_for_store(offer, scope=maya)
    start_picking(offer, scope=maya)
    before = offer_state()

    with pytest.raises(IllegalTransition, match="picking has started: report what is missing"):
        unclaim_for_store(offer, scope=maya, reason="damaged")

    assert offer_state() == before
