"""Configure selling beyond stock: a channel's policy, the SKUs or categories that may be backordered,
and pre-order windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Sum

from crossdock.db.models import BackorderPermission, Channel, ChannelPolicy, PreorderWindow, Product, WaitingLine
from crossdock.domain.errors import InvalidInput, NotFound, UnknownSku
from crossdock.domain.orders import LineStatus
from crossdock.domain.waiting import WaitingKind, WaitingStatus
from crossdock.services import clock


@dataclass(frozen=True, slots=True)
class Policy:
    channel: str
    allow_backorders: bool
    allow_preorders: bool


@dataclass(frozen=True, slots=True)
class Backorderable:
    skus: list[str]
    categories: list[str]


@dataclass(frozen=True, slots=True)
class WindowView:
    id: int
    sku: str
    starts_at: datetime
    ends_at: datetime
    cap: int
    preordered: int
    release_not_before: datetime | None = None


def set_channel_policy(policy: Policy) -> Policy:
    """Raises NotFound (channel)."""
    channel = Channel.objects.filter(code=policy.channel).first()
    if channel is None:
        raise NotFound(f"unknown channel {policy.channel!r}", field="channel")
    ChannelPolicy.objects.update_or_create(
        channel=channel,
        defaults={"allow_backorders": policy.allow_backorders, "allow_preorders": policy.allow_preorders},
    )
    return policy


def set_backorderable(skus: list[str], categories: list[str]) -> Backorderable:
    """Replace the SKUs and categories that may be backordered. Raises UnknownSku, InvalidInput (nothing written)."""
    products = dict(Product.objects.filter(sku__in=skus).values_list("sku", "id"))
    for index, sku in enumerate(skus):
        if sku not in products:
            raise UnknownSku(f"unknown sku {sku!r}", field=f"skus[{index}]")
    for index, category in enumerate(categories):
        if not category.strip():
            raise InvalidInput("a category cannot be blank", field=f"categories[{index}]")
    with transaction.atomic():
        BackorderPermission.objects.all().delete()
        BackorderPermission.objects.bulk_create(
            [BackorderPermission(product_id=products[sku]) for sku in sorted(set(skus))]
            + [BackorderPermission(category=category) for category in sorted(set(categories))]
        )
    return Backorderable(skus=sorted(set(skus)), categories=sorted(set(categories)))


def open_preorder_window(
    sku: str, *, starts_at: datetime, ends_at: datetime, cap: int, release_not_before: datetime | None = None
) -> WindowView:
    """Open a window; with `release_not_before` (the launch), its pre-orders are promised no earlier and never
    allocated before it. Raises UnknownSku, InvalidInput (ends before it starts, a negative cap, a launch before
    the window opens, overlapping another window)."""
    product = Product.objects.filter(sku=sku).first()
    if product is None:
        raise UnknownSku(f"unknown sku {sku!r}", field="sku")
    if ends_at <= starts_at:
        raise InvalidInput("a window ends after it starts", field="ends_at")
    if cap < 0:
        raise InvalidInput("cap cannot be negative", field="cap")
    if release_not_before is not None and release_not_before < starts_at:
        raise InvalidInput("the launch cannot come before pre-orders open", field="release_not_before")
    overlapping = PreorderWindow.objects.filter(product=product, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if overlapping.exists():
        raise InvalidInput(f"{sku} already has a pre-order window in that time", field="starts_at")
    window = PreorderWindow.objects.create(
        product=product,
        starts_at=starts_at,
        ends_at=ends_at,
        cap=cap,
        release_not_before=release_not_before,
        created_at=clock.now(),
    )
    return WindowView(window.pk, sku, starts_at, ends_at, cap, 0, release_not_before)


def list_preorder_windows(sku: str) -> list[WindowView]:
    """Raises UnknownSku."""
    if not Product.objects.filter(sku=sku).exists():
        raise UnknownSku(f"unknown sku {sku!r}", field="sku")
    sold = dict(
        WaitingLine.objects.filter(window__product__sku=sku, kind=WaitingKind.PREORDER)
        .exclude(status=WaitingStatus.CANCELLED)
        .exclude(order_line__status=LineStatus.CANCELLED)
        .values("window_id")
        .annotate(units=Sum("ordered_quantity"))
        .values_list("window_id", "units")
    )
    return [
        WindowView(w.pk, sku, w.starts_at, w.ends_at, w.cap, sold.get(w.pk, 0), w.release_not_before)
        for w in PreorderWindow.objects.filter(product__sku=sku).order_by("starts_at")
    ]
