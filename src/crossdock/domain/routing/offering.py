"""Which stores an order is offered to: the engine's store, then the next cheapest that can take the same units.

A *bundle* is what one chosen store ships. It is offered to that store and to the `store_count − 1`
next stores that hold the whole bundle, ranked by what shipping the bundle from each alone costs
under the same cost model. Each store is used by at most one bundle of an order, so every offer
has its own stock hold.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from crossdock.domain.allocation import Allocation as LineAllocation
from crossdock.domain.allocation import LineDemand
from crossdock.domain.locations import LocationType, Site
from crossdock.domain.routing.live import Sourcing, SourcingInputs
from crossdock.domain.routing.network import Line


@dataclass(frozen=True, slots=True)
class Bundle:
    """Units one store is asked to ship: `allocations` as the first store would hold them."""

    stores: tuple[int, ...]  # location ids, best first
    allocations: tuple[LineAllocation, ...]

    def at(self, location_id: int) -> tuple[LineAllocation, ...]:
        """The same units held at another of the offered stores."""
        return tuple(LineAllocation(a.line_key, location_id, a.quantity) for a in self.allocations)


def plan_bundles(
    sourcing: Sourcing,
    *,
    demands: Sequence[LineDemand],
    sites: Sequence[Site],
    available: Mapping[tuple[int, str], int],
    store_count: int,
    unavailable: Collection[int] = (),
) -> tuple[Bundle, ...]:
    """One bundle per store the engine chose for shipped lines (warehouses are assigned, not offered)."""
    inputs = sourcing.inputs
    if inputs is None:
        return ()
    stores = {site.id: site for site in sites if site.type == LocationType.STORE}
    sku_of = {demand.key: demand.sku for demand in demands}
    shipped = {demand.key for demand in demands if demand.delivery_method == "ship"}
    left = dict(available)
    for allocation in sourcing.plan.allocations:
        key = (allocation.location_id, sku_of[allocation.line_key])
        left[key] = left.get(key, 0) - allocation.quantity
    chosen = [a for a in sourcing.plan.allocations if a.line_key in shipped and a.location_id in stores]
    used = {a.location_id for a in sourcing.plan.allocations} | set(unavailable)
    bundles = []
    for location_id in dict.fromkeys(a.location_id for a in chosen):
        allocations = tuple(a for a in chosen if a.location_id == location_id)
        units = _units(allocations, sku_of)
        ranked = _ranked_alternatives(inputs, units, stores, left, used, inputs.excluded)
        picked = ranked[: max(0, store_count - 1)]
        for store in picked:
            for sku, quantity in units.items():
                left[(store, sku)] -= quantity
        used |= set(picked)
        bundles.append(Bundle((location_id, *picked), allocations))
    return tuple(bundles)


def _units(allocations: Sequence[LineAllocation], sku_of: Mapping[int, str]) -> dict[str, int]:
    units: dict[str, int] = {}
    for allocation in allocations:
        sku = sku_of[allocation.line_key]
        units[sku] = units.get(sku, 0) + allocation.quantity
    return units


def _ranked_alternatives(
    inputs: SourcingInputs,
    units: Mapping[str, int],
    stores: Mapping[int, Site],
    left: Mapping[tuple[int, str], int],
    used: Collection[int],
    excluded: Mapping[str, str],
) -> list[int]:
    """Stores that hold the whole bundle, cheapest first (the cost of shipping the bundle from each alone)."""
    costs: list[tuple[float, str, int]] = []
    lines = tuple(Line(sku, quantity) for sku, quantity in units.items())
    locations = {location.id: location for location in inputs.locations}
    for store_id, site in stores.items():
        if store_id in used or site.code in excluded or site.code not in locations or not site.can_ship():
            continue
        if any(left.get((store_id, sku), 0) < quantity for sku, quantity in units.items()):
            continue
        alone = replace(
            inputs,
            locations=(locations[site.code],),
            stock={(site.code, sku): quantity for sku, quantity in units.items()},
            lines=lines,
            excluded={},
        )
        costs.append((alone.decide().cost, site.code, store_id))
    return [store_id for _, _, store_id in sorted(costs)]
