"""Waiting lines: order-line units that wait for stock — backorders (sold without stock, where the channel
and the SKU allow it) and pre-orders (sold against future supply inside a window, up to a cap).

They are served first come, first served within priority when stock is there (see docs/inventory.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from crossdock.domain.errors import PreorderCapReached, PreorderClosed
from crossdock.domain.orders import DeliveryMethod


class WaitingKind(StrEnum):
    BACKORDER = "backorder"
    PREORDER = "preorder"


class WaitingStatus(StrEnum):
    WAITING = "waiting"
    RELEASED = "released"  # every unit allocated: the line went into fulfilment
    CANCELLED = "cancelled"  # the order line was cancelled while it waited


# Customers of these tiers are served before the others when stock comes in.
PRIORITY_TIERS = {"vip": 2, "gold": 1}


def priority_for_tier(tier: str | None) -> int:
    return PRIORITY_TIERS.get((tier or "").lower(), 0)


def launch_promise(eta: date | None, release_not_before: datetime | None) -> date | None:
    """A pre-order's promise date: its supply's ETA, but never before the launch (None: no supply, no date)."""
    if eta is None or release_not_before is None:
        return eta
    return max(eta, release_not_before.date())


def releasable(release_not_before: datetime | None, now: datetime) -> bool:
    """May a waiting line be allocated now? Pre-orders wait for their launch, whatever the stock."""
    return release_not_before is None or release_not_before <= now


def may_backorder(*, allowed: bool, method: DeliveryMethod) -> bool:
    """`allowed`: both the channel and the SKU (or its category) allow it. Carried-out goods cannot wait."""
    return allowed and method != DeliveryMethod.CARRY_OUT


@dataclass(frozen=True, slots=True)
class PreorderWindow:
    starts_at: datetime
    ends_at: datetime
    cap: int
    sold: int

    def check(self, quantity: int, now: datetime, *, field: str) -> None:
        """Raise unless `quantity` more units may be pre-ordered at `now`."""
        if not self.starts_at <= now < self.ends_at:
            raise PreorderClosed(
                f"pre-orders are taken from {self.starts_at:%Y-%m-%d %H:%M} to {self.ends_at:%Y-%m-%d %H:%M} UTC",
                field=field,
            )
        if self.sold + quantity > self.cap:
            raise PreorderCapReached(
                f"{quantity} asked, {max(0, self.cap - self.sold)} of {self.cap} left to pre-order", field=field
            )
