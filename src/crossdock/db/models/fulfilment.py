from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Location
from crossdock.db.models.offers import OfferRound
from crossdock.db.models.orders import Order, OrderLine
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import DeliveryMethod


class FulfilmentOrder(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfilments")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="fulfilments")
    delivery_method = models.CharField(max_length=16, choices=[(m.value, m.value) for m in DeliveryMethod])
    status = models.CharField(max_length=24, choices=[(s.value, s.value) for s in FulfilmentStatus])
    offer_round = models.ForeignKey(
        OfferRound, on_delete=models.CASCADE, null=True, blank=True, related_name="fulfilments"
    )
    # Ship to store: the pickup store this work is shipped to (null: shipped to the customer, or picked up here).
    destination_location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="arriving_fulfilments"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["location", "status"])]


class FulfilmentLine(models.Model):
    fulfilment = models.ForeignKey(FulfilmentOrder, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="fulfilment_lines")
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
