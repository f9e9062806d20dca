"""Routing pays for unreliability: a store that keeps giving work back is offered orders after a slightly
farther reliable store, and comes back first when it claims again or its failures age."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from crossdock.db.models import Location
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.offers.claim import claim_offer
from crossdock.services.offers.queries import open_offers
from crossdock.services.offers.unclaim import unclaim_fulfilment
from crossdock.services.reliability.refresh import refresh_every_reliability
from crossdock.services.routing.profiles import activate_version, create_profile

T0 = datetime(2025, 3, 14, 14, 0, tzinfo=UTC)
RUNNER = "RETRO-RUNNER-42"
# From Penn Station, Manhattan's parcel costs 0.1 × 1.28 km = 0.128 and Brooklyn's 0.1 × 7.59 km = 0.759: Brooklyn
# is 0.632 dearer. Unreliability costs 1.75 × (1 − score): at 0.9 against 0.6 Manhattan still wins (by 0.107),
# against 0.45 it loses (by 0.156).
WARY_SPEC: dict[str, Any] = {
    "selector": {"channels": ["web"]},
    "filters": {"location_types": ["store"]},
    "cost": {
        "per_parcel": 5.0,
        "per_km": 0.1,
        "per_unit": 0.5,
        "unfilled_per_unit": 500.0,
        "unreliability_weight": 1.75,
    },
    "strategy": "offer",
    "offers": {"store_count": 2, "claim_timeout_seconds": 600, "escalation": ["next_stores", "backorder"]},
}


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], datetime]:
    def move(moment: datetime) -> datetime:
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    move(T0)
    return move


@pytest.fixture
def wary(stores: dict[str, Location], stock, at) -> None:  # type: ignore[no-untyped-def]
    """The wary profile is active, every store holds runners, and the worker has given every store the prior."""
    profile = create_profile(name="web wary of unreliable stores", description="", spec=WARY_SPEC, actor="test")
    activate_version(profile.id, 1, actor="test")
    for code in ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS"):
        stock(code, RUNNER, 9)
    refresh_every_reliability(T0)


@pytest.fixture
def order_runner(stock, place) -> Callable[[], int]:  # type: ignore[no-untyped-def]
    """A web order of one runner to Penn Station (Manhattan restocked: an out-of-stock unclaim zeroes it)."""

    def order() -> int:
        stock("ST-MAN", RUNNER, 9)
        return int(place(RequestedLine(RUNNER, 1, DeliveryMethod.SHIP)))

    return order


def offered_to(order_id: int, fulfilments: Callable[[int], list[tuple[str, str]]]) -> list[str]:
    """The stores the order is open at, the engine's choice first."""
    return [code for code, status in fulfilments(order_id) if status == "offered"]


def claim(order_id: int, store: str) -> int:
    offer = next(o for o in open_offers(store) if o.order_id == order_id)
    return claim_offer(offer.fulfilment_id, location=store, actor=f"associate:{store}").fulfilment_id


def give_back(fulfilment_id: int, store: str) -> None:
    unclaim_fulfilment(fulfilment_id, location=store, reason="out_of_stock", actor=f"associate:{store}")


@pytest.fixture
def unreliable_manhattan(wary, order_runner, fulfilments) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Manhattan claims two orders and gives both back (out of stock). Returns where each was offered first."""
    offered = []
    for _ in range(2):
        placed = order_runner()
        offered.append(offered_to(placed, fulfilments))
        give_back(claim(placed, "ST-MAN"), "ST-MAN")
    return offered


def test_a_store_that_unclaims_repeatedly_is_offered_orders_after_a_farther_reliable_store(
    unreliable_manhattan, order_runner, fulfilments
) -> None:
    third = order_runner()

    assert unreliable_manhattan == [["ST-MAN", "ST-BKN"], ["ST-MAN", "ST-BKN"]]  # one failure was not enough
    assert Location.objects.get(code="ST-MAN").reliability_score == pytest.approx(0.45)
    assert offered_to(third, fulfilments) == ["ST-BKN", "ST-MAN"]


def test_it_comes_back_first_once_it_claims_again(unreliable_manhattan, order_runner, fulfilments) -> None:
    claim(order_runner(), "ST-MAN")  # offered second, claimed all the same: 2.8 / 5 = 0.56

    fourth = order_runner()

    assert Location.objects.get(code="ST-MAN").reliability_score == pytest.approx(0.56)
    assert offered_to(fourth, fulfilments) == ["ST-MAN", "ST-BKN"]


def test_it_comes_back_first_as_its_failures_age(unreliable_manhattan, order_runner, fulfilments, at) -> None:
    refresh_every_reliability(at(T0 + timedelta(days=60)))  # the worker's periodic refresh

    later = order_runner()

    assert Location.objects.get(code="ST-MAN").reliability_score == pytest.approx(1.8 / 2.5)  # 0.72
    assert offered_to(later, fulfilments) == ["ST-MAN", "ST-BKN"]
