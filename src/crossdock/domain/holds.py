"""Holds: reasons an order may not progress to fulfilment, and their state machine."""

from __future__ import annotations

from enum import StrEnum

from crossdock.domain.errors import DomainError


class HoldKind(StrEnum):
    PAYMENT = "payment"
    FRAUD = "fraud"
    MANUAL = "manual"


class HoldStatus(StrEnum):
    ACTIVE = "active"
    RELEASED = "released"
    CANCELLED = "cancelled"  # the order was cancelled while held


HOLD_TRANSITIONS: dict[HoldStatus, frozenset[HoldStatus]] = {
    HoldStatus.ACTIVE: frozenset({HoldStatus.RELEASED, HoldStatus.CANCELLED}),
    HoldStatus.RELEASED: frozenset(),
    HoldStatus.CANCELLED: frozenset(),
}


class OrderOnHold(DomainError):
    code = "order_on_hold"
    status = 409
