"""Who may sell beyond stock: a channel's policy, the SKUs (or categories) that may be backordered."""

from __future__ import annotations

from django.db.models import Q

from crossdock.db.models import BackorderPermission, Channel, ChannelPolicy, Product


def backorderable_skus(channel: Channel, products: dict[str, Product]) -> set[str]:
    """The SKUs this channel may backorder: the channel allows backorders and the SKU or its category does."""
    allows = ChannelPolicy.objects.filter(channel=channel).values_list("allow_backorders", flat=True).first()
    if not allows or not products:
        return set()
    categories = {p.category for p in products.values() if p.category}
    permitted = list(
        BackorderPermission.objects.filter(
            Q(product_id__in=[p.pk for p in products.values()]) | Q(product__isnull=True, category__in=categories)
        ).values_list("product_id", "category")
    )
    by_product = {product_id for product_id, _ in permitted if product_id is not None}
    by_category = {category for product_id, category in permitted if product_id is None}
    return {sku for sku, p in products.items() if p.pk in by_product or (p.category and p.category in by_category)}


def preorders_allowed(channel: Channel) -> bool:
    """Channels take pre-orders unless their policy says otherwise."""
    allows = ChannelPolicy.objects.filter(channel=channel).values_list("allow_preorders", flat=True).first()
    return True if allows is None else allows
