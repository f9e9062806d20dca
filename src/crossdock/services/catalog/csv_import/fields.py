"""Reading one cell: each function returns the value or raises BadField naming the column."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar
from zoneinfo import available_timezones

from crossdock.services.catalog.csv_import.reading import SURPLUS
from crossdock.services.catalog.csv_import.report import BadField

T = TypeVar("T")


def refuse_surplus(row: dict[str, str]) -> None:
    if row.get(SURPLUS):
        raise BadField(SURPLUS, f"the row has more cells than the header: {row[SURPLUS]!r}")


def text(row: dict[str, str], name: str, *, longest: int, default: str = "", required: bool = False) -> str:
    value = row.get(name, "") or default
    if required and not value:
        raise BadField(name, "required")
    if len(value) > longest:
        raise BadField(name, f"longer than {longest} characters")
    return value


def whole_number(row: dict[str, str], name: str, *, default: int | None = None, largest: int = 10**9) -> int:
    """A non-negative integer written as digits only: no sign, decimals, spaces or separators."""
    value = row.get(name, "")
    if not value and default is not None:
        return default
    if not re.fullmatch(r"[0-9]+", value) or int(value) > largest:
        raise BadField(name, f"{value!r} is not a whole number from 0 to {largest:,}")
    return int(value)


def decimal_number(row: dict[str, str], name: str, *, lowest: float, highest: float) -> float:
    value = row.get(name, "")
    try:
        number = float(value)
    except ValueError:
        raise BadField(name, f"{value!r} is not a number") from None
    if not math.isfinite(number) or not lowest <= number <= highest:
        raise BadField(name, f"{value!r} is not a number from {lowest:g} to {highest:g}")
    return number


def json_object(row: dict[str, str], name: str) -> dict[str, Any]:
    try:
        value = json.loads(row.get(name) or "{}")
    except json.JSONDecodeError as error:
        raise BadField(name, f"not valid JSON ({error.msg})") from None
    if not isinstance(value, dict):
        raise BadField(name, "must be a JSON object")
    return value


def choice(parse: Callable[[str], T], options: list[str], name: str, value: str) -> T:
    try:
        return parse(value)
    except ValueError:
        raise BadField(name, f"{value!r} is not one of {', '.join(options)}") from None


def pattern(row: dict[str, str], name: str, regex: str, *, default: str, example: str) -> str:
    value = row.get(name, "") or default
    if not re.fullmatch(regex, value):
        raise BadField(name, f"{value!r} is not like {example}")
    return value


def timezone(row: dict[str, str], name: str) -> str:
    value = row.get(name, "") or "UTC"
    if value not in _timezones():
        raise BadField(name, f"{value!r} is not an IANA time zone such as America/Chicago")
    return value


@cache
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones())
