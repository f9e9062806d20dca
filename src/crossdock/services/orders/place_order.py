"""Capture an order from any channel: validate, allocate, reserve, and record it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction

from crossdock.db import locks
from crossdock.db.models import Customer, FulfilmentLine, FulfilmentOrder, Order, OrderLine, Reservation
from crossdock.domain.allocation import AllocationPlan, Allocator, LineDemand, allocate
from crossdock.domain.errors import IdempotencyConflict, InsufficientStock, InvalidInput
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.orders import DeliveryMethod, LineStatus, OrderStatus, check_lines, order_status_for
from crossdock.domain.pricing import OrderAmounts
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.carts.claim import claim_cart
from crossdock.services.orders.commands import CustomerDetails, OrderRequest
from crossdock.services.orders.placement_checks import check_new_order
from crossdock.services.orders.pricing import request_amounts
from crossdock.services.orders.references import References, resolve_references
from crossdock.services.orders.sourcing import Hold, ReservationContention, load_stock, reserve_plan
from crossdock.services.timeline import EventDraft, record_order_events
from crossdock.services.waiting.placing import plan_waiting, record_waiting, reserve_preorders, without_preorders

OPTIMISTIC_ATTEMPTS = 3
MAX_ORDER_TOTAL = Decimal("999999999999.99")  # Order.total holds 14 digits, 2 after the point


@dataclass(frozen=True, slots=True)
class PlacedOrder:
    order_id: int
    created: bool


def place_order(
    request: OrderRequest, *, actor: str, idempotency_key: str | None = None, allocator: Allocator = allocate
) -> PlacedOrder:
    """Capture an order once, however often it is sent.

    A repeat with the same idempotency key or (channel, channel order id) returns the first order.
    Raises InvalidInput, UnknownSku, UnknownLocation, UnknownChannel, DuplicateLine, AddressRequired,
    CapabilityMissing (nothing written); InsufficientStock when a line cannot be reserved and the
    request does not allow unallocated lines; IdempotencyConflict when a key is reused for another order.
    """
    check_lines([priced.line for priced in request.lines], request.shipping_address)
    references = resolve_references(request)
    fingerprint = request.fingerprint()
    existing = _find_existing(request, references, idempotency_key, fingerprint)
    if existing is not None:
        return PlacedOrder(existing, created=False)
    try:
        return PlacedOrder(_capture(request, references, idempotency_key, fingerprint, actor, allocator), True)
    except IntegrityError:
        # A concurrent capture of the same order committed first.
        existing = _find_existing(request, references, idempotency_key, fingerprint)
        if existing is None:
            raise
        return PlacedOrder(existing, created=False)


def _find_existing(
    request: OrderRequest, references: References, idempotency_key: str | None, fingerprint: str
) -> int | None:
    query = Order.objects.filter(channel=references.channel, channel_order_id=request.channel_order_id)
    if idempotency_key:
        query = Order.objects.filter(idempotency_key=idempotency_key) | query
    found = query.values_list("id", "request_fingerprint", "idempotency_key").first()
    if found is None:
        return None
    order_id, stored_fingerprint, stored_key = found
    if stored_fingerprint != fingerprint:
        field = "Idempotency-Key" if idempotency_key and stored_key == idempotency_key else "channel_order_id"
        raise IdempotencyConflict("this order was already captured with different content", field=field)
    return int(order_id)


def _capture(
    request: OrderRequest,
    references: References,
    idempotency_key: str | None,
    fingerprint: str,
    actor: str,
    allocator: Allocator,
) -> int:
    for attempt in range(OPTIMISTIC_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return _write_order(
                    request,
                    references,
                    idempotency_key,
                    fingerprint,
                    actor,
                    allocator,
                    lock=attempt == OPTIMISTIC_ATTEMPTS,
                )
        except ReservationContention:
            continue
    raise AssertionError("the locked attempt cannot meet contention")


def _write_order(
    request: OrderRequest,
    references: References,
    idempotency_key: str | None,
    fingerprint: str,
    actor: str,
    allocator: Allocator,
    *,
    lock: bool,
) -> int:
    now = clock.now()
    amounts = request_amounts(request, references)
    order = _insert_order(request, references, idempotency_key, fingerprint, now, amounts)
    demands = _demands(request, references)
    requested = [priced.line for priced in request.lines]
    product_ids = {sku: p.pk for sku, p in references.products.items()}
    preorders = reserve_preorders(requested, channel=references.channel, product_ids=product_ids, now=now)
    cart = claim_cart(
        request.cart_id,
        channel_id=references.channel.pk,
        order_id=order.pk,
        demands=without_preorders(demands, preorders),
        now=now,
    )
    stock = load_stock(
        channel=references.channel,
        product_ids=product_ids,
        store_ids=[store.pk for store in references.stores.values()],
        lock=lock,
    )
    destination = _destination(request)
    fresh = allocator(cart.remaining, sites=stock.sites, available=stock.available, destination=destination)
    waiting = plan_waiting(
        cart.merge(fresh), preorders, lines=requested, channel=references.channel, products=references.products
    )
    plan = waiting.plan  # waiting (backordered, pre-ordered) units count as unallocated on the lines
    _refuse_unallocated(waiting.refusable, request)
    holds = cart.combined(reserve_plan(fresh, demands, stock))
    lines = _insert_lines(order, request, references, plan, amounts)
    fulfilments = _insert_fulfilments(order, lines, holds, now)
    _carry_out(fulfilments, lines, holds)
    _settle_status(order, lines)
    codes = {site.id: site.code for site in stock.sites} | {s.pk: s.code for s in references.stores.values()}
    codes |= cart.codes
    _record_placed(order, lines, fulfilments, plan, codes, actor, now)
    record_waiting(order, lines, waiting, actor=actor, now=now)
    check_new_order(order, request.payment, actor=actor, now=now)
    return order.pk


def _insert_order(
    request: OrderRequest,
    references: References,
    idempotency_key: str | None,
    fingerprint: str,
    now: datetime,
    amounts: OrderAmounts,
) -> Order:
    subtotal = amounts.subtotal.amount
    if subtotal > MAX_ORDER_TOTAL:
        raise InvalidInput(f"the order total {subtotal} is larger than {MAX_ORDER_TOTAL}", field="lines")
    if amounts.total.amount > MAX_ORDER_TOTAL:
        raise InvalidInput(f"the order total is larger than {MAX_ORDER_TOTAL}", field="shipping_charge")
    address = request.shipping_address
    return Order.objects.create(
        channel=references.channel,
        channel_order_id=request.channel_order_id,
        idempotency_key=idempotency_key,
        request_fingerprint=fingerprint,
        status=OrderStatus.PLACED,
        customer=_customer(request.customer),
        customer_email=request.customer.email,
        customer_name=request.customer.name,
        shipping_address=_address_json(address) if address else None,
        currency=request.currency,
        total=amounts.total.amount,
        discount_total=amounts.discount.amount,
        shipping_total=amounts.shipping.amount,
        billing_address=_address_json(request.billing_address) if request.billing_address else None,
        created_at=now,
        updated_at=now,
    )


def _unit_price(requested: Decimal | None, catalogue: Decimal) -> Decimal:
    return catalogue if requested is None else requested


def _customer(details: CustomerDetails) -> Customer | None:
    if not details.external_id:
        return None
    customer, _ = Customer.objects.get_or_create(
        external_id=details.external_id,
        defaults={"email": details.email, "name": details.name, "phone": details.phone},
    )
    return customer


def _address_json(address: object) -> dict[str, object]:
    return {name: getattr(address, name) for name in address.__slots__}  # type: ignore[attr-defined]


def _demands(request: OrderRequest, references: References) -> list[LineDemand]:
    return [
        LineDemand(
            key=index,
            sku=priced.line.sku,
            quantity=priced.line.quantity,
            delivery_method=priced.line.delivery_method,
            location_id=references.stores[priced.line.location].pk if priced.line.location else None,
        )
        for index, priced in enumerate(request.lines)
    ]


def _destination(request: OrderRequest) -> tuple[float, float] | None:
    address = request.shipping_address
    if address is None or address.latitude is None or address.longitude is None:
        return None
    return (address.latitude, address.longitude)


def _refuse_unallocated(plan: AllocationPlan, request: OrderRequest) -> None:
    if not plan.unallocated or request.allow_unallocated:
        return
    key = min(plan.unallocated)
    line = request.lines[key].line
    raise InsufficientStock(
        f"{plan.unallocated[key]} of {line.quantity} × {line.sku} cannot be reserved",
        field=f"lines[{key}].quantity",
    )


def _insert_lines(
    order: Order, request: OrderRequest, references: References, plan: AllocationPlan, amounts: OrderAmounts
) -> list[OrderLine]:
    lines = []
    for index, priced in enumerate(request.lines):
        product = references.products[priced.line.sku]
        short = plan.unallocated.get(index, 0)
        lines.append(
            OrderLine(
                order=order,
                line_number=index + 1,
                product=product,
                sku=product.sku,
                quantity=priced.line.quantity,
                unit_price=_unit_price(priced.unit_price, product.price),
                delivery_method=priced.line.delivery_method,
                location=references.stores.get(priced.line.location or ""),
                status=LineStatus.UNALLOCATED if short else LineStatus.ALLOCATED,
                unallocated_quantity=short,
                discount=amounts.lines[index].discount.amount,
            )
        )
    return OrderLine.objects.bulk_create(lines)


def _insert_fulfilments(
    order: Order, lines: list[OrderLine], holds: list[Hold], now: datetime
) -> dict[tuple[int, str], FulfilmentOrder]:
    grouped: dict[tuple[int, str], list[Hold]] = defaultdict(list)
    for hold in holds:
        grouped[(hold.location_id, lines[hold.line_key].delivery_method)].append(hold)
    fulfilments = FulfilmentOrder.objects.bulk_create(
        FulfilmentOrder(
            order=order,
            location_id=location_id,
            delivery_method=method,
            status=FulfilmentStatus.ASSIGNED,
            created_at=now,
            updated_at=now,
        )
        for location_id, method in grouped
    )
    by_key = dict(zip(grouped, fulfilments, strict=True))
    FulfilmentLine.objects.bulk_create(
        FulfilmentLine(fulfilment=by_key[key], order_line=lines[hold.line_key], quantity=hold.quantity)
        for key, key_holds in grouped.items()
        for hold in key_holds
    )
    Reservation.objects.bulk_create(
        Reservation(position_id=hold.position_id, order_line=lines[hold.line_key], quantity=hold.quantity)
        for hold in holds
    )
    return by_key


def _carry_out(fulfilments: dict[tuple[int, str], FulfilmentOrder], lines: list[OrderLine], holds: list[Hold]) -> None:
    """Carried-out items left the store with the customer: stock leaves on-hand at once."""
    carried = [hold for hold in holds if lines[hold.line_key].delivery_method == DeliveryMethod.CARRY_OUT]
    if not carried:
        return
    for hold in sorted(carried, key=lambda h: h.position_id):
        locks.release_reserved(hold.position_id, hold.quantity, consume=True)
    Reservation.objects.filter(order_line__in=[lines[hold.line_key] for hold in carried]).delete()
    for (_, method), fulfilment in fulfilments.items():
        if method == DeliveryMethod.CARRY_OUT:
            fulfilment.status = check_transition(
                FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), FulfilmentStatus.COLLECTED
            )
            fulfilment.save(update_fields=["status"])
    for line in lines:
        if line.delivery_method == DeliveryMethod.CARRY_OUT and line.status == LineStatus.ALLOCATED:
            line.status = LineStatus.FULFILLED
            line.save(update_fields=["status"])


def _settle_status(order: Order, lines: list[OrderLine]) -> None:
    implied = order_status_for([LineStatus(line.status) for line in lines], OrderStatus(order.status))
    if implied != order.status:
        order.status = implied
        order.save(update_fields=["status"])


def _record_placed(
    order: Order,
    lines: list[OrderLine],
    fulfilments: dict[tuple[int, str], FulfilmentOrder],
    plan: AllocationPlan,
    codes: dict[int, str],
    actor: str,
    now: datetime,
) -> None:
    drafts = [EventDraft(OrderEventType.ORDER_PLACED, {"lines": len(lines), "total": str(order.total)})]
    drafts += [
        EventDraft(
            OrderEventType.FULFILMENT_CREATED,
            {"fulfilment_id": f.pk, "location": codes[location_id], "method": method},
        )
        for (location_id, method), f in fulfilments.items()
    ]
    # Carried-out goods left with the customer at once: the timeline says so, as for any state change.
    drafts += [
        EventDraft(
            OrderEventType.CARRIED_OUT,
            {
                "fulfilment_id": f.pk,
                "location": codes[location_id],
                "lines": [
                    line.line_number
                    for line in lines
                    if line.location_id == location_id and line.status == LineStatus.FULFILLED
                ],
            },
        )
        for (location_id, method), f in fulfilments.items()
        if f.status == FulfilmentStatus.COLLECTED
    ]
    if plan.unallocated:
        unallocated = {lines[key].line_number: qty for key, qty in plan.unallocated.items()}
        drafts.append(EventDraft(OrderEventType.LINES_UNALLOCATED, {"lines": unallocated}))
    record_order_events(
        order.pk,
        drafts,
        actor=actor,
        at=now,
        topic="order.placed",
        payload={"order_id": order.pk, "channel": order.channel.code, "channel_order_id": order.channel_order_id},
    )
