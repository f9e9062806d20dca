"""What store work sends back to routing and to the reliability score: short-picked units are sourced
elsewhere; claimed offer work shipped after its promise is an SLA miss of the store."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F

from crossdock.db.models import FulfilmentLine, OfferOutcome, OrderLine, RoutingExclusion
from crossdock.services import clock
from crossdock.services.reliability.view import store_reliability
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.offers import claim_for_store
from crossdock.services.store_work.pack import PackRequest, pack_fulfilment
from crossdock.services.store_work.ship import ShipRequest, ship_fulfilment
from crossdock.services.store_work.short_pick import ShortRequest, short_pick

UPS = ShipRequest("UPS", "1Z999AA10123456784")


def test_short_picked_units_are_sent_to_the_nearest_other_location_holding_them(
    maya, ship_from_manhattan, line_of, stock, position, fulfilments_of
) -> None:
    stock("ST-BKN", "RETRO-RUNNER-42", 2)  # Brooklyn, 7.6 km from Ada, has runners; Newark has none
    order_id = FulfilmentLine.objects.get(pk=line_of(ship_from_manhattan, "WOOL-BEANIE")).fulfilment.order_id

    short_pick(
        ship_from_manhattan,
        ShortRequest(line_id=line_of(ship_from_manhattan, "RETRO-RUNNER-42"), missing=1),
        scope=maya,
    )

    assert fulfilments_of(order_id) == [("ST-MAN", "picking"), ("ST-BKN", "assigned")]
    brooklyn = FulfilmentLine.objects.get(fulfilment__location__code="ST-BKN")
    assert (brooklyn.order_line.sku, brooklyn.quantity) == ("RETRO-RUNNER-42", 1)
    assert position("ST-BKN", "RETRO-RUNNER-42").reserved == 1
    runners = OrderLine.objects.get(order_id=order_id, sku="RETRO-RUNNER-42")
    assert (runners.status, runners.unallocated_quantity) == ("allocated", 0)
    assert list(RoutingExclusion.objects.values_list("location__code", "reason")) == [("ST-MAN", "short_pick")]


def test_units_short_picked_on_claimed_offer_work_are_offered_to_the_other_stores(
    maya, offered_runner, offer_at, fulfilments_of
) -> None:
    offer = offer_at(offered_runner, "ST-MAN")
    claim_for_store(offer, scope=maya)
    line_id = FulfilmentLine.objects.get(fulfilment_id=offer).pk

    short_pick(offer, ShortRequest(line_id=line_id, missing=1), scope=maya)

    assert fulfilments_of(offered_runner)[3:] == [("ST-BKN", "offered"), ("ST-BRX", "offered"), ("ST-QNS", "offered")]
    assert OrderLine.objects.get(order_id=offered_runner).unallocated_quantity == 0


@pytest.fixture
def packed_offer(maya, offered_runner, offer_at) -> int:  # type: ignore[no-untyped-def]
    """Manhattan claimed Ada's runner, picked and packed it. Returns the fulfilment id."""
    offer = offer_at(offered_runner, "ST-MAN")
    claim_for_store(offer, scope=maya)
    confirm_pick(offer, PickRequest(barcode="4006381333931"), scope=maya)
    pack_fulfilment(offer, PackRequest([Decimal("1.100")]), scope=maya)
    return offer


def _manhattan_score() -> float:
    """What the reliability API shows: the score learned from the store's offer history."""
    return store_reliability("ST-MAN", now=clock.now()).score


def test_claimed_work_shipped_after_its_promise_is_an_sla_miss_of_the_store(maya, packed_offer) -> None:
    # The claim was 25 hours ago: past the 24-hour promise of the default reliability settings.
    OfferOutcome.objects.filter(outcome="claimed").update(decided_at=F("decided_at") - timedelta(hours=25))
    before = _manhattan_score()

    ship_fulfilment(packed_offer, UPS, scope=maya)

    missed = OfferOutcome.objects.get(outcome="sla_missed")
    assert (missed.location.code, missed.fulfilment_id) == ("ST-MAN", packed_offer)
    assert _manhattan_score() < before


def test_claimed_work_shipped_in_time_is_no_sla_miss(maya, packed_offer) -> None:
    ship_fulfilment(packed_offer, UPS, scope=maya)

    outcomes = OfferOutcome.objects.filter(fulfilment_id=packed_offer).values_list("location__code", "outcome")
    assert list(outcomes) == [("ST-MAN", "claimed")]
