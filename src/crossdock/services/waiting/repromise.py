"""Promises follow their supply. When units of a supply are cancelled, the waiting lines promised those units
are promised again from other free supply (earliest first, where their channel sells) — or wait without a
date; when its ETA moves, their promise dates move with it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from crossdock.db.models import Channel, WaitingLine
from crossdock.domain.controls import ChannelRules
from crossdock.domain.orders import SHORT_LINE_STATUSES
from crossdock.domain.supply import lost_promises
from crossdock.domain.waiting import WaitingStatus, launch_promise
from crossdock.services.inventory.controls import load_blocks, load_channel_rules
from crossdock.services.supply.open_supply import open_supply
from crossdock.services.waiting.promises import Promise, promise


def waiting_on(supply_line_ids: Collection[int]) -> list[int]:
    """The order lines with units promised from these supply lines."""
    rows = WaitingLine.objects.filter(supply_line_id__in=list(supply_line_ids), status=WaitingStatus.WAITING)
    return sorted(set(rows.values_list("order_line_id", flat=True)))


def repromise_lost_units(product_ids: Collection[int]) -> list[int]:
    """Re-promise the waiting units whose supply line no longer has them open; returns the order lines touched.

    Runs in the caller's transaction, which has locked the SKUs' open supply lines (pk order): the rows
    served first keep their promise, the others are promised again and, if that takes several supply
    lines, split (each part keeps the row's place in the queue)."""
    supplies = open_supply(product_ids)
    open_units = {s.line_id: s.open for lines in supplies.values() for s in lines}
    rows = list(
        WaitingLine.objects.select_for_update(of=("self",))
        .filter(
            product_id__in=list(product_ids),
            status=WaitingStatus.WAITING,
            order_line__status__in=SHORT_LINE_STATUSES,
            supply_line__isnull=False,
        )
        .select_related("order_line__order__channel", "product", "window")
        .order_by("-priority", "created_at", "id")
    )
    lost = lost_promises([(r.pk, r.supply_line_id or 0, r.quantity) for r in rows], open_units)
    if not lost:
        return []
    blocks = load_blocks(sorted({row.product.sku for row in rows if row.pk in lost}))
    rules: dict[int, ChannelRules] = {}
    for row in rows:
        if row.pk in lost:
            channel = row.order_line.order.channel
            found = rules.get(channel.pk) or rules.setdefault(channel.pk, _rules(channel))
            promises = promise(
                supplies.setdefault(row.product_id, []), lost[row.pk], rules=found, blocks=blocks, sku=row.product.sku
            )
            _split(row, lost[row.pk], [_launched(p, row) for p in promises])
    return sorted({row.order_line_id for row in rows if row.pk in lost})


def redate_promises(supply_line_ids: Collection[int], eta: date | None) -> list[int]:
    """The supply's ETA moved: its waiting units are promised for the new date (pre-orders never before their
    launch). Returns the order lines touched."""
    rows = list(
        WaitingLine.objects.select_for_update(of=("self",))
        .filter(supply_line_id__in=list(supply_line_ids), status=WaitingStatus.WAITING)
        .select_related("window")
        .order_by("pk")
    )
    for row in rows:
        row.promise_date = launch_promise(eta, row.window.release_not_before if row.window else None)
    WaitingLine.objects.bulk_update(rows, ["promise_date"])
    return sorted({row.order_line_id for row in rows})


def _rules(channel: Channel) -> ChannelRules:
    return load_channel_rules(channel, skus=(), categories=())


def _launched(found: Promise, row: WaitingLine) -> Promise:
    return replace(found, eta=launch_promise(found.eta, row.window.release_not_before if row.window else None))


def _split(row: WaitingLine, units: int, promises: list[Promise]) -> None:
    """`units` of the row move to `promises`: the row takes the first if it keeps nothing of its own."""
    if units == row.quantity:
        first, promises = promises[0], promises[1:]
        row.supply_line_id, row.promise_date = first.supply_line_id, first.eta
        row.quantity, row.ordered_quantity = first.quantity, row.ordered_quantity - units + first.quantity
    else:
        row.quantity, row.ordered_quantity = row.quantity - units, row.ordered_quantity - units
    row.save(update_fields=["supply_line", "promise_date", "quantity", "ordered_quantity"])
    WaitingLine.objects.bulk_create(_part_of(row, part) for part in promises)


def _part_of(row: WaitingLine, part: Promise) -> WaitingLine:
    return WaitingLine(
        order_line_id=row.order_line_id,
        product_id=row.product_id,
        kind=row.kind,
        status=WaitingStatus.WAITING,
        ordered_quantity=part.quantity,
        quantity=part.quantity,
        priority=row.priority,
        supply_line_id=part.supply_line_id,
        window_id=row.window_id,
        promise_date=part.eta,
        created_at=row.created_at,  # its place in the queue
    )
