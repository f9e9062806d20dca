"""What the contenders of the offer races do, through the services only (see racing.py for the harness).

A store associate claims offers one after the other; a timer worker sweeps due claim timeouts until a
few passes in a row find nothing, as `crossdock worker` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from racing import Tally

from crossdock.services.offers.claim import claim_offer
from crossdock.services.offers.expire import expire_due_offer_rounds
from crossdock.services.offers.unclaim import unclaim_fulfilment


@dataclass(frozen=True, slots=True)
class ClaimOffers:
    """A store claims each of its offers in turn: (fulfilment id, order id) pairs, reported by order id."""

    location: str
    offers: tuple[tuple[int, int], ...]

    def __call__(self, tally: Tally) -> None:
        for fulfilment_id, order_id in self.offers:
            with tally.attempt("claim", str(order_id)) as receipt:
                claimed = claim_offer(fulfilment_id, location=self.location, actor=f"associate:{self.location}")
                receipt.order_id, receipt.created = claimed.order_id, not claimed.replayed


@dataclass(frozen=True, slots=True)
class UnclaimFulfilments:
    """A store gives back work it claimed, one fulfilment after the other: (fulfilment id, order id) pairs."""

    location: str
    fulfilments: tuple[tuple[int, int], ...]
    reason: str = "no_capacity"

    def __call__(self, tally: Tally) -> None:
        for fulfilment_id, order_id in self.fulfilments:
            with tally.attempt("unclaim", str(order_id)):
                unclaim_fulfilment(
                    fulfilment_id, location=self.location, reason=self.reason, actor=f"associate:{self.location}"
                )


@dataclass(frozen=True, slots=True)
class ExpireOfferRounds:
    """A timer worker: `expire_due_offer_rounds(now)` until `quiet_passes` passes in a row expire nothing.

    Each pass is reported with `order_id` holding how many rounds that pass expired."""

    now: datetime
    quiet_passes: int = 3
    limit: int = 100

    def __call__(self, tally: Tally) -> None:
        quiet = 0
        while quiet < self.quiet_passes:
            with tally.attempt("expire") as receipt:
                receipt.order_id = expire_due_offer_rounds(self.now, limit=self.limit)
            quiet = quiet + 1 if not receipt.order_id else 0
