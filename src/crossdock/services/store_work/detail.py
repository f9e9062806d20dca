"""One fulfilment as the associate works on it: the pick list with the store's on-hand, parcels, timeline."""

from __future__ import annotations

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, OrderEvent, Parcel, ShortPick, StockPosition
from crossdock.domain.staff import StaffScope
from crossdock.services.store_work.access import locate
from crossdock.services.store_work.pick_state import picked_units
from crossdock.services.store_work.views import FulfilmentDetail, ParcelView, PickLine, TimelineEntry


def fulfilment_detail(fulfilment_id: int, *, scope: StaffScope) -> FulfilmentDetail:
    """Raises PermissionDenied (no store work in this role), NotFound (not at your stores)."""
    locate(fulfilment_id, scope)
    fulfilment = FulfilmentOrder.objects.select_related(
        "order", "location", "shipment", "pickup", "destination_location"
    ).get(pk=fulfilment_id)
    order = fulfilment.order
    shipment = getattr(fulfilment, "shipment", None)
    pickup = getattr(fulfilment, "pickup", None)
    return FulfilmentDetail(
        fulfilment_id=fulfilment.pk,
        order_id=order.pk,
        channel_order_id=order.channel_order_id,
        order_status=order.status,
        store_code=fulfilment.location.code,
        store_name=fulfilment.location.name,
        delivery_method=fulfilment.delivery_method,
        status=fulfilment.status,
        customer_name=order.customer_name or (order.shipping_address or {}).get("name", ""),
        customer_email=order.customer_email,
        shipping_address=order.shipping_address,
        lines=pick_lines([fulfilment.pk], fulfilment.location_id),
        short_picked=list(ShortPick.objects.filter(fulfilment=fulfilment).values_list("product__sku", "quantity")),
        parcels=[
            ParcelView(n, w) for n, w in Parcel.objects.filter(fulfilment=fulfilment).values_list("number", "weight_kg")
        ],
        carrier=shipment.carrier if shipment else "",
        tracking_number=shipment.tracking_number if shipment else "",
        ready_at=pickup.ready_at if pickup else None,
        collected_at=pickup.collected_at if pickup else None,
        timeline=[
            TimelineEntry(e.type, e.actor, e.reason, e.data, e.created_at)
            for e in OrderEvent.objects.filter(order_id=order.pk).order_by("pk")
        ],
        ships_to=fulfilment.destination_location.code if fulfilment.destination_location else "",
    )


def pick_lines(fulfilment_ids: list[int], location_id: int) -> list[PickLine]:
    """The lines of these fulfilments with their product, picked units and the store's on-hand."""
    lines = list(
        FulfilmentLine.objects.filter(fulfilment_id__in=fulfilment_ids)
        .select_related("order_line__product")
        .order_by("fulfilment_id", "order_line__line_number")
    )
    product_ids = {line.order_line.product_id for line in lines}
    on_hand = dict(
        StockPosition.objects.filter(location_id=location_id, product_id__in=product_ids).values_list(
            "product_id", "on_hand"
        )
    )
    picked = picked_units(fulfilment_ids)
    return [
        PickLine(
            line_id=line.pk,
            line_number=line.order_line.line_number,
            sku=line.order_line.sku,
            name=line.order_line.product.name,
            barcode=line.order_line.product.barcode or "",
            image_url=line.order_line.product.image_url,
            attributes=line.order_line.product.attributes,
            quantity=line.quantity,
            picked=picked.get(line.pk, 0),
            on_hand=on_hand.get(line.order_line.product_id, 0),
        )
        for line in lines
    ]
