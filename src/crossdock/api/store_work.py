"""Store work for signed-in staff (session + CSRF): the queue, pick lists and each step, within their stores."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.security import SessionAuth

from crossdock.api.schemas.common import Code, ErrorOut
from crossdock.api.schemas.offers import ClaimOut, UnclaimOut
from crossdock.api.schemas.store_work import (
    FulfilmentDetailOut,
    HandoverIn,
    PackIn,
    PickIn,
    PickOut,
    QueueOut,
    ReceivedOut,
    ShipIn,
    ShortPickIn,
    StepOut,
    StoreOut,
    UnclaimIn,
)
from crossdock.domain.staff import StaffScope
from crossdock.services.offers.claim import ClaimedOffer
from crossdock.services.offers.unclaim import Unclaimed
from crossdock.services.staff.scope import StoreRef, scope_for_user, stores_of
from crossdock.services.store_work.confirm_pick import PickRequest, PickResult, confirm_pick
from crossdock.services.store_work.detail import fulfilment_detail
from crossdock.services.store_work.handover import HandoverRequest, hand_over
from crossdock.services.store_work.offers import claim_for_store, unclaim_for_store
from crossdock.services.store_work.pack import PackRequest, pack_fulfilment
from crossdock.services.store_work.pickup import ReadyResult, mark_ready_for_pickup
from crossdock.services.store_work.queue import store_queue
from crossdock.services.store_work.receive import Received, receive_for_pickup
from crossdock.services.store_work.results import StepResult
from crossdock.services.store_work.ship import ShipRequest, ship_fulfilment
from crossdock.services.store_work.short_pick import ShortRequest, short_pick
from crossdock.services.store_work.start_picking import start_picking
from crossdock.services.store_work.views import FulfilmentDetail, StoreQueue

router = Router(tags=["store work"], auth=SessionAuth())
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
WORK = "/store-work/fulfilments/{int:fulfilment_id}"


def staff(request: HttpRequest) -> StaffScope:
    """The signed-in person's scope; PermissionDenied (403) for an account without a staff role."""
    return scope_for_user(int(request.auth.pk))  # type: ignore[attr-defined]


@router.get("/store-work/stores", response={200: list[StoreOut], **ERRORS})
def stores(request: HttpRequest) -> list[StoreRef]:
    """The stores the signed-in person works at."""
    return stores_of(staff(request))


@router.get("/store-work/stores/{code}/queue", response={200: QueueOut, **ERRORS})
def queue(request: HttpRequest, code: Code) -> StoreQueue:
    """Open offers, work in progress and pickups waiting at the store (403 for a store that is not yours)."""
    return store_queue(code, scope=staff(request))


@router.get(WORK, response={200: FulfilmentDetailOut, **ERRORS})
def detail(request: HttpRequest, fulfilment_id: int) -> FulfilmentDetail:
    """The pick list with the store's on-hand, parcels, shipment and the order's timeline."""
    return fulfilment_detail(fulfilment_id, scope=staff(request))


@router.post(f"{WORK}/start-picking", response={200: StepOut, **ERRORS})
def start(request: HttpRequest, fulfilment_id: int) -> StepResult:
    return start_picking(fulfilment_id, scope=staff(request))


@router.post(f"{WORK}/picks", response={200: PickOut, **ERRORS})
def pick(request: HttpRequest, fulfilment_id: int, payload: PickIn) -> PickResult:
    """Confirm units by scanned barcode or by tapping a line."""
    request_ = PickRequest(barcode=payload.barcode, line_id=payload.line_id, quantity=payload.quantity)
    return confirm_pick(fulfilment_id, request_, scope=staff(request))


@router.post(f"{WORK}/short-picks", response={200: StepOut, **ERRORS})
def short(request: HttpRequest, fulfilment_id: int, payload: ShortPickIn) -> StepResult:
    """Report units missing: the store's stock is corrected and they go back to routing."""
    request_ = ShortRequest(line_id=payload.line_id, missing=payload.missing, reason=payload.reason)
    return short_pick(fulfilment_id, request_, scope=staff(request))


@router.post(f"{WORK}/pack", response={200: StepOut, **ERRORS})
def pack(request: HttpRequest, fulfilment_id: int, payload: PackIn) -> StepResult:
    weights = [parcel.weight_kg for parcel in payload.parcels]
    return pack_fulfilment(fulfilment_id, PackRequest(weights), scope=staff(request))


@router.post(f"{WORK}/ship", response={200: StepOut, **ERRORS})
def ship(request: HttpRequest, fulfilment_id: int, payload: ShipIn) -> StepResult:
    request_ = ShipRequest(payload.carrier, payload.tracking_number)
    return ship_fulfilment(fulfilment_id, request_, scope=staff(request))


@router.post(f"{WORK}/ready-for-pickup", response={200: StepOut, **ERRORS})
def ready(request: HttpRequest, fulfilment_id: int) -> ReadyResult:
    """The customer is sent their pickup code (it is not shown here: the counter asks for it)."""
    return mark_ready_for_pickup(fulfilment_id, scope=staff(request))


@router.post(f"{WORK}/handover", response={200: StepOut, **ERRORS})
def handover(request: HttpRequest, fulfilment_id: int, payload: HandoverIn) -> StepResult:
    """Hand over after checking the pickup code (or the customer's full name)."""
    return hand_over(fulfilment_id, HandoverRequest(code=payload.code, name=payload.name), scope=staff(request))


@router.post(f"{WORK}/receive", response={200: ReceivedOut, **ERRORS})
def receive(request: HttpRequest, fulfilment_id: int) -> Received:
    """Receive at your store what another location shipped to it for a pickup order (ship to store): the units
    are reserved for that order here, and its pickup work waits, packed, to be marked ready. 409 when it has
    not been shipped yet or was already received; 404 when it is not shipped to your store."""
    return receive_for_pickup(fulfilment_id, scope=staff(request))


@router.post(f"{WORK}/claim", response={200: ClaimOut, **ERRORS})
def claim(request: HttpRequest, fulfilment_id: int) -> ClaimedOffer:
    """Claim an offer made to your store; the other stores' offers are withdrawn. Again: the same answer with
    `replayed: true`. 409 when another store claimed first (withdrawn) or the offer expired."""
    return claim_for_store(fulfilment_id, scope=staff(request))


@router.post(f"{WORK}/unclaim", response={200: UnclaimOut, **ERRORS})
def unclaim(request: HttpRequest, fulfilment_id: int, payload: UnclaimIn) -> Unclaimed:
    """Give claimed work back with a reason; the order is routed again without your store (`out_of_stock`
    also corrects your stock of its SKUs). 409 once picking has started; 422 for an unknown reason."""
    return unclaim_for_store(fulfilment_id, scope=staff(request), reason=payload.reason, note=payload.note)
