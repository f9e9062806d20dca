"""Order-line units waiting for stock (backorders, pre-orders), and the pre-order windows of SKUs."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from crossdock.db.models.catalog import Product
from crossdock.db.models.orders import OrderLine
from crossdock.db.models.supply import SupplyLine
from crossdock.domain.waiting import WaitingKind, WaitingStatus


class PreorderWindow(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="preorder_windows")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cap = models.PositiveIntegerField(help_text="total units that may be pre-ordered in this window")
    release_not_before = models.DateTimeField(
        null=True, blank=True, help_text="the launch: pre-ordered units are never allocated before it"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["product", "starts_at"]
        constraints = [models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="preorder_window_order")]


class WaitingLine(models.Model):
    """Units of one order line waiting for stock; the queue the worker serves (FIFO within priority)."""

    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="waiting")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in WaitingKind])
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in WaitingStatus])
    ordered_quantity = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField(help_text="units still waiting")
    priority = models.IntegerField(default=0)
    supply_line = models.ForeignKey(
        SupplyLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="waiting_lines"
    )
    window = models.ForeignKey(PreorderWindow, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    promise_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-priority", "created_at", "id"]
        indexes = [
            models.Index(fields=["product", "status", "-priority", "created_at", "id"], name="waiting_queue"),
            models.Index(fields=["supply_line", "status"], name="waiting_by_supply"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__lte=F("ordered_quantity")), name="waiting_not_above_ordered")
        ]
