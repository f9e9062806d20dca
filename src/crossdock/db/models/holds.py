"""Holds on orders, and the fraud rules that place them."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Channel
from crossdock.db.models.orders import Order
from crossdock.domain.fraud import FraudRuleKind
from crossdock.domain.holds import HoldKind, HoldStatus


class OrderHold(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="holds")
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in HoldKind])
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in HoldStatus])
    reason = models.CharField(max_length=500)
    rules = models.JSONField(default=list, blank=True)  # the fraud rules it tripped: [{code, kind, explanation}]
    placed_by = models.CharField(max_length=120)
    placed_at = models.DateTimeField()
    resolved_by = models.CharField(max_length=120, blank=True, default="")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["order", "status"])]


class FraudRule(models.Model):
    """A rule checked when an order is placed; an order that trips any active rule goes on a fraud hold."""

    code = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200, blank=True, default="")
    kind = models.CharField(max_length=32, choices=[(k.value, k.value) for k in FraudRuleKind])
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, default="")
    limit = models.PositiveIntegerField(null=True, blank=True)
    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, null=True, blank=True, related_name="fraud_rules"
    )  # none: every channel
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
