"""Per-location feed sequence: an older feed never overwrites a newer one; a replay changes nothing."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from crossdock.db.models import LocationFeed
from crossdock.domain.errors import StaleFeed


class FeedVerdict(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"


def claim_sequence(location_id: int, sequence: int, now: datetime) -> FeedVerdict:
    """Record `sequence` as the location's newest feed, under a row lock. Raises StaleFeed."""
    LocationFeed.objects.bulk_create(
        [LocationFeed(location_id=location_id, sequence=-1, applied_at=now)], ignore_conflicts=True
    )
    feed = LocationFeed.objects.select_for_update().get(location_id=location_id)
    if sequence == feed.sequence:
        return FeedVerdict.DUPLICATE
    if sequence < feed.sequence:
        raise StaleFeed(f"sequence {sequence} is older than {feed.sequence}, already applied", field="sequence")
    feed.sequence, feed.applied_at = sequence, now
    feed.save(update_fields=["sequence", "applied_at"])
    return FeedVerdict.NEW
