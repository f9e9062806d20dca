"""Offers under real concurrency on PostgreSQL: claims against claims, timers against timers and claims,
claims against new captures. Each store's offer is claimed at most once, each timer fires once, and
nothing is reserved beyond what a position can sell."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from ledger import lines_out_of_balance, out_of_balance, oversold, position_books
from offer_jobs import ClaimOffers, ExpireOfferRounds, UnclaimFulfilments
from racing import OK, Race, Stock, deal, postgresql_only, unexpected
from traffic import PlaceOrders, shipped

from crossdock.db.models import (
    FulfilmentLine,
    FulfilmentOrder,
    Location,
    OfferOutcome,
    OfferRound,
    OrderEvent,
    OutboxMessage,
    Reservation,
)
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.offers.claim import claim_offer
from store_offer_fixtures import activate_offer_profile

pytestmark = [pytest.mark.postgresql, postgresql_only(), pytest.mark.django_db(transaction=True)]

RUNNERS = "RETRO-RUNNER-42"
FIRST_STORES = ("ST-MAN", "ST-BKN", "ST-BRX")  # the three cheapest from Penn Station, offered first
TIMEOUT = 600
# Stores only, three at a time, ten minutes to claim, then the next stores, the warehouses, backorder.
OFFER_SPEC: dict[str, Any] = {
    "selector": {"channels": ["web"]},
    "filters": {"location_types": ["store"]},
    "cost": {"per_parcel": 5.0, "per_km": 0.1, "per_unit": 0.5, "unfilled_per_unit": 500.0},
    "strategy": "offer",
    "offers": {
        "store_count": 3,
        "claim_timeout_seconds": TIMEOUT,
        "escalation": ["next_stores", "warehouses", "backorder"],
    },
}

Place = Callable[..., int]


@pytest.fixture
def offer_profile(stores: dict[str, Location]) -> int:
    return activate_offer_profile(OFFER_SPEC, name="web ship-from-store")


def offered_runners(place: Place, count: int) -> list[int]:
    """`count` web orders of one runner each, shipped to Penn Station; each must be offered to the first stores."""
    orders = [place(RequestedLine(RUNNERS, 1, DeliveryMethod.SHIP)) for _ in range(count)]
    for order_id in orders:
        assert offers_of(order_id) == [(store, "offered") for store in FIRST_STORES]
    return orders


def offers_of(order_id: int) -> list[tuple[str, str]]:
    """(store, status) of the order's fulfilments, oldest first."""
    return list(
        FulfilmentOrder.objects.filter(order_id=order_id).order_by("pk").values_list("location__code", "status")
    )


def offer_ids(orders: list[int], store: str) -> tuple[tuple[int, int], ...]:
    """(fulfilment id, order id) of the offers made to `store`, in the orders' order."""
    ids = dict(FulfilmentOrder.objects.filter(order_id__in=orders, location__code=store).values_list("order_id", "pk"))
    return tuple((ids[order_id], order_id) for order_id in orders)


def events_of(order_id: int, kind: str) -> list[dict[str, Any]]:
    return list(OrderEvent.objects.filter(order_id=order_id, type=kind).values_list("data", flat=True))


def reserved_at() -> dict[str, int]:
    """Runners reserved at each location that holds any."""
    return {b.location: b.reserved for b in position_books() if b.sku == RUNNERS and b.reserved}


def holds_off_the_fulfilments() -> list[str]:
    """Where the reservations differ from the fulfilment lines: every unit a fulfilment still counts is held at its
    location, and nothing else is (withdrawn and expired offers keep no lines and hold nothing)."""
    held: dict[tuple[int, str], int] = defaultdict(int)
    for line_id, location, quantity in Reservation.objects.values_list(
        "order_line_id", "position__location__code", "quantity"
    ):
        held[(line_id, location)] += quantity
    assigned: dict[tuple[int, str], int] = defaultdict(int)
    for line_id, location, quantity in FulfilmentLine.objects.values_list(
        "order_line_id", "fulfilment__location__code", "quantity"
    ):
        assigned[(line_id, location)] += quantity
    return [
        f"line {line_id} at {location}: held {held[(line_id, location)]}, assigned {assigned[(line_id, location)]}"
        for line_id, location in sorted(set(held) | set(assigned))
        if held[(line_id, location)] != assigned[(line_id, location)]
    ]


def test_three_stores_claiming_each_order_at_once_give_it_to_exactly_one(
    stock: Stock, place: Place, offer_profile: int, race: Race
) -> None:
    # given ten orders of one runner, each offered to Manhattan, Brooklyn and the Bronx (each holding a runner)
    stock("ST-MAN", RUNNERS, 12, safety_stock=2)
    stock("ST-BKN", RUNNERS, 10)
    stock("ST-BRX", RUNNERS, 11, safety_stock=1)
    orders = offered_runners(place, 10)
    assert reserved_at() == {"ST-MAN": 10, "ST-BKN": 10, "ST-BRX": 10}

    # when, order after order, the three stores claim it at the same instant, each from its own process
    outcomes = [
        outcome
        for order_id in orders
        for outcome in race([ClaimOffers(store, offer_ids([order_id], store)) for store in FIRST_STORES])
    ]

    # then each order has one winner, and the two others were told the offer was gone
    surprises = unexpected(outcomes, allowed={"illegal_transition"})
    assert not surprises, "\n\n".join(surprises)
    results = {order_id: Counter(o.result for o in outcomes if o.reference == str(order_id)) for order_id in orders}
    assert results == {order_id: {OK: 1, "illegal_transition": 2} for order_id in orders}
    winners = {int(o.reference): FIRST_STORES[o.worker] for o in outcomes if o.result == OK}
    for order_id in orders:
        assert sorted(offers_of(order_id)) == sorted(
            (store, "claimed" if store == winners[order_id] else "withdrawn") for store in FIRST_STORES
        )
        assert [e["location"] for e in events_of(order_id, "OfferClaimed")] == [winners[order_id]]
    # … the stock is held at the winners only, one runner per order, and nothing is oversold
    won = Counter(winners.values())
    assert reserved_at() == {store: won[store] for store in FIRST_STORES if won[store]}
    assert holds_off_the_fulfilments() == [] and lines_out_of_balance() == []
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []
    assert set(OfferRound.objects.values_list("status", flat=True)) == {"claimed"}
    assert Counter(OfferOutcome.objects.values_list("outcome", flat=True)) == {"claimed": 10, "withdrawn": 20}
    assert OutboxMessage.objects.filter(topic="fulfilment.claimed").count() == 10


def test_three_workers_sweeping_the_same_due_timers_expire_each_round_once(
    stock: Stock, place: Place, offer_profile: int, race: Race
) -> None:
    # given twelve orders offered to the first three stores, none claimed, all past their claim timeout,
    # and Queens, the next store, holding runners for all of them
    for store in FIRST_STORES:
        stock(store, RUNNERS, 12)
    orders = offered_runners(place, 12)
    stock("ST-QNS", RUNNERS, 12)
    later = clock.now() + timedelta(seconds=TIMEOUT + 1)

    # when three timer workers sweep at the same instant
    outcomes = race([ExpireOfferRounds(later), ExpireOfferRounds(later), ExpireOfferRounds(later)])

    # then between them they expired each round exactly once …
    surprises = unexpected(outcomes, allowed=set())
    assert not surprises, "\n\n".join(surprises)
    assert sum(o.order_id or 0 for o in outcomes) == 12
    # … and each order escalated once, to Queens, where its runner is now held alone
    for order_id in orders:
        assert len(events_of(order_id, "OffersExpired")) == 1
        assert events_of(order_id, "Escalated") == [{"step": "next_stores"}]
        assert offers_of(order_id) == [*[(store, "expired") for store in FIRST_STORES], ("ST-QNS", "offered")]
        assert list(
            OfferRound.objects.filter(order_id=order_id).order_by("number").values_list("status", flat=True)
        ) == [
            "expired",
            "open",
        ]
    assert OutboxMessage.objects.filter(topic="offers.expired").count() == 12
    assert Counter(OfferOutcome.objects.values_list("outcome", flat=True)) == {"expired": 36}
    assert reserved_at() == {"ST-QNS": 12}
    assert holds_off_the_fulfilments() == [] and lines_out_of_balance() == []
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []


def test_a_claim_racing_its_claim_timeout_either_wins_or_is_refused_never_both(
    stock: Stock, place: Place, offer_profile: int, race: Race
) -> None:
    # given sixteen orders offered to the first three stores, and Queens, the next store, holding runners for all
    for store in FIRST_STORES:
        stock(store, RUNNERS, 16)
    stock("ST-QNS", RUNNERS, 16)
    orders = offered_runners(place, 16)
    now = clock.now()

    # when, order after order, its claim timeout passes and at that instant Brooklyn claims it while a timer
    # worker sweeps
    outcomes = []
    for order_id in orders:
        OfferRound.objects.filter(order_id=order_id).update(expires_at=now - timedelta(seconds=1))
        outcomes += race([ClaimOffers("ST-BKN", offer_ids([order_id], "ST-BKN")), ExpireOfferRounds(now)])

    # then each claim either won (its round claimed, no escalation) or was refused (its round expired and
    # escalated to Queens once), never both
    surprises = unexpected(outcomes, allowed={"illegal_transition"})
    assert not surprises, "\n\n".join(surprises)
    claimed = {int(o.reference) for o in outcomes if o.action == "claim" and o.result == OK}
    refused = {int(o.reference) for o in outcomes if o.action == "claim" and o.result == "illegal_transition"}
    assert claimed | refused == set(orders) and not claimed & refused
    for order_id in claimed:
        assert offers_of(order_id) == [("ST-MAN", "withdrawn"), ("ST-BKN", "claimed"), ("ST-BRX", "withdrawn")]
        assert list(OfferRound.objects.filter(order_id=order_id).values_list("status", flat=True)) == ["claimed"]
        assert events_of(order_id, "OffersExpired") == [] and events_of(order_id, "Escalated") == []
    for order_id in refused:
        assert offers_of(order_id) == [*[(store, "expired") for store in FIRST_STORES], ("ST-QNS", "offered")]
        assert len(events_of(order_id, "OffersExpired")) == 1
        assert events_of(order_id, "Escalated") == [{"step": "next_stores"}]
        assert events_of(order_id, "OfferClaimed") == []
    assert sum(o.order_id or 0 for o in outcomes if o.action == "expire") == len(refused)
    assert reserved_at() == {
        store: count for store, count in [("ST-BKN", len(claimed)), ("ST-QNS", len(refused))] if count
    }
    assert holds_off_the_fulfilments() == [] and lines_out_of_balance() == []
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []


def test_claims_racing_new_orders_for_the_same_runners_never_oversell(
    stock: Stock, place: Place, offer_profile: int, race: Race
) -> None:
    # given six orders offered to the three stores, each store's runners nearly all held for them
    stock("ST-MAN", RUNNERS, 8, safety_stock=1)
    stock("ST-BKN", RUNNERS, 7)
    stock("ST-BRX", RUNNERS, 9, safety_stock=2)
    orders = offered_runners(place, 6)

    # when the three stores claim those six while three shops place 36 new orders of one runner each
    new_orders = [shipped(f"RACE-{n:03d}", (RUNNERS, 1)) for n in range(36)]
    outcomes = race(
        [
            *[ClaimOffers(store, offer_ids(orders, store)) for store in FIRST_STORES],
            *[PlaceOrders(tuple(hand)) for hand in deal(new_orders, 3)],
        ]
    )

    # then each of the six went to one store, new orders were refused for stock only …
    surprises = unexpected(outcomes, allowed={"illegal_transition", "insufficient_stock"})
    assert not surprises, "\n\n".join(surprises)
    claims = [o for o in outcomes if o.action == "claim"]
    assert Counter(o.reference for o in claims if o.result == OK) == {str(order_id): 1 for order_id in orders}
    # … and no position holds more than it can sell, every hold belonging to an offer or a claimed fulfilment
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []
    assert holds_off_the_fulfilments() == []
    placed = [o.order_id for o in outcomes if o.action == "place" and o.result == OK]
    assert placed and all(offers_of(order_id) for order_id in placed)
    assert sum(b.reserved for b in books) == FulfilmentLine.objects.count()  # one runner per line


def test_claim_timeouts_escalating_while_new_orders_are_captured_neither_deadlock_nor_oversell(
    stock: Stock, place: Place, offer_profile: int, race: Race
) -> None:
    # given twelve orders offered to the first three stores and past their timeout, Manhattan's runners all held
    # for them, and Queens' runners in the oldest stock row: a timeout releases its holds (Manhattan, Brooklyn,
    # the Bronx) and then routes again over rows that include Queens, which new captures lock first
    stock("ST-QNS", RUNNERS, 60)
    stock("ST-MAN", RUNNERS, 12)
    stock("ST-BKN", RUNNERS, 60)
    stock("ST-BRX", RUNNERS, 60)
    orders = offered_runners(place, 12)
    now = clock.now()
    OfferRound.objects.update(expires_at=now - timedelta(seconds=1))  # the new orders' rounds fall due after `now`

    # when two timer workers expire them one round per pass while four shops place 48 new orders of one runner
    new_orders = [shipped(f"RACE-{n:03d}", (RUNNERS, 1)) for n in range(48)]
    outcomes = race(
        [
            ExpireOfferRounds(now, limit=1),
            ExpireOfferRounds(now, limit=1),
            *[PlaceOrders(tuple(hand)) for hand in deal(new_orders, 4)],
        ]
    )

    # then no transaction deadlocked or failed: every new order was offered, every round expired once …
    surprises = unexpected(outcomes, allowed=set())
    assert not surprises, "\n\n".join(surprises)
    assert sum(o.result == OK for o in outcomes if o.action == "place") == 48
    assert sum(o.order_id or 0 for o in outcomes if o.action == "expire") == 12
    for order_id in orders:
        assert offers_of(order_id) == [*[(store, "expired") for store in FIRST_STORES], ("ST-QNS", "offered")]
        assert events_of(order_id, "Escalated") == [{"step": "next_stores"}]
    # … and every runner held belongs to an open offer, within what each store can sell
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []
    assert holds_off_the_fulfilments() == []
    assert sum(b.reserved for b in books) == FulfilmentLine.objects.count()  # one runner per line


def test_unclaims_routing_again_while_new_orders_are_captured_neither_deadlock_nor_oversell(
    stock: Stock, place: Place, offer_profile: int, race: Race
) -> None:
    # given twelve orders offered to Manhattan, Brooklyn and Queens (the Bronx has no runners) and all claimed by
    # Manhattan, whose runners they hold; Queens' runners in the oldest stock row: an unclaim releases
    # Manhattan's hold and then routes again over rows that include Queens, which new captures lock first
    stock("ST-QNS", RUNNERS, 60)
    stock("ST-MAN", RUNNERS, 12)
    stock("ST-BKN", RUNNERS, 60)
    orders = [place(RequestedLine(RUNNERS, 1, DeliveryMethod.SHIP)) for _ in range(12)]
    claimed = offer_ids(orders, "ST-MAN")
    for fulfilment_id, _ in claimed:
        claim_offer(fulfilment_id, location="ST-MAN", actor="associate:ST-MAN")

    # when Manhattan gives them back from two processes while four shops place 48 new orders of one runner
    new_orders = [shipped(f"RACE-{n:03d}", (RUNNERS, 1)) for n in range(48)]
    outcomes = race(
        [
            *[UnclaimFulfilments("ST-MAN", hand) for hand in deal(claimed, 2)],
            *[PlaceOrders(tuple(hand)) for hand in deal(new_orders, 4)],
        ]
    )

    # then no transaction deadlocked or failed, and each order is offered again to Brooklyn and Queens only …
    surprises = unexpected(outcomes, allowed=set())
    assert not surprises, "\n\n".join(surprises)
    assert Counter(o.action for o in outcomes) == {"unclaim": 12, "place": 48}
    for order_id in orders:
        assert offers_of(order_id) == [
            ("ST-MAN", "unclaimed"),
            ("ST-BKN", "withdrawn"),
            ("ST-QNS", "withdrawn"),
            ("ST-BKN", "offered"),
            ("ST-QNS", "offered"),
        ]
    # … and every runner held belongs to an open offer, within what each store can sell
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []
    assert holds_off_the_fulfilments() == []
    assert sum(b.reserved for b in books) == FulfilmentLine.objects.count()  # one runner per line
