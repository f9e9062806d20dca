"""The built-in payment gateways: `manual` and the deterministic `test` gateway.

`manual` moves no money itself. What Crossdock decides (capture at shipment, refund a return, void
what is no longer needed) is recorded as done and announced on the outbox (`payment.*` topics);
the retailer's payment system carries it out. What happened elsewhere (an authorisation taken at
checkout, a refund given at a till) is reported through the API.

`test` answers at once and always the same way for the same request. The payment `method` given
when the order was placed tells it how to behave:

- `decline`: authorisations are declined;
- `fail_capture`: captures fail;
- `fail_refund`: refunds fail;
- anything else: every operation succeeds.
"""

from __future__ import annotations

import hashlib

from crossdock.domain.errors import InvalidInput
from crossdock.domain.payments import GatewayRequest, GatewayResult, PaymentGateway, PaymentKind

MANUAL = "manual"
TEST = "test"
EXCHANGE = "exchange"  # credit moved from a returned order to its exchange order; no money leaves

FAILS_ON = {
    "decline": PaymentKind.AUTHORISATION,
    "fail_capture": PaymentKind.CAPTURE,
    "fail_refund": PaymentKind.REFUND,
}


class ManualGateway:
    name = MANUAL

    def authorise(self, request: GatewayRequest) -> GatewayResult:
        return self._recorded(request)

    def capture(self, request: GatewayRequest) -> GatewayResult:
        return self._recorded(request)

    def refund(self, request: GatewayRequest) -> GatewayResult:
        return self._recorded(request)

    def void(self, request: GatewayRequest) -> GatewayResult:
        return self._recorded(request)

    def _recorded(self, request: GatewayRequest) -> GatewayResult:
        return GatewayResult(succeeded=True, reference=f"{self.name}:{request.key}")


class ScriptedGateway:
    """The `test` gateway: deterministic, told to fail by the payment method."""

    name = TEST

    def authorise(self, request: GatewayRequest) -> GatewayResult:
        return self._answer(request)

    def capture(self, request: GatewayRequest) -> GatewayResult:
        return self._answer(request)

    def refund(self, request: GatewayRequest) -> GatewayResult:
        return self._answer(request)

    def void(self, request: GatewayRequest) -> GatewayResult:
        return self._answer(request)

    def _answer(self, request: GatewayRequest) -> GatewayResult:
        reference = "test_" + hashlib.sha256(request.key.encode()).hexdigest()[:16]
        if FAILS_ON.get(request.method) == request.kind:
            return GatewayResult(
                False, reference, f"the test gateway declines {request.kind} (method {request.method})"
            )
        return GatewayResult(True, reference)


class ExchangeGateway(ManualGateway):
    name = EXCHANGE


GATEWAYS: dict[str, PaymentGateway] = {g.name: g for g in (ManualGateway(), ScriptedGateway(), ExchangeGateway())}


def gateway_named(name: str, *, field: str = "payment.gateway") -> PaymentGateway:
    """The gateway called `name`; InvalidInput if there is none."""
    gateway = GATEWAYS.get(name)
    if gateway is None:
        raise InvalidInput(f"unknown payment gateway {name!r}; known: {', '.join(sorted(GATEWAYS))}", field=field)
    return gateway
