"""One benchmark instance: the three modes, the baselines, the offline optimum, and per-order exactness."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from benchmarks.routing.baselines import POLICIES, replay
from benchmarks.routing.exactness import check
from benchmarks.routing.reference import Reference, solve_reference
from benchmarks.routing.score import score
from crossdock.domain.routing.batch import BatchSettings
from crossdock.domain.routing.evaluation import DEFAULT_BATCH, Mode, Run, run, to_json
from crossdock.domain.routing.instance import parse_instance


@dataclass(frozen=True, slots=True)
class Row:
    method: str
    cost: float
    parcels_per_order: float
    split_rate: float
    unfilled_units: int
    p50_ms: float
    p99_ms: float
    seconds: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class SuiteResult:
    instance: str
    orders: int
    locations: int
    skus: int
    rows: list[Row]
    lower_bound: float
    best_known: float
    reference: dict[str, Any]
    exactness: dict[str, Any] = field(default_factory=dict)

    def ratio(self, row: Row) -> float:
        return row.cost / self.lower_bound

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rows"] = [asdict(row) | {"ratio_to_lower_bound": round(self.ratio(row), 5)} for row in self.rows]
        online, lookahead = self._cost("online"), self._cost("lookahead")
        if online is not None and lookahead is not None and online > self.best_known:
            data["lookahead_gap_closed"] = round((online - lookahead) / (online - self.best_known), 4)
        return data

    def _cost(self, method: str) -> float | None:
        return next((row.cost for row in self.rows if row.method == method), None)


def run_suite(
    raw: dict[str, Any],
    *,
    modes: tuple[Mode, ...] = tuple(Mode),
    baselines: bool = True,
    batch: BatchSettings = DEFAULT_BATCH,
    reference_limit: float = 120.0,
    exactness_every: int = 0,
) -> SuiteResult:
    instance = parse_instance(raw)
    rows: list[Row] = []
    runs: dict[Mode, Run] = {}
    for mode in modes:
        runs[mode] = run(instance, mode, clock=time.perf_counter, settings=batch)
        rows.append(_row(raw, str(mode), runs[mode]))
    if baselines:
        rows += [_baseline(raw, name) for name in POLICIES]
    reference = solve_reference(raw, time_limit=reference_limit) if reference_limit else None
    lower, best = _bounds(runs.get(Mode.BATCH), reference)
    exactness = {}
    if exactness_every and Mode.ONLINE in runs:
        online = runs[Mode.ONLINE]
        found = check(raw, to_json(online)["orders"], [d.cost for d in online.decisions], every=exactness_every)
        exactness = asdict(found) | {"rate": found.rate}
    return SuiteResult(
        instance=instance.name,
        orders=len(instance.orders),
        locations=len(instance.locations),
        skus=len({sku for _, sku in instance.stock}),
        rows=rows,
        lower_bound=lower,
        best_known=best,
        reference=asdict(reference) if reference else {},
        exactness=exactness,
    )


def _row(raw: dict[str, Any], method: str, result: Run) -> Row:
    scored = score(raw, [order["allocations"] for order in to_json(result)["orders"]])
    assert abs(scored.cost - result.cost) <= 1e-6 * max(1.0, scored.cost), (scored.cost, result.cost)
    times = result.order_seconds or [result.seconds / max(1, len(result.decisions))]
    note = f"+ {result.preparation_seconds:.1f} s of price updates" if result.preparation_seconds else ""
    if result.batch is not None:
        b = result.batch
        note = f"proved gap {b.gap:.3%}, {b.rounds} pricing rounds, {b.columns} plans, MILP {b.mip_status}"
    return Row(
        method,
        scored.cost,
        scored.parcels_per_order,
        scored.split_rate,
        scored.unfilled_units,
        *_p(times),
        result.seconds,
        note,
    )


def _baseline(raw: dict[str, Any], name: str) -> Row:
    started = time.perf_counter()
    decisions, times = replay(raw, POLICIES[name])
    scored = score(raw, decisions)
    return Row(
        name,
        scored.cost,
        scored.parcels_per_order,
        scored.split_rate,
        scored.unfilled_units,
        *_p(times),
        time.perf_counter() - started,
    )


def _bounds(batch_run: Run | None, reference: Reference | None) -> tuple[float, float]:
    """The best proved lower bound and the best known plan cost, from the batch and the reference MILP."""
    lowers, bests = [], []
    if batch_run is not None and batch_run.batch is not None:
        lowers.append(batch_run.batch.lower_bound)
        bests.append(batch_run.batch.cost)
    if reference is not None:
        lowers.append(reference.bound)
        if reference.objective is not None:
            bests.append(reference.objective)
    return max(lowers), min(bests)


def _p(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    pick = lambda fraction: ordered[max(0, int(fraction * len(ordered) + 0.999999) - 1)] * 1000  # noqa: E731
    return round(pick(0.50), 3), round(pick(0.99), 3)
