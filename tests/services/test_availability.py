"""get_availability: per location, network totals, a channel's view, nearest first."""

from __future__ import annotations

import pytest

from crossdock.db.models import Channel, Location
from crossdock.domain.errors import InvalidInput, UnknownChannel, UnknownSku
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.inventory.availability import LocationAvailability, SkuAvailability, get_availability

PENN_STATION = (40.7506, -73.9971)


@pytest.fixture
def runners(stock, place) -> None:
    """Runners: Newark 10 (2 held back), Manhattan 3 (1 reserved), Brooklyn 0, Chicago 4."""
    stock("WH-NJ", "RETRO-RUNNER-42", 10, safety_stock=2)
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    stock("ST-BKN", "RETRO-RUNNER-42", 0)
    stock("ST-CHI", "RETRO-RUNNER-42", 4)
    place(RequestedLine("RETRO-RUNNER-42", 1, DeliveryMethod.PICKUP, "ST-MAN"), shipping_address=None)


def test_availability_lists_every_location_and_the_network_total(runners) -> None:
    [runner] = get_availability(["RETRO-RUNNER-42"])

    assert runner == SkuAvailability(
        sku="RETRO-RUNNER-42",
        on_hand=17,
        reserved=1,
        available=14,
        channel=None,
        channel_available=None,
        locations=[
            LocationAvailability("ST-BKN", "store", 0, 0, 0, 0, None, True),
            LocationAvailability("ST-CHI", "store", 4, 0, 0, 4, None, True),
            LocationAvailability("ST-MAN", "store", 3, 1, 0, 2, None, True),
            LocationAvailability("WH-NJ", "warehouse", 10, 0, 2, 8, None, True),
        ],
    )


def test_a_channel_sees_only_the_locations_it_counts(runners) -> None:
    Channel.objects.create(code="marketplace", name="Marketplace", location_types=["warehouse"])

    [runner] = get_availability(["RETRO-RUNNER-42"], channel="marketplace")

    assert (runner.channel, runner.available, runner.channel_available) == ("marketplace", 14, 8)
    assert [(a.location, a.counts_for_channel) for a in runner.locations] == [
        ("ST-BKN", False),
        ("ST-CHI", False),
        ("ST-MAN", False),
        ("WH-NJ", True),
    ]


def test_a_channel_without_location_types_counts_every_location(runners) -> None:
    [runner] = get_availability(["RETRO-RUNNER-42"], channel="store")

    assert (runner.channel, runner.channel_available) == ("store", 14)
    assert all(a.counts_for_channel for a in runner.locations)


def test_with_coordinates_the_nearest_location_comes_first_with_its_distance(runners) -> None:
    [runner] = get_availability(["RETRO-RUNNER-42"], near=PENN_STATION)

    assert [(a.location, a.distance_km) for a in runner.locations] == [
        ("ST-MAN", 1.3),
        ("ST-BKN", 7.6),
        ("WH-NJ", 14.9),
        ("ST-CHI", 1144.2),
    ]


def test_several_skus_come_back_in_the_order_asked_even_without_stock(runners, stock) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 6)

    answer = get_availability(["WOOL-BEANIE", "TRAIL-JACKET-M", "RETRO-RUNNER-42"])

    assert [(a.sku, a.on_hand, a.available, len(a.locations)) for a in answer] == [
        ("WOOL-BEANIE", 6, 6, 1),
        ("TRAIL-JACKET-M", 0, 0, 0),
        ("RETRO-RUNNER-42", 17, 14, 4),
    ]


def test_an_inactive_location_is_left_out(runners) -> None:
    Location.objects.filter(code="ST-CHI").update(active=False)

    [runner] = get_availability(["RETRO-RUNNER-42"])

    assert [a.location for a in runner.locations] == ["ST-BKN", "ST-MAN", "WH-NJ"]
    assert (runner.on_hand, runner.available) == (13, 10)


def test_an_unknown_sku_is_refused_at_its_index(runners) -> None:
    with pytest.raises(UnknownSku) as raised:
        get_availability(["RETRO-RUNNER-42", "MOON-BOOT-99"])

    assert raised.value.field == "skus[1]"


def test_an_unknown_channel_is_refused(runners) -> None:
    with pytest.raises(UnknownChannel) as raised:
        get_availability(["RETRO-RUNNER-42"], channel="carrier-pigeon")

    assert raised.value.field == "channel"


@pytest.mark.parametrize("count", [0, 101])
def test_no_skus_or_more_than_a_hundred_are_refused(db, count: int) -> None:
    with pytest.raises(InvalidInput) as raised:
        get_availability([f"SKU-{n}" for n in range(count)])

    assert raised.value.field == "skus"
