"""The stock an offered fulfilment holds at its store, and giving it back."""

from __future__ import annotations

from collections.abc import Sequence

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Reservation


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
