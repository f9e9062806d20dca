"""Opening offer rounds: one per bundle, with its claim timer and the escalation steps still to take."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from django.db.models import Max

from crossdock.db.models import FulfilmentOrder, OfferRound
from crossdock.domain.events import OrderEventType
from crossdock.domain.offers import RoundStatus
from crossdock.domain.routing.offering import Bundle
from crossdock.domain.routing.profile import EscalationStep, OfferSettings
from crossdock.services.timeline import EventDraft


def open_rounds(
    order_id: int,
    bundles: Sequence[Bundle],
    settings: OfferSettings,
    now: datetime,
    *,
    escalation: Sequence[EscalationStep] | None = None,
) -> dict[int, OfferRound]:
    """A round per bundle (bundle index → round), numbered after the order's earlier rounds."""
    if not bundles:
        return {}
    last = OfferRound.objects.filter(order_id=order_id).aggregate(last=Max("number"))["last"] or 0
    ladder = [str(step) for step in (settings.escalation if escalation is None else escalation)]
    return {
        index: OfferRound.objects.create(
            order_id=order_id,
            number=last + 1 + index,
            status=RoundStatus.OPEN,
            escalation=ladder,
            store_count=settings.store_count,
            claim_timeout_seconds=settings.claim_timeout_seconds,
            opened_at=now,
            expires_at=now + timedelta(seconds=settings.claim_timeout_seconds),
        )
        for index in range(len(bundles))
    }


def offered_events(
    rounds: Mapping[int, OfferRound], fulfilments: Sequence[FulfilmentOrder], codes: Mapping[int, str]
) -> list[EventDraft]:
    """One timeline event per round: which stores were offered the work, and until when."""
    drafts = []
    for offer_round in rounds.values():
        offered = [f for f in fulfilments if f.offer_round_id == offer_round.pk]
        drafts.append(
            EventDraft(
                OrderEventType.FULFILMENT_OFFERED,
                {
                    "round": offer_round.number,
                    "offers": [{"fulfilment_id": f.pk, "location": codes[f.location_id]} for f in offered],
                    "expires_at": offer_round.expires_at.isoformat(),
                },
            )
        )
    return drafts
