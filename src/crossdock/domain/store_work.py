"""Store work: the rules of picking, packing, shipping and handing over, and their timeline events."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from crossdock.domain.errors import DomainError, InvalidInput


class StoreWorkEvent(StrEnum):
    PICKING_STARTED = "PickingStarted"
    ITEM_PICKED = "ItemPicked"
    ITEM_SHORT_PICKED = "ItemShortPicked"
    FULFILMENT_PACKED = "FulfilmentPacked"
    READY_FOR_PICKUP = "ReadyForPickup"
    CUSTOMER_NOTIFIED = "CustomerNotified"
    PICKUP_NOT_COLLECTED = "PickupNotCollected"


class PickMethod(StrEnum):
    SCAN = "scan"
    TAP = "tap"


class HandoverCheck(StrEnum):
    CODE = "code"
    NAME = "name"


class NotOnPickList(DomainError):
    code = "not_on_pick_list"
    status = 422


class OverPick(DomainError):
    code = "over_pick"
    status = 409


class PickIncomplete(DomainError):
    code = "pick_incomplete"
    status = 409


class WrongPickupCode(DomainError):
    code = "wrong_pickup_code"
    status = 422


MAX_PARCELS = 50
MAX_PARCEL_KG = Decimal("70")
PICKUP_CODE_DIGITS = 6


@dataclass(frozen=True, slots=True)
class PickState:
    """One line of a pick list: how many units are wanted, picked and reported missing."""

    quantity: int
    picked: int

    @property
    def open(self) -> int:
        return self.quantity - self.picked


def check_pick(state: PickState, quantity: int, *, field: str) -> None:
    """Raise unless `quantity` more units can be picked on this line."""
    if quantity <= 0:
        raise InvalidInput("pick at least one unit", field="quantity")
    if quantity > state.open:
        raise OverPick(
            f"only {state.open} of {state.quantity} units are left to pick"
            if state.open
            else "this item is fully picked",
            field=field,
        )


def check_short(state: PickState, missing: int) -> None:
    """Raise unless `missing` units can be reported as not found."""
    if missing <= 0:
        raise InvalidInput("report at least one missing unit", field="missing")
    if missing > state.open:
        raise InvalidInput(f"only {state.open} units are left to pick on this line", field="missing")


def check_parcels(weights: list[Decimal | None], *, weight_required: bool) -> None:
    """A shipment needs 1…50 parcels, each with a weight in kg (a pickup bag may go without)."""
    if not 1 <= len(weights) <= MAX_PARCELS:
        raise InvalidInput(f"pack into 1 to {MAX_PARCELS} parcels", field="parcels")
    for index, weight in enumerate(weights):
        if weight is None:
            if weight_required:
                raise InvalidInput("a shipped parcel needs its weight", field=f"parcels[{index}].weight_kg")
            continue
        if not Decimal("0") < weight <= MAX_PARCEL_KG:
            raise InvalidInput(
                f"a parcel weighs more than 0 and at most {MAX_PARCEL_KG} kg", field=f"parcels[{index}].weight_kg"
            )


def check_tracking(carrier: str, tracking_number: str) -> tuple[str, str]:
    """The carrier and tracking number, trimmed; raise if either is missing or too long."""
    carrier, tracking_number = carrier.strip(), tracking_number.strip()
    if not carrier or len(carrier) > 60:
        raise InvalidInput("name the carrier (up to 60 characters)", field="carrier")
    if not tracking_number or len(tracking_number) > 80:
        raise InvalidInput("give the tracking number (up to 80 characters)", field="tracking_number")
    return carrier, tracking_number


def normalised_name(name: str) -> str:
    """Names compare without case, accents or extra spaces: 'José  Núñez' matches 'jose nunez'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def check_handover(*, expected_code: str, customer_names: list[str], code: str, name: str) -> HandoverCheck:
    """Which check let the parcel go: the pickup code, else the customer's full name. Raise if neither."""
    if code.strip():
        if code.strip() == expected_code:
            return HandoverCheck.CODE
        raise WrongPickupCode("that pickup code does not match this order", field="code")
    given = normalised_name(name)
    if not given:
        raise InvalidInput("enter the pickup code or the customer's name", field="code")
    if given in {normalised_name(known) for known in customer_names if known.strip()}:
        return HandoverCheck.NAME
    raise WrongPickupCode("that name does not match the customer on this order", field="name")
