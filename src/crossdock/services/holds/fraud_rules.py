"""Fraud rules as configuration: list them, and create or change one by its code."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crossdock.db.models import Channel
from crossdock.db.models import FraudRule as FraudRuleRow
from crossdock.domain.errors import InvalidInput, UnknownChannel
from crossdock.domain.fraud import FraudRule, FraudRuleKind, check_rule


@dataclass(frozen=True, slots=True)
class FraudRuleSpec:
    code: str
    kind: FraudRuleKind
    name: str = ""
    amount: Decimal | None = None
    currency: str = ""
    limit: int | None = None
    channel: str | None = None  # none: every channel
    active: bool = True


def save_fraud_rule(spec: FraudRuleSpec) -> FraudRuleSpec:
    """Create the rule, or replace the settings of the rule with this code.

    Raises InvalidInput (a setting the kind needs is missing), UnknownChannel.
    """
    if not spec.code.strip():
        raise InvalidInput("a rule needs a code", field="code")
    check_rule(FraudRule(spec.code, spec.kind, spec.amount, spec.currency, spec.limit))
    channel = None
    if spec.channel is not None:
        channel = Channel.objects.filter(code=spec.channel).first()
        if channel is None:
            raise UnknownChannel(f"unknown channel {spec.channel!r}", field="channel")
    FraudRuleRow.objects.update_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "amount": spec.amount,
            "currency": spec.currency,
            "limit": spec.limit,
            "channel": channel,
            "active": spec.active,
        },
    )
    return spec


def list_fraud_rules() -> list[FraudRuleSpec]:
    return [
        FraudRuleSpec(
            code=row.code,
            kind=FraudRuleKind(row.kind),
            name=row.name,
            amount=row.amount,
            currency=row.currency,
            limit=row.limit,
            channel=row.channel.code if row.channel else None,
            active=row.active,
        )
        for row in FraudRuleRow.objects.select_related("channel")
    ]
