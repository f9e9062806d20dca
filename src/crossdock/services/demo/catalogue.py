"""The demo catalogue: one SKU per family × colour × size, priced in dollars and cents."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest
from random import Random

from crossdock.services.catalog.upsert import ProductData
from crossdock.services.demo.barcodes import ean13
from crossdock.services.demo.families import FAMILIES, PALETTE, Colour, Family

IMAGE_BASE = "https://images.example.com"
# Some colourways sell a little above or below the family's list price.
PRICE_STEPS = (Decimal("-10.00"), Decimal("-5.00"), Decimal("0.00"), Decimal("0.00"), Decimal("5.00"))


@dataclass(frozen=True, slots=True)
class Colourway:
    family: Family
    colour: Colour
    price: Decimal


def build_catalogue(rng: Random, *, min_skus: int) -> list[ProductData]:
    """Colourways, one per family in turn, until there are at least `min_skus` SKUs."""
    products: list[ProductData] = []
    for colourway in _interleaved(rng):
        if len(products) >= min_skus:
            break
        products += [
            _product(colourway, size, barcode=len(products) + index + 1)
            for index, size in enumerate(colourway.family.sizes)
        ]
    return products


def _interleaved(rng: Random) -> list[Colourway]:
    families = list(FAMILIES)
    rng.shuffle(families)  # so a small catalogue still mixes shoes, apparel and accessories
    per_family = [_colourways(family, rng) for family in families]
    return [colourway for round_ in zip_longest(*per_family) for colourway in round_ if colourway is not None]


def _colourways(family: Family, rng: Random) -> list[Colourway]:
    colours = rng.sample(PALETTE, family.colours)
    return [
        Colourway(family, colour, max(Decimal("9.99"), family.price + rng.choice(PRICE_STEPS))) for colour in colours
    ]


def _product(colourway: Colourway, size: str, *, barcode: int) -> ProductData:
    family, colour = colourway.family, colourway.colour
    sku = f"{family.code}-{colour.code}-{size}"
    size_label = "one size" if size == "OS" else f"size {size}"
    return ProductData(
        sku=sku,
        name=f"{family.name}, {colour.name}, {size_label}",
        price=colourway.price,
        currency="USD",
        brand=family.brand,
        category=family.category,
        attributes={"family": family.name, "colour": colour.name, "size": size},
        image_url=f"{IMAGE_BASE}/{sku}.jpg",
        barcode=ean13(barcode),
    )
