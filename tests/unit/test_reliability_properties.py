"""Properties of the reliability score over any history and any valid settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from crossdock.domain.reliability import KINDS, Observation, ReliabilitySettings, decay, reliability

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
unit = st.floats(0, 1)
settings_st = st.builds(
    ReliabilitySettings,
    half_life_days=st.floats(0.01, 3_650),
    prior_score=unit,
    prior_weight=st.floats(0.01, 100),
    slow_claim_penalty=unit,
    values=st.dictionaries(st.sampled_from(KINDS), unit),
    weights=st.dictionaries(st.sampled_from(KINDS), st.floats(0, 10)),
)
age = st.floats(0, 3_000 * 86_400)  # up to about eight years, in seconds


@st.composite
def observations(draw: st.DrawFn) -> Observation:
    kind = draw(st.sampled_from(KINDS))
    outcome, _, reason = kind.partition(":")
    return Observation(
        fulfilment_id=draw(st.integers(1, 8)),
        outcome=outcome,
        decided_at=NOW - timedelta(seconds=draw(age)),
        reason=reason,
        latency_seconds=draw(st.none() | st.floats(0, 10_000)),
        claim_timeout_seconds=draw(st.none() | st.floats(1, 3_600)),
    )


histories = st.lists(observations(), max_size=30)


def expired(seconds_ago: float) -> Observation:
    return Observation(999, "expired", NOW - timedelta(seconds=seconds_ago))


def claimed(seconds_ago: float) -> Observation:
    """A claim the moment it was offered, never overturned."""
    return Observation(998, "claimed", NOW - timedelta(seconds=seconds_ago), latency_seconds=0.0)


@given(histories, settings_st)
def test_the_score_is_between_0_and_1(history: list[Observation], settings: ReliabilitySettings) -> None:
    assert 0.0 <= reliability(history, settings, now=NOW).score <= 1.0


@given(settings_st)
def test_without_history_the_score_is_the_prior(settings: ReliabilitySettings) -> None:
    assert reliability([], settings, now=NOW).score == settings.prior_score


@given(histories, settings_st, age)
def test_one_more_failure_never_raises_the_score(
    history: list[Observation], settings: ReliabilitySettings, seconds_ago: float
) -> None:
    settings = failing_expiries(settings)
    before = reliability(history, settings, now=NOW).score

    after = reliability([*history, expired(seconds_ago)], settings, now=NOW).score

    assert after <= before + 1e-12  # rounding: p·w / w may exceed p in its last digit


@given(histories, settings_st, age, age)
def test_an_old_failure_costs_less_than_a_new_one(
    history: list[Observation], settings: ReliabilitySettings, first: float, second: float
) -> None:
    settings = failing_expiries(settings)
    newer, older = sorted((first, second))

    hurt_new = reliability([*history, expired(newer)], settings, now=NOW).score
    hurt_old = reliability([*history, expired(older)], settings, now=NOW).score

    assert hurt_new <= hurt_old + 1e-12


@given(histories, settings_st, age, age)
def test_an_old_success_helps_less_than_a_new_one(
    history: list[Observation], settings: ReliabilitySettings, first: float, second: float
) -> None:
    settings = replace(settings, values={"claimed": 1.0}, weights={"claimed": max(1.0, settings.weights["claimed"])})
    newer, older = sorted((first, second))

    helped_new = reliability([*history, claimed(newer)], settings, now=NOW).score
    helped_old = reliability([*history, claimed(older)], settings, now=NOW).score

    assert helped_new >= helped_old - 1e-12


@given(st.floats(0, 1e9), st.floats(0, 1e9), st.floats(0.01, 3_650))
def test_weights_fall_with_age(first: float, second: float, half_life_days: float) -> None:
    newer, older = sorted((first, second))
    assert 0.0 <= decay(older, half_life_days) <= decay(newer, half_life_days) <= 1.0


def failing_expiries(settings: ReliabilitySettings) -> ReliabilitySettings:
    """The same settings, with an expiry worth 0 and weighing something."""
    return replace(settings, values={"expired": 0.0}, weights={"expired": max(1.0, settings.weights["expired"])})
