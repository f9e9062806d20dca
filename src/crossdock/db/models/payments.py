"""Payment records per order (an append-only ledger) and each channel's capture policy."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Channel
from crossdock.db.models.orders import Order
from crossdock.domain.payments import CaptureAt, PaymentKind, PaymentStatus


class Payment(models.Model):
    """One authorisation, capture, refund or void, as the gateway answered it."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in PaymentKind])
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in PaymentStatus])
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    gateway = models.CharField(max_length=32)
    method = models.CharField(max_length=64, blank=True, default="")
    reference = models.CharField(max_length=200, blank=True, default="")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    return_request = models.ForeignKey(
        "crossdock.Return", on_delete=models.PROTECT, null=True, blank=True, related_name="payments"
    )
    message = models.CharField(max_length=500, blank=True, default="")
    actor = models.CharField(max_length=120)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["order", "kind"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            # A return is refunded once: at most one succeeded refund per capture and gateway it draws on.
            models.UniqueConstraint(
                fields=["return_request", "parent", "gateway"],
                condition=models.Q(kind="refund", status="succeeded", return_request__isnull=False),
                name="payment_one_refund_per_return_capture",
            ),
        ]


class PaymentPolicy(models.Model):
    """When a channel's orders are captured; a channel without one captures at shipment."""

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, related_name="payment_policy")
    capture_at = models.CharField(
        max_length=16, choices=[(c.value, c.value) for c in CaptureAt], default=CaptureAt.SHIPMENT
    )

    class Meta:
        verbose_name_plural = "payment policies"

    def __str__(self) -> str:
        return f"{self.channel_id}: capture at {self.capture_at}"
