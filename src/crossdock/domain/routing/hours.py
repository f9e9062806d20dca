"""Clock times ("HH:MM") and opening hours, read in a location's own time zone.

Opening hours are `{"mon": ["09:00", "21:00"], …}` (or a list of such pairs for a day with a break).
A day that is missing is closed; an empty mapping means always open. A window that closes at or
before it opens runs past midnight into the next day. Hours that cannot be read count as closed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
_CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


def minutes_of(text: object) -> int | None:
    """Minutes after midnight of "HH:MM" ("24:00" allowed as a closing time); None if it is not one."""
    match = _CLOCK.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    minutes = int(match[1]) * 60 + int(match[2])
    return minutes if minutes <= MINUTES_PER_DAY else None


def minute_of_day(local: datetime) -> int:
    return local.hour * 60 + local.minute


def is_open(hours: Mapping[str, Any], local: datetime) -> bool:
    """Whether a location with these opening hours is open at `local` (its own wall-clock time)."""
    if not hours:
        return True
    now = minute_of_day(local)
    today, yesterday = DAYS[local.weekday()], DAYS[(local.weekday() - 1) % 7]
    if any(start <= now < (end if end > start else MINUTES_PER_DAY) for start, end in _windows(hours.get(today))):
        return True
    return any(end <= start and now < end for start, end in _windows(hours.get(yesterday)))


def _windows(day: object) -> Iterator[tuple[int, int]]:
    if not isinstance(day, list) or not day:
        return
    pairs = day if isinstance(day[0], list) else [day]
    for pair in pairs:
        if isinstance(pair, list) and len(pair) == 2:
            start, end = minutes_of(pair[0]), minutes_of(pair[1])
            if start is not None and end is not None:
                yield start, end
