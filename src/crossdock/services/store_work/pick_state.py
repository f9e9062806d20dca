"""How far the pick list of a fulfilment has got: units picked per fulfilment line."""

from __future__ import annotations

from django.db.models import Sum

from crossdock.db.models import FulfilmentLine, PickConfirmation
from crossdock.domain.errors import IllegalTransition
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.store_work import PickState
from crossdock.services.store_work.access import Work


def picked_units(fulfilment_ids: list[int]) -> dict[int, int]:
    """Fulfilment line id → units confirmed picked."""
    rows = (
        PickConfirmation.objects.filter(fulfilment_id__in=fulfilment_ids)
        .values("fulfilment_line_id")
        .annotate(units=Sum("quantity"))
    )
    return {row["fulfilment_line_id"]: row["units"] for row in rows}


def pick_states(work: Work) -> dict[int, PickState]:
    """Fulfilment line id → wanted and picked units."""
    picked = picked_units([work.fulfilment.pk])
    return {line.pk: PickState(line.quantity, picked.get(line.pk, 0)) for line in work.lines}


def require_picking(work: Work) -> None:
    if work.status != FulfilmentStatus.PICKING:
        raise IllegalTransition(
            f"this fulfilment is {work.status.replace('_', ' ')}: its pick list is closed", field="fulfilment_id"
        )


def line_of(work: Work, line_id: int) -> FulfilmentLine | None:
    return next((line for line in work.lines if line.pk == line_id), None)
