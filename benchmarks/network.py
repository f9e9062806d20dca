"""Names and geography of the benchmark network, shared by the seeder and the load clients.

No Django here: the load clients import this and must start fast and stay small.
"""

from __future__ import annotations

CHANNEL = "web"
SHIPPING_WAREHOUSES = 20
# Continental United States: where the locations and the shipping addresses fall.
LATITUDES = (25.0, 49.0)
LONGITUDES = (-124.0, -67.0)


def sku_code(index: int) -> str:
    return f"SKU-{index:06d}"


def location_code(index: int) -> str:
    return f"LOC-{index:04d}"
