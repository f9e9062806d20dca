"""EAN-13 barcodes for the demo catalogue.

Numbers start with 20, a GS1 prefix reserved for in-store use, so no demo barcode can belong to a
real product.
"""

from __future__ import annotations

IN_STORE_PREFIX = "20"


def ean13(number: int) -> str:
    """The EAN-13 whose 12-digit body is IN_STORE_PREFIX followed by `number`, plus its check digit."""
    body = f"{IN_STORE_PREFIX}{number:010d}"
    if len(body) != 12:
        raise ValueError(f"{number} does not fit in an EAN-13 body")
    return body + str(check_digit(body))


def check_digit(body: str) -> int:
    """GS1 check digit: weights 1 and 3 alternate from the left over the 12 digits."""
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(body))
    return (10 - total % 10) % 10
