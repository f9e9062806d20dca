"""One fulfilment: its page, and each step as a form POST (redirect after success, the page with the
refusal and its 4xx status otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from crossdock.domain.errors import DomainError, InvalidInput
from crossdock.domain.offers import UnclaimReason
from crossdock.domain.staff import StaffScope
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.detail import fulfilment_detail
from crossdock.services.store_work.handover import HandoverRequest, hand_over
from crossdock.services.store_work.pack import PackRequest, pack_fulfilment
from crossdock.services.store_work.pickup import mark_ready_for_pickup
from crossdock.services.store_work.ship import ShipRequest, ship_fulfilment
from crossdock.services.store_work.short_pick import ShortRequest, short_pick
from crossdock.services.store_work.start_picking import start_picking
from crossdock.webapps.store.session import staff_view

CARRIERS = ["UPS", "FedEx", "USPS", "DHL"]
MAX_PARCEL_FIELDS = 6


@require_GET
@staff_view
def detail(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    return work_page(request, fulfilment_id, scope)


def work_page(
    request: HttpRequest, fulfilment_id: int, scope: StaffScope, error: DomainError | None = None
) -> HttpResponse:
    """The fulfilment's page, with a refusal on top (and its 4xx status) when a step was refused."""
    parcels = _int(request.GET.get("parcels", "1"), default=1)
    context = {
        "work": fulfilment_detail(fulfilment_id, scope=scope),
        "error": error,
        "form": request.POST,
        "carriers": CARRIERS,
        "parcel_fields": range(1, min(max(parcels, 1), MAX_PARCEL_FIELDS) + 1),
        "parcel_choices": range(1, MAX_PARCEL_FIELDS + 1),
        "unclaim_reasons": [(reason.value, reason.value.replace("_", " ").capitalize()) for reason in UnclaimReason],
    }
    return render(request, "store/fulfilment.html", context, status=error.status if error else 200)


def _step(request: HttpRequest, fulfilment_id: int, scope: StaffScope, run: Callable[[], str]) -> HttpResponse:
    try:
        done = run()
    except DomainError as error:
        return work_page(request, fulfilment_id, scope, error)
    messages.success(request, done)
    return redirect("store:fulfilment", fulfilment_id=fulfilment_id)


@require_POST
@staff_view
def start(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    return _step(
        request,
        fulfilment_id,
        scope,
        lambda: _said(start_picking(fulfilment_id, scope=scope).replayed, "Picking started"),
    )


@require_POST
@staff_view
def pick(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    def run() -> str:
        line = request.POST.get("line_id")
        wanted = PickRequest(barcode=request.POST.get("barcode", ""), line_id=_int(line) if line else None)
        result = confirm_pick(fulfilment_id, wanted, scope=scope)
        done = " — all items picked" if result.list_complete else ""
        return f"Picked {result.name} ({result.picked} of {result.quantity}){done}"

    return _step(request, fulfilment_id, scope, run)


@require_POST
@staff_view
def short(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    def run() -> str:
        wanted = ShortRequest(
            line_id=_int(request.POST.get("line_id", "")), missing=_int(request.POST.get("missing", ""))
        )
        short_pick(fulfilment_id, wanted, scope=scope)
        return f"{wanted.missing} missing unit(s) reported: stock corrected, sent back to routing"

    return _step(request, fulfilment_id, scope, run)


@require_POST
@staff_view
def pack(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    def run() -> str:
        weights = [_weight(value) for value in request.POST.getlist("weight_kg")]
        result = pack_fulfilment(fulfilment_id, PackRequest(weights), scope=scope)
        return _said(result.replayed, f"Packed in {len(weights)} parcel{'s' if len(weights) != 1 else ''}")

    return _step(request, fulfilment_id, scope, run)


@require_POST
@staff_view
def ship(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    def run() -> str:
        wanted = ShipRequest(request.POST.get("carrier", ""), request.POST.get("tracking_number", ""))
        result = ship_fulfilment(fulfilment_id, wanted, scope=scope)
        return _said(result.replayed, f"Shipped with {wanted.carrier.strip()} {wanted.tracking_number.strip()}")

    return _step(request, fulfilment_id, scope, run)


@require_POST
@staff_view
def ready(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    def run() -> str:
        result = mark_ready_for_pickup(fulfilment_id, scope=scope)
        return _said(result.replayed, "Ready for pickup: the customer has been sent their pickup code")

    return _step(request, fulfilment_id, scope, run)


@require_POST
@staff_view
def handover(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    def run() -> str:
        wanted = HandoverRequest(code=request.POST.get("code", ""), name=request.POST.get("name", ""))
        return _said(hand_over(fulfilment_id, wanted, scope=scope).replayed, "Handed over: collected")

    return _step(request, fulfilment_id, scope, run)


def _said(replayed: bool, message: str) -> str:
    return f"{message} (already done)" if replayed else message


def _int(text: str | None, *, default: int | None = None) -> int:
    try:
        return int(text or "")
    except ValueError:
        if default is not None:
            return default
        raise InvalidInput("enter a whole number", field="quantity") from None


def _weight(text: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(f"{text!r} is not a weight in kg", field="parcels") from None
