"""One row of a locations or products file, read into the data the upserts take."""

from __future__ import annotations

from decimal import Decimal

from crossdock.domain.locations import Capability, LocationType
from crossdock.services.catalog.csv_import import fields
from crossdock.services.catalog.upsert import LocationData, ProductData

LOCATION_TYPES = [t.value for t in LocationType]
CAPABILITIES = [c.value for c in Capability]


def location_row(row: dict[str, str]) -> LocationData:
    """Raises BadField."""
    fields.refuse_surplus(row)
    capabilities = [cell.strip() for cell in row.get("capabilities", "").split(";") if cell.strip()]
    return LocationData(
        code=fields.text(row, "code", longest=64, required=True),
        name=fields.text(row, "name", longest=200, required=True),
        type=fields.choice(LocationType, LOCATION_TYPES, "type", row.get("type", "")),
        latitude=fields.decimal_number(row, "latitude", lowest=-90, highest=90),
        longitude=fields.decimal_number(row, "longitude", lowest=-180, highest=180),
        timezone=fields.timezone(row, "timezone"),
        city=fields.text(row, "city", longest=120),
        country=fields.pattern(row, "country", r"([A-Z]{2})?", default="", example="US"),
        capabilities=[fields.choice(Capability, CAPABILITIES, "capabilities", cell) for cell in capabilities],
        opening_hours=fields.json_object(row, "opening_hours"),
        daily_capacity=fields.whole_number(row, "daily_capacity", default=100, largest=1_000_000),
    )


def product_row(row: dict[str, str]) -> ProductData:
    """Raises BadField."""
    fields.refuse_surplus(row)
    return ProductData(
        sku=fields.text(row, "sku", longest=64, required=True),
        name=fields.text(row, "name", longest=200, required=True),
        price=Decimal(fields.pattern(row, "price", r"[0-9]{1,10}(\.[0-9]{1,2})?", default="", example="129.99")),
        currency=fields.pattern(row, "currency", r"[A-Z]{3}", default="USD", example="USD"),
        brand=fields.text(row, "brand", longest=100),
        category=fields.text(row, "category", longest=100),
        attributes=fields.json_object(row, "attributes"),
        image_url=fields.text(row, "image_url", longest=500),
        barcode=fields.text(row, "barcode", longest=32) or None,
    )
