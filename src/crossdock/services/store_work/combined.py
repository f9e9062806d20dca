"""One pick list for several orders of a store: each SKU once, with the orders that want it."""

from __future__ import annotations

from collections import defaultdict

from crossdock.db.models import FulfilmentLine, FulfilmentOrder
from crossdock.domain.errors import InvalidInput
from crossdock.domain.staff import StaffScope
from crossdock.services.staff.scope import require_store_work, store_in_scope
from crossdock.services.store_work.detail import pick_lines
from crossdock.services.store_work.views import CombinedLine, CombinedPickList

MAX_COMBINED = 50


def combined_pick_list(store_code: str, fulfilment_ids: list[int], *, scope: StaffScope) -> CombinedPickList:
    """Raises PermissionDenied (not your store), NotFound, InvalidInput (none chosen, too many, or one that
    is not at this store)."""
    require_store_work(scope)
    store = store_in_scope(scope, store_code)
    chosen = sorted(set(fulfilment_ids))
    if not 0 < len(chosen) <= MAX_COMBINED:
        raise InvalidInput(f"choose 1 to {MAX_COMBINED} orders to pick together", field="fulfilments")
    found = set(FulfilmentOrder.objects.filter(pk__in=chosen, location_id=store.id).values_list("pk", flat=True))
    if missing := [f for f in chosen if f not in found]:
        raise InvalidInput(f"fulfilment {missing[0]} is not at {store.code}", field="fulfilments")
    orders = dict(
        FulfilmentLine.objects.filter(fulfilment_id__in=chosen).values_list("pk", "fulfilment__order__channel_order_id")
    )
    merged: dict[str, list[CombinedLine]] = defaultdict(list)
    for line in pick_lines(chosen, store.id):
        merged[line.sku].append(
            CombinedLine(
                line.sku, line.name, line.barcode, line.on_hand, line.quantity, line.picked, [orders[line.line_id]]
            )
        )
    return CombinedPickList(store.code, store.name, chosen, [_merge(group) for _, group in sorted(merged.items())])


def _merge(group: list[CombinedLine]) -> CombinedLine:
    first = group[0]
    return CombinedLine(
        first.sku,
        first.name,
        first.barcode,
        first.on_hand,
        sum(g.quantity for g in group),
        sum(g.picked for g in group),
        sorted({o for g in group for o in g.orders}),
    )
