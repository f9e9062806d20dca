"""A store's reliability, learned from what became of the offers it was made.

Every offer outcome is an observation with a value in [0, 1] (1: the store took the work and did it) and a
weight that halves every `half_life_days`. The score is a weighted mean that starts from a prior:

    score = (prior_score · prior_weight + Σ weight · value) / (prior_weight + Σ weight)

A new store scores the prior; evidence pulls the score towards what the store does; as evidence ages the
score drifts back to the prior, so a store that stopped failing comes back. One offer counts once: a claim
later unclaimed, or shipped after its promise, counts only as that later verdict (the claim is *superseded*).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from types import MappingProxyType

from crossdock.domain.errors import InvalidInput
from crossdock.domain.offers import Outcome, UnclaimReason

SECONDS_PER_DAY = 86_400.0
# Outcomes older than this many half-lives weigh under 0.1 %: they are not read at all.
HORIZON_HALF_LIVES = 10


def kind_of(outcome: str, reason: str = "") -> str:
    """The key an outcome is valued and weighted by: the outcome, and for an unclaim its reason."""
    if outcome != Outcome.UNCLAIMED:
        return str(outcome)
    known = reason in {r.value for r in UnclaimReason}
    return f"{Outcome.UNCLAIMED}:{reason if known else UnclaimReason.OTHER}"


KINDS: tuple[str, ...] = (
    *(str(o) for o in Outcome if o != Outcome.UNCLAIMED),
    *(kind_of(Outcome.UNCLAIMED, r) for r in UnclaimReason),
)
# A claim is worth 1 (less when slow, see `slow_claim_penalty`). Another store being faster is neutral
# (withdrawn weighs 0). Saying "I have none" when the stock said otherwise is an inventory-accuracy
# failure (0); damaged goods are half the store's fault; a full day's work a quarter.
DEFAULT_VALUES: Mapping[str, float] = MappingProxyType(
    {
        "claimed": 1.0,
        "withdrawn": 0.5,
        "expired": 0.0,
        "sla_missed": 0.0,
        "unclaimed:out_of_stock": 0.0,
        "unclaimed:damaged": 0.5,
        "unclaimed:no_capacity": 0.25,
        "unclaimed:other": 0.0,
    }
)
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType({kind: 0.0 if kind == "withdrawn" else 1.0 for kind in KINDS})
_SUPERSEDING = frozenset({Outcome.UNCLAIMED.value, Outcome.SLA_MISSED.value})


@dataclass(frozen=True, slots=True)
class ReliabilitySettings:
    """How the score is learned. `values` and `weights` may name only some kinds: the others keep their default.

    `slow_claim_penalty`: a claim is worth `1 − penalty × min(1, latency / claim timeout)` — a claim at the
    timeout is worth half by default: it took the work, but held stock at every offered store meanwhile.
    `sla_hours`: claimed work must ship (or be ready for pickup) within this long of the claim."""

    half_life_days: float = 30.0
    prior_score: float = 0.9
    prior_weight: float = 2.0
    slow_claim_penalty: float = 0.5
    sla_hours: float = 24.0
    values: Mapping[str, float] = field(default_factory=lambda: DEFAULT_VALUES)
    weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_WEIGHTS)

    def __post_init__(self) -> None:
        _check("half_life_days", self.half_life_days, above=0.0)
        _check("prior_score", self.prior_score, low=0.0, high=1.0)
        _check("prior_weight", self.prior_weight, above=0.0)
        _check("slow_claim_penalty", self.slow_claim_penalty, low=0.0, high=1.0)
        _check("sla_hours", self.sla_hours, above=0.0)
        object.__setattr__(self, "values", _per_kind("values", self.values, DEFAULT_VALUES, high=1.0))
        object.__setattr__(self, "weights", _per_kind("weights", self.weights, DEFAULT_WEIGHTS, high=math.inf))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> ReliabilitySettings:
        """Settings from configuration (e.g. a JSON object). Raises InvalidInput naming the field at fault."""
        known = {f.name for f in fields(cls)}
        for name in data:
            if name not in known:
                raise InvalidInput(f"unknown setting {name!r}; known: {', '.join(sorted(known))}", field=str(name))
        return cls(**data)  # type: ignore[arg-type]  # every value is checked in __post_init__

    def horizon_start(self, now: datetime) -> datetime:
        """Outcomes decided before this no longer count."""
        return now - timedelta(days=self.half_life_days * HORIZON_HALF_LIVES)

    def sla_deadline(self, claimed_at: datetime) -> datetime:
        return claimed_at + timedelta(hours=self.sla_hours)


def _check(name: str, value: object, *, low: float = 0.0, high: float = math.inf, above: float | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(f"{name} must be a finite number", field=name)
    if above is not None and value <= above:
        raise InvalidInput(f"{name} must be greater than {above:g}", field=name)
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be between {low:g} and {high:g}", field=name)


def _per_kind(name: str, given: object, defaults: Mapping[str, float], *, high: float) -> Mapping[str, float]:
    if not isinstance(given, Mapping):
        raise InvalidInput(f"{name} must map outcome kinds to numbers", field=name)
    merged = dict(defaults)
    for kind, number in given.items():
        if kind not in defaults:
            raise InvalidInput(f"unknown outcome kind {kind!r}; known: {', '.join(KINDS)}", field=f"{name}.{kind}")
        _check(f"{name}.{kind}", number, high=high)
        merged[kind] = float(number)
    return MappingProxyType(merged)


@dataclass(frozen=True, slots=True)
class Observation:
    """One offer outcome of one store, as its history holds it."""

    fulfilment_id: int
    outcome: str
    decided_at: datetime
    reason: str = ""
    latency_seconds: float | None = None  # offer → claim
    claim_timeout_seconds: float | None = None  # of the round the claim answered
    order_id: int = 0
    offered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Weighed:
    observation: Observation
    kind: str
    value: float
    weight: float  # the kind's weight × the decay of its age; 0 when superseded
    superseded: bool = False


@dataclass(frozen=True, slots=True)
class Reliability:
    score: float
    evidence: float  # Σ weight: how much the history outweighs the prior (`prior_weight`)
    weighed: tuple[Weighed, ...]


def decay(age_seconds: float, half_life_days: float) -> float:
    """The weight of an observation this old: 1 now, ½ one half-life ago (the future counts as now)."""
    return float(0.5 ** (max(0.0, age_seconds) / (half_life_days * SECONDS_PER_DAY)))


def value_of(observation: Observation, settings: ReliabilitySettings) -> float:
    value = settings.values[kind_of(observation.outcome, observation.reason)]
    if observation.outcome == Outcome.CLAIMED:
        value *= 1.0 - settings.slow_claim_penalty * _slowness(observation)
    return value


def _slowness(observation: Observation) -> float:
    """The claim latency as a share of the claim timeout (0 when either is unknown)."""
    if observation.latency_seconds is None or not observation.claim_timeout_seconds:
        return 0.0
    return min(1.0, max(0.0, observation.latency_seconds / observation.claim_timeout_seconds))


def weigh(observations: Iterable[Observation], settings: ReliabilitySettings, *, now: datetime) -> tuple[Weighed, ...]:
    """Each observation with its value and weight at `now`, in the order given."""
    history = list(observations)
    overturned = {o.fulfilment_id for o in history if o.outcome in _SUPERSEDING}
    weighed = []
    for o in history:
        kind = kind_of(o.outcome, o.reason)
        superseded = o.outcome == Outcome.CLAIMED and o.fulfilment_id in overturned
        age = (now - o.decided_at).total_seconds()
        weight = 0.0 if superseded else settings.weights[kind] * decay(age, settings.half_life_days)
        weighed.append(Weighed(o, kind, value_of(o, settings), weight, superseded))
    return tuple(weighed)


def reliability(observations: Iterable[Observation], settings: ReliabilitySettings, *, now: datetime) -> Reliability:
    """The store's score at `now`: the prior, moved by its history in proportion to the history's weight."""
    weighed = weigh(observations, settings, now=now)
    evidence = math.fsum(w.weight for w in weighed)
    earned = math.fsum(w.weight * w.value for w in weighed)
    if evidence == 0.0:  # nothing that counts: exactly the prior (p·w / w may differ from p in its last digit)
        return Reliability(settings.prior_score, 0.0, weighed)
    score = (settings.prior_score * settings.prior_weight + earned) / (settings.prior_weight + evidence)
    return Reliability(min(1.0, max(0.0, score)), evidence, weighed)
