"""Promise units from open supply: earliest ETA first, only supply arriving where the channel sells."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from crossdock.domain.controls import Blocks, ChannelRules
from crossdock.services.supply.open_supply import OpenSupply


@dataclass(frozen=True, slots=True)
class Promise:
    supply_line_id: int | None  # None: no supply brings these units (yet)
    quantity: int
    eta: date | None


def promise(
    supplies: list[OpenSupply], quantity: int, *, rules: ChannelRules, blocks: Blocks, sku: str
) -> list[Promise]:
    """Split `quantity` over the free units of the supplies (earliest first); what none covers is
    returned as one promise without supply. `supplies` is consumed: their free units shrink."""
    promises: list[Promise] = []
    left = quantity
    for index, supply in enumerate(supplies):
        if not left:
            break
        if rules.exclusion(supply.location_id, supply.location_type) or blocks.blocks(supply.location_id, sku):
            continue
        taken = min(left, supply.free)
        if taken:
            promises.append(Promise(supply.line_id, taken, supply.eta))
            supplies[index] = _with_more_assigned(supply, taken)
            left -= taken
    if left:
        promises.append(Promise(None, left, None))
    return promises


def promise_date(promises: list[Promise]) -> date | None:
    """The date the last unit is promised for; None when some units have no supply."""
    if any(p.eta is None for p in promises):
        return None
    return max((p.eta for p in promises if p.eta is not None), default=None)


def _with_more_assigned(supply: OpenSupply, units: int) -> OpenSupply:
    return replace(supply, assigned=supply.assigned + units)
