"""What the contenders of the ship-to-store races do, through the services only (see racing.py)."""

from __future__ import annotations

from dataclasses import dataclass

from racing import Tally

from crossdock.services.staff.scope import scope_for_user
from crossdock.services.store_work.receive import receive_for_pickup


@dataclass(frozen=True, slots=True)
class ReceiveTransfers:
    """An associate of the pickup store receives each parcel in turn: (fulfilment id, order id) pairs."""

    user_id: int
    transfers: tuple[tuple[int, int], ...]

    def __call__(self, tally: Tally) -> None:
        scope = scope_for_user(self.user_id)
        for fulfilment_id, order_id in self.transfers:
            with tally.attempt("receive", str(order_id)) as receipt:
                received = receive_for_pickup(fulfilment_id, scope=scope)
                receipt.order_id = received.order_id
