"""The shapes the search works on."""

from __future__ import annotations

# One unit block: (unit cost, space index of its location, units).
Block = tuple[float, int, int]
# What a location offers: (SKU index, its blocks) for each SKU it can supply.
Offer = tuple[tuple[int, tuple[Block, ...]], ...]
