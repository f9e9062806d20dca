from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, Latitude, Longitude, StrictSchema
from crossdock.domain.locations import Capability, LocationType


class LocationIn(StrictSchema):
    code: Code
    name: Annotated[str, Field(min_length=1, max_length=200)]
    type: LocationType
    latitude: Latitude
    longitude: Longitude
    timezone: Annotated[str, Field(max_length=64)] = "UTC"
    city: Annotated[str, Field(max_length=120)] = ""
    country: Annotated[str, Field(max_length=2)] = ""
    capabilities: list[Capability] = []
    opening_hours: dict[str, Any] = {}
    daily_capacity: Annotated[StrictInt, Field(ge=0, le=1_000_000)] = 100
    active: bool = True


class LocationsIn(StrictSchema):
    locations: Annotated[list[LocationIn], Field(min_length=1, max_length=10_000)]


class ProductIn(StrictSchema):
    sku: Code
    name: Annotated[str, Field(min_length=1, max_length=200)]
    price: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    brand: Annotated[str, Field(max_length=100)] = ""
    category: Annotated[str, Field(max_length=100)] = ""
    attributes: dict[str, Any] = {}
    image_url: Annotated[str, Field(max_length=500)] = ""
    barcode: Annotated[str, Field(min_length=1, max_length=32)] | None = None
    active: bool = True


class ProductsIn(StrictSchema):
    products: Annotated[list[ProductIn], Field(min_length=1, max_length=10_000)]


class UpsertOut(Schema):
    created: int
    updated: int
    unchanged: int


class LocationOut(Schema):
    code: str
    name: str
    type: str
    latitude: float
    longitude: float
    timezone: str
    city: str
    country: str
    capabilities: list[str]
    daily_capacity: int
    active: bool
