"""The store's queue: work in progress, orders waiting at the counter (two queries), offers, arrivals."""

from __future__ import annotations

from collections import defaultdict

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Location
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.staff import StaffScope
from crossdock.services.offers.queries import open_offers
from crossdock.services.staff.scope import StoreRef, require_store_work, store_in_scope
from crossdock.services.store_work.arrivals import arriving_for_pickup
from crossdock.services.store_work.views import QueueItem, StoreQueue

_S = FulfilmentStatus
IN_PROGRESS = (_S.ASSIGNED, _S.CLAIMED, _S.PICKING, _S.PACKED)
QUEUED = (*IN_PROGRESS, _S.READY_FOR_PICKUP)
MAX_ITEMS = 200


def store_queue(store_code: str, *, scope: StaffScope) -> StoreQueue:
    """The store's open offers (soonest to expire first) and open work (oldest first). Raises PermissionDenied
    (not your store), NotFound."""
    require_store_work(scope)
    store = store_in_scope(scope, store_code)
    fulfilments = list(
        FulfilmentOrder.objects.filter(location_id=store.id, status__in=QUEUED)
        .select_related("order", "pickup", "destination_location")
        .order_by("created_at", "pk")[:MAX_ITEMS]
    )
    lines: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for fulfilment_id, sku, quantity in FulfilmentLine.objects.filter(
        fulfilment_id__in=[f.pk for f in fulfilments]
    ).values_list("fulfilment_id", "order_line__sku", "quantity"):
        lines[fulfilment_id].append((sku, quantity))
    items = [_item(f, lines[f.pk]) for f in fulfilments]
    return StoreQueue(
        store_code=store.code,
        store_name=store.name,
        in_progress=[i for i in items if i.status != _S.READY_FOR_PICKUP],
        ready_for_pickup=[i for i in items if i.status == _S.READY_FOR_PICKUP],
        offers=open_offers(store.code),
        arriving=arriving_for_pickup(store.id),
    )


def _item(fulfilment: FulfilmentOrder, lines: list[tuple[str, int]]) -> QueueItem:
    order = fulfilment.order
    address = order.shipping_address or {}
    pickup = getattr(fulfilment, "pickup", None)
    return QueueItem(
        fulfilment_id=fulfilment.pk,
        order_id=order.pk,
        channel_order_id=order.channel_order_id,
        customer_name=order.customer_name or address.get("name", ""),
        delivery_method=fulfilment.delivery_method,
        status=fulfilment.status,
        units=sum(quantity for _, quantity in lines),
        skus=[sku for sku, _ in lines],
        destination=_destination(fulfilment, address),
        created_at=fulfilment.created_at,
        ready_at=pickup.ready_at if pickup else None,
    )


def _destination(fulfilment: FulfilmentOrder, address: dict[str, str]) -> str:
    if fulfilment.destination_location is not None:  # ship to store
        return f"store {fulfilment.destination_location.code} for pickup"
    return address.get("city", "") if fulfilment.delivery_method == DeliveryMethod.SHIP else "pickup here"


def store_of(location_id: int) -> StoreRef:
    code, name = Location.objects.values_list("code", "name").get(pk=location_id)
    return StoreRef(location_id, code, name)
