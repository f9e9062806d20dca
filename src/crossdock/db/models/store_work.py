"""What store staff record while fulfilling: picks, short picks, parcels, shipments, pickup handovers."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Product
from crossdock.db.models.fulfilment import FulfilmentLine, FulfilmentOrder
from crossdock.domain.store_work import HandoverCheck, PickMethod


class PickConfirmation(models.Model):
    """Units of a fulfilment line confirmed on the shelf, by scan or tap. Append-only."""

    fulfilment = models.ForeignKey(FulfilmentOrder, on_delete=models.CASCADE, related_name="picks")
    fulfilment_line = models.ForeignKey(FulfilmentLine, on_delete=models.CASCADE, related_name="picks")
    quantity = models.PositiveIntegerField()
    method = models.CharField(max_length=8, choices=[(m.value, m.value) for m in PickMethod])
    actor = models.CharField(max_length=120)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]


class ShortPick(models.Model):
    """Units the picker could not find; their stock was corrected and they went back to routing."""

    fulfilment = models.ForeignKey(FulfilmentOrder, on_delete=models.CASCADE, related_name="short_picks")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    line_number = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField()
    actor = models.CharField(max_length=120)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]


class Parcel(models.Model):
    fulfilment = models.ForeignKey(FulfilmentOrder, on_delete=models.CASCADE, related_name="parcels")
    number = models.PositiveIntegerField()
    weight_kg = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["fulfilment", "number"]
        constraints = [models.UniqueConstraint(fields=["fulfilment", "number"], name="parcel_unique_number")]


class Shipment(models.Model):
    fulfilment = models.OneToOneField(FulfilmentOrder, on_delete=models.CASCADE, related_name="shipment")
    carrier = models.CharField(max_length=60)
    tracking_number = models.CharField(max_length=80)
    actor = models.CharField(max_length=120)
    shipped_at = models.DateTimeField()


class PickupHandover(models.Model):
    """A pickup waiting at the counter: its code, when it was ready, and how it left."""

    fulfilment = models.OneToOneField(FulfilmentOrder, on_delete=models.CASCADE, related_name="pickup")
    code = models.CharField(max_length=12)
    ready_at = models.DateTimeField(db_index=True)
    ready_by = models.CharField(max_length=120)
    collected_at = models.DateTimeField(null=True, blank=True)
    handed_over_by = models.CharField(max_length=120, blank=True, default="")
    checked_by = models.CharField(
        max_length=8, blank=True, default="", choices=[(c.value, c.value) for c in HandoverCheck]
    )
