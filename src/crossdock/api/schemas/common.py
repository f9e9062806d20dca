from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field, StrictInt

PositiveQuantity = Annotated[StrictInt, Field(gt=0, le=100_000)]
Code = Annotated[str, Field(min_length=1, max_length=64)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class StrictSchema(Schema):
    """Unknown fields are refused: a typo in a field name must not pass silently."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None
