"""What store work writes, for the `db_state` fixture: a refused step must change none of it."""

from __future__ import annotations

from typing import Any

from crossdock.db.models import Parcel, PickConfirmation, PickupHandover, Shipment, ShortPick, StaffProfile


def store_work_state() -> dict[str, Any]:
    return {
        **{
            model.__name__: model.objects.count()
            for model in [PickConfirmation, ShortPick, Parcel, Shipment, StaffProfile]
        },
        "pickups": sorted(PickupHandover.objects.values_list("id", "code", "collected_at", "checked_by")),
    }
