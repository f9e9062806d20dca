"""Small filters for the store pages."""

from __future__ import annotations

import re
from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def event_label(event_type: str) -> str:
    """`PickingStarted` → `Picking started`."""
    words = re.findall(r"[A-Z][a-z]*", event_type) or [event_type]
    return " ".join([words[0], *(word.lower() for word in words[1:])])


@register.filter
def status_label(status: str) -> str:
    """`ready_for_pickup` → `Ready for pickup`."""
    return status.replace("_", " ").capitalize()


@register.filter
def upto(count: int) -> range:
    """1 … count, for quantity pickers."""
    return range(1, int(count) + 1)


@register.filter
def seconds_until(moment: datetime) -> int:
    """Whole seconds from now until `moment` (0 once it has passed): an offer's claim countdown."""
    return max(0, int((moment - timezone.now()).total_seconds()))


@register.filter
def claim_countdown(seconds_left: int) -> str:
    """`599` → `Claim within 9:59`; an hour or more → `Claim within 2 h 5 min` (countdown.js ticks the same text)."""
    left = int(seconds_left)
    if left <= 0:
        return "Expiring"
    if left >= 3600:
        return f"Claim within {left // 3600} h {left % 3600 // 60} min"
    return f"Claim within {left // 60}:{left % 60:02d}"
