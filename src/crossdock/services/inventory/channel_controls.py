"""Configure what a channel may sell: its locations, buffers and out-of-stock thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from crossdock.db.models import Channel, ChannelBuffer, ChannelLocation, ChannelThreshold, Location, Product
from crossdock.domain.errors import DuplicateLine, InvalidInput, NotFound, UnknownLocation, UnknownSku
from crossdock.domain.locations import LocationType

LOCATION_TYPES = frozenset(t.value for t in LocationType)


@dataclass(frozen=True, slots=True)
class BufferSetting:
    units: int
    location: str | None = None
    location_type: str | None = None


@dataclass(frozen=True, slots=True)
class ThresholdSetting:
    min_units: int
    sku: str | None = None
    category: str | None = None  # neither: the channel-wide threshold


@dataclass(frozen=True, slots=True)
class ChannelControls:
    channel: str
    location_types: list[str]
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    buffers: list[BufferSetting] = field(default_factory=list)
    thresholds: list[ThresholdSetting] = field(default_factory=list)


def set_channel_controls(controls: ChannelControls) -> ChannelControls:
    """Replace the channel's controls with these, all at once.

    Raises NotFound (channel), UnknownLocation, UnknownSku, InvalidInput (a location both included and
    excluded, a buffer or threshold with two scopes or an unknown location type, a negative figure),
    DuplicateLine (the same scope twice). Nothing is written when it raises.
    """
    channel = _channel(controls.channel)
    locations = _locations(controls)
    products = _products(controls)
    _check(controls)
    with transaction.atomic():
        channel.location_types = list(controls.location_types)
        channel.save(update_fields=["location_types"])
        ChannelLocation.objects.filter(channel=channel).delete()
        ChannelBuffer.objects.filter(channel=channel).delete()
        ChannelThreshold.objects.filter(channel=channel).delete()
        ChannelLocation.objects.bulk_create(
            [ChannelLocation(channel=channel, location_id=locations[c], include=True) for c in controls.include]
            + [ChannelLocation(channel=channel, location_id=locations[c], include=False) for c in controls.exclude]
        )
        ChannelBuffer.objects.bulk_create(
            ChannelBuffer(
                channel=channel,
                location_id=locations[b.location] if b.location else None,
                location_type=b.location_type or "",
                units=b.units,
            )
            for b in controls.buffers
        )
        ChannelThreshold.objects.bulk_create(
            ChannelThreshold(
                channel=channel,
                product_id=products[t.sku] if t.sku else None,
                category=t.category or "",
                min_units=t.min_units,
            )
            for t in controls.thresholds
        )
    return get_channel_controls(controls.channel)


def get_channel_controls(code: str) -> ChannelControls:
    """The channel's controls as set. Raises NotFound."""
    channel = _channel(code)
    listed = ChannelLocation.objects.filter(channel=channel).order_by("location__code")
    return ChannelControls(
        channel=channel.code,
        location_types=list(channel.location_types or []),
        include=list(listed.filter(include=True).values_list("location__code", flat=True)),
        exclude=list(listed.filter(include=False).values_list("location__code", flat=True)),
        buffers=sorted(
            (
                BufferSetting(units=units, location=code, location_type=kind or None)
                for code, kind, units in ChannelBuffer.objects.filter(channel=channel).values_list(
                    "location__code", "location_type", "units"
                )
            ),
            key=lambda b: (b.location is None, b.location or "", b.location_type or ""),
        ),
        thresholds=sorted(
            (
                ThresholdSetting(min_units=units, sku=sku, category=category or None)
                for sku, category, units in ChannelThreshold.objects.filter(channel=channel).values_list(
                    "product__sku", "category", "min_units"
                )
            ),
            key=lambda t: (t.sku is None, t.category is None, t.sku or "", t.category or ""),
        ),
    )


def _channel(code: str) -> Channel:
    channel = Channel.objects.filter(code=code).first()
    if channel is None:
        raise NotFound(f"unknown channel {code!r}", field="channel")
    return channel


def _locations(controls: ChannelControls) -> dict[str, int]:
    named = [
        *[(f"include[{i}]", code) for i, code in enumerate(controls.include)],
        *[(f"exclude[{i}]", code) for i, code in enumerate(controls.exclude)],
        *[(f"buffers[{i}].location", b.location) for i, b in enumerate(controls.buffers) if b.location],
    ]
    found = dict(Location.objects.filter(code__in={code for _, code in named}).values_list("code", "id"))
    for field_name, code in named:
        if code not in found:
            raise UnknownLocation(f"unknown location {code!r}", field=field_name)
    return found


def _products(controls: ChannelControls) -> dict[str, int]:
    skus = [(i, t.sku) for i, t in enumerate(controls.thresholds) if t.sku]
    found = dict(Product.objects.filter(sku__in={sku for _, sku in skus}).values_list("sku", "id"))
    for index, sku in skus:
        if sku not in found:
            raise UnknownSku(f"unknown sku {sku!r}", field=f"thresholds[{index}].sku")
    return found


def _check(controls: ChannelControls) -> None:
    for index, kind in enumerate(controls.location_types):
        if kind not in LOCATION_TYPES:
            raise InvalidInput(f"unknown location type {kind!r}", field=f"location_types[{index}]")
    for index, code in enumerate(controls.exclude):
        if code in controls.include:
            raise InvalidInput(f"{code} is both included and excluded", field=f"exclude[{index}]")
    _unique("include", controls.include)
    _unique("exclude", controls.exclude)
    _check_buffers(controls.buffers)
    _check_thresholds(controls.thresholds)


def _check_buffers(buffers: list[BufferSetting]) -> None:
    for index, buffer in enumerate(buffers):
        if (buffer.location is None) == (buffer.location_type is None):
            raise InvalidInput("a buffer names a location or a location type", field=f"buffers[{index}]")
        if buffer.location_type is not None and buffer.location_type not in LOCATION_TYPES:
            raise InvalidInput(
                f"unknown location type {buffer.location_type!r}", field=f"buffers[{index}].location_type"
            )
        if buffer.units < 0:
            raise InvalidInput("units cannot be negative", field=f"buffers[{index}].units")
    _unique("buffers", [(b.location, b.location_type) for b in buffers])


def _check_thresholds(thresholds: list[ThresholdSetting]) -> None:
    for index, threshold in enumerate(thresholds):
        if threshold.sku and threshold.category:
            raise InvalidInput("a threshold names a SKU, a category or neither", field=f"thresholds[{index}]")
        if threshold.min_units < 0:
            raise InvalidInput("min_units cannot be negative", field=f"thresholds[{index}].min_units")
    _unique("thresholds", [(t.sku, t.category) for t in thresholds])


def _unique(name: str, items: Sequence[object]) -> None:
    seen: set[object] = set()
    for index, item in enumerate(items):
        if item in seen:
            raise DuplicateLine(f"{name} lists the same entry twice", field=f"{name}[{index}]")
        seen.add(item)
