"""Sourcing inputs as JSON: what an order's routing record keeps so its decision can be explained later."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.live import SourcingInputs
from crossdock.domain.routing.network import Line, Location


def inputs_to_json(inputs: SourcingInputs) -> dict[str, Any]:
    return {
        "model": asdict(inputs.model) | {"per_unit_by_kind": dict(inputs.model.per_unit_by_kind)},
        "destination": list(inputs.destination) if inputs.destination else None,
        "locations": [asdict(location) for location in inputs.locations],
        "stock": [[location, sku, quantity] for (location, sku), quantity in inputs.stock.items()],
        "lines": [[line.sku, line.quantity] for line in inputs.lines],
        "excluded": dict(inputs.excluded),
    }


def inputs_from_json(data: Mapping[str, Any]) -> SourcingInputs:
    destination = data["destination"]
    return SourcingInputs(
        model=CostModel(**data["model"]),
        destination=(float(destination[0]), float(destination[1])) if destination else None,
        locations=tuple(Location(**location) for location in data["locations"]),
        stock={(str(location), str(sku)): int(quantity) for location, sku, quantity in data["stock"]},
        lines=tuple(Line(str(sku), int(quantity)) for sku, quantity in data["lines"]),
        excluded={str(code): str(rule) for code, rule in data["excluded"].items()},
    )
