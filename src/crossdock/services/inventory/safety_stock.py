"""Configure safety stock: rules by location × category, location type × category and location type,
and the position's own figure (which beats every rule). Precedence: domain/controls.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import Location, Product, SafetyStockRule, StockPosition
from crossdock.domain.errors import DuplicateLine, InvalidInput, UnknownLocation, UnknownSku
from crossdock.domain.locations import LocationType
from crossdock.domain.stock import MAX_ON_HAND
from crossdock.services import clock
from crossdock.services.inventory.shortages import release_shortages


@dataclass(frozen=True, slots=True)
class SafetyRule:
    quantity: int
    location: str | None = None
    location_type: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class PositionSafetyStock:
    location: str
    sku: str
    safety_stock: int


def set_safety_stock_rules(rules: list[SafetyRule]) -> list[SafetyRule]:
    """Replace every safety stock rule with these. Raises UnknownLocation, InvalidInput (a rule with a
    location but no category, with both a location and a type, an unknown type, a negative quantity),
    DuplicateLine (the same scope twice). Nothing is written when it raises."""
    locations = dict(
        Location.objects.filter(code__in={r.location for r in rules if r.location}).values_list("code", "id")
    )
    seen: set[tuple[str | None, str | None, str]] = set()
    for index, rule in enumerate(rules):
        _check_rule(index, rule, locations)
        scope = (rule.location, rule.location_type, rule.category or "")
        if scope in seen:
            raise DuplicateLine("the same scope is listed twice", field=f"rules[{index}]")
        seen.add(scope)
    with transaction.atomic():
        SafetyStockRule.objects.all().delete()
        SafetyStockRule.objects.bulk_create(
            SafetyStockRule(
                location_id=locations[r.location] if r.location else None,
                location_type=r.location_type or "",
                category=r.category or "",
                quantity=r.quantity,
            )
            for r in rules
        )
    return list_safety_stock_rules()


def list_safety_stock_rules() -> list[SafetyRule]:
    """Most specific first: location × category, then location type × category, then location type."""
    rules = [
        SafetyRule(quantity=quantity, location=code, location_type=kind or None, category=category or None)
        for code, kind, category, quantity in SafetyStockRule.objects.values_list(
            "location__code", "location_type", "category", "quantity"
        )
    ]
    return sorted(
        rules,
        key=lambda r: (
            r.location is None,
            r.category is None,
            r.location or "",
            r.location_type or "",
            r.category or "",
        ),
    )


def _check_rule(index: int, rule: SafetyRule, locations: dict[str, int]) -> None:
    if not 0 <= rule.quantity <= MAX_ON_HAND:
        raise InvalidInput(f"quantity must be between 0 and {MAX_ON_HAND}", field=f"rules[{index}].quantity")
    if (rule.location is None) == (rule.location_type is None):
        raise InvalidInput("a rule names a location or a location type", field=f"rules[{index}]")
    if rule.location is not None:
        if rule.location not in locations:
            raise UnknownLocation(f"unknown location {rule.location!r}", field=f"rules[{index}].location")
        if not rule.category:
            raise InvalidInput("a location rule needs a category", field=f"rules[{index}].category")
    elif rule.location_type not in {t.value for t in LocationType}:
        raise InvalidInput(f"unknown location type {rule.location_type!r}", field=f"rules[{index}].location_type")


def set_position_safety_stock(entries: list[PositionSafetyStock], *, actor: str) -> int:
    """Set positions' own safety stock (0: none of its own, the rules apply). Returns positions changed.

    If that leaves a position short of what it has reserved, the youngest reservations give way as
    after a low count. Raises UnknownLocation, UnknownSku, InvalidInput, DuplicateLine (nothing written).
    """
    if not entries:
        raise InvalidInput("no positions given", field="positions")
    locations = dict(Location.objects.filter(code__in={e.location for e in entries}).values_list("code", "id"))
    products = dict(Product.objects.filter(sku__in={e.sku for e in entries}).values_list("sku", "id"))
    seen: set[tuple[str, str]] = set()
    for index, entry in enumerate(entries):
        if entry.location not in locations:
            raise UnknownLocation(f"unknown location {entry.location!r}", field=f"positions[{index}].location")
        if entry.sku not in products:
            raise UnknownSku(f"unknown sku {entry.sku!r}", field=f"positions[{index}].sku")
        if not 0 <= entry.safety_stock <= MAX_ON_HAND:
            raise InvalidInput("safety_stock cannot be negative", field=f"positions[{index}].safety_stock")
        if (entry.location, entry.sku) in seen:
            raise DuplicateLine("the same position is listed twice", field=f"positions[{index}]")
        seen.add((entry.location, entry.sku))
    wanted = {(locations[e.location], products[e.sku]): e.safety_stock for e in entries}
    now = clock.now()
    with transaction.atomic():
        StockPosition.objects.bulk_create(
            [StockPosition(location_id=loc, product_id=prod) for loc, prod in wanted], ignore_conflicts=True
        )
        positions = StockPosition.objects.filter(
            location_id__in={loc for loc, _ in wanted}, product_id__in={prod for _, prod in wanted}
        )
        changed = [
            p
            for p in positions
            if (p.location_id, p.product_id) in wanted and p.safety_stock != wanted[(p.location_id, p.product_id)]
        ]
        for position in changed:
            position.safety_stock, position.updated_at = wanted[(position.location_id, position.product_id)], now
        StockPosition.objects.bulk_update(changed, ["safety_stock", "updated_at"])
        release_shortages(sorted(p.pk for p in changed), actor=actor, now=now)
    return len(changed)
