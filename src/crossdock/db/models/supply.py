"""Supply (purchase orders and transfers), its lines, and the receipts booked against it."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from crossdock.db.models.catalog import Location, Product
from crossdock.domain.supply import SupplyKind, SupplyStatus


class Supply(models.Model):
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in SupplyKind])
    reference = models.CharField(max_length=100)
    supplier = models.CharField(max_length=200, blank=True, default="")
    source = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    destination = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="inbound_supply")
    status = models.CharField(max_length=24, choices=[(s.value, s.value) for s in SupplyStatus])
    eta = models.DateField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["kind", "reference"], name="supply_unique_reference")]
        indexes = [models.Index(fields=["status", "eta"])]


class SupplyLine(models.Model):
    supply = models.ForeignKey(Supply, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="supply_lines")
    sku = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    received_quantity = models.PositiveIntegerField(default=0)
    cancelled_quantity = models.PositiveIntegerField(default=0, help_text="units that will not come")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["supply", "product"], name="supply_line_unique_product"),
            models.CheckConstraint(
                condition=Q(received_quantity__lte=F("quantity")), name="supply_line_not_over_received"
            ),
            models.CheckConstraint(
                condition=Q(cancelled_quantity__lte=F("quantity") - F("received_quantity")),
                name="supply_line_not_over_closed",
            ),
        ]


class SupplyReceipt(models.Model):
    """One receipt (a delivery booked in); its reference makes a repeat change nothing."""

    supply = models.ForeignKey(Supply, on_delete=models.CASCADE, related_name="receipts")
    reference = models.CharField(max_length=100)
    lines = models.JSONField(default=list)  # [{"sku": …, "quantity": …}] as booked
    received_by = models.CharField(max_length=120)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["supply", "reference"], name="supply_receipt_unique_reference")]
