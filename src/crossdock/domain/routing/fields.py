"""Reading JSON values with a clear error naming the field at fault."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from crossdock.domain.errors import InvalidInput


def as_object(value: object, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput("must be an object", field=field)
    return value


def as_list(value: object, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput("must be a list", field=field)
    return value


def required(data: Mapping[str, Any], key: str, field: str) -> Any:
    if key not in data:
        raise InvalidInput("is missing", field=f"{field}.{key}" if field else key)
    return data[key]


def text(data: Mapping[str, Any], key: str, field: str) -> str:
    value = required(data, key, field)
    if not isinstance(value, str) or not value:
        raise InvalidInput("must be a non-empty string", field=f"{field}.{key}")
    return value


def number(data: Mapping[str, Any], key: str, field: str, *, default: float | None = None) -> float:
    value = data.get(key, default) if default is not None else required(data, key, field)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput("must be a finite number", field=f"{field}.{key}")
    return float(value)


def optional_number(data: Mapping[str, Any], key: str, field: str) -> float | None:
    return None if data.get(key) is None else number(data, key, field)


def integer(data: Mapping[str, Any], key: str, field: str, *, minimum: int, default: int | None = None) -> int:
    value = data.get(key, default) if default is not None else required(data, key, field)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("must be an integer", field=f"{field}.{key}")
    if value < minimum:
        raise InvalidInput(f"must be ≥ {minimum}", field=f"{field}.{key}")
    return value


def optional_integer(data: Mapping[str, Any], key: str, field: str, *, minimum: int) -> int | None:
    return None if data.get(key) is None else integer(data, key, field, minimum=minimum)
