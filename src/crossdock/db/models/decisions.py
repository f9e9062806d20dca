"""Routing decisions: what the sourcing engine decided for an order, under which profile, from what it saw."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.orders import Order


class RoutingDecision(models.Model):
    """One routing of an order (placement, or a later re-route). `inputs` reproduce the decision exactly;
    `explanation` is computed from them on first read and kept."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="routing_decisions")
    reason = models.CharField(max_length=32)  # placed | unclaimed | claim_timeout | short_pick | reroute | released
    profile_id = models.PositiveIntegerField(null=True, blank=True)
    profile_name = models.CharField(max_length=100)
    profile_version = models.PositiveIntegerField()
    strategy = models.CharField(max_length=16)
    method = models.CharField(max_length=24)
    cost = models.FloatField()
    terms = models.JSONField(default=dict)
    allocations = models.JSONField(default=list)  # [{"sku", "location", "quantity"}]
    unfilled = models.JSONField(default=list)  # [{"sku", "quantity"}]
    inputs = models.JSONField()
    explanation = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["order", "id"])]
