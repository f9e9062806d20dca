"""Claiming and unclaiming offers on behalf of a member of staff, within their stores."""

from __future__ import annotations

from crossdock.db.models import FulfilmentOrder, Location
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.staff import StaffScope
from crossdock.services.offers.claim import ClaimedOffer, claim_offer
from crossdock.services.offers.unclaim import Unclaimed, unclaim_fulfilment
from crossdock.services.store_work.access import locate

MAX_NOTE = 500

# Why an offer can no longer be claimed, in the words of the person who tried.
NOT_CLAIMABLE = {
    FulfilmentStatus.WITHDRAWN: "another store claimed this order first: the offer was withdrawn",
    FulfilmentStatus.EXPIRED: "this offer expired before anyone claimed it",
}
NOT_UNCLAIMABLE = {
    FulfilmentStatus.OFFERED: "claim the offer first; an offer nobody claims goes elsewhere when it expires",
    FulfilmentStatus.PICKING: "picking has started: report what is missing with “Not on the shelf?” instead",
}


def claim_for_store(fulfilment_id: int, *, scope: StaffScope) -> ClaimedOffer:
    """Claim an offer made to one of your stores; the other stores' offers are withdrawn. A second claim (a
    double click) answers as the first with `replayed`.

    Raises PermissionDenied (no store work in this role), NotFound (no such offer at your stores),
    IllegalTransition (withdrawn because another store claimed first, or expired)."""
    located = locate(fulfilment_id, scope)
    try:
        return claim_offer(fulfilment_id, location=_code(located.location_id), actor=scope.actor)
    except IllegalTransition as refused:
        raise IllegalTransition(_why(fulfilment_id, NOT_CLAIMABLE, refused), field=refused.field) from refused


def unclaim_for_store(fulfilment_id: int, *, scope: StaffScope, reason: str, note: str = "") -> Unclaimed:
    """Give claimed work back with a reason (out_of_stock, damaged, no_capacity, other) and an optional note:
    the order goes back to routing without your store; out_of_stock also corrects your stock of its SKUs.

    Raises InvalidInput (unknown reason, note too long), PermissionDenied, NotFound (not at your stores),
    IllegalTransition (not claimed: still an offer, or picking has started)."""
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"keep the note under {MAX_NOTE} characters", field="note")
    located = locate(fulfilment_id, scope)
    try:
        return unclaim_fulfilment(
            fulfilment_id, location=_code(located.location_id), reason=reason, note=note.strip(), actor=scope.actor
        )
    except IllegalTransition as refused:
        raise IllegalTransition(_why(fulfilment_id, NOT_UNCLAIMABLE, refused), field=refused.field) from refused


def _code(location_id: int) -> str:
    return str(Location.objects.values_list("code", flat=True).get(pk=location_id))


def _why(fulfilment_id: int, messages: dict[FulfilmentStatus, str], refused: IllegalTransition) -> str:
    status = FulfilmentOrder.objects.values_list("status", flat=True).get(pk=fulfilment_id)
    return messages.get(FulfilmentStatus(status), refused.message)
