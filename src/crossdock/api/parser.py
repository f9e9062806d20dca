"""Request parsing that refuses the NUL character, which PostgreSQL text and jsonb cannot hold."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from crossdock.domain.errors import InvalidInput

NUL_MESSAGE = "text may not contain the NUL character (\\u0000)"


class NulFreeParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # The only way JSON carries a NUL is the escape; ninja answers 400 malformed_json for any parse error.
        if b"\\u0000" in request.body:
            raise ValueError(NUL_MESSAGE)
        return super().parse_body(request)

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in str(value) for value in values):
                raise InvalidInput(NUL_MESSAGE, field=key.replace("\x00", ""))
        return super().parse_querydict(data, list_fields, request)
