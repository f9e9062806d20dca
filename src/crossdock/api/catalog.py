from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from crossdock.api.auth import scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.catalog import LocationOut, LocationsIn, ProductsIn, UpsertOut
from crossdock.services.catalog.queries import LocationView, list_locations
from crossdock.services.catalog.upsert import LocationData, ProductData, UpsertResult, upsert_locations, upsert_products

router = Router(tags=["reference data"])


@router.put("/locations", auth=scoped("admin"), response={200: UpsertOut, **ERRORS})
def put_locations(request: HttpRequest, payload: LocationsIn) -> UpsertResult:
    """Insert or update locations by code (bulk)."""
    return upsert_locations([LocationData(**item.model_dump()) for item in payload.locations])


@router.get("/locations", auth=scoped("inventory:read"), response={200: list[LocationOut], **ERRORS})
def get_locations(request: HttpRequest, type: str | None = None) -> list[LocationView]:
    return list_locations(type=type)


@router.put("/products", auth=scoped("admin"), response={200: UpsertOut, **ERRORS})
def put_products(request: HttpRequest, payload: ProductsIn) -> UpsertResult:
    """Insert or update products by SKU (bulk)."""
    return upsert_products([ProductData(**item.model_dump()) for item in payload.products])
