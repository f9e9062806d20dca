"""An order's payments: the ledger, reports from an external payment system, and settling on request."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.schemas.common import ErrorOut
from crossdock.api.schemas.payments import PaymentReportIn, PaymentsOut
from crossdock.services.payments.queries import PaymentsView, get_payments
from crossdock.services.payments.record_payment import PaymentReport, record_payment
from crossdock.services.payments.settle_order import settle_order_payments

router = Router(tags=["payments"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 402: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/orders/{int:order_id}/payments", auth=scoped("orders:read"), response={200: PaymentsOut, **ERRORS})
def list_payments(request: HttpRequest, order_id: int) -> PaymentsView:
    """The order's authorisations, captures, refunds and voids, and its balance."""
    return get_payments(order_id)


@router.post("/orders/{int:order_id}/payments", auth=scoped("orders:write"), response={201: PaymentsOut, **ERRORS})
def report_payment(request: HttpRequest, order_id: int, payload: PaymentReportIn) -> Status[PaymentsView]:
    """Record what the payment system did (manual gateway). A failed authorisation or capture holds the order."""
    report = PaymentReport(
        kind=payload.kind,
        amount=payload.amount,
        currency=payload.currency,
        reference=payload.reference,
        succeeded=payload.status == "succeeded",
        message=payload.message,
        method=payload.method,
    )
    record_payment(order_id, report, actor=caller(request).actor)
    return Status(201, get_payments(order_id))


@router.post(
    "/orders/{int:order_id}/payments/settle", auth=scoped("orders:write"), response={200: PaymentsOut, **ERRORS}
)
def settle(request: HttpRequest, order_id: int) -> PaymentsView:
    """Refund, void, authorise (retrying a decline) and capture whatever the order calls for now."""
    settle_order_payments(order_id, actor=caller(request).actor)
    return get_payments(order_id)
