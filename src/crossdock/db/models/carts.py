"""Carts and their lines. A line's held units are Reservation rows of kind `cart` (Reservation.cart_line)."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Channel, Location, Product
from crossdock.db.models.orders import Order
from crossdock.domain.carts import CartStatus
from crossdock.domain.orders import DeliveryMethod


class Cart(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in CartStatus])
    customer_ref = models.CharField(max_length=64, blank=True, default="")
    ttl_seconds = models.PositiveIntegerField()
    expires_at = models.DateTimeField()
    order = models.ForeignKey(Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["status", "expires_at"])]


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    line_number = models.PositiveIntegerField()
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    sku = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    delivery_method = models.CharField(max_length=16, choices=[(m.value, m.value) for m in DeliveryMethod])
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["line_number"]
        constraints = [models.UniqueConstraint(fields=["cart", "line_number"], name="cart_line_unique_number")]
