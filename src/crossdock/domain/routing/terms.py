"""A cost split into its named terms, so every number in a decision can be explained."""

from __future__ import annotations

from dataclasses import dataclass

# The terms that make up the true cost of a plan; `opportunity` (shadow prices) is only steering.
COST_TERMS = ("parcels", "distance", "split", "unreliability", "load", "handling", "depletion", "unfilled")
ALL_TERMS = (*COST_TERMS, "opportunity")


@dataclass(frozen=True, slots=True)
class Terms:
    parcels: float = 0.0
    distance: float = 0.0
    split: float = 0.0
    unreliability: float = 0.0
    load: float = 0.0
    handling: float = 0.0
    depletion: float = 0.0
    unfilled: float = 0.0
    opportunity: float = 0.0

    @property
    def cost(self) -> float:
        """The true cost: what the plan spends."""
        return (
            self.parcels
            + self.distance
            + self.split
            + self.unreliability
            + self.load
            + self.handling
            + self.depletion
            + self.unfilled
        )

    @property
    def priced(self) -> float:
        """What the optimiser minimised: the cost plus the opportunity cost of the stock it uses."""
        return self.cost + self.opportunity

    def __add__(self, other: Terms) -> Terms:
        return Terms(*(getattr(self, name) + getattr(other, name) for name in ALL_TERMS))

    def as_dict(self) -> dict[str, float]:
        return {name: round(getattr(self, name), 6) for name in ALL_TERMS if getattr(self, name)}

    def differences(self, baseline: Terms) -> dict[str, float]:
        """Every term that differs from `baseline`, by how much."""
        deltas = {name: round(getattr(self, name) - getattr(baseline, name), 6) for name in ALL_TERMS}
        return {name: delta for name, delta in deltas.items() if delta}

    def main_difference(self, baseline: Terms) -> tuple[str, float]:
        """The term (opportunity included) by which `self` exceeds `baseline` the most."""
        deltas = {name: getattr(self, name) - getattr(baseline, name) for name in ALL_TERMS}
        name = max(deltas, key=lambda key: deltas[key])
        return name, deltas[name]
