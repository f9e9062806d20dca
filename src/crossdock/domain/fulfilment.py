"""Fulfilment orders: one location's share of an order, and their state machine."""

from __future__ import annotations

from enum import StrEnum


class FulfilmentStatus(StrEnum):
    ASSIGNED = "assigned"
    OFFERED = "offered"
    CLAIMED = "claimed"
    PICKING = "picking"
    PACKED = "packed"
    SHIPPED = "shipped"
    READY_FOR_PICKUP = "ready_for_pickup"
    COLLECTED = "collected"
    UNCLAIMED = "unclaimed"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # offered to several stores; another claimed it, or the offer was called back
    CANCELLED = "cancelled"
    HELD = "held"  # the order is on hold: not to be offered, claimed or picked until released
    IN_TRANSIT = "in_transit"  # ship to store: shipped by its source, on its way to the pickup store
    RECEIVED = "received"  # ship to store: arrived at the pickup store (its pickup fulfilment takes over)


_S = FulfilmentStatus

FULFILMENT_TRANSITIONS: dict[FulfilmentStatus, frozenset[FulfilmentStatus]] = {
    _S.ASSIGNED: frozenset({_S.CLAIMED, _S.PICKING, _S.COLLECTED, _S.CANCELLED, _S.HELD}),
    _S.OFFERED: frozenset({_S.CLAIMED, _S.WITHDRAWN, _S.EXPIRED, _S.CANCELLED}),
    _S.CLAIMED: frozenset({_S.PICKING, _S.UNCLAIMED, _S.CANCELLED, _S.HELD}),
    _S.HELD: frozenset({_S.ASSIGNED, _S.CANCELLED}),  # released back to routing, or cancelled
    _S.PICKING: frozenset({_S.PACKED, _S.CANCELLED}),
    _S.PACKED: frozenset({_S.SHIPPED, _S.READY_FOR_PICKUP, _S.IN_TRANSIT}),
    _S.IN_TRANSIT: frozenset({_S.RECEIVED}),
    _S.RECEIVED: frozenset(),
    _S.READY_FOR_PICKUP: frozenset({_S.COLLECTED, _S.CANCELLED}),
    _S.SHIPPED: frozenset(),
    _S.COLLECTED: frozenset(),
    _S.UNCLAIMED: frozenset(),
    _S.EXPIRED: frozenset(),
    _S.WITHDRAWN: frozenset(),
    _S.CANCELLED: frozenset(),
}

# Work whose stock has not yet left the location: cancelling it releases the reservation.
CANCELLABLE = frozenset({_S.ASSIGNED, _S.OFFERED, _S.CLAIMED, _S.PICKING, _S.READY_FOR_PICKUP, _S.HELD})

# Work that a hold stops (and an order edit may change): nothing has been picked yet.
NOT_STARTED = frozenset({_S.ASSIGNED, _S.OFFERED, _S.CLAIMED, _S.HELD})
