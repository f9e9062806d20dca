"""How big a run is: the full size of issue 5, or a quick one (`--quick`, or CROSSDOCK_BENCH_QUICK=1)."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.http_run import HttpSize


@dataclass(frozen=True, slots=True)
class InventorySize:
    http: HttpSize  # the network (locations × SKUs) and the availability load
    snapshot_skus: int  # SKUs counted per location by the snapshot: locations × snapshot_skus rows
    queue_every: int  # every n-th of the snapshot's SKUs has a backorder queue (and no stock before it)
    orders: int  # orders whose lines are backordered

    @property
    def snapshot_rows(self) -> int:
        return self.http.locations * self.snapshot_skus


FULL = InventorySize(
    http=HttpSize(locations=200, skus=20_000, seconds=30, warmup_s=5, connections=8, breakdown_requests=500),
    snapshot_skus=5_000,
    queue_every=10,
    orders=2_000,
)
QUICK = InventorySize(
    http=HttpSize(locations=40, skus=2_000, seconds=5, warmup_s=2, connections=8, breakdown_requests=100),
    snapshot_skus=1_000,
    queue_every=10,
    orders=200,
)
