"""Batch re-routing: orders that online routing served badly get a cheaper joint plan, and nothing
else moves — not a dry run, not an order on hold, not an order whose new stock was taken meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count

import pytest

from crossdock.db.models import FulfilmentOrder, OrderEvent, RoutingDecision
from crossdock.domain.geo import haversine_km
from crossdock.domain.holds import HoldKind
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.holds.place_hold import hold_order
from crossdock.services.routing import batch_reroute
from crossdock.services.routing.batch_reroute import reroute_open_orders

SHIP = DeliveryMethod.SHIP
NOW = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
PENN = (40.7506, -73.9971)
KM_MANHATTAN = haversine_km(*PENN, 40.7580, -73.9855)
KM_NEWARK = haversine_km(*PENN, 40.7357, -74.1724)
# The default profile: 8.0 a parcel, 0.002 a km, 0.4 a unit, 2.0 for every parcel beyond the first.
KM = 0.002


def _clock() -> Callable[[], float]:
    ticks = count()
    return lambda: float(next(ticks)) * 1e-3


@pytest.fixture
def badly_served(stock, place) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The runner placed first takes Manhattan's only pair; the runner + jacket order placed next is
    split between Manhattan (jacket) and Newark (runner). Together: runner alone from Newark, the
    pair from Manhattan in one parcel."""
    stock("ST-MAN", "RETRO-RUNNER-42", 1)
    stock("ST-MAN", "TRAIL-JACKET-M", 1)
    stock("WH-NJ", "RETRO-RUNNER-42", 1)
    runner = place(RequestedLine("RETRO-RUNNER-42", 1, SHIP))
    pair = place(RequestedLine("RETRO-RUNNER-42", 1, SHIP), RequestedLine("TRAIL-JACKET-M", 1, SHIP))
    return runner, pair


def _fulfilments(order_id: int) -> list[tuple[str, str]]:
    return sorted(FulfilmentOrder.objects.filter(order_id=order_id).values_list("location__code", "status"))


def test_two_badly_served_orders_get_a_cheaper_joint_plan(badly_served, position) -> None:  # type: ignore[no-untyped-def]
    runner, pair = badly_served
    assert _fulfilments(pair) == [("ST-MAN", "assigned"), ("WH-NJ", "assigned")]

    report = reroute_open_orders(now=NOW, clock=_clock())

    before = (8 + KM * KM_MANHATTAN + 0.4) + (2 * 8 + KM * (KM_MANHATTAN + KM_NEWARK) + 2 * 0.4 + 2)
    after = (8 + KM * KM_NEWARK + 0.4) + (8 + KM * KM_MANHATTAN + 2 * 0.4)
    assert (report.considered, report.changed, report.applied, report.kept) == (2, 2, 2, {})
    assert report.cost_before == pytest.approx(before, abs=1e-9)
    assert report.cost_after == pytest.approx(after, abs=1e-9)
    assert report.saved == pytest.approx(10 + KM * KM_MANHATTAN, abs=1e-9)
    assert report.lower_bound == pytest.approx(after, abs=1e-9)
    assert _fulfilments(runner) == [("ST-MAN", "cancelled"), ("WH-NJ", "assigned")]
    assert _fulfilments(pair) == [("ST-MAN", "assigned"), ("ST-MAN", "cancelled"), ("WH-NJ", "cancelled")]
    reserved = [
        position(code, sku).reserved
        for code, sku in [("ST-MAN", "RETRO-RUNNER-42"), ("ST-MAN", "TRAIL-JACKET-M"), ("WH-NJ", "RETRO-RUNNER-42")]
    ]
    assert reserved == [1, 1, 1]
    decisions = RoutingDecision.objects.filter(reason="reroute").order_by("order_id")
    assert [(d.order_id, d.allocations) for d in decisions] == [
        (runner, [{"sku": "RETRO-RUNNER-42", "location": "WH-NJ", "quantity": 1}]),
        (
            pair,
            [
                {"sku": "RETRO-RUNNER-42", "location": "ST-MAN", "quantity": 1},
                {"sku": "TRAIL-JACKET-M", "location": "ST-MAN", "quantity": 1},
            ],
        ),
    ]
    routed = OrderEvent.objects.filter(order_id=pair, type="OrderRouted").last()
    assert routed is not None and (routed.reason, routed.data["locations"]) == ("reroute", ["ST-MAN"])


def test_a_dry_run_reports_the_saving_and_changes_nothing(badly_served, db_state) -> None:  # type: ignore[no-untyped-def]
    state = db_state()

    report = reroute_open_orders(now=NOW, clock=_clock(), dry_run=True)

    assert (report.considered, report.changed, report.applied) == (2, 2, 0)
    assert report.saved == pytest.approx(10 + KM * KM_MANHATTAN, abs=1e-9)
    assert db_state() == state
    assert not RoutingDecision.objects.filter(reason="reroute").exists()


def test_an_order_on_hold_is_left_alone(badly_served) -> None:  # type: ignore[no-untyped-def]
    runner, pair = badly_served
    hold_order(pair, kind=HoldKind.MANUAL, reason="customer called", actor="cs:ada")
    held = _fulfilments(pair)

    report = reroute_open_orders(now=NOW, clock=_clock())

    assert (report.considered, report.changed, report.applied) == (1, 0, 0)
    assert _fulfilments(pair) == held
    assert _fulfilments(runner) == [("ST-MAN", "assigned")]


def test_orders_whose_new_stock_moved_meanwhile_keep_their_plans(badly_served, stock, monkeypatch, position) -> None:  # type: ignore[no-untyped-def]
    runner, pair = badly_served
    apply = batch_reroute.apply_plans

    def taken_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        # Between the batch's read and its apply, Manhattan keeps its last jacket as safety stock:
        # the pair can no longer be re-reserved there, so neither order of the swap moves.
        stock("ST-MAN", "TRAIL-JACKET-M", 1, safety_stock=1)
        return apply(*args, **kwargs)

    monkeypatch.setattr(batch_reroute, "apply_plans", taken_first)

    report = reroute_open_orders(now=NOW, clock=_clock())

    assert (report.changed, report.applied, report.kept) == (2, 0, {"stock_moved": 2})
    assert _fulfilments(runner) == [("ST-MAN", "assigned")]
    assert _fulfilments(pair) == [("ST-MAN", "assigned"), ("WH-NJ", "assigned")]
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 1
    assert not RoutingDecision.objects.filter(reason="reroute").exists()
