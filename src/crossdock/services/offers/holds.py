"""The stock an offered fulfilment holds at its store, giving it back, and ending offers and rounds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, OfferRound, OrderLine, Reservation, StockPosition
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.offers import ROUND_TRANSITIONS, RoundStatus
from crossdock.domain.transitions import check_transition


def lock_order_stock(order_id: int) -> None:
    """Lock the stock rows of every SKU of the order, at every location, in one pass in pk order.

    Taken right after the order row by whatever releases holds and then routes again: those two steps
    each lock rows in pk order, but the second set is not above the first, so a capture holding a row of
    the second set while waiting for one of the first deadlocked with a claim timeout (found by
    tests/concurrency/test_offer_races.py). This superset makes the later locks re-entries, never waits."""
    product_ids = OrderLine.objects.filter(order_id=order_id).values("product_id")
    list(locks.lock_positions(StockPosition.objects.filter(product_id__in=product_ids).values_list("pk", flat=True)))


def lock_holds(fulfilments: Sequence[FulfilmentOrder]) -> list[Reservation]:
    """The reservations behind these fulfilments (each at its own store), their stock rows locked in pk order."""
    held: list[Reservation] = []
    for fulfilment in fulfilments:
        line_ids = FulfilmentLine.objects.filter(fulfilment=fulfilment).values_list("order_line_id", flat=True)
        held += Reservation.objects.filter(
            order_line_id__in=list(line_ids), position__location_id=fulfilment.location_id
        )
    list(locks.lock_positions({reservation.position_id for reservation in held}))
    return held


def release_holds(held: Sequence[Reservation]) -> int:
    """Give the held units back to their positions (already locked). Returns the units released."""
    for reservation in sorted(held, key=lambda r: r.position_id):
        locks.release_reserved(reservation.position_id, reservation.quantity)
    Reservation.objects.filter(pk__in=[reservation.pk for reservation in held]).delete()
    return sum(reservation.quantity for reservation in held)


def forget_lines(fulfilments: Sequence[FulfilmentOrder]) -> None:
    """A fulfilment that no longer holds anything keeps no lines: nothing may count its units again."""
    FulfilmentLine.objects.filter(fulfilment__in=list(fulfilments)).delete()


def end_offers(offered: Sequence[FulfilmentOrder], target: FulfilmentStatus, now: datetime) -> None:
    """Offers that stop: their holds are released, each moves to `target` (withdrawn or expired) and keeps
    no lines. The order row is locked by the caller."""
    release_holds(lock_holds(offered))
    for fulfilment in offered:
        fulfilment.status = check_transition(FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), target)
        fulfilment.updated_at = now
        fulfilment.save(update_fields=["status", "updated_at"])
    forget_lines(offered)


def close_round(offer_round: OfferRound, status: RoundStatus, now: datetime) -> None:
    offer_round.status = check_transition(ROUND_TRANSITIONS, RoundStatus(offer_round.status), status)
    offer_round.closed_at = now
    offer_round.save(update_fields=["status", "closed_at"])
