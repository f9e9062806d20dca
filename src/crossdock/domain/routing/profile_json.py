"""A routing profile spec as JSON: read strictly (unknown fields refused, the field named), written in full."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from crossdock.domain.errors import InvalidInput
from crossdock.domain.locations import LocationType
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.fields import as_list, as_object, integer, number, optional_integer, optional_number
from crossdock.domain.routing.profile import (
    DEFAULT_ESCALATION,
    EscalationStep,
    LocationFilters,
    OfferSettings,
    ProfileSpec,
    Selector,
    Strategy,
)

SPEC_FIELDS = ("selector", "filters", "cost", "strategy", "offers")
SELECTOR_FIELDS = ("channels", "delivery_methods", "customer_tiers", "min_order_value", "max_order_value")
FILTER_FIELDS = (
    "location_types",
    "required_capabilities",
    "max_distance_km",
    "open_now",
    "before_cutoff",
    "min_capacity_left",
    "min_reliability",
)
COST_FIELDS = (
    "per_parcel",
    "per_km",
    "per_unit",
    "unfilled_per_unit",
    "per_unit_by_kind",
    "split_penalty",
    "max_parcels_per_order",
    "unreliability_weight",
    "load_weight",
    "depletion_penalty",
    "depletion_threshold",
)
OFFER_FIELDS = ("store_count", "claim_timeout_seconds", "escalation")
KINDS = frozenset(kind.value for kind in LocationType)

Choice = TypeVar("Choice", Strategy, EscalationStep)


def spec_from_json(data: Mapping[str, Any]) -> ProfileSpec:
    if not isinstance(data, Mapping):
        raise InvalidInput("a profile spec must be an object", field=None)
    _only(data, SPEC_FIELDS, "")
    if "cost" not in data:
        raise InvalidInput("is missing", field="cost")
    return ProfileSpec(
        selector=_selector(_section(data, "selector")),
        filters=_filters(_section(data, "filters")),
        cost=_cost(as_object(data["cost"], "cost")),
        strategy=_choice(Strategy, data.get("strategy", Strategy.ASSIGN.value), "strategy"),
        offers=_offers(_section(data, "offers")),
    )


def spec_to_json(spec: ProfileSpec) -> dict[str, Any]:
    selector, filters, cost, offers = spec.selector, spec.filters, spec.cost, spec.offers
    return {
        "selector": {
            "channels": list(selector.channels),
            "delivery_methods": list(selector.delivery_methods),
            "customer_tiers": list(selector.customer_tiers),
            "min_order_value": _amount_text(selector.min_order_value),
            "max_order_value": _amount_text(selector.max_order_value),
        },
        "filters": {name: _plain(getattr(filters, name)) for name in FILTER_FIELDS},
        "cost": {name: _plain(getattr(cost, name)) for name in COST_FIELDS},
        "strategy": spec.strategy.value,
        "offers": {
            "store_count": offers.store_count,
            "claim_timeout_seconds": offers.claim_timeout_seconds,
            "escalation": [step.value for step in offers.escalation],
        },
    }


def selector_from_json(data: Mapping[str, Any]) -> Selector:
    """Only the selector of a spec's JSON: enough to tell whether the profile applies to an order."""
    return _selector(_section(data, "selector"))


def _selector(data: Mapping[str, Any]) -> Selector:
    _only(data, SELECTOR_FIELDS, "selector")
    return Selector(
        channels=_names(data, "channels", "selector"),
        delivery_methods=_names(data, "delivery_methods", "selector"),
        customer_tiers=_names(data, "customer_tiers", "selector"),
        min_order_value=_amount(data.get("min_order_value"), "selector.min_order_value"),
        max_order_value=_amount(data.get("max_order_value"), "selector.max_order_value"),
    )


def _filters(data: Mapping[str, Any]) -> LocationFilters:
    _only(data, FILTER_FIELDS, "filters")
    open_now = data.get("open_now", False)
    if not isinstance(open_now, bool):
        raise InvalidInput("must be true or false", field="filters.open_now")
    cutoff = data.get("before_cutoff")
    if cutoff is not None and not isinstance(cutoff, str):
        raise InvalidInput('must be a time of day "HH:MM"', field="filters.before_cutoff")
    return LocationFilters(
        location_types=_names(data, "location_types", "filters"),
        required_capabilities=_names(data, "required_capabilities", "filters"),
        max_distance_km=optional_number(data, "max_distance_km", "filters"),
        open_now=open_now,
        before_cutoff=cutoff,
        min_capacity_left=optional_integer(data, "min_capacity_left", "filters", minimum=0),
        min_reliability=optional_number(data, "min_reliability", "filters"),
    )


def _cost(data: Mapping[str, Any]) -> CostModel:
    _only(data, COST_FIELDS, "cost")
    by_kind = _section(data, "per_unit_by_kind", "cost.per_unit_by_kind")
    for kind in by_kind:
        if kind not in KINDS:
            raise InvalidInput(f"must be a location type: {sorted(KINDS)}", field=f"cost.per_unit_by_kind.{kind}")
    return CostModel(
        per_parcel=number(data, "per_parcel", "cost"),
        per_km=number(data, "per_km", "cost"),
        per_unit=number(data, "per_unit", "cost"),
        unfilled_per_unit=number(data, "unfilled_per_unit", "cost"),
        per_unit_by_kind={kind: number(by_kind, kind, "cost.per_unit_by_kind") for kind in by_kind},
        split_penalty=number(data, "split_penalty", "cost", default=0.0),
        max_parcels_per_order=optional_integer(data, "max_parcels_per_order", "cost", minimum=1),
        unreliability_weight=number(data, "unreliability_weight", "cost", default=0.0),
        load_weight=number(data, "load_weight", "cost", default=0.0),
        depletion_penalty=number(data, "depletion_penalty", "cost", default=0.0),
        depletion_threshold=integer(data, "depletion_threshold", "cost", minimum=0, default=0),
    )


def _offers(data: Mapping[str, Any]) -> OfferSettings:
    _only(data, OFFER_FIELDS, "offers")
    steps = as_list(data.get("escalation", [step.value for step in DEFAULT_ESCALATION]), "offers.escalation")
    return OfferSettings(
        store_count=integer(data, "store_count", "offers", minimum=1, default=3),
        claim_timeout_seconds=integer(data, "claim_timeout_seconds", "offers", minimum=1, default=900),
        escalation=tuple(_choice(EscalationStep, step, f"offers.escalation[{i}]") for i, step in enumerate(steps)),
    )


def _section(data: Mapping[str, Any], key: str, field: str | None = None) -> Mapping[str, Any]:
    value = data.get(key)
    return {} if value is None else as_object(value, field or key)


def _only(data: Mapping[str, Any], allowed: tuple[str, ...], field: str) -> None:
    unknown = [key for key in data if key not in allowed]
    if unknown:
        path = f"{field}.{unknown[0]}" if field else str(unknown[0])
        raise InvalidInput(f"unknown field; expected one of {', '.join(allowed)}", field=path)


def _names(data: Mapping[str, Any], key: str, field: str) -> tuple[str, ...]:
    value = data.get(key)
    values = [] if value is None else as_list(value, f"{field}.{key}")
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise InvalidInput("must be a string", field=f"{field}.{key}[{index}]")
    return tuple(values)


def _choice(kind: type[Choice], value: object, field: str) -> Choice:
    names = [member.value for member in kind]
    if not isinstance(value, str) or value not in names:
        raise InvalidInput(f"must be one of {names}", field=field)
    return kind(value)


def _amount(value: object, field: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise InvalidInput("must be an amount", field=field)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise InvalidInput("must be an amount", field=field) from None
    if not amount.is_finite():
        raise InvalidInput("must be an amount", field=field)
    return amount


def _amount_text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _plain(value: object) -> object:
    """Tuples as lists and mappings as dicts: what json.dumps writes and from_json reads back."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value
