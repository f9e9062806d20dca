"""The rows of a new order: the order itself and its lines."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from crossdock.db.models import Customer, Order, OrderLine
from crossdock.domain.allocation import AllocationPlan
from crossdock.domain.errors import InvalidInput
from crossdock.domain.orders import LineStatus, OrderStatus
from crossdock.domain.pricing import OrderAmounts
from crossdock.services.orders.commands import CustomerDetails, OrderRequest
from crossdock.services.orders.references import References

MAX_ORDER_TOTAL = Decimal("999999999999.99")  # Order.total holds 14 digits, 2 after the point


def insert_order(
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


def insert_lines(
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
