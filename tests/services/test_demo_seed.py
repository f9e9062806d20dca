"""`crossdock demo`: a deterministic demo network, seeded through the real order services."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from crossdock.cli import main
from crossdock.db.models import (
    ApiToken,
    Channel,
    Customer,
    Location,
    Order,
    OrderEvent,
    Product,
    Reservation,
    RoutingDecision,
    StockPosition,
)
from crossdock.services.routing.profiles import select_profile
from crossdock.services.tokens import authenticate

pytestmark = pytest.mark.django_db

DEMO_TOKEN = "cdk_demo_token_do_not_use_in_production"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed_small(seed: int = 42) -> int:
    return main(["demo", "--scale", "small", "--seed", str(seed)])


def network_fingerprint() -> dict[str, list[Any]]:
    """Everything the seed decides, without ids and timestamps."""
    return {
        "locations": list(
            Location.objects.values_list("code", "latitude", "longitude", "capabilities", "opening_hours")
        ),
        "products": list(Product.objects.values_list("sku", "name", "price", "barcode")),
        "stock": sorted(
            StockPosition.objects.values_list("location__code", "product__sku", "on_hand", "reserved", "safety_stock")
        ),
        "customers": list(Customer.objects.values_list("external_id", "name", "addresses")),
        "orders": sorted(
            (order.channel_order_id, order.status, order.total, _lines(order), _fulfilments(order))
            for order in Order.objects.all()
        ),
    }


def _lines(order: Order) -> list[tuple[Any, ...]]:
    return list(order.lines.values_list("sku", "quantity", "delivery_method", "location__code", "status"))


def _fulfilments(order: Order) -> list[tuple[str, str]]:
    return sorted(order.fulfilments.values_list("location__code", "status"))


def fingerprint_of_a_fresh_seed(seed: int) -> dict[str, list[Any]]:
    """Seed an empty database, read it, and roll it all back."""
    with transaction.atomic():
        assert seed_small(seed) == 0
        fingerprint = network_fingerprint()
        transaction.set_rollback(True)
    return fingerprint


def test_the_same_seed_gives_the_same_network_and_another_seed_a_different_one() -> None:
    first = fingerprint_of_a_fresh_seed(42)
    again = fingerprint_of_a_fresh_seed(42)
    other = fingerprint_of_a_fresh_seed(7)

    assert first == again
    assert len(first["orders"]) == 10
    assert first["products"] != other["products"]
    assert first["stock"] != other["stock"]
    assert first["orders"] != other["orders"]


def test_the_small_demo_has_the_four_channels_two_warehouses_and_six_stores() -> None:
    assert seed_small() == 0

    assert list(Channel.objects.values_list("code", "location_types")) == [
        ("call_centre", ["warehouse", "store"]),
        ("marketplace", ["warehouse"]),
        ("store", []),
        ("web", ["warehouse", "store"]),
    ]
    assert list(Location.objects.filter(type="warehouse").values_list("code", "capabilities")) == [
        ("DC-ALLENTOWN-PA", ["ship"]),
        ("DC-RENO-NV", ["ship"]),
    ]
    assert list(Location.objects.filter(type="store").values_list("code", flat=True)) == [
        "ST-CHICAGO-IL",
        "ST-HOUSTON-TX",
        "ST-LOS-ANGELES-CA",
        "ST-NEW-YORK-CITY-NY",
        "ST-PHOENIX-AZ",
        "ST-QUEENS-NY",
    ]


def test_stores_stand_at_the_real_coordinates_of_their_city_with_its_time_zone_and_hours() -> None:
    assert seed_small() == 0

    new_york = Location.objects.get(code="ST-NEW-YORK-CITY-NY")
    assert (new_york.latitude, new_york.longitude, new_york.timezone) == (40.71427, -74.00597, "America/New_York")
    assert new_york.city == "New York City" and new_york.country == "US"
    phoenix = Location.objects.get(code="ST-PHOENIX-AZ")
    assert (phoenix.latitude, phoenix.longitude, phoenix.timezone) == (33.44838, -112.07404, "America/Phoenix")
    for store in Location.objects.filter(type="store"):
        assert 24 < store.latitude < 50 and -125 < store.longitude < -66, store.code  # the lower 48 states
        assert "pickup" in store.capabilities
        assert 20 <= store.daily_capacity <= 80
        assert set(store.opening_hours) >= {"mon", "tue", "wed", "thu", "fri", "sat"}
        assert all(len(hours) == 2 and hours[0] < hours[1] for hours in store.opening_hours.values())


def test_the_catalogue_has_one_sku_per_family_colour_and_size_with_valid_ean13_barcodes() -> None:
    assert seed_small() == 0

    products = list(Product.objects.all())
    assert len(products) == 62
    for product in products:
        family, colour, size = (product.attributes[key] for key in ("family", "colour", "size"))
        assert product.name.startswith(f"{family}, {colour}, ")
        assert product.sku.endswith(f"-{size}")
        assert product.image_url == f"https://images.example.com/{product.sku}.jpg"
        assert product.price == product.price.quantize(Decimal("0.01")) and product.price > 0
        assert _is_valid_ean13(product.barcode or ""), product.barcode
    assert len({product.barcode for product in products}) == 62
    assert len({(p.attributes["family"], p.attributes["colour"]) for p in products}) == 6


def _is_valid_ean13(code: str) -> bool:
    if len(code) != 13 or not code.isdigit():
        return False
    weighted = sum(int(digit) * (1, 3)[position % 2] for position, digit in enumerate(code))
    return weighted % 10 == 0


def test_warehouses_run_deep_stores_shallow_and_scarce_skus_are_only_in_a_few_stores() -> None:
    assert seed_small() == 0

    on_hand: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for kind, sku, units in StockPosition.objects.values_list("location__type", "product__sku", "on_hand"):
        on_hand[sku][kind].append(units)
    assert StockPosition.objects.count() == 62 * 8
    warehouse_units = sorted(units for by_kind in on_hand.values() for units in by_kind["warehouse"])
    store_units = sorted(units for by_kind in on_hand.values() for units in by_kind["store"])
    assert warehouse_units[len(warehouse_units) // 2] >= 40
    assert store_units[len(store_units) // 2] <= 4
    # Seed 42 makes two SKUs scarce: none in either warehouse, one or two units in a few stores.
    scarce = sorted(
        sku
        for sku, by_kind in on_hand.items()
        if sum(by_kind["warehouse"]) == 0 and sum(by_kind["store"]) > 0 and max(by_kind["store"]) <= 2
    )
    assert scarce == ["VEST-BLK-L", "VEST-BLK-S"]
    assert StockPosition.objects.filter(safety_stock__gt=0).exists()


def test_past_orders_are_real_orders_with_reservations_fulfilments_and_a_timeline() -> None:
    assert seed_small() == 0

    orders = list(Order.objects.order_by("created_at"))
    assert len(orders) == 10
    cancelled = [order for order in orders if order.status == "cancelled"]
    assert len(cancelled) == 1
    for order in orders:
        events = list(OrderEvent.objects.filter(order=order).values_list("type", flat=True))
        assert events[:2] in (["OrderPlaced", "OrderRouted"], ["OrderPlaced", "FulfilmentCreated"])
        assert {"FulfilmentCreated", "FulfilmentOffered"} & set(events)
        assert order.fulfilments.exists()
        assert ("OrderCancelled" in events) == (order.status == "cancelled")
    assert not Reservation.objects.filter(order_line__order__in=cancelled).exists()
    for position in StockPosition.objects.filter(reserved__gt=0):
        assert position.reserved == sum(position.reservations.values_list("quantity", flat=True))
        assert position.reserved <= position.on_hand - position.safety_stock


def test_past_orders_are_spread_over_the_last_month_oldest_first() -> None:
    before = timezone.now()
    assert seed_small() == 0

    placed = list(Order.objects.order_by("id").values_list("created_at", flat=True))
    assert placed == sorted(placed)
    assert before - timedelta(days=31) < placed[0] < before - timedelta(days=25)
    assert placed[-1] < before
    first_order = Order.objects.order_by("id").first()
    assert first_order is not None
    assert all(event.created_at >= first_order.created_at for event in first_order.events.all())


def test_the_demo_token_has_every_scope_and_admin_can_log_in(capsys: pytest.CaptureFixture[str]) -> None:
    assert seed_small() == 0

    principal = authenticate(DEMO_TOKEN)
    assert principal is not None
    assert principal.scopes == frozenset(
        {
            "admin",
            "inventory:read",
            "inventory:write",
            "orders:read",
            "orders:write",
            "routing:read",
            "routing:write",
            "stores:write",
        }
    )
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")
    printed = capsys.readouterr().out
    for expected in (DEMO_TOKEN, "http://127.0.0.1:8000/api/v1/docs", "http://127.0.0.1:8000/admin/"):
        assert expected in printed


def test_if_empty_leaves_a_seeded_database_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert seed_small() == 0
    seeded = network_fingerprint()

    assert main(["demo", "--scale", "small", "--seed", "7", "--if-empty"]) == 0

    assert network_fingerprint() == seeded
    assert ApiToken.objects.count() == 1
    assert "not seeded again" in capsys.readouterr().out


def test_seeding_a_database_that_has_locations_is_refused_and_changes_nothing(network: dict[str, Location]) -> None:
    assert main(["demo", "--scale", "small"]) == 1

    assert list(Location.objects.values_list("code", flat=True)) == ["ST-BKN", "ST-CHI", "ST-MAN", "WH-NJ"]
    assert Product.objects.count() == 0
    assert ApiToken.objects.count() == 0


def test_web_orders_are_routed_by_the_demo_profile_and_store_work_is_offered() -> None:
    assert seed_small() == 0

    selected = select_profile(channel="web", delivery_method="ship", customer_tier="standard", order_value=Decimal(50))
    assert (selected.name, selected.version, str(selected.spec.strategy)) == (
        "Web: least cost, stores on offer",
        1,
        "offer",
    )
    web_decisions = RoutingDecision.objects.filter(order__channel__code="web")
    assert web_decisions.exists()
    assert set(web_decisions.values_list("profile_name", flat=True)) == {"Web: least cost, stores on offer"}
