"""A small, vivid network: a New Jersey warehouse, two New York stores, one in Chicago, one in Los Angeles."""

from __future__ import annotations

from crossdock.domain.routing import CostModel, Inventory, Line, Location, Network, Order

RUNNER, JACKET, BEANIE = "RETRO-RUNNER-42", "TRAIL-JACKET-M", "WOOL-BEANIE"

# Jasin–Sinha shipping cost (8.759 per parcel + per km), handling, and a lost sale at 30.
BASE = CostModel(per_parcel=8.759, per_km=0.000336, per_unit=0.423, unfilled_per_unit=30.0)

LOCATIONS = {
    "WH-NJ": Location("WH-NJ", 40.7357, -74.1724),
    "ST-MAN": Location("ST-MAN", 40.7580, -73.9855, kind="store", reliability=0.9, load=0.5),
    "ST-BKN": Location("ST-BKN", 40.6840, -73.9772, kind="store"),
    "ST-CHI": Location("ST-CHI", 41.8837, -87.6289, kind="store"),
    "WH-LA": Location("WH-LA", 34.0522, -118.2437),
}

# Penn Station, New York.
PENN_STATION = (40.7506, -73.9971)


def order(*lines: tuple[str, int], order_id: str = "O-1", at: tuple[float, float] = PENN_STATION) -> Order:
    return Order(order_id, at[0], at[1], tuple(Line(sku, quantity) for sku, quantity in lines))


def network(model: CostModel = BASE, locations: dict[str, Location] | None = None) -> Network:
    return Network(locations or LOCATIONS, model)


def inventory(stock: dict[tuple[str, str], int], parcels: dict[str, int | None] | None = None) -> Inventory:
    return Inventory(stock, parcels or {})
