"""Stock per sku × location, the reservations against it, and each location's feed sequence."""

from __future__ import annotations

from django.db import models

from crossdock.db.models.catalog import Location, Product


class StockPosition(models.Model):
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="positions")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="positions")
    on_hand = models.IntegerField(default=0)
    reserved = models.IntegerField(default=0)
    safety_stock = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "location"], name="position_unique_product_location"),
            models.CheckConstraint(condition=models.Q(on_hand__gte=0), name="position_on_hand_not_negative"),
            models.CheckConstraint(condition=models.Q(reserved__gte=0), name="position_reserved_not_negative"),
            models.CheckConstraint(condition=models.Q(safety_stock__gte=0), name="position_safety_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}@{self.location_id}"


class Reservation(models.Model):
    class Kind(models.TextChoices):
        ORDER = "order"
        CART = "cart"
        PREORDER = "preorder"

    position = models.ForeignKey(StockPosition, on_delete=models.PROTECT, related_name="reservations")
    order_line = models.ForeignKey(
        "crossdock.OrderLine", on_delete=models.CASCADE, null=True, blank=True, related_name="reservations"
    )
    # A cart's soft hold (kind=cart, with expires_at); on checkout it becomes the order line's reservation.
    cart_line = models.ForeignKey(
        "crossdock.CartLine", on_delete=models.PROTECT, null=True, blank=True, related_name="holds"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ORDER)
    quantity = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["position", "created_at"])]


class LocationFeed(models.Model):
    """The newest feed applied per location, so an older one never overwrites it."""

    location = models.OneToOneField(Location, on_delete=models.CASCADE, related_name="feed")
    sequence = models.BigIntegerField()
    applied_at = models.DateTimeField()
