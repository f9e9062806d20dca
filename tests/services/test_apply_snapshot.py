"""apply_snapshot: absolute counts for one location, in feed order, skipping what did not change."""

from __future__ import annotations

import pytest

from crossdock.db.models import LocationFeed, OutboxMessage, Reservation
from crossdock.domain.errors import DuplicateLine, InvalidInput, StaleFeed, UnknownLocation, UnknownSku
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.inventory.apply_snapshot import CountedStock, SnapshotResult, apply_snapshot
from crossdock.services.orders.queries import get_order

SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP


def test_a_snapshot_creates_changes_and_skips_positions(stock, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("ST-MAN", "TRAIL-JACKET-M", 2)

    result = apply_snapshot(
        "ST-MAN",
        1,
        [CountedStock("RETRO-RUNNER-42", 5), CountedStock("TRAIL-JACKET-M", 3), CountedStock("WOOL-BEANIE", 7)],
        actor="pos:ST-MAN",
    )

    assert result == SnapshotResult(
        location="ST-MAN", sequence=1, duplicate=False, changed=1, unchanged=1, created=1, zeroed=0, released_units=0
    )
    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 5
    assert position("ST-MAN", "TRAIL-JACKET-M").on_hand == 3
    assert position("ST-MAN", "WOOL-BEANIE").on_hand == 7


def test_a_snapshot_touches_only_its_own_location(stock, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("ST-BKN", "RETRO-RUNNER-42", 8)

    apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 1)], actor="pos:ST-MAN")

    assert position("ST-BKN", "RETRO-RUNNER-42").on_hand == 8


def test_a_partial_snapshot_leaves_unlisted_positions_alone(stock, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("ST-MAN", "TRAIL-JACKET-M", 2)

    result = apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 4)], actor="pos:ST-MAN")

    assert (result.changed, result.zeroed) == (1, 0)
    assert position("ST-MAN", "TRAIL-JACKET-M").on_hand == 2


def test_a_complete_snapshot_zeroes_every_position_it_does_not_list(stock, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("ST-MAN", "TRAIL-JACKET-M", 2)
    stock("ST-MAN", "WOOL-BEANIE", 0)

    result = apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 4)], complete=True, actor="pos:ST-MAN")

    assert (result.changed, result.unchanged, result.created, result.zeroed) == (1, 0, 0, 1)
    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 4
    assert position("ST-MAN", "TRAIL-JACKET-M").on_hand == 0
    assert position("ST-MAN", "WOOL-BEANIE").on_hand == 0


def test_an_empty_complete_snapshot_zeroes_the_location(stock, position) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 40)

    result = apply_snapshot("WH-NJ", 3, [], complete=True, actor="wms")

    assert result.zeroed == 1
    assert position("WH-NJ", "RETRO-RUNNER-42").on_hand == 0


def test_the_same_sequence_again_changes_nothing(stock, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    apply_snapshot("ST-MAN", 7, [CountedStock("RETRO-RUNNER-42", 6)], actor="pos:ST-MAN")

    result = apply_snapshot("ST-MAN", 7, [CountedStock("RETRO-RUNNER-42", 99)], actor="pos:ST-MAN")

    assert result == SnapshotResult(location="ST-MAN", sequence=7, duplicate=True)
    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 6


def test_a_newer_sequence_is_applied_and_recorded(stock, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    apply_snapshot("ST-MAN", 7, [CountedStock("RETRO-RUNNER-42", 6)], actor="pos:ST-MAN")

    apply_snapshot("ST-MAN", 8, [CountedStock("RETRO-RUNNER-42", 2)], actor="pos:ST-MAN")

    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 2
    assert LocationFeed.objects.get(location__code="ST-MAN").sequence == 8


def test_an_older_sequence_is_refused_and_writes_nothing(stock, db_state) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    apply_snapshot("ST-MAN", 9, [CountedStock("RETRO-RUNNER-42", 6)], actor="pos:ST-MAN")
    before = db_state()

    with pytest.raises(StaleFeed) as raised:
        apply_snapshot(
            "ST-MAN", 8, [CountedStock("RETRO-RUNNER-42", 1), CountedStock("WOOL-BEANIE", 3)], actor="pos:ST-MAN"
        )

    assert raised.value.field == "sequence"
    assert raised.value.message == "sequence 8 is older than 9, already applied"
    assert db_state() == before


def test_sequences_are_kept_per_location(stock, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    apply_snapshot("ST-MAN", 500, [CountedStock("RETRO-RUNNER-42", 6)], actor="pos:ST-MAN")

    apply_snapshot("ST-BKN", 1, [CountedStock("RETRO-RUNNER-42", 3)], actor="pos:ST-BKN")

    assert position("ST-BKN", "RETRO-RUNNER-42").on_hand == 3


def test_an_unknown_location_is_refused(stock, db_state) -> None:
    before = db_state()

    with pytest.raises(UnknownLocation) as raised:
        apply_snapshot("ST-ATLANTIS", 1, [CountedStock("RETRO-RUNNER-42", 3)], actor="pos")

    assert raised.value.field == "location"
    assert db_state() == before


def test_an_unknown_sku_refuses_the_whole_snapshot(stock, db_state) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    before = db_state()

    with pytest.raises(UnknownSku) as raised:
        apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 3), CountedStock("MOON-BOOT-99", 1)], actor="pos")

    assert raised.value.field == "positions[1].sku"
    assert db_state() == before


def test_a_sku_counted_twice_refuses_the_whole_snapshot(stock, db_state) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    before = db_state()

    with pytest.raises(DuplicateLine) as raised:
        apply_snapshot(
            "ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 3), CountedStock("RETRO-RUNNER-42", 4)], actor="pos"
        )

    assert raised.value.field == "positions[1].sku"
    assert db_state() == before


def test_a_negative_count_refuses_the_whole_snapshot(stock, db_state) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        apply_snapshot("ST-MAN", 1, [CountedStock("WOOL-BEANIE", 3), CountedStock("RETRO-RUNNER-42", -1)], actor="pos")

    assert raised.value.field == "positions[1].on_hand"
    assert db_state() == before


def test_a_count_still_covering_reservations_releases_nothing(stock, place, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))

    result = apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 3)], actor="pos:ST-MAN")

    assert result.released_units == 0
    runners = position("ST-MAN", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved) == (3, 3)


def test_a_count_below_reservations_releases_the_youngest_reservation_first(stock, place, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    older = place(RequestedLine("RETRO-RUNNER-42", 2, SHIP))
    younger = place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))

    result = apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 3)], actor="pos:ST-MAN")

    assert result.released_units == 2
    runners = position("ST-MAN", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved) == (3, 3)
    assert sorted(Reservation.objects.values_list("order_line__order_id", "quantity")) == sorted(
        [(older, 2), (younger, 1)]
    )
    younger_line = get_order(younger).lines[0]
    assert (younger_line.status, younger_line.unallocated_quantity) == ("unallocated", 2)
    assert [(f.location, f.status, [fl.quantity for fl in f.lines]) for f in get_order(younger).fulfilments] == [
        ("ST-MAN", "assigned", [1])
    ]
    older_line = get_order(older).lines[0]
    assert (older_line.status, older_line.unallocated_quantity) == ("allocated", 0)


def test_a_shortage_is_on_the_timeline_and_in_the_outbox(stock, place, network) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))

    apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 1)], actor="pos:ST-MAN")

    event = get_order(order_id).timeline[-1]
    assert (event.type, event.actor, event.reason) == (
        "StockShortage",
        "pos:ST-MAN",
        "a stock count came in below the reserved quantity",
    )
    assert event.data == {"line": 1, "quantity": 2, "location_id": network["ST-MAN"].pk}
    message = OutboxMessage.objects.last()
    assert message is not None
    assert (message.topic, message.payload) == (
        "order.stock_shortage",
        {"order_id": order_id, "line": 1, "quantity": 2},
    )


def test_a_shortage_can_take_every_unit_of_one_order_and_some_of_the_next(stock, place, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    older = place(RequestedLine("RETRO-RUNNER-42", 2, SHIP))
    younger = place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))

    result = apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 1)], actor="pos:ST-MAN")

    assert result.released_units == 4
    runners = position("ST-MAN", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved) == (1, 1)
    assert [(line.status, line.unallocated_quantity) for line in get_order(younger).lines] == [("unallocated", 3)]
    assert [(line.status, line.unallocated_quantity) for line in get_order(older).lines] == [("unallocated", 1)]
    assert list(Reservation.objects.values_list("order_line__order_id", "quantity")) == [(older, 1)]


def test_a_fulfilment_left_without_units_by_a_shortage_is_cancelled(stock, place) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))

    apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 0)], actor="pos:ST-MAN")

    order = get_order(order_id)
    assert [(f.location, f.status, f.lines) for f in order.fulfilments] == [("ST-MAN", "cancelled", [])]
    assert [(line.status, line.unallocated_quantity) for line in order.lines] == [("unallocated", 3)]
    assert order.status == "placed"


def test_a_count_below_safety_stock_releases_every_reservation_there(stock, place, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 6, safety_stock=2)
    place(RequestedLine("RETRO-RUNNER-42", 4, SHIP))

    result = apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 1)], actor="pos:ST-MAN")

    assert result.released_units == 4
    runners = position("ST-MAN", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved, runners.safety_stock) == (1, 0, 2)


def test_a_count_respects_safety_stock_when_releasing(stock, place, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 6, safety_stock=1)
    place(RequestedLine("RETRO-RUNNER-42", 5, SHIP))

    result = apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 4)], actor="pos:ST-MAN")

    assert result.released_units == 2
    runners = position("ST-MAN", "RETRO-RUNNER-42")
    assert runners.reserved == 3
    assert runners.reserved <= runners.on_hand - runners.safety_stock


def test_a_complete_snapshot_zeroing_a_reserved_position_releases_it(stock, place, position) -> None:
    stock("ST-BKN", "WOOL-BEANIE", 2)
    order_id = place(RequestedLine("WOOL-BEANIE", 2, PICKUP, "ST-BKN"), shipping_address=None)

    result = apply_snapshot("ST-BKN", 1, [], complete=True, actor="pos:ST-BKN")

    assert (result.zeroed, result.released_units) == (1, 2)
    assert position("ST-BKN", "WOOL-BEANIE").reserved == 0
    assert [(line.status, line.unallocated_quantity) for line in get_order(order_id).lines] == [("unallocated", 2)]


def test_a_crash_while_recording_a_shortage_rolls_the_whole_snapshot_back(stock, place, db_state, monkeypatch) -> None:
    from crossdock.services.inventory import shortages

    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))
    before = db_state()

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the process died while writing the timeline")

    monkeypatch.setattr(shortages, "record_order_events", crash)

    with pytest.raises(RuntimeError):
        apply_snapshot("ST-MAN", 1, [CountedStock("RETRO-RUNNER-42", 1)], actor="pos:ST-MAN")

    assert db_state() == before


def test_a_sequence_out_of_range_is_refused(stock, db_state) -> None:
    before = db_state()

    for sequence in (-1, 2**63):
        with pytest.raises(InvalidInput) as raised:
            apply_snapshot("ST-MAN", sequence, [], actor="pos")
        assert raised.value.field == "sequence"

    assert db_state() == before
