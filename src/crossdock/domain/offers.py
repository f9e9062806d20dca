"""Offers: a fulfilment offered to several stores at once; the first to claim wins."""

from __future__ import annotations

from enum import StrEnum


class RoundStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    EXPIRED = "expired"  # nobody claimed in time: the order escalates
    CLOSED = "closed"  # cancelled, put on hold, or re-routed before anyone claimed


ROUND_TRANSITIONS: dict[RoundStatus, frozenset[RoundStatus]] = {
    RoundStatus.OPEN: frozenset({RoundStatus.CLAIMED, RoundStatus.EXPIRED, RoundStatus.CLOSED}),
    RoundStatus.CLAIMED: frozenset(),
    RoundStatus.EXPIRED: frozenset(),
    RoundStatus.CLOSED: frozenset(),
}


class UnclaimReason(StrEnum):
    OUT_OF_STOCK = "out_of_stock"
    DAMAGED = "damaged"
    NO_CAPACITY = "no_capacity"
    OTHER = "other"


class Outcome(StrEnum):
    """What became of one offer to one store: the history its reliability score learns from."""

    CLAIMED = "claimed"
    WITHDRAWN = "withdrawn"  # another store claimed first: neutral
    EXPIRED = "expired"  # the store let the claim timeout pass
    UNCLAIMED = "unclaimed"  # claimed, then given back (with a reason)
    SLA_MISSED = "sla_missed"  # claimed, but shipped or made ready after the promised time
