"""Which profile routes an order: the one active profile whose selector matches it, else the default."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crossdock.db.models import RoutingProfileVersion
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.profile import LocationFilters, OfferSettings, ProfileSpec, Selector, Strategy
from crossdock.domain.routing.profile_json import selector_from_json
from crossdock.domain.routing.versions import VersionStatus


@dataclass(frozen=True, slots=True)
class SelectedProfile:
    id: int | None  # None: the built-in default
    name: str
    version: int
    spec: ProfileSpec


# The nearest location that has everything, in as few parcels as possible: a parcel costs as much as
# 4,000 km, a split 2 more, and leaving a unit unfilled more than any shipment.
DEFAULT_SPEC = ProfileSpec(
    selector=Selector(),
    filters=LocationFilters(),
    cost=CostModel(per_parcel=8.0, per_km=0.002, per_unit=0.4, unfilled_per_unit=1000.0, split_penalty=2.0),
    strategy=Strategy.ASSIGN,
    offers=OfferSettings(),
)
DEFAULT_PROFILE = SelectedProfile(id=None, name="default", version=0, spec=DEFAULT_SPEC)


def select_profile(*, channel: str, delivery_method: str, customer_tier: str, order_value: Decimal) -> SelectedProfile:
    """The active profile whose selector matches the order, else DEFAULT_PROFILE. One query; only the
    matching spec is read in full. Active selectors never overlap (activation refuses it); were two
    to match, the older profile wins."""
    active = (
        RoutingProfileVersion.objects.filter(status=VersionStatus.ACTIVE)
        .order_by("profile_id")
        .values_list("profile_id", "profile__name", "number", "spec")
    )
    for profile_id, name, number, spec in active:
        selector = selector_from_json(spec)
        if selector.matches(
            channel=channel, delivery_method=delivery_method, customer_tier=customer_tier, order_value=order_value
        ):
            return SelectedProfile(id=profile_id, name=name, version=number, spec=ProfileSpec.from_json(spec))
    return DEFAULT_PROFILE
