"""Inventory controls: channel locations, buffers and thresholds, safety stock, blocks; and why a SKU
shows the availability it does."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.common import Code
from crossdock.api.schemas.controls import (
    BlockIn,
    BlockOut,
    ChannelControlsIn,
    ChannelControlsOut,
    ExplanationOut,
    PositionSafetyStockIn,
    PositionSafetyStockOut,
    SafetyRuleOut,
    SafetyRulesIn,
)
from crossdock.services.inventory.blocks import BlockView, block_stock, list_blocks, unblock_stock
from crossdock.services.inventory.channel_controls import (
    BufferSetting,
    ChannelControls,
    ThresholdSetting,
    get_channel_controls,
    set_channel_controls,
)
from crossdock.services.inventory.explain import Explanation, explain_availability
from crossdock.services.inventory.safety_stock import (
    PositionSafetyStock,
    SafetyRule,
    list_safety_stock_rules,
    set_position_safety_stock,
    set_safety_stock_rules,
)

router = Router(tags=["inventory controls"])


@router.get("/availability/{sku}/explain", auth=scoped("inventory:read"), response={200: ExplanationOut, **ERRORS})
def explain(request: HttpRequest, sku: str, channel: Code | None = None) -> Explanation:
    """On-hand, reservations, safety stock, buffers and thresholds per location, and how they add up."""
    return explain_availability(sku, channel=channel)


@router.get("/channels/{code}/controls", auth=scoped("inventory:read"), response={200: ChannelControlsOut, **ERRORS})
def read_channel_controls(request: HttpRequest, code: str) -> ChannelControls:
    return get_channel_controls(code)


@router.put("/channels/{code}/controls", auth=scoped("inventory:write"), response={200: ChannelControlsOut, **ERRORS})
def put_channel_controls(request: HttpRequest, code: str, payload: ChannelControlsIn) -> ChannelControls:
    """Replace the channel's location types, explicit includes/excludes, buffers and thresholds."""
    return set_channel_controls(
        ChannelControls(
            channel=code,
            location_types=[kind.value for kind in payload.location_types],
            include=payload.include,
            exclude=payload.exclude,
            buffers=[
                BufferSetting(b.units, b.location, b.location_type.value if b.location_type else None)
                for b in payload.buffers
            ],
            thresholds=[ThresholdSetting(t.min_units, t.sku, t.category) for t in payload.thresholds],
        )
    )


@router.get(
    "/inventory/safety-stock-rules", auth=scoped("inventory:read"), response={200: list[SafetyRuleOut], **ERRORS}
)
def read_safety_rules(request: HttpRequest) -> list[SafetyRule]:
    return list_safety_stock_rules()


@router.put(
    "/inventory/safety-stock-rules", auth=scoped("inventory:write"), response={200: list[SafetyRuleOut], **ERRORS}
)
def put_safety_rules(request: HttpRequest, payload: SafetyRulesIn) -> list[SafetyRule]:
    """Replace every rule. The most specific applies: position > location × category >
    location type × category > location type."""
    return set_safety_stock_rules(
        [
            SafetyRule(r.quantity, r.location, r.location_type.value if r.location_type else None, r.category)
            for r in payload.rules
        ]
    )


@router.put("/inventory/safety-stock", auth=scoped("inventory:write"), response={200: PositionSafetyStockOut, **ERRORS})
def put_position_safety(request: HttpRequest, payload: PositionSafetyStockIn) -> PositionSafetyStockOut:
    """Positions' own safety stock (0: none of its own, the rules apply)."""
    changed = set_position_safety_stock(
        [PositionSafetyStock(p.location, p.sku, p.safety_stock) for p in payload.positions], actor=caller(request).actor
    )
    return PositionSafetyStockOut(changed=changed)


@router.get("/inventory/blocks", auth=scoped("inventory:read"), response={200: list[BlockOut], **ERRORS})
def read_blocks(request: HttpRequest) -> list[BlockView]:
    return list_blocks()


@router.post("/inventory/blocks", auth=scoped("inventory:write"), response={201: BlockOut, **ERRORS})
def post_block(request: HttpRequest, payload: BlockIn) -> Status[BlockView]:
    """Take a location, a SKU everywhere, or one position out of sale in every channel."""
    return Status(
        201, block_stock(location=payload.location, sku=payload.sku, reason=payload.reason, actor=caller(request).actor)
    )


@router.delete("/inventory/blocks/{int:block_id}", auth=scoped("inventory:write"), response={204: None, **ERRORS})
def delete_block(request: HttpRequest, block_id: int) -> Status[None]:
    unblock_stock(block_id)
    return Status(204, None)
