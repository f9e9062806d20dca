"""Ship to store: the pickup store receives units shipped to it for one order, and they wait for the customer.

On receipt the units join the store's on-hand *and* its reserved count together, with a reservation for
the order line: what the store can sell to anyone else does not change, so they are never sold twice.
A pickup fulfilment at the store takes over (packed: the parcel is the customer's bag), to be marked
ready and handed over as any pickup order (pickup.py, handover.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Location, Order, Reservation, StockPosition
from crossdock.domain.errors import IllegalTransition, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.holds import OrderOnHold
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.staff import StaffScope
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.staff.scope import require_store_work
from crossdock.services.store_work.access import Located
from crossdock.services.timeline import EventDraft, record_order_events

_S = FulfilmentStatus


@dataclass(frozen=True, slots=True)
class Received:
    fulfilment_id: int  # the work shipped to the store, now `received`
    order_id: int
    status: str
    pickup_fulfilment_id: int  # the store's pickup work for the same units, `packed`


def receive_for_pickup(fulfilment_id: int, *, scope: StaffScope) -> Received:
    """The pickup store takes in what was shipped to it for a pickup order: on-hand and reserved grow by the
    units (reserved for this order's lines only), the shipped work is `received`, and a packed pickup
    fulfilment at the store waits to be marked ready.

    Raises PermissionDenied (no store work in this role), NotFound (nothing with this id is shipped to your
    stores), OrderOnHold, IllegalTransition (not shipped yet, cancelled, or already received).
    """
    located = locate_arrival(fulfilment_id, scope)
    with transaction.atomic():
        order = locks.lock_order(located.order_id)
        if is_on_hold(order.pk):
            raise OrderOnHold(f"order {order.pk} is on hold; it cannot be worked on now", field="fulfilment_id")
        # Every move of this work takes the order's lock first: its status cannot change under us from here.
        _check_receivable(
            FulfilmentStatus(FulfilmentOrder.objects.values_list("status", flat=True).get(pk=fulfilment_id))
        )
        lines = list(FulfilmentLine.objects.filter(fulfilment_id=fulfilment_id).select_related("order_line"))
        positions = _positions(located.location_id, lines)
        list(locks.lock_positions(set(positions.values())))  # stock before fulfilments, as everywhere
        transfer = FulfilmentOrder.objects.select_for_update().get(pk=fulfilment_id)
        now = clock.now()
        transfer.status = check_transition(
            FULFILMENT_TRANSITIONS, _S(transfer.status), _S.RECEIVED, field="fulfilment_id"
        )
        transfer.updated_at = now
        transfer.save(update_fields=["status", "updated_at"])
        pickup = _hold_for_pickup(order, located.location_id, lines, positions, now)
        _record(order, transfer, pickup, lines, actor=scope.actor, now=now)
        return Received(transfer.pk, order.pk, transfer.status, pickup.pk)


def locate_arrival(fulfilment_id: int, scope: StaffScope) -> Located:
    """Work shipped to one of your stores, as `Located` at the store it is shipped to. Raises
    PermissionDenied, NotFound (another store's delivery is not revealed)."""
    require_store_work(scope)
    row = FulfilmentOrder.objects.filter(pk=fulfilment_id).values_list("order_id", "destination_location_id").first()
    if row is None or row[1] is None or not scope.works_at(row[1]):
        raise NotFound(f"nothing with id {fulfilment_id} is shipped to any of your stores", field="fulfilment_id")
    return Located(fulfilment_id, row[0], row[1])


def _check_receivable(status: FulfilmentStatus) -> None:
    if status == _S.RECEIVED:
        raise IllegalTransition("this delivery was already received", field="fulfilment_id")
    if status == _S.CANCELLED:
        raise IllegalTransition("this delivery was cancelled; there is nothing to receive", field="fulfilment_id")
    if status != _S.IN_TRANSIT:
        raise IllegalTransition("this delivery has not been shipped yet", field="fulfilment_id")


def _positions(store_id: int, lines: list[FulfilmentLine]) -> dict[int, int]:
    """Order line id → the store's stock position of its product (created at zero if the store never had it)."""
    positions = {}
    for line in lines:
        position, _ = StockPosition.objects.get_or_create(location_id=store_id, product_id=line.order_line.product_id)
        positions[line.order_line_id] = position.pk
    return positions


def _hold_for_pickup(
    order: Order, store_id: int, lines: list[FulfilmentLine], positions: dict[int, int], now: datetime
) -> FulfilmentOrder:
    """The units join the store's on-hand already reserved for their lines; the store's pickup work takes over."""
    arriving: dict[int, int] = defaultdict(int)
    for line in lines:
        arriving[positions[line.order_line_id]] += line.quantity
    for position_id in sorted(arriving):
        locks.add_reserved(position_id, arriving[position_id])
    Reservation.objects.bulk_create(
        Reservation(position_id=positions[line.order_line_id], order_line_id=line.order_line_id, quantity=line.quantity)
        for line in lines
    )
    # The parcel arrives packed for the customer: the pickup work starts at `packed`, ready to be put out.
    pickup = FulfilmentOrder.objects.create(
        order=order,
        location_id=store_id,
        delivery_method=DeliveryMethod.PICKUP,
        status=_S.PACKED,
        created_at=now,
        updated_at=now,
    )
    FulfilmentLine.objects.bulk_create(
        FulfilmentLine(fulfilment=pickup, order_line_id=line.order_line_id, quantity=line.quantity) for line in lines
    )
    return pickup


def _record(
    order: Order,
    transfer: FulfilmentOrder,
    pickup: FulfilmentOrder,
    lines: list[FulfilmentLine],
    *,
    actor: str,
    now: datetime,
) -> None:
    store = Location.objects.values_list("code", flat=True).get(pk=pickup.location_id)
    data = {
        "fulfilment_id": transfer.pk,
        "status": transfer.status,
        "store": store,
        "pickup_fulfilment_id": pickup.pk,
        "lines": [{"line": fl.order_line.line_number, "quantity": fl.quantity} for fl in lines],
    }
    created = {"fulfilment_id": pickup.pk, "location": store, "method": DeliveryMethod.PICKUP, "status": pickup.status}
    record_order_events(
        order.pk,
        [EventDraft(OrderEventType.TRANSFER_RECEIVED, data), EventDraft(OrderEventType.FULFILMENT_CREATED, created)],
        actor=actor,
        at=now,
        topic="fulfilment.transfer_received",
        payload={"order_id": order.pk, "location_id": pickup.location_id, **data},
    )
