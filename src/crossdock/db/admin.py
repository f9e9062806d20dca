"""Admin for reference data. Orders and stock are visible here, never editable."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from crossdock.db.models import Channel, Customer, Location, Order, OrderEvent, OrderLine, Product, StockPosition


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "type", "city", "country", "daily_capacity", "reliability_score", "active"]
    list_filter = ["type", "active", "country"]
    search_fields = ["code", "name", "city"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["sku", "name", "brand", "category", "price", "currency", "barcode", "active"]
    list_filter = ["brand", "category", "active"]
    search_fields = ["sku", "name", "barcode"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "location_types"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["external_id", "name", "email", "tier"]
    search_fields = ["external_id", "name", "email"]


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OrderLineInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OrderLine
    extra = 0
    can_delete = False
    readonly_fields = ["line_number", "sku", "quantity", "unit_price", "delivery_method", "location", "status"]
    fields = ["line_number", "sku", "quantity", "unit_price", "delivery_method", "location", "status"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OrderEventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OrderEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "type", "actor", "reason", "data"]
    fields = ["created_at", "type", "actor", "reason", "data"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["id", "channel", "channel_order_id", "status", "customer_email", "total", "currency", "created_at"]
    list_filter = ["status", "channel"]
    search_fields = ["channel_order_id", "customer_email"]
    inlines = [OrderLineInline, OrderEventInline]


@admin.register(StockPosition)
class StockPositionAdmin(ReadOnlyAdmin):
    list_display = ["product", "location", "on_hand", "reserved", "safety_stock", "updated_at"]
    list_filter = ["location__type"]
    search_fields = ["product__sku", "location__code"]
    list_select_related = ["product", "location"]


# Registered on import: inventory controls, after-sales configuration, routing profiles (through their
# services), staff accounts with their roles and stores.
from crossdock.db import admin_after_sales, admin_inventory, admin_routing, admin_staff  # noqa: E402, F401
