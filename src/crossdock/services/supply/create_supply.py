"""Record supply on its way: a purchase order from a supplier, or a transfer between two locations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from crossdock.db.models import Location, Product, Supply, SupplyLine
from crossdock.domain.errors import DuplicateLine, InvalidInput, UnknownLocation, UnknownSku
from crossdock.domain.supply import SupplyKind, SupplyStatus, check_supply_lines
from crossdock.services import clock


@dataclass(frozen=True, slots=True)
class SupplyRequest:
    kind: SupplyKind
    reference: str
    destination: str
    lines: list[tuple[str, int]]  # (sku, quantity)
    eta: date | None = None
    supplier: str = ""
    source: str | None = None  # transfers: where the units leave from


def create_supply(request: SupplyRequest) -> int:
    """Record a purchase order or transfer and return its id. Nothing moves until it is dispatched or received.

    Raises InvalidInput (a transfer without a source or to itself, a PO with a source, bad lines),
    UnknownLocation, UnknownSku, DuplicateLine (a SKU twice, a reference already used). Nothing written.
    """
    check_supply_lines(request.lines)
    _check_route(request)
    locations = _locations(request)
    products = dict(Product.objects.filter(sku__in={sku for sku, _ in request.lines}).values_list("sku", "id"))
    for index, (sku, _) in enumerate(request.lines):
        if sku not in products:
            raise UnknownSku(f"unknown sku {sku!r}", field=f"lines[{index}].sku")
    now = clock.now()
    try:
        with transaction.atomic():
            supply = Supply.objects.create(
                kind=request.kind,
                reference=request.reference,
                supplier=request.supplier,
                source_id=locations.get(request.source or ""),
                destination_id=locations[request.destination],
                status=SupplyStatus.OPEN,
                eta=request.eta,
                created_at=now,
                updated_at=now,
            )
            SupplyLine.objects.bulk_create(
                SupplyLine(supply=supply, product_id=products[sku], sku=sku, quantity=quantity)
                for sku, quantity in request.lines
            )
    except IntegrityError:
        raise DuplicateLine(f"{request.kind} {request.reference} already exists", field="reference") from None
    return supply.pk


def _check_route(request: SupplyRequest) -> None:
    if not request.reference.strip():
        raise InvalidInput("a supply needs a reference", field="reference")
    if request.kind == SupplyKind.TRANSFER:
        if request.source is None:
            raise InvalidInput("a transfer needs a source location", field="source")
        if request.source == request.destination:
            raise InvalidInput("a transfer cannot go to its own source", field="destination")
    elif request.source is not None:
        raise InvalidInput("a purchase order comes from a supplier, not a location", field="source")


def _locations(request: SupplyRequest) -> dict[str, int]:
    codes = {request.destination, *([request.source] if request.source else [])}
    found = dict(Location.objects.filter(code__in=codes).values_list("code", "id"))
    for field, code in (("destination", request.destination), ("source", request.source)):
        if code is not None and code not in found:
            raise UnknownLocation(f"unknown location {code!r}", field=field)
    return found
