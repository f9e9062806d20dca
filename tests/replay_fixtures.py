"""Orders routed under an active profile, for replay tests.

The active profile charges stores 2.00 a unit and barely anything per km, so runners ship from the Newark
warehouse (14.86 km from Penn Station); the NEARER draft pays 1.00 per km, so they ship from Manhattan (1.28 km).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.routing.profiles import activate_version, create_profile

SHIP, PICKUP = DeliveryMethod.SHIP, DeliveryMethod.PICKUP
COST = {
    "per_parcel": 8.0,
    "per_km": 0.002,
    "per_unit": 0.4,
    "unfilled_per_unit": 1000.0,
    "per_unit_by_kind": {"store": 2.0},
}
ACTIVE = {"selector": {"channels": ["web"]}, "cost": COST}
NEARER = {"cost": {**COST, "per_km": 1.0}}
NEWARK_KM, MANHATTAN_KM = 14.860977, 1.27741  # great-circle km to Penn Station


def route_two_orders(stock: Callable[..., Any], place: Callable[..., int]) -> list[int]:
    """Two web orders routed under the active profile: two runners, then a runner and a beanie (the `routed`
    fixture of the replay tests; `stock` and `place` are the root conftest's, on its `network`)."""
    profile = create_profile(name="web-warehouse-first", description="", spec=ACTIVE, actor="ops:grace").id
    activate_version(profile, 1, actor="ops:grace")
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    stock("WH-NJ", "WOOL-BEANIE", 10)
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    stock("ST-MAN", "WOOL-BEANIE", 3)
    stock("ST-BKN", "RETRO-RUNNER-42", 3)
    return [
        place(RequestedLine("RETRO-RUNNER-42", 2, SHIP)),
        place(RequestedLine("RETRO-RUNNER-42", 1, SHIP), RequestedLine("WOOL-BEANIE", 1, SHIP)),
    ]
