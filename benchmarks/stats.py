"""Latency percentiles, nearest-rank, in milliseconds."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Latencies:
    p50: float
    p90: float
    p99: float
    max: float


def summarise(seconds: list[float]) -> Latencies:
    ordered = sorted(seconds)
    return Latencies(
        p50=_percentile(ordered, 0.50),
        p90=_percentile(ordered, 0.90),
        p99=_percentile(ordered, 0.99),
        max=round(ordered[-1] * 1000, 2) if ordered else math.nan,
    )


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(fraction * len(ordered)))
    return round(ordered[rank - 1] * 1000, 2)
