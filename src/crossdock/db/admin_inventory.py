"""Admin for inventory controls: reference data the operations team edits (rules, buffers, blocks)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from crossdock.db.models import (
    BackorderPermission,
    ChannelBuffer,
    ChannelLocation,
    ChannelPolicy,
    ChannelThreshold,
    SafetyStockRule,
    StockBlock,
)


@admin.register(SafetyStockRule)
class SafetyStockRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["location", "location_type", "category", "quantity"]
    list_filter = ["location_type"]
    search_fields = ["location__code", "category"]


@admin.register(ChannelLocation)
class ChannelLocationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["channel", "location", "include"]
    list_filter = ["channel", "include"]


@admin.register(ChannelBuffer)
class ChannelBufferAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["channel", "location", "location_type", "units"]
    list_filter = ["channel"]


@admin.register(ChannelThreshold)
class ChannelThresholdAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["channel", "product", "category", "min_units"]
    list_filter = ["channel"]


@admin.register(StockBlock)
class StockBlockAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["location", "product", "reason", "created_by", "created_at"]
    search_fields = ["location__code", "product__sku", "reason"]
    fields = ["location", "product", "reason"]

    def save_model(self, request: HttpRequest, obj: StockBlock, form: Any, change: bool) -> None:
        if not change:
            obj.created_by, obj.created_at = f"admin:{request.user}", timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(ChannelPolicy)
class ChannelPolicyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["channel", "allow_backorders", "allow_preorders"]


@admin.register(BackorderPermission)
class BackorderPermissionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["product", "category"]
