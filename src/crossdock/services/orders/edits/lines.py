"""The line rows of an edit: new lines resolved like an order's, changes applied to existing ones."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from crossdock.db.models import Order, OrderLine
from crossdock.domain.errors import DomainError, InvalidInput
from crossdock.domain.orders import Address, DeliveryMethod, LineStatus
from crossdock.domain.pricing import money_at
from crossdock.services.orders.commands import OrderRequest
from crossdock.services.orders.edits.commands import OrderEdit
from crossdock.services.orders.edits.plan import EditTarget, new_store
from crossdock.services.orders.references import resolve_references


def added_lines(order: Order, edit: OrderEdit, *, start: int) -> list[OrderLine]:
    """Unsaved rows for the added lines, numbered from `start`. Raises what placing them would
    (UnknownSku, UnknownLocation, CapabilityMissing, InvalidInput), naming `add[i]`."""
    if not edit.add:
        return []
    for index, priced in enumerate(edit.add):
        if priced.line.quantity <= 0:
            raise InvalidInput("quantity must be a positive integer", field=f"add[{index}].quantity")
        if priced.line.delivery_method == DeliveryMethod.CARRY_OUT:
            raise InvalidInput("carry-out happens at the till, not in an edit", field=f"add[{index}].delivery_method")
    request = OrderRequest(
        channel=order.channel.code, channel_order_id="", lines=list(edit.add), currency=order.currency
    )
    try:
        references = resolve_references(request)
    except DomainError as error:
        error.field = (error.field or "").replace("lines[", "add[", 1)
        raise
    rows = []
    for index, priced in enumerate(edit.add):
        product = references.products[priced.line.sku]
        price = product.price if priced.unit_price is None else priced.unit_price
        money_at(price, order.currency, field=f"add[{index}].unit_price")
        rows.append(
            OrderLine(
                order=order,
                line_number=start + index,
                product=product,
                sku=product.sku,
                quantity=priced.line.quantity,
                unit_price=price,
                delivery_method=priced.line.delivery_method,
                location=references.stores.get(priced.line.location or ""),
                status=LineStatus.ALLOCATED,
                unallocated_quantity=0,
            )
        )
    return rows


def apply_changes(target: EditTarget, edit: OrderEdit) -> None:
    """New quantities and deliveries on the moved lines; all of them will be allocated again."""
    fields = {change.line_number: f"lines[{index}]" for index, change in enumerate(edit.changes)}
    for line in target.moved:
        change = target.changed.get(line.line_number)
        if change is not None and change.quantity is not None:
            line.quantity = change.quantity
        if change is not None and change.delivery_method is not None:
            store = new_store(change, field=fields[line.line_number])
            line.delivery_method, line.location = change.delivery_method, store
        line.status, line.unallocated_quantity = LineStatus.ALLOCATED, 0


def address_json(address: Address) -> dict[str, Any]:
    return asdict(address)
