"""Bulk upserts of locations and products: insert what is new, update what changed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import Location, Product
from crossdock.domain.errors import DuplicateLine, InvalidInput
from crossdock.domain.locations import Capability, LocationType
from crossdock.services.catalog.upsert import LocationData, ProductData, UpsertResult, upsert_locations, upsert_products

BOSTON = LocationData(
    code="ST-BOS",
    name="Boston Newbury St",
    type=LocationType.STORE,
    latitude=42.3496,
    longitude=-71.0805,
    timezone="America/New_York",
    city="Boston",
    country="US",
    capabilities=[Capability.SHIP_FROM_STORE, Capability.PICKUP],
    daily_capacity=40,
)
DALLAS = LocationData(
    code="WH-DAL",
    name="Dallas DC",
    type=LocationType.WAREHOUSE,
    latitude=32.7767,
    longitude=-96.7970,
    timezone="America/Chicago",
    capabilities=[Capability.SHIP],
)
SPEED_SOCK = ProductData(
    sku="SPEED-SOCK-L",
    name="Speed Sock, L",
    price=Decimal("12.00"),
    brand="Crossdock Sport",
    category="socks",
    attributes={"size": "L", "colour": "neon yellow"},
    barcode="4006381333962",
)


def test_new_locations_are_created_with_every_field(db) -> None:
    result = upsert_locations([BOSTON, DALLAS])

    assert result == UpsertResult(created=2, updated=0, unchanged=0)
    boston = Location.objects.get(code="ST-BOS")
    assert (
        boston.name,
        boston.type,
        boston.latitude,
        boston.longitude,
        boston.timezone,
        boston.city,
        boston.country,
        boston.capabilities,
        boston.daily_capacity,
        boston.active,
    ) == (
        "Boston Newbury St",
        "store",
        42.3496,
        -71.0805,
        "America/New_York",
        "Boston",
        "US",
        ["pickup", "ship_from_store"],
        40,
        True,
    )


def test_the_same_locations_again_are_unchanged(db) -> None:
    upsert_locations([BOSTON, DALLAS])

    assert upsert_locations([BOSTON, DALLAS]) == UpsertResult(created=0, updated=0, unchanged=2)


def test_a_changed_location_is_updated_and_a_new_one_created_in_one_call(db) -> None:
    upsert_locations([BOSTON])
    moved = LocationData(**{**_fields(BOSTON), "name": "Boston Back Bay", "daily_capacity": 55})

    result = upsert_locations([moved, DALLAS])

    assert result == UpsertResult(created=1, updated=1, unchanged=0)
    boston = Location.objects.get(code="ST-BOS")
    assert (boston.name, boston.daily_capacity) == ("Boston Back Bay", 55)
    assert Location.objects.count() == 2


def test_an_update_moves_updated_at(db) -> None:
    upsert_locations([BOSTON])
    first = Location.objects.get(code="ST-BOS").updated_at

    upsert_locations([LocationData(**{**_fields(BOSTON), "active": False})])

    assert Location.objects.get(code="ST-BOS").updated_at > first


def test_a_code_listed_twice_refuses_the_batch(db, db_state) -> None:
    before = db_state()

    with pytest.raises(DuplicateLine) as raised:
        upsert_locations([BOSTON, DALLAS, BOSTON])

    assert raised.value.field == "locations[2].code"
    assert db_state() == before


def test_coordinates_off_the_globe_refuse_the_batch(db, db_state) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        upsert_locations([BOSTON, LocationData(**{**_fields(DALLAS), "latitude": 132.7767})])

    assert raised.value.field == "locations[1].latitude"
    assert db_state() == before


def test_an_empty_batch_is_refused(db) -> None:
    with pytest.raises(InvalidInput):
        upsert_locations([])


def test_new_products_are_created_and_the_same_again_are_unchanged(db) -> None:
    assert upsert_products([SPEED_SOCK]) == UpsertResult(created=1, updated=0, unchanged=0)
    assert upsert_products([SPEED_SOCK]) == UpsertResult(created=0, updated=0, unchanged=1)

    sock = Product.objects.get(sku="SPEED-SOCK-L")
    assert (sock.name, sock.price, sock.currency, sock.brand, sock.attributes, sock.barcode) == (
        "Speed Sock, L",
        Decimal("12.00"),
        "USD",
        "Crossdock Sport",
        {"size": "L", "colour": "neon yellow"},
        "4006381333962",
    )


def test_a_new_price_updates_the_product(products) -> None:
    runner = ProductData(
        sku="RETRO-RUNNER-42", name="Retro Runner, size 42", price=Decimal("79.90"), barcode="4006381333931"
    )

    result = upsert_products([runner, SPEED_SOCK])

    assert result == UpsertResult(created=1, updated=1, unchanged=0)
    assert Product.objects.get(sku="RETRO-RUNNER-42").price == Decimal("79.90")


def test_a_sku_listed_twice_refuses_the_batch(db, db_state) -> None:
    before = db_state()

    with pytest.raises(DuplicateLine) as raised:
        upsert_products([SPEED_SOCK, SPEED_SOCK])

    assert raised.value.field == "products[1].sku"
    assert db_state() == before


def test_a_barcode_listed_twice_refuses_the_batch(db, db_state) -> None:
    twin = ProductData(sku="SPEED-SOCK-M", name="Speed Sock, M", price=Decimal("12.00"), barcode="4006381333962")
    before = db_state()

    with pytest.raises(DuplicateLine) as raised:
        upsert_products([SPEED_SOCK, twin])

    assert raised.value.field == "products[1].barcode"
    assert db_state() == before


def test_a_barcode_that_belongs_to_another_product_refuses_the_batch(products, db_state) -> None:
    thief = ProductData(sku="SPEED-SOCK-M", name="Speed Sock, M", price=Decimal("12.00"), barcode="4006381333931")
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        upsert_products([SPEED_SOCK, thief])

    assert raised.value.field == "products[1].barcode"
    assert raised.value.message == "barcode already belongs to RETRO-RUNNER-42"
    assert db_state() == before


def test_a_negative_price_refuses_the_batch(db, db_state) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        upsert_products([ProductData(sku="FREE-LUNCH", name="Free lunch", price=Decimal("-0.01"))])

    assert raised.value.field == "products[0].price"
    assert db_state() == before


def _fields(location: LocationData) -> dict[str, object]:
    return {name: getattr(location, name) for name in location.__slots__}  # type: ignore[attr-defined]


def test_an_unknown_time_zone_refuses_the_batch(db, db_state) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        upsert_locations([BOSTON, LocationData(**{**_fields(DALLAS), "timezone": "Mars/Olympus_Mons"})])

    assert raised.value.field == "locations[1].timezone"
    assert db_state() == before


def test_a_duplicate_barcode_is_reported_at_the_product_that_repeats_it(db) -> None:
    plain = ProductData(sku="PLAIN-TEE-S", name="Plain Tee, S", price=Decimal("9.00"))
    twin = ProductData(sku="SPEED-SOCK-M", name="Speed Sock, M", price=Decimal("12.00"), barcode="4006381333962")

    with pytest.raises(DuplicateLine) as raised:
        upsert_products([plain, SPEED_SOCK, twin])

    assert raised.value.field == "products[2].barcode"


def test_two_products_can_swap_barcodes_in_one_batch(products) -> None:
    runner = ProductData(
        sku="RETRO-RUNNER-42", name="Retro Runner, size 42", price=Decimal("89.90"), barcode="4006381333948"
    )
    jacket = ProductData(sku="TRAIL-JACKET-M", name="Trail Jacket, M", price=Decimal("149.00"), barcode="4006381333931")

    result = upsert_products([runner, jacket])

    assert result == UpsertResult(created=0, updated=2, unchanged=0)
    assert dict(
        Product.objects.filter(sku__in=["RETRO-RUNNER-42", "TRAIL-JACKET-M"]).values_list("sku", "barcode")
    ) == {
        "RETRO-RUNNER-42": "4006381333948",
        "TRAIL-JACKET-M": "4006381333931",
    }


def test_a_barcode_can_move_to_a_new_product_of_the_batch(products) -> None:
    runner = ProductData(sku="RETRO-RUNNER-42", name="Retro Runner, size 42", price=Decimal("89.90"), barcode=None)
    successor = ProductData(
        sku="RETRO-RUNNER-42-V2", name="Retro Runner v2, 42", price=Decimal("94.90"), barcode="4006381333931"
    )

    result = upsert_products([runner, successor])

    assert result == UpsertResult(created=1, updated=1, unchanged=0)
    assert Product.objects.get(barcode="4006381333931").sku == "RETRO-RUNNER-42-V2"
    assert Product.objects.get(sku="RETRO-RUNNER-42").barcode is None


def test_an_empty_barcode_is_no_barcode(db) -> None:
    first = ProductData(sku="PLAIN-TEE-S", name="Plain Tee, S", price=Decimal("9.00"), barcode="")
    second = ProductData(sku="PLAIN-TEE-M", name="Plain Tee, M", price=Decimal("9.00"), barcode="")

    assert upsert_products([first, second]) == UpsertResult(created=2, updated=0, unchanged=0)
    assert list(Product.objects.values_list("barcode", flat=True)) == [None, None]
