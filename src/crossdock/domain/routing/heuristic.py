"""A good first plan for the search to beat: the cheapest cover by locations that each ship whole SKUs.

Dynamic programming over subsets of the order's SKUs, counting only the SKUs a location can ship
in full. It is only a start (an upper bound): the search proves or improves it.
"""

from __future__ import annotations

from crossdock.domain.routing.space import SearchSpace, evaluate

MAX_SKUS = 7  # 2^7 subsets: beyond, the search starts from the best single location alone


def cover_plan(space: SearchSpace) -> tuple[int, ...] | None:
    """Space indices of the cheapest whole-SKU cover (or None when there is nothing to cover)."""
    skus = len(space.demand)
    if skus > MAX_SKUS:
        return None
    by_sku: list[list[tuple[float, int, int]]] = [[] for _ in range(skus)]
    coverable = 0
    for index in range(len(space.fixed)):
        covers, units = space.whole[index]
        coverable |= covers
        for sku_index in range(skus):
            if covers >> sku_index & 1:
                by_sku[sku_index].append((space.fixed[index] + units, covers, index))
    best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for mask in range(1, 1 << skus):
        if mask & ~coverable:
            continue
        # Some location must cover the mask's lowest SKU: try each, then the rest of the mask.
        first = (mask & -mask).bit_length() - 1
        found: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for cost, covers, index in by_sku[first]:
            rest = best[mask & ~covers]
            if cost + rest[0] < found[0]:
                found = (cost + rest[0], (*rest[1], index))
        best[mask] = found
    plan = best.get(coverable)
    if plan is None or not plan[1] or len(plan[1]) > space.max_parcels:
        return None
    return tuple(sorted(plan[1]))


def better_start(space: SearchSpace) -> tuple[tuple[int, ...], float]:
    """The better of the space's incumbent (best single location) and the whole-SKU cover, and its cost."""
    plan = cover_plan(space)
    incumbent = evaluate(space, space.incumbent)
    if plan is not None:
        cost = evaluate(space, plan)
        if cost < incumbent:
            return plan, cost
    return space.incumbent, incumbent
