"""Admin for after-sales configuration (fraud rules, capture and return policies); records read-only."""

from __future__ import annotations

from django.contrib import admin

from crossdock.db.admin import ReadOnlyAdmin
from crossdock.db.models import FraudRule, OrderHold, Payment, PaymentPolicy, Return, ReturnPolicy


@admin.register(FraudRule)
class FraudRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "kind", "amount", "currency", "limit", "channel", "active"]
    list_filter = ["kind", "active", "channel"]
    search_fields = ["code", "name"]


@admin.register(PaymentPolicy)
class PaymentPolicyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["channel", "capture_at"]


@admin.register(ReturnPolicy)
class ReturnPolicyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["channel", "window_days", "shipping_refund", "restocking_fee_percent"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["id", "order", "kind", "status", "amount", "currency", "gateway", "reference", "created_at"]
    list_filter = ["kind", "status", "gateway"]
    search_fields = ["reference"]


@admin.register(OrderHold)
class OrderHoldAdmin(ReadOnlyAdmin):
    list_display = ["id", "order", "kind", "status", "reason", "placed_by", "placed_at"]
    list_filter = ["kind", "status"]


@admin.register(Return)
class ReturnAdmin(ReadOnlyAdmin):
    list_display = ["rma_number", "order", "status", "source", "received_at_location", "refund_total", "created_at"]
    list_filter = ["status", "source"]
    search_fields = ["rma_number"]
