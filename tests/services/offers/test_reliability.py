"""A store's reliability is learned from its offers: unclaims lower it, claims and time restore it, SLA misses
count against it. The clock is fixed (`at`), so every weight is exact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crossdock.db.models import Location, OfferOutcome
from crossdock.domain.errors import NotFound
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.offers.claim import claim_offer
from crossdock.services.offers.expire import expire_due_offer_rounds
from crossdock.services.offers.queries import open_offers
from crossdock.services.offers.unclaim import unclaim_fulfilment
from crossdock.services.reliability.refresh import refresh_every_reliability, refresh_reliability
from crossdock.services.reliability.sla import record_sla_miss
from crossdock.services.reliability.view import store_reliability

T0 = datetime(2025, 3, 14, 14, 0, tzinfo=UTC)
RUNNER = "RETRO-RUNNER-42"
STORES = ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS")


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], datetime]:
    """Sets the services' clock (T0 to begin with)."""

    def move(moment: datetime) -> datetime:
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    move(T0)
    return move


@pytest.fixture
def score(stores: dict[str, Location]) -> Callable[[str], float]:
    """The score routing reads for a store, as stored now."""
    return lambda code: Location.objects.get(code=code).reliability_score


@pytest.fixture
def order_runner(stock, place, at):  # type: ignore[no-untyped-def]
    """Places a web order of one runner (shipped to Penn Station), Manhattan restocked first."""

    def order() -> int:
        stock("ST-MAN", RUNNER, 5)
        return place(RequestedLine(RUNNER, 1, DeliveryMethod.SHIP))

    for store in STORES:
        stock(store, RUNNER, 5)
    return order


def claim_and_give_back(order_id: int, store: str, reason: str = "out_of_stock") -> None:
    offer = next(o for o in open_offers(store) if o.order_id == order_id)
    claim_offer(offer.fulfilment_id, location=store, actor=f"associate:{store}")
    unclaim_fulfilment(offer.fulfilment_id, location=store, reason=reason, actor=f"associate:{store}")


def claim(order_id: int, store: str) -> int:
    offer = next(o for o in open_offers(store) if o.order_id == order_id)
    return claim_offer(offer.fulfilment_id, location=store, actor=f"associate:{store}").fulfilment_id


def test_the_periodic_refresh_gives_a_store_without_history_the_prior(offer_profile, score, at) -> None:
    Location.objects.filter(code__in=(*STORES, "ST-CHI")).update(reliability_score=0.3)  # a stale stored score

    assert refresh_every_reliability(T0) == 5  # every store, Chicago too (no other location has outcomes)

    assert [score(code) for code in (*STORES, "ST-CHI")] == [0.9, 0.9, 0.9, 0.9, 0.9]


def test_two_out_of_stock_unclaims_lower_the_score_and_claims_of_others_leave_it(
    offer_profile, order_runner, score
) -> None:
    first = order_runner()
    claim(first, "ST-MAN")
    after_claim = score("ST-MAN")
    unclaim_fulfilment(
        OfferOutcome.objects.get(outcome="claimed").fulfilment_id,
        location="ST-MAN",
        reason="out_of_stock",
        actor="associate:man",
    )
    after_one = score("ST-MAN")
    claim_and_give_back(order_runner(), "ST-MAN")

    assert after_claim == pytest.approx((1.8 + 1.0) / 3)  # prior 0.9 × weight 2, and one quick claim
    assert after_one == pytest.approx(1.8 / 3)  # the claim is overturned: one failure
    assert score("ST-MAN") == pytest.approx(1.8 / 4)  # 0.45
    assert score("ST-BKN") == 0.9  # offered, withdrawn when Manhattan claimed: neutral
    assert score("ST-QNS") == 0.9  # never offered anything, never refreshed: the prior


def test_a_slow_claim_counts_for_less(offer_profile, order_runner, score, at) -> None:
    placed = order_runner()
    at(T0 + timedelta(seconds=300))  # half the claim timeout of 600 s

    claim(placed, "ST-BKN")

    assert score("ST-BKN") == pytest.approx((1.8 + 0.75) / 3)


def test_letting_an_offer_expire_counts_against_every_store_offered(offer_profile, order_runner, score) -> None:
    order_runner()

    expire_due_offer_rounds(T0 + timedelta(seconds=601))

    assert [score(code) for code in STORES] == pytest.approx([0.6, 0.6, 0.6, 0.9])


def test_a_store_recovers_with_claims(offer_profile, order_runner, score) -> None:
    claim_and_give_back(order_runner(), "ST-MAN")
    claim_and_give_back(order_runner(), "ST-MAN")
    failed_twice = score("ST-MAN")

    claim(order_runner(), "ST-MAN")
    claim(order_runner(), "ST-MAN")

    assert failed_twice == pytest.approx(1.8 / 4)
    assert score("ST-MAN") == pytest.approx((1.8 + 2) / 6)  # 0.633


def test_a_store_recovers_as_its_failures_age(offer_profile, order_runner, score, at) -> None:
    claim_and_give_back(order_runner(), "ST-MAN")
    claim_and_give_back(order_runner(), "ST-MAN")
    manhattan = Location.objects.get(code="ST-MAN").pk

    refresh_reliability([manhattan], now=at(T0 + timedelta(days=30)))
    a_half_life_later = score("ST-MAN")
    refresh_every_reliability(at(T0 + timedelta(days=299)))

    assert a_half_life_later == pytest.approx(1.8 / (2 + 2 * 0.5))  # 0.6, from 0.45
    assert score("ST-MAN") == pytest.approx(1.8 / (2 + 2 * 0.5 ** (299 / 30)))  # 0.899: nearly the prior again


def test_claimed_work_shipped_after_its_promise_is_an_sla_miss(offer_profile, order_runner, score) -> None:
    fulfilment_id = claim(order_runner(), "ST-BRX")

    on_time = record_sla_miss(fulfilment_id, now=T0 + timedelta(hours=24))
    late = record_sla_miss(fulfilment_id, now=T0 + timedelta(hours=25))
    again = record_sla_miss(fulfilment_id, now=T0 + timedelta(hours=26))

    assert (on_time, late, again) == (False, True, False)
    assert list(OfferOutcome.objects.filter(fulfilment_id=fulfilment_id).values_list("outcome", "decided_at")) == [
        ("claimed", T0),
        ("sla_missed", T0 + timedelta(hours=25)),
    ]
    assert score("ST-BRX") == pytest.approx(1.8 / 3)  # the claim is overturned by the miss


def test_work_that_was_assigned_not_offered_has_no_promise_to_miss(stock, place, at) -> None:
    stock("WH-NJ", RUNNER, 5)
    placed = place(RequestedLine(RUNNER, 1, DeliveryMethod.SHIP))  # the default profile assigns
    fulfilment_id = Location.objects.get(code="WH-NJ").fulfilments.get(order_id=placed).pk

    assert record_sla_miss(fulfilment_id, now=T0 + timedelta(days=9)) is False
    assert OfferOutcome.objects.count() == 0


def test_the_reliability_view_shows_the_score_and_what_it_is_made_of(offer_profile, order_runner) -> None:
    claim_and_give_back(order_runner(), "ST-MAN", reason="damaged")

    view = store_reliability("ST-MAN", now=T0 + timedelta(days=30), last=5)

    assert view.score == pytest.approx((1.8 + 0.5 * 0.5) / (2 + 0.5))  # 0.82: the damaged unclaim, a half-life old
    assert view.stored_score == pytest.approx((1.8 + 0.5) / 3)  # as refreshed at the unclaim
    assert (view.prior_score, view.prior_weight, view.half_life_days, view.sla_hours) == (0.9, 2.0, 30.0, 24.0)
    assert view.evidence_weight == pytest.approx(0.5)
    assert view.counts == {"claimed": 1, "unclaimed:damaged": 1}
    assert [(o.kind, o.value, o.weight, o.superseded) for o in view.recent] == [
        ("unclaimed:damaged", 0.5, pytest.approx(0.5), False),
        ("claimed", 1.0, 0.0, True),
    ]
    with pytest.raises(NotFound):
        store_reliability("ST-NOWHERE", now=T0)
