from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field, TypeAdapter

from crossdock.api.auth import caller, scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.common import Latitude, Longitude
from crossdock.api.schemas.inventory import AdjustedOut, AdjustmentsIn, SkuAvailabilityOut, SnapshotIn, SnapshotOut
from crossdock.domain.errors import InvalidInput
from crossdock.services.inventory.adjust_stock import AdjustedPosition, Adjustment, adjust_stock
from crossdock.services.inventory.apply_snapshot import CountedStock, SnapshotResult, apply_snapshot
from crossdock.services.inventory.availability import SkuAvailability, get_availability

router = Router(tags=["inventory"])
AVAILABILITY_JSON = TypeAdapter(list[SkuAvailability])


class AvailabilityQuery(Schema):
    skus: str = Field(..., description="comma-separated SKUs, up to 100")
    channel: str | None = None
    lat: Latitude | None = None
    lon: Longitude | None = None


@router.get("/availability", auth=scoped("inventory:read"), response={200: list[SkuAvailabilityOut], **ERRORS})
def availability(request: HttpRequest, query: Query[AvailabilityQuery]) -> HttpResponse:
    """Per location, network total, and — with `channel` — what that channel may sell."""
    if (query.lat is None) != (query.lon is None):
        raise InvalidInput("give both lat and lon, or neither", field="lat" if query.lat is None else "lon")
    near = (query.lat, query.lon) if query.lat is not None and query.lon is not None else None
    skus = [sku.strip() for sku in query.skus.split(",") if sku.strip()]
    found = get_availability(skus, channel=query.channel, near=near)
    # The dataclasses mirror SkuAvailabilityOut: pydantic-core writes them straight to JSON instead of
    # ninja validating every nested location into a schema first (the larger half of the CPU per call).
    return HttpResponse(AVAILABILITY_JSON.dump_json(found), content_type="application/json; charset=utf-8")


@router.post("/inventory/snapshots", auth=scoped("inventory:write"), response={200: SnapshotOut, **ERRORS})
def snapshot(request: HttpRequest, payload: SnapshotIn) -> SnapshotResult:
    """Absolute on-hand counts for one location. Older sequences are refused; a replay changes nothing."""
    principal = caller(request)
    counts = [CountedStock(sku=p.sku, on_hand=p.on_hand) for p in payload.positions]
    return apply_snapshot(payload.location, payload.sequence, counts, complete=payload.complete, actor=principal.actor)


@router.post("/inventory/adjustments", auth=scoped("inventory:write"), response={200: list[AdjustedOut], **ERRORS})
def adjustments(request: HttpRequest, payload: AdjustmentsIn) -> list[AdjustedPosition]:
    """Relative changes (receipts, write-offs); all or none are applied."""
    principal = caller(request)
    return adjust_stock(
        [Adjustment(a.location, a.sku, a.delta, a.reason) for a in payload.adjustments], actor=principal.actor
    )
