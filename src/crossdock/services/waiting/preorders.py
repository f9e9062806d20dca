"""Pre-order lines reserve against supply, never against on-hand: inside the SKU's window, up to its cap."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime

from django.db.models import Q, Sum

from crossdock.db.models import Channel, PreorderWindow, WaitingLine
from crossdock.domain import waiting
from crossdock.domain.errors import InsufficientSupply, PreorderClosed
from crossdock.domain.orders import LineStatus, RequestedLine
from crossdock.domain.waiting import WaitingKind, WaitingStatus, launch_promise
from crossdock.services.inventory.controls import load_blocks, load_channel_rules
from crossdock.services.supply.open_supply import open_supply
from crossdock.services.waiting.drafts import WaitingDraft
from crossdock.services.waiting.policy import preorders_allowed
from crossdock.services.waiting.promises import promise


def reserve_preorders(
    lines: list[RequestedLine], *, channel: Channel, product_ids: dict[str, int], now: datetime
) -> dict[int, WaitingDraft]:
    """Promise each pre-order line units of open supply, inside the caller's transaction.

    The SKUs' windows and open supply lines are locked (FOR UPDATE, supply lines before any stock
    position), so caps and supply are never over-promised. Raises PreorderClosed (outside the window,
    no window, a channel without pre-orders), PreorderCapReached, InsufficientSupply.
    """
    keys = [index for index, line in enumerate(lines) if line.preorder]
    if not keys:
        return {}
    if not preorders_allowed(channel):
        raise PreorderClosed(f"the {channel.code} channel takes no pre-orders", field=f"lines[{keys[0]}].preorder")
    wanted = {product_ids[lines[key].sku] for key in keys}
    windows = _windows(wanted, now)
    sold = _sold(windows)
    supplies = open_supply(wanted, lock=True)
    rules = load_channel_rules(channel, skus=[lines[k].sku for k in keys], categories=())
    blocks = load_blocks([lines[k].sku for k in keys])
    drafts: dict[int, WaitingDraft] = {}
    for key in keys:
        line = lines[key]
        window = windows.get(product_ids[line.sku])
        if window is None:
            raise PreorderClosed(f"{line.sku} has no pre-order window", field=f"lines[{key}].preorder")
        waiting.PreorderWindow(window.starts_at, window.ends_at, window.cap, sold[window.pk]).check(
            line.quantity, now, field=f"lines[{key}].quantity"
        )
        promises = promise(supplies[product_ids[line.sku]], line.quantity, rules=rules, blocks=blocks, sku=line.sku)
        promises = [replace(p, eta=launch_promise(p.eta, window.release_not_before)) for p in promises]
        if promises[-1].supply_line_id is None:
            raise InsufficientSupply(
                f"open supply of {line.sku} cannot cover {line.quantity} more pre-ordered units",
                field=f"lines[{key}].quantity",
            )
        sold[window.pk] += line.quantity
        drafts[key] = WaitingDraft(key, WaitingKind.PREORDER, promises, window.pk)
    return drafts


def _windows(product_ids: set[int], now: datetime) -> dict[int, PreorderWindow]:
    """Per product, the window open now — else the latest begun, else the next one (to say when)."""
    found: dict[int, PreorderWindow] = {}
    for window in PreorderWindow.objects.select_for_update().filter(product_id__in=product_ids).order_by("pk"):
        current = found.get(window.product_id)
        if current is None or _better(window, current, now):
            found[window.product_id] = window
    return found


def _better(window: PreorderWindow, current: PreorderWindow, now: datetime) -> bool:
    def rank(w: PreorderWindow) -> tuple[int, float]:
        if w.starts_at <= now < w.ends_at:
            return (0, 0.0)
        if w.starts_at <= now:
            return (1, (now - w.starts_at).total_seconds())
        return (2, (w.starts_at - now).total_seconds())

    return rank(window) < rank(current)


def _sold(windows: dict[int, PreorderWindow]) -> dict[int, int]:
    """Units pre-ordered in each window so far (lines cancelled since do not count)."""
    sold: dict[int, int] = defaultdict(int)
    rows = (
        WaitingLine.objects.filter(window__in=list(windows.values()), kind=WaitingKind.PREORDER)
        .filter(~Q(status=WaitingStatus.CANCELLED))
        .exclude(order_line__status=LineStatus.CANCELLED)
        .values("window_id")
        .annotate(units=Sum("ordered_quantity"))
        .values_list("window_id", "units")
    )
    sold.update(dict(rows))
    return sold
