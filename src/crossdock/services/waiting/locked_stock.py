"""One SKU's channel stock inside the worker's transaction: read and locked once per channel and store, then
kept exact in memory as the transaction reserves — nobody else can change rows it holds FOR UPDATE."""

from __future__ import annotations

from collections import defaultdict

from crossdock.db.models import Channel
from crossdock.services.orders.channel_stock import Candidates, ChannelStock, read_candidates


class LockedStock:
    def __init__(self, sku: str, product_id: int) -> None:
        self.sku, self.product_id = sku, product_id
        self._read: dict[tuple[int, int | None], tuple[Candidates, dict[int, int]]] = {}
        self._taken: dict[int, int] = defaultdict(int)
        self._channels: dict[int, Channel] = {}

    def stock(self, channel_id: int, store_id: int | None) -> ChannelStock:
        """What the channel may give the SKU's waiting lines now (the queue is theirs: not deducted)."""
        key = (channel_id, store_id)
        if key not in self._read:
            channel = self._channels.get(channel_id) or self._channels.setdefault(
                channel_id, Channel.objects.get(pk=channel_id)
            )
            candidates = read_candidates(
                channel=channel,
                product_ids={self.sku: self.product_id},
                store_ids={store_id} if store_id else set(),
                lock=True,
                queue_first=False,
            )
            # Rows read now already show what this transaction reserved before: count only what follows.
            self._read[key] = (candidates, dict(self._taken))
        candidates, already = self._read[key]
        return candidates.stock({pk: units - already.get(pk, 0) for pk, units in self._taken.items()})

    def took(self, position_id: int, units: int) -> None:
        self._taken[position_id] += units
