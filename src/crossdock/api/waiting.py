"""Selling beyond stock: channel policies, backorderable SKUs, pre-order windows, and each SKU's queue."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from crossdock.api.auth import scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.waiting import (
    BackorderableIn,
    BackorderableOut,
    PolicyIn,
    PolicyOut,
    QueueOut,
    WindowIn,
    WindowOut,
)
from crossdock.services.waiting.queue_view import SkuQueue, sku_queue
from crossdock.services.waiting.settings import (
    Backorderable,
    Policy,
    WindowView,
    list_preorder_windows,
    open_preorder_window,
    set_backorderable,
    set_channel_policy,
)

router = Router(tags=["backorders and pre-orders"])


@router.get("/inventory/backorders/{sku}", auth=scoped("inventory:read"), response={200: QueueOut, **ERRORS})
def queue(request: HttpRequest, sku: str) -> SkuQueue:
    """The SKU's waiting lines in the order they will be served, and the supply on its way."""
    return sku_queue(sku)


@router.put("/channels/{code}/policy", auth=scoped("inventory:write"), response={200: PolicyOut, **ERRORS})
def put_policy(request: HttpRequest, code: str, payload: PolicyIn) -> Policy:
    return set_channel_policy(Policy(code, payload.allow_backorders, payload.allow_preorders))


@router.put("/inventory/backorderable", auth=scoped("inventory:write"), response={200: BackorderableOut, **ERRORS})
def put_backorderable(request: HttpRequest, payload: BackorderableIn) -> Backorderable:
    """Replace the SKUs and categories that may be backordered (where the channel allows it)."""
    return set_backorderable(payload.skus, payload.categories)


@router.post("/preorder-windows", auth=scoped("inventory:write"), response={201: WindowOut, **ERRORS})
def post_window(request: HttpRequest, payload: WindowIn) -> Status[WindowView]:
    window = open_preorder_window(
        payload.sku,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        cap=payload.cap,
        release_not_before=payload.release_not_before,
    )
    return Status(201, window)


@router.get("/preorder-windows", auth=scoped("inventory:read"), response={200: list[WindowOut], **ERRORS})
def get_windows(request: HttpRequest, sku: str) -> list[WindowView]:
    return list_preorder_windows(sku)
