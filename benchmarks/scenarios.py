"""The requests a load client sends: built in the client, each one different."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from enum import StrEnum

from benchmarks.network import CHANNEL, LATITUDES, LONGITUDES, sku_code

CUSTOMERS = 5000
MAX_LINES = 5
MAX_QUANTITY = 3


class Kind(StrEnum):
    ORDER = "order"
    PROBE = "probe"
    AVAILABILITY = "availability"


@dataclass(frozen=True, slots=True)
class Scenario:
    kind: Kind
    token: str
    skus: int
    run_id: str = "run"
    query: str = ""  # more query parameters for availability, e.g. "&channel=web"

    @property
    def expected_status(self) -> int:
        return 201 if self.kind == Kind.ORDER else 200


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]


def build(scenario: Scenario, rng: random.Random, number: str) -> Request:
    """The next request of `scenario`; `number` is unique across all clients of the run."""
    auth = {"Authorization": f"Bearer {scenario.token}"}
    if scenario.kind == Kind.AVAILABILITY:
        path = f"/api/v1/availability?skus={sku_code(rng.randrange(scenario.skus))}{scenario.query}"
        return Request("GET", path, None, auth)
    if scenario.kind == Kind.PROBE:
        return Request("POST", "/api/v1/_probe/write", b"", auth)
    order_id = f"{scenario.run_id}-{number}"
    headers = {**auth, "Content-Type": "application/json", "Idempotency-Key": order_id}
    return Request("POST", "/api/v1/orders", json.dumps(order_body(order_id, rng, scenario.skus)).encode(), headers)


def order_body(order_id: str, rng: random.Random, skus: int) -> dict[str, object]:
    """1–5 lines of distinct random SKUs, shipped to a random address with coordinates."""
    customer = rng.randrange(CUSTOMERS)
    return {
        "channel": CHANNEL,
        "channel_order_id": order_id,
        "customer": {"id": f"C-{customer:05d}", "email": f"customer{customer}@example.com", "name": "Bench Customer"},
        "shipping_address": {
            "name": "Bench Customer",
            "line1": f"{rng.randrange(1, 999)} Main Street",
            "city": "Springfield",
            "postcode": f"{rng.randrange(10000, 99999)}",
            "country": "US",
            "latitude": round(rng.uniform(*LATITUDES), 5),
            "longitude": round(rng.uniform(*LONGITUDES), 5),
        },
        "lines": [
            {"sku": sku_code(index), "quantity": rng.randint(1, MAX_QUANTITY)}
            for index in rng.sample(range(skus), rng.randint(1, MAX_LINES))
        ],
    }
