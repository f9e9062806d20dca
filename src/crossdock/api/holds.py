"""Holds on orders (place, release) and the fraud rules that place them automatically."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.schemas.common import Code, ErrorOut
from crossdock.api.schemas.holds import FraudRuleIn, FraudRuleOut, HoldIn, HoldOut, ReleaseIn
from crossdock.domain.holds import HoldKind
from crossdock.services.holds.fraud_rules import FraudRuleSpec, list_fraud_rules, save_fraud_rule
from crossdock.services.holds.place_hold import hold_order
from crossdock.services.holds.queries import HoldView, list_holds
from crossdock.services.holds.release_hold import release_hold

router = Router(tags=["holds"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/orders/{int:order_id}/holds", auth=scoped("orders:read"), response={200: list[HoldOut], **ERRORS})
def holds(request: HttpRequest, order_id: int) -> list[HoldView]:
    return list_holds(order_id)


@router.post("/orders/{int:order_id}/holds", auth=scoped("orders:write"), response={201: list[HoldOut], **ERRORS})
def place(request: HttpRequest, order_id: int, payload: HoldIn) -> Status[list[HoldView]]:
    """Put the order on hold: work not yet picked is held until every hold is released."""
    hold_order(order_id, kind=HoldKind(payload.kind), reason=payload.reason, actor=caller(request).actor)
    return Status(201, list_holds(order_id))


@router.post(
    "/orders/{int:order_id}/holds/{int:hold_id}/release",
    auth=scoped("orders:write"),
    response={200: list[HoldOut], **ERRORS},
)
def release(request: HttpRequest, order_id: int, hold_id: int, payload: ReleaseIn) -> list[HoldView]:
    """Release a hold; to cancel a held order instead, cancel the order (its holds close with it)."""
    release_hold(order_id, hold_id, reason=payload.reason, actor=caller(request).actor)
    return list_holds(order_id)


@router.get("/fraud-rules", auth=scoped("admin"), response={200: list[FraudRuleOut], **ERRORS})
def fraud_rules(request: HttpRequest) -> list[FraudRuleSpec]:
    return list_fraud_rules()


@router.put("/fraud-rules/{code}", auth=scoped("admin"), response={200: FraudRuleOut, **ERRORS})
def put_fraud_rule(request: HttpRequest, code: Code, payload: FraudRuleIn) -> FraudRuleSpec:
    """Create or replace the rule with this code; it applies to orders placed from now on."""
    return save_fraud_rule(FraudRuleSpec(code=code, **payload.model_dump()))
