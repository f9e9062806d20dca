"""Stock math for one position (sku × location). Quantities are integers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from crossdock.domain.errors import InsufficientStock, InvalidInput

# The most units one position can hold (stock figures are stored as 32-bit integers).
MAX_ON_HAND = 2_147_483_647


@dataclass(frozen=True, slots=True)
class StockLevel:
    on_hand: int
    reserved: int = 0
    safety_stock: int = 0

    @property
    def available(self) -> int:
        """What may still be promised: never below zero."""
        return max(0, self.on_hand - self.reserved - self.safety_stock)

    @property
    def shortage(self) -> int:
        """Reserved units the position can no longer cover (after a count came in low)."""
        return max(0, self.reserved - max(0, self.on_hand - self.safety_stock))

    def reserve(self, quantity: int) -> StockLevel:
        _require_positive(quantity)
        if quantity > self.available:
            raise InsufficientStock(f"{quantity} requested, {self.available} available")
        return replace(self, reserved=self.reserved + quantity)

    def release(self, quantity: int) -> StockLevel:
        _require_positive(quantity)
        if quantity > self.reserved:
            raise InvalidInput(f"cannot release {quantity}, only {self.reserved} reserved")
        return replace(self, reserved=self.reserved - quantity)

    def consume(self, quantity: int) -> StockLevel:
        """Reserved units leave the building (shipped, carried out)."""
        released = self.release(quantity)
        return replace(released, on_hand=self.on_hand - quantity)

    def count(self, on_hand: int) -> StockLevel:
        """A physical count replaces on-hand; reservations stay as they are."""
        if on_hand < 0:
            raise InvalidInput("on_hand cannot be negative", field="on_hand")
        return replace(self, on_hand=on_hand)


def _require_positive(quantity: int) -> None:
    if quantity <= 0:
        raise InvalidInput("quantity must be positive", field="quantity")
