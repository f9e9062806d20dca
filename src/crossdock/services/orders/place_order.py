"""Capture an order from any channel: validate, allocate, reserve, and record it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from crossdock.db.models import Order, OrderLine
from crossdock.domain.allocation import AllocationPlan, Allocator, LineDemand
from crossdock.domain.errors import IdempotencyConflict, InsufficientStock
from crossdock.domain.orders import LineStatus, OrderStatus, check_lines, order_status_for
from crossdock.services import clock
from crossdock.services.carts.claim import claim_cart
from crossdock.services.offers.rounds import offered_events, open_rounds
from crossdock.services.orders.commands import OrderRequest
from crossdock.services.orders.fulfilment_rows import carry_out, write_fulfilments
from crossdock.services.orders.placement_checks import check_new_order
from crossdock.services.orders.placement_events import record_placed
from crossdock.services.orders.placement_routing import profile_for, record_routing, route_demands
from crossdock.services.orders.placement_rows import insert_lines, insert_order
from crossdock.services.orders.pricing import request_amounts
from crossdock.services.orders.references import References, resolve_references
from crossdock.services.orders.sourcing import ReservationContention, load_stock, reserve_plan
from crossdock.services.waiting.placing import plan_waiting, record_waiting, reserve_preorders, without_preorders

OPTIMISTIC_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class PlacedOrder:
    order_id: int
    created: bool


def place_order(
    request: OrderRequest, *, actor: str, idempotency_key: str | None = None, allocator: Allocator | None = None
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
    allocator: Allocator | None,
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
    allocator: Allocator | None,
    *,
    lock: bool,
) -> int:
    """The placement pipeline: amounts → order row → pre-orders and cart holds → stock → route → reserve →
    lines and fulfilments → events → after-placement checks."""
    now = clock.now()
    amounts = request_amounts(request, references)
    order = insert_order(request, references, idempotency_key, fingerprint, now, amounts)
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
    profile = profile_for(
        demands,
        channel=references.channel.code,
        customer_tier=order.customer.tier if order.customer else "standard",
        order_value=amounts.total.amount,
    )
    routed = route_demands(
        cart.remaining, stock=stock, destination=_destination(request), profile=profile, now=now, allocator=allocator
    )
    waiting = plan_waiting(
        cart.merge(routed.plan), preorders, lines=requested, channel=references.channel, products=references.products
    )
    plan = waiting.plan  # waiting (backordered, pre-ordered) units count as unallocated on the lines
    _refuse_unallocated(waiting.refusable, request)
    holds = cart.combined(reserve_plan(routed.plan, demands, stock, routed.bundles))
    lines = insert_lines(order, request, references, plan, amounts)
    rounds = open_rounds(order.pk, routed.bundles, profile.spec.offers, now)
    fulfilments = write_fulfilments(order.pk, dict(enumerate(lines)), holds, now, rounds=rounds)
    carry_out(fulfilments, lines, holds)
    _settle_status(order, lines)
    codes = {site.id: site.code for site in stock.sites} | {s.pk: s.code for s in references.stores.values()}
    codes |= cart.codes
    routing = record_routing(order.pk, routed, reason="placed", now=now)
    routing += offered_events(rounds, list(fulfilments.values()), codes)
    record_placed(order, lines, fulfilments, plan, codes, actor, now, routing)
    record_waiting(order, lines, waiting, actor=actor, now=now)
    check_new_order(order, request.payment, actor=actor, now=now)
    return order.pk


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


def _settle_status(order: Order, lines: list[OrderLine]) -> None:
    implied = order_status_for([LineStatus(line.status) for line in lines], OrderStatus(order.status))
    if implied != order.status:
        order.status = implied
        order.save(update_fields=["status"])
