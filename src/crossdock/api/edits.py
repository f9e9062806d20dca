"""Order edits before fulfilment starts, and cancelling part of a line."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from crossdock.api.auth import caller, scoped
from crossdock.api.schemas.common import ErrorOut
from crossdock.api.schemas.edits import CancelQuantitiesIn, EditIn
from crossdock.api.schemas.orders import OrderOut
from crossdock.domain.edits import LineChange
from crossdock.domain.orders import Address, RequestedLine
from crossdock.services.orders.cancel_quantities import QuantityCancel, cancel_quantities
from crossdock.services.orders.commands import PricedLine
from crossdock.services.orders.edits.commands import OrderEdit
from crossdock.services.orders.edits.edit_order import edit_order
from crossdock.services.orders.queries import get_order
from crossdock.services.orders.views import OrderView

router = Router(tags=["orders"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("/orders/{int:order_id}/edit", auth=scoped("orders:write"), response={200: OrderOut, **ERRORS})
def edit(request: HttpRequest, order_id: int, payload: EditIn) -> OrderView:
    """Change quantities, add or remove lines, change the address or a line's delivery. Touched lines are
    allocated again; refused (409 edit_refused) once any of their work is being picked."""
    address = payload.shipping_address
    order_edit = OrderEdit(
        reason=payload.reason,
        changes=[
            LineChange(c.line, quantity=c.quantity, delivery_method=c.delivery_method, location=c.location)
            for c in payload.lines
        ],
        add=[
            PricedLine(RequestedLine(a.sku, a.quantity, a.delivery_method, a.location), a.unit_price)
            for a in payload.add
        ],
        remove=list(payload.remove),
        shipping_address=Address(**address.model_dump()) if address else None,
    )
    edit_order(order_id, order_edit, actor=caller(request).actor)
    return get_order(order_id)


@router.post(
    "/orders/{int:order_id}/cancel-quantities", auth=scoped("orders:write"), response={200: OrderOut, **ERRORS}
)
def cancel_some(request: HttpRequest, order_id: int, payload: CancelQuantitiesIn) -> OrderView:
    """Cancel some units of lines; their stock is released and their payment voided or refunded."""
    cancels = [QuantityCancel(line.line, line.quantity) for line in payload.lines]
    cancel_quantities(order_id, cancels, reason=payload.reason, actor=caller(request).actor)
    return get_order(order_id)
