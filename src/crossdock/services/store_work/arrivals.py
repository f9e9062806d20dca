"""Ship to store: what other locations ship to a store for its customers' pickups, as its queue lists it."""

from __future__ import annotations

from collections import defaultdict

from crossdock.db.models import FulfilmentLine, FulfilmentOrder
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.services.store_work.views import ArrivingItem

_S = FulfilmentStatus
ON_THE_WAY = (_S.ASSIGNED, _S.CLAIMED, _S.PICKING, _S.PACKED, _S.IN_TRANSIT)
MAX_ITEMS = 200


def arriving_for_pickup(store_id: int) -> list[ArrivingItem]:
    """Work shipped to the store, not yet received: in transit first (to receive), then still being prepared;
    oldest first within each. Two queries."""
    fulfilments = list(
        FulfilmentOrder.objects.filter(destination_location_id=store_id, status__in=ON_THE_WAY)
        .select_related("order", "location")
        .order_by("created_at", "pk")[:MAX_ITEMS]
    )
    lines: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for fulfilment_id, sku, quantity in FulfilmentLine.objects.filter(
        fulfilment_id__in=[f.pk for f in fulfilments]
    ).values_list("fulfilment_id", "order_line__sku", "quantity"):
        lines[fulfilment_id].append((sku, quantity))
    items = [_item(f, lines[f.pk]) for f in fulfilments]
    return sorted(items, key=lambda item: not item.can_receive)


def _item(fulfilment: FulfilmentOrder, lines: list[tuple[str, int]]) -> ArrivingItem:
    order = fulfilment.order
    return ArrivingItem(
        fulfilment_id=fulfilment.pk,
        order_id=order.pk,
        channel_order_id=order.channel_order_id,
        customer_name=order.customer_name or (order.shipping_address or {}).get("name", ""),
        source=fulfilment.location.code,
        status=fulfilment.status,
        units=sum(quantity for _, quantity in lines),
        skus=[sku for sku, _ in lines],
        since=fulfilment.updated_at,
    )
