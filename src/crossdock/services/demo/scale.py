"""How big a demo network is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    warehouses: int
    stores: int
    # Catalogue size: colourways are added family by family until there are at least this many SKUs.
    min_skus: int
    customers: int
    orders: int


SCALES: dict[str, Scale] = {
    "small": Scale(name="small", warehouses=2, stores=6, min_skus=60, customers=20, orders=10),
    "full": Scale(name="full", warehouses=3, stores=40, min_skus=2000, customers=300, orders=300),
}
