"""The demo's routing profile: web orders go where they cost least; store work is offered to three stores."""

from __future__ import annotations

from typing import Any

from crossdock.services.routing.profiles import activate_version, create_profile

WEB_PROFILE: dict[str, Any] = {
    "selector": {"channels": ["web"]},
    "filters": {"required_capabilities": []},
    "cost": {
        "per_parcel": 8.0,
        "per_km": 0.002,
        "per_unit": 0.4,
        "per_unit_by_kind": {"store": 1.2},
        "split_penalty": 2.0,
        "unreliability_weight": 5.0,
        "load_weight": 3.0,
        "depletion_penalty": 1.5,
        "depletion_threshold": 1,
        "unfilled_per_unit": 1000.0,
    },
    "strategy": "offer",
    "offers": {
        "store_count": 3,
        "claim_timeout_seconds": 1800,
        "escalation": ["next_stores", "warehouses", "backorder"],
    },
}


def seed_routing_profiles() -> None:
    """One active profile for the web channel; other channels use the built-in default."""
    profile = create_profile(
        name="Web: least cost, stores on offer",
        description="Warehouses and ship-from-store stores compete on cost; store work is offered to 3 stores.",
        spec=WEB_PROFILE,
        actor="demo",
    )
    activate_version(profile.id, 1, actor="demo")
