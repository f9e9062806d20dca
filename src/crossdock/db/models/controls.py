"""Inventory controls: safety stock rules, channel locations, buffers, thresholds, blocks, selling policy.

The precedence of these rules is domain logic (domain/controls.py); these tables only hold them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from crossdock.db.models.catalog import Channel, Location, Product
from crossdock.domain.locations import LocationType

LOCATION_TYPES = [(t.value, t.value) for t in LocationType]


class SafetyStockRule(models.Model):
    """Safety stock for a location × category, a location type × category, or a location type."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    location_type = models.CharField(max_length=16, choices=LOCATION_TYPES, blank=True, default="")
    category = models.CharField(max_length=100, blank=True, default="")
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["location", "category"], name="safety_rule_unique_location_category"),
            models.UniqueConstraint(
                fields=["location_type", "category"],
                condition=Q(location__isnull=True),
                name="safety_rule_unique_type_category",
            ),
            models.CheckConstraint(
                condition=(Q(location__isnull=False) & Q(location_type="") & ~Q(category=""))
                | (Q(location__isnull=True) & ~Q(location_type="")),
                name="safety_rule_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = self.location.code if self.location else self.location_type
        return f"{scope} × {self.category or 'every category'}: {self.quantity}"


class ChannelLocation(models.Model):
    """An explicit include (or exclude) of one location for one channel, beating its location types."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="location_rules")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    include = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "location"], name="channel_location_unique")]


class ChannelBuffer(models.Model):
    """Units a channel leaves unsold at a location (or at every location of a type)."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="buffers")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    location_type = models.CharField(max_length=16, choices=LOCATION_TYPES, blank=True, default="")
    units = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "location"], name="channel_buffer_unique_location"),
            models.UniqueConstraint(
                fields=["channel", "location_type"],
                condition=Q(location__isnull=True),
                name="channel_buffer_unique_type",
            ),
            models.CheckConstraint(
                condition=Q(location__isnull=False, location_type="")
                | (Q(location__isnull=True) & ~Q(location_type="")),
                name="channel_buffer_scope",
            ),
        ]


class ChannelThreshold(models.Model):
    """Below `min_units` across the channel's locations, the SKU shows as out of stock in the channel."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="thresholds")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    category = models.CharField(max_length=100, blank=True, default="")
    min_units = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "product"], name="channel_threshold_unique_product"),
            models.UniqueConstraint(
                fields=["channel", "category"],
                condition=Q(product__isnull=True),
                name="channel_threshold_unique_category",
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=True) | Q(category=""), name="channel_threshold_product_or_category"
            ),
        ]


class StockBlock(models.Model):
    """Stock taken out of sale in every channel: a location, a SKU everywhere, or a location × SKU."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    reason = models.CharField(max_length=200)
    created_by = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(location__isnull=False) | Q(product__isnull=False), name="stock_block_scope"
            ),
            models.UniqueConstraint(fields=["location", "product"], name="stock_block_unique_position"),
            models.UniqueConstraint(
                fields=["location"], condition=Q(product__isnull=True), name="stock_block_unique_location"
            ),
            models.UniqueConstraint(
                fields=["product"], condition=Q(location__isnull=True), name="stock_block_unique_sku"
            ),
        ]


class ChannelPolicy(models.Model):
    """What a channel may sell beyond stock at hand: backorders, pre-orders."""

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, related_name="policy")
    allow_backorders = models.BooleanField(default=False)
    allow_preorders = models.BooleanField(default=True)


class BackorderPermission(models.Model):
    """A SKU, or every SKU of a category, that may be backordered where the channel allows it."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    category = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category"], condition=Q(product__isnull=True), name="backorder_permission_unique_category"
            ),
            models.CheckConstraint(
                condition=(Q(product__isnull=False) & Q(category="")) | (Q(product__isnull=True) & ~Q(category="")),
                name="backorder_permission_scope",
            ),
        ]
