"""Batch re-routing: every order's unclaimed, unpicked shipped work re-optimised together.

Orders are grouped by channel (what stock they may see) and routing profile (what a plan costs); each
group is one instance solved by `solve_batch`, starting from the orders' current plans, so the new
plan is never costlier. Groups are solved one after the other, each from stock read after the earlier
groups' changes were applied. Each changed order is then moved in its own transaction (`batch_apply`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from crossdock.db.models import Channel, Order
from crossdock.domain.allocation import LineDemand
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.batch import BatchResult, BatchSettings, solve_batch
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.live import SourcingInputs
from crossdock.domain.routing.plan import Decision
from crossdock.services.orders.placement_routing import profile_for
from crossdock.services.routing.batch_apply import NewPlan, apply_plans, touched_positions
from crossdock.services.routing.batch_collect import OpenOrder, collect_open_orders
from crossdock.services.routing.batch_instance import BatchInstance, build_instance
from crossdock.services.routing.profiles import SelectedProfile

COST_TOLERANCE = 1e-6
DEFAULT_SETTINGS = BatchSettings()


@dataclass(slots=True)
class BatchReport:
    considered: int = 0
    changed: int = 0
    applied: int = 0
    kept: dict[str, int] = field(default_factory=dict)  # why a changed order kept its plan → how many
    cost_before: float = 0.0
    cost_after: float = 0.0
    lower_bound: float = 0.0
    seconds: float = 0.0
    groups: int = 0
    dry_run: bool = False

    @property
    def saved(self) -> float:
        return self.cost_before - self.cost_after

    @property
    def gap(self) -> float:
        """Proved relative gap of the new plans: (cost − lower bound) / cost."""
        return max(0.0, self.cost_after - self.lower_bound) / self.cost_after if self.cost_after else 0.0


def reroute_open_orders(
    *,
    now: datetime,
    clock: Callable[[], float],
    settings: BatchSettings = DEFAULT_SETTINGS,
    dry_run: bool = False,
    actor: str = "batch-reroute",
) -> BatchReport:
    """Re-optimise all open shipped work together and (unless `dry_run`) move the orders whose plan got cheaper.

    `settings.time_limit` is shared among the groups by their number of orders. Raises nothing of its
    own: an order whose work moved on, or whose new stock was taken meanwhile, keeps its plan (counted
    in `kept`)."""
    started = clock()
    report = BatchReport(dry_run=dry_run)
    groups = _groups(collect_open_orders())
    total = sum(len(orders) for _, orders in groups.values())
    for (channel_id, profile), orders in groups.values():
        share = BatchSettings(
            time_limit=max(1.0, settings.time_limit * len(orders) / total),
            mip_rel_gap=settings.mip_rel_gap,
            warm_columns=settings.warm_columns,
        )
        instance = build_instance(orders, channel=Channel.objects.get(pk=channel_id), profile=profile, now=now)
        result = solve_batch(
            instance.routed,
            network=instance.network,
            inventory=Inventory(instance.pool, {}),
            settings=share,
            clock=clock,
            start=instance.current,
            excluded=instance.excluded,
        )
        _count(report, instance, result)
        if not dry_run:
            for together in trading_sets(changed_plans(instance, result), instance):
                outcome = apply_plans(together, instance, actor=actor, now=now)
                if outcome == "applied":
                    report.applied += len(together)
                else:
                    report.kept[outcome] = report.kept.get(outcome, 0) + len(together)
    report.groups = len(groups)
    report.seconds = clock() - started
    return report


def changed_plans(instance: BatchInstance, result: BatchResult) -> list[NewPlan]:
    """The orders whose plan moved, when the joint plan is cheaper than the current one (an order may
    pay more so that another pays much less), with what the engine saw for each."""
    if result.cost >= sum(plan.cost for plan in instance.current) - COST_TOLERANCE:
        return []
    left = dict(instance.pool)
    for decision in result.decisions:
        for allocation in decision.allocations:
            left[(allocation.location, allocation.sku)] -= allocation.quantity
    return [
        NewPlan(instance.orders[index], new, _inputs(instance, index, new, left))
        for index, (current, new) in enumerate(zip(instance.current, result.decisions, strict=True))
        if _moved(current, new)
    ]


def trading_sets(plans: list[NewPlan], instance: BatchInstance) -> list[list[NewPlan]]:
    """Orders whose moves touch a common stock row move together (one may need the units another
    releases: a swap cannot be done one order at a time); every other order moves on its own."""
    parent = list(range(len(plans)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_at: dict[int, int] = {}
    for index, plan in enumerate(plans):
        for position_id in touched_positions(plan, instance):
            other = first_at.setdefault(position_id, index)
            parent[root(index)] = root(other)
    sets: dict[int, list[NewPlan]] = {}
    for index, plan in enumerate(plans):
        sets.setdefault(root(index), []).append(plan)
    return list(sets.values())


def _moved(current: Decision, new: Decision) -> bool:
    return sorted(current.allocations, key=repr) != sorted(new.allocations, key=repr)


def _count(report: BatchReport, instance: BatchInstance, result: BatchResult) -> None:
    report.considered += len(instance.orders)
    improved = result.cost < sum(plan.cost for plan in instance.current) - COST_TOLERANCE
    if improved:
        report.changed += sum(
            1 for old, new in zip(instance.current, result.decisions, strict=True) if _moved(old, new)
        )
    report.cost_before += sum(plan.cost for plan in instance.current)
    report.cost_after += result.cost
    report.lower_bound += result.lower_bound


def _inputs(
    instance: BatchInstance, index: int, decision: Decision, left: dict[tuple[str, str], int]
) -> SourcingInputs:
    """What the joint plan left to this order: the pool less every other order's new units (`left`
    is the pool less everyone's). Deciding again from it alone gives a plan at most as costly."""
    order = instance.routed[index]
    stock = {key: units for key, units in left.items() if key[1] in {line.sku for line in order.lines}}
    for allocation in decision.allocations:
        key = (allocation.location, allocation.sku)
        stock[key] = stock.get(key, 0) + allocation.quantity
    return SourcingInputs(
        model=instance.network.model,
        destination=(order.latitude, order.longitude),
        locations=tuple(instance.network.locations.values()),
        stock={key: units for key, units in stock.items() if units > 0},
        lines=order.lines,
        excluded=instance.excluded[index],
    )


GroupKey = tuple[int, int | None, int]  # channel id, profile id, profile version


def _groups(orders: list[OpenOrder]) -> dict[GroupKey, tuple[tuple[int, SelectedProfile], list[OpenOrder]]]:
    """Orders by (channel, the profile that routes them now)."""
    facts = {
        pk: (channel_code, tier or "standard", total)
        for pk, channel_code, tier, total in Order.objects.filter(pk__in=[o.order_id for o in orders]).values_list(
            "pk", "channel__code", "customer__tier", "total"
        )
    }
    profiles: dict[tuple[object, ...], SelectedProfile] = {}
    groups: dict[GroupKey, tuple[tuple[int, SelectedProfile], list[OpenOrder]]] = {}
    for order in orders:
        channel, tier, total = facts[order.order_id]
        if (channel, tier, total) not in profiles:
            demands = [LineDemand(0, "", 1, DeliveryMethod.SHIP)]
            profiles[(channel, tier, total)] = profile_for(
                demands, channel=channel, customer_tier=tier, order_value=total
            )
        profile = profiles[(channel, tier, total)]
        key = (order.channel_id, profile.id, profile.version)
        groups.setdefault(key, ((order.channel_id, profile), []))[1].append(order)
    return groups
