"""Locations: the nodes that hold stock."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class LocationType(StrEnum):
    WAREHOUSE = "warehouse"
    STORE = "store"
    DROPSHIP = "dropship"


class Capability(StrEnum):
    SHIP = "ship"
    PICKUP = "pickup"
    SHIP_FROM_STORE = "ship_from_store"


@dataclass(frozen=True, slots=True)
class Site:
    """What allocation needs to know of a location."""

    id: int
    code: str
    type: LocationType
    latitude: float
    longitude: float
    capabilities: frozenset[Capability] = field(default_factory=frozenset)

    def can_ship(self) -> bool:
        if self.type == LocationType.STORE:
            return Capability.SHIP_FROM_STORE in self.capabilities
        return Capability.SHIP in self.capabilities

    def can_hand_over(self) -> bool:
        return Capability.PICKUP in self.capabilities
