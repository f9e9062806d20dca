"""The demo catalogue's raw material: product families, their sizes, and a colour palette.

Brands are invented so the demo never looks like it speaks for a real company.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SHOE_SIZES = ("6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12", "13")
APPAREL_SIZES = ("XS", "S", "M", "L", "XL", "XXL")
SLIDE_SIZES = ("6", "7", "8", "9", "10", "11", "12", "13")
KIDS_SHOE_SIZES = ("10C", "11C", "12C", "13C", "1Y", "2Y", "3Y", "4Y", "5Y")
LEGGING_SIZES = ("XS", "S", "M", "L", "XL")
SOCK_SIZES = ("S", "M", "L")
GLOVE_SIZES = ("S", "M", "L", "XL")
ONE_SIZE = ("OS",)


@dataclass(frozen=True, slots=True)
class Colour:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Family:
    code: str
    name: str
    category: str
    brand: str
    price: Decimal
    sizes: tuple[str, ...]
    colours: int  # how many colourways of the palette the family comes in


PALETTE = (
    Colour("BLK", "Black"),
    Colour("WHT", "White"),
    Colour("NVY", "Navy"),
    Colour("GRY", "Heather Grey"),
    Colour("RED", "Racing Red"),
    Colour("BLU", "Royal Blue"),
    Colour("GRN", "Forest Green"),
    Colour("VLT", "Volt"),
    Colour("CRL", "Coral"),
    Colour("SND", "Sand"),
    Colour("BRG", "Burgundy"),
    Colour("OLV", "Olive"),
)


def _family(
    code: str, name: str, category: str, brand: str, price: str, sizes: tuple[str, ...], colours: int
) -> Family:
    return Family(code, name, category, brand, Decimal(price), sizes, colours)


FAMILIES = (
    _family("AERO", "Aero Runner", "Running shoes", "Stridewell", "129.99", SHOE_SIZES, 10),
    _family("TEMPO", "Tempo Racer", "Running shoes", "Stridewell", "159.99", SHOE_SIZES, 8),
    _family("CLOUD", "Cloudline Trainer", "Running shoes", "Northline", "139.99", SHOE_SIZES, 10),
    _family("PACE", "Pace Daily", "Running shoes", "Kinetic", "99.99", SHOE_SIZES, 10),
    _family("RIDGE", "Ridge Trail Shoe", "Trail shoes", "Apex Trail", "144.99", SHOE_SIZES, 8),
    _family("SUMMIT", "Summit Waterproof Hiker", "Trail shoes", "Apex Trail", "179.99", SHOE_SIZES, 5),
    _family("STRIKE", "Striker FG Football Boot", "Football boots", "Kinetic", "119.99", SHOE_SIZES, 8),
    _family("VECTOR", "Vector AG Football Boot", "Football boots", "Meridian", "89.99", SHOE_SIZES, 5),
    _family("CARBON", "Velocity Carbon Racer", "Running shoes", "Kinetic", "249.99", SHOE_SIZES, 4),
    _family("TRAILMID", "Trailblazer Mid", "Trail shoes", "Apex Trail", "164.99", SHOE_SIZES, 5),
    _family("SLIDE", "Recovery Slide", "Sandals", "Northline", "45.00", SLIDE_SIZES, 6),
    _family("KIDS", "Dash Runner Kids", "Kids shoes", "Kinetic", "59.99", KIDS_SHOE_SIZES, 6),
    _family("COURT", "Court Classic", "Trainers", "Meridian", "79.99", SHOE_SIZES, 8),
    _family("FLEX", "Flex Gym Trainer", "Trainers", "Northline", "94.99", SHOE_SIZES, 8),
    _family("TRJKT", "Trail Jacket", "Jackets", "Apex Trail", "149.00", APPAREL_SIZES, 7),
    _family("STORM", "Storm Shell Jacket", "Jackets", "Fjellgear", "219.00", APPAREL_SIZES, 6),
    _family("DOWN", "Packable Down Jacket", "Jackets", "Fjellgear", "189.00", APPAREL_SIZES, 6),
    _family("WIND", "Featherlight Windbreaker", "Jackets", "Stridewell", "79.00", APPAREL_SIZES, 6),
    _family("VEST", "Loft Puffer Vest", "Jackets", "Fjellgear", "120.00", APPAREL_SIZES, 5),
    _family("QZIP", "Quarter-Zip Running Top", "Tops", "Stridewell", "68.00", APPAREL_SIZES, 6),
    _family("FLEECE", "Grid Fleece Midlayer", "Midlayers", "Fjellgear", "89.00", APPAREL_SIZES, 6),
    _family("MERINO", "Merino Base Layer", "Base layers", "Fjellgear", "75.00", APPAREL_SIZES, 5),
    _family("RTEE", "Breeze Running Tee", "Tops", "Stridewell", "35.00", APPAREL_SIZES, 10),
    _family("HOODIE", "Studio Hoodie", "Tops", "Northline", "65.00", APPAREL_SIZES, 9),
    _family("JERSEY", "Club Football Jersey", "Tops", "Kinetic", "70.00", APPAREL_SIZES, 6),
    _family("SHORTS", "Split Running Shorts", "Bottoms", "Stridewell", "40.00", APPAREL_SIZES, 6),
    _family("TIGHTS", "Thermal Running Tights", "Bottoms", "Stridewell", "60.00", APPAREL_SIZES, 4),
    _family("COMP", "Compression Shorts", "Bottoms", "Kinetic", "38.00", APPAREL_SIZES, 4),
    _family("TRACK", "Tapered Track Pants", "Bottoms", "Kinetic", "55.00", APPAREL_SIZES, 5),
    _family("YOGA", "Flow Yoga Leggings", "Yoga", "Lotusform", "78.00", LEGGING_SIZES, 10),
    _family("HIRISE", "High-Rise 7/8 Leggings", "Yoga", "Lotusform", "88.00", LEGGING_SIZES, 7),
    _family("BRA", "Balance Sports Bra", "Yoga", "Lotusform", "48.00", LEGGING_SIZES, 7),
    _family("BEANIE", "Ribbed Wool Beanie", "Accessories", "Fjellgear", "24.50", ONE_SIZE, 9),
    _family("CAP", "Five-Panel Running Cap", "Accessories", "Stridewell", "28.00", ONE_SIZE, 8),
    _family("SOCKS", "Cushioned Running Socks 3-Pack", "Accessories", "Stridewell", "18.00", SOCK_SIZES, 5),
    _family("GLOVES", "Touchscreen Running Gloves", "Accessories", "Northline", "29.00", GLOVE_SIZES, 4),
    _family("PACK", "Trail Pack 20L", "Bags", "Apex Trail", "95.00", ONE_SIZE, 5),
    _family("DUFFEL", "Team Duffel Bag", "Bags", "Kinetic", "60.00", ONE_SIZE, 4),
    _family("MAT", "Grip Yoga Mat 5mm", "Yoga", "Lotusform", "68.00", ONE_SIZE, 6),
    _family("BOTTLE", "Insulated Bottle 750ml", "Accessories", "Northline", "32.00", ONE_SIZE, 7),
)
