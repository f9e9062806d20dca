from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Channel, Location, Product
from crossdock.db.models.customers import Customer
from crossdock.domain.orders import DeliveryMethod, LineStatus, OrderStatus


class Order(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="orders")
    channel_order_id = models.CharField(max_length=100)
    idempotency_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(max_length=24, choices=[(s.value, s.value) for s in OrderStatus])
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="orders")
    customer_email = models.CharField(max_length=254, blank=True, default="")
    customer_name = models.CharField(max_length=200, blank=True, default="")
    shipping_address = models.JSONField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    total = models.DecimalField(max_digits=14, decimal_places=2)
    # After-sales money: total = Σ line gross − discount_total + shipping_total.
    discount_total = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    shipping_total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    billing_address = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "channel_order_id"], name="order_unique_channel_order_id"),
        ]
        indexes = [
            models.Index(fields=["status", "id"]),
            models.Index(fields=["customer", "id"]),
        ]


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    line_number = models.PositiveIntegerField()
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    sku = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    delivery_method = models.CharField(max_length=16, choices=[(m.value, m.value) for m in DeliveryMethod])
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in LineStatus])
    unallocated_quantity = models.PositiveIntegerField(default=0)
    # The line's share of the order discount, for its current quantity; net = unit_price × quantity − discount.
    discount = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    cancelled_quantity = models.PositiveIntegerField(default=0)  # units cancelled off `quantity` (partial)

    class Meta:
        ordering = ["line_number"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_number"], name="line_unique_number"),
        ]


class OrderEvent(models.Model):
    """The order's timeline: append-only."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=48)
    actor = models.CharField(max_length=120)
    reason = models.CharField(max_length=500, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
