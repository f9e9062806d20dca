"""A channel's return policy: its ReturnPolicy row, or the defaults of domain/returns.py."""

from __future__ import annotations

from decimal import Decimal

from crossdock.db.models import ReturnPolicy as ReturnPolicyRow
from crossdock.domain.returns import Condition, ReturnPolicy, ShippingRefund


def policy_for(channel_id: int) -> ReturnPolicy:
    row = ReturnPolicyRow.objects.filter(channel_id=channel_id).first()
    if row is None:
        return ReturnPolicy()
    conditions = frozenset(Condition(c) for c in row.accepted_conditions) or ReturnPolicy().accepted_conditions
    return ReturnPolicy(
        window_days=row.window_days,
        non_returnable_skus=frozenset(row.non_returnable_skus),
        non_returnable_categories=frozenset(row.non_returnable_categories),
        accepted_conditions=conditions,
        shipping_refund=ShippingRefund(row.shipping_refund),
        restocking_fee_percent=Decimal(row.restocking_fee_percent),
    )
