"""One batch instance: a group of open orders (one channel, one profile) and the stock they may share.

The pool of a (location, SKU) is what the channel may still sell there (channel controls applied) plus
the units the group's own orders hold there now: an order's reserved units are free to its new plan —
or to another order of the group, when the joint plan moves it elsewhere. Each reservation belongs to
one order, so each unit enters the pool once; units held by anyone outside the group stay held.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crossdock.db.models import Channel, Location, RoutingExclusion, StockPosition
from crossdock.domain.locations import Capability, LocationType, Site
from crossdock.domain.routing.batch_columns import plan_with
from crossdock.domain.routing.filters import SiteFacts, exclusions
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.live import CANNOT_SHIP
from crossdock.domain.routing.network import Line, Network, Order
from crossdock.domain.routing.network import Location as RoutingLocation
from crossdock.domain.routing.plan import Allocation, Decision
from crossdock.domain.routing.problem import build_problem
from crossdock.services.orders.channel_stock import channel_stock
from crossdock.services.routing.batch_collect import OpenOrder
from crossdock.services.routing.placement import site_facts
from crossdock.services.routing.profiles import SelectedProfile


@dataclass(frozen=True, slots=True)
class BatchInstance:
    profile: SelectedProfile
    orders: list[OpenOrder]
    routed: list[Order]  # the engine's view of each order: its movable units
    network: Network
    pool: dict[tuple[str, str], int]  # (location code, sku) → units
    excluded: list[dict[str, str]]
    current: list[Decision]
    sites: dict[str, Site]  # by code
    position_ids: dict[tuple[int, str], int]
    holdback: dict[int, int]


def build_instance(
    orders: list[OpenOrder], *, channel: Channel, profile: SelectedProfile, now: datetime
) -> BatchInstance:
    """Read the stock the group may use (no locks: the apply step re-checks every unit it takes)."""
    product_ids = {line.sku: line.product_id for order in orders for line in order.lines}
    stock = channel_stock(channel=channel, product_ids=product_ids, store_ids=[], lock=False)
    sites = {site.id: site for site in stock.sites}
    available = dict(stock.available)
    position_ids = dict(stock.position_ids)
    for order in orders:
        for line in order.lines:
            for location_id, units in line.assigned:
                available[(location_id, line.sku)] = available.get((location_id, line.sku), 0) + units
    _add_held_positions(available, position_ids, sites, product_ids)
    facts, loads = site_facts(list(sites.values()), now=now)
    network = Network({site.code: _location(site, facts, loads) for site in sites.values()}, profile.spec.cost)
    pool = {(sites[location_id].code, sku): units for (location_id, sku), units in available.items() if units > 0}
    routed = [_routed(order) for order in orders]
    excluded = _excluded(orders, sites, profile, facts, now)
    inventory = Inventory(pool, {})
    current = [
        plan_with(
            build_problem(order, network=network, inventory=inventory, excluded=rules), _current(open_order, sites)
        )
        for order, open_order, rules in zip(routed, orders, excluded, strict=True)
    ]
    return BatchInstance(
        profile,
        orders,
        routed,
        network,
        pool,
        excluded,
        current,
        {s.code: s for s in sites.values()},
        position_ids,
        dict(stock.holdback),
    )


def _add_held_positions(
    available: dict[tuple[int, str], int],
    position_ids: dict[tuple[int, str], int],
    sites: dict[int, Site],
    product_ids: dict[str, int],
) -> None:
    """Positions the group holds units at that the channel read left out (nothing free there)."""
    missing = {key for key in available if key not in position_ids}
    if not missing:
        return
    sku_of = {product_id: sku for sku, product_id in product_ids.items()}
    rows = StockPosition.objects.filter(
        location_id__in={location_id for location_id, _ in missing}, product_id__in=list(product_ids.values())
    ).values_list("pk", "location_id", "product_id")
    for pk, location_id, product_id in rows:
        position_ids.setdefault((location_id, sku_of[product_id]), pk)
    for location in Location.objects.filter(pk__in={location_id for location_id, _ in missing} - sites.keys()):
        sites[location.pk] = Site(
            id=location.pk,
            code=location.code,
            type=LocationType(location.type),
            latitude=location.latitude,
            longitude=location.longitude,
            capabilities=frozenset(Capability(c) for c in location.capabilities),
        )


def _location(site: Site, facts: dict[str, SiteFacts], loads: dict[str, float]) -> RoutingLocation:
    fact = facts.get(site.code)
    reliability = min(1.0, max(0.0, fact.reliability if fact is not None else 1.0))
    load = min(1.0, max(0.0, loads.get(site.code, 0.0)))
    return RoutingLocation(
        site.code, site.latitude, site.longitude, kind=site.type.value, reliability=reliability, load=load
    )


def _routed(order: OpenOrder) -> Order:
    units: dict[str, int] = defaultdict(int)
    for line in order.lines:
        units[line.sku] += line.quantity
    return Order(str(order.order_id), *order.destination, tuple(Line(sku, qty) for sku, qty in units.items()))


def _current(order: OpenOrder, sites: dict[int, Site]) -> tuple[Allocation, ...]:
    return tuple(
        Allocation(line.sku, sites[location_id].code, units)
        for line in order.lines
        for location_id, units in line.assigned
    )


def _excluded(
    orders: Sequence[OpenOrder],
    sites: dict[int, Site],
    profile: SelectedProfile,
    facts: dict[str, SiteFacts],
    now: datetime,
) -> list[dict[str, str]]:
    """Per order: the profile's filters, the stores that unclaimed it, locations that cannot ship —
    except the locations its current plan uses (that plan stays allowed, whatever the clock says now)."""
    unclaimed: dict[int, set[int]] = defaultdict(set)
    for order_id, location_id in RoutingExclusion.objects.filter(order_id__in=[o.order_id for o in orders]).values_list(
        "order_id", "location_id"
    ):
        unclaimed[order_id].add(location_id)
    cannot = {site.code: CANNOT_SHIP for site in sites.values() if not site.can_ship()}
    found = []
    for order in orders:
        rules = dict(cannot)
        rules |= exclusions(profile.spec.filters, list(facts.values()), destination=order.destination, now=now)
        rules |= {
            sites[location_id].code: "unclaimed" for location_id in unclaimed[order.order_id] if location_id in sites
        }
        for line in order.lines:
            for location_id, _ in line.assigned:
                rules.pop(sites[location_id].code, None)
        found.append(rules)
    return found
