"""Offer rounds, what became of each offer (a store's history), and stores ruled out for an order."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Location
from crossdock.db.models.orders import Order
from crossdock.domain.offers import Outcome, RoundStatus


class OfferRound(models.Model):
    """Fulfilment orders offered to several stores at once, each holding the stock until the round ends.

    The round row is also its durable claim timer: the worker takes open rounds past `expires_at`
    with SKIP LOCKED and escalates them."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="offer_rounds")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in RoundStatus])
    escalation = models.JSONField(default=list)  # the ladder steps still to take if nobody claims
    store_count = models.PositiveIntegerField()
    claim_timeout_seconds = models.PositiveIntegerField()
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["order", "number"], name="offer_round_unique_number")]
        indexes = [models.Index(fields=["status", "expires_at"])]


class OfferOutcome(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="offer_outcomes")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="offer_outcomes")
    fulfilment_id = models.PositiveIntegerField()
    outcome = models.CharField(max_length=16, choices=[(o.value, o.value) for o in Outcome])
    reason = models.CharField(max_length=32, blank=True, default="")
    latency_seconds = models.FloatField(null=True, blank=True)  # offer → claim
    offered_at = models.DateTimeField()
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["location", "decided_at"])]


class RoutingExclusion(models.Model):
    """A location ruled out for one order (it unclaimed it, or let an offer expire)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="routing_exclusions")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=32)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "location"], name="routing_exclusion_unique_location")]
