"""Returns (RMA), their lines and timeline, and each channel's return policy."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Channel, Location
from crossdock.db.models.orders import Order, OrderLine
from crossdock.domain.returns import Condition, Disposition, ReturnReason, ReturnSource, ReturnStatus, ShippingRefund


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]  # type: ignore[attr-defined]


class Return(models.Model):
    rma_number = models.CharField(max_length=40, unique=True)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="returns")
    status = models.CharField(max_length=16, choices=_choices(ReturnStatus))
    source = models.CharField(max_length=24, choices=_choices(ReturnSource))
    opened_at_location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    received_at_location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(null=True, blank=True)
    refund_total = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    restocking_fee = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    shipping_refund = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    replacement_order = models.ForeignKey(
        Order, on_delete=models.PROTECT, null=True, blank=True, related_name="exchanged_from"
    )
    exchange_credit = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    created_by = models.CharField(max_length=120)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]


class ReturnLine(models.Model):
    return_request = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="return_lines")
    quantity = models.PositiveIntegerField()
    reason = models.CharField(max_length=32, choices=_choices(ReturnReason))
    stated_condition = models.CharField(max_length=16, choices=_choices(Condition))
    note = models.CharField(max_length=500, blank=True, default="")
    inspected_condition = models.CharField(max_length=16, choices=_choices(Condition), blank=True, default="")
    disposition = models.CharField(max_length=24, choices=_choices(Disposition), blank=True, default="")
    accepted = models.BooleanField(null=True, blank=True)  # set at inspection: does it earn a refund
    inspected_at = models.DateTimeField(null=True, blank=True)
    refund_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["id"]


class ReturnEvent(models.Model):
    """The return's own timeline: append-only."""

    return_request = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=48)
    actor = models.CharField(max_length=120)
    reason = models.CharField(max_length=500, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]


class ReturnPolicy(models.Model):
    """A channel's return policy; a channel without one uses the defaults of domain/returns.py."""

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, related_name="return_policy")
    window_days = models.PositiveIntegerField(default=30)
    non_returnable_skus = models.JSONField(default=list, blank=True)
    non_returnable_categories = models.JSONField(default=list, blank=True)
    accepted_conditions = models.JSONField(default=list, blank=True)  # empty: unopened and opened
    shipping_refund = models.CharField(
        max_length=16, choices=_choices(ShippingRefund), default=ShippingRefund.FULL_RETURN
    )
    restocking_fee_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)

    class Meta:
        verbose_name_plural = "return policies"

    def __str__(self) -> str:
        return f"{self.channel_id}: {self.window_days} days"
