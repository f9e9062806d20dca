"""The reliability score with exact values: the prior, each outcome's value, the half-life, superseded claims."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crossdock.domain.errors import InvalidInput
from crossdock.domain.reliability import Observation, ReliabilitySettings, decay, reliability

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
DEFAULTS = ReliabilitySettings()  # half-life 30 days, prior 0.9 worth 2 outcomes


def claimed(fulfilment_id: int, *, latency: float = 0.0, timeout: float = 600.0, days_ago: float = 0) -> Observation:
    at = NOW - timedelta(days=days_ago)
    return Observation(fulfilment_id, "claimed", at, latency_seconds=latency, claim_timeout_seconds=timeout)


def unclaimed(fulfilment_id: int, reason: str, *, days_ago: float = 0) -> Observation:
    return Observation(fulfilment_id, "unclaimed", NOW - timedelta(days=days_ago), reason=reason)


def score(*history: Observation, settings: ReliabilitySettings = DEFAULTS) -> float:
    return reliability(history, settings, now=NOW).score


def test_a_store_without_history_scores_the_prior() -> None:
    assert score() == 0.9
    assert reliability([], DEFAULTS, now=NOW).evidence == 0.0


def test_a_quick_claim_raises_the_score_and_a_claim_at_the_timeout_is_worth_half() -> None:
    assert score(claimed(1)) == pytest.approx((1.8 + 1.0) / 3)  # 0.9333
    assert score(claimed(1, latency=300)) == pytest.approx((1.8 + 0.75) / 3)  # 0.85
    assert score(claimed(1, latency=600)) == pytest.approx((1.8 + 0.5) / 3)  # 0.7667
    assert score(claimed(1, latency=9_999)) == pytest.approx((1.8 + 0.5) / 3)  # a late race counts as the timeout


def test_each_unclaim_reason_has_its_value_and_replaces_the_claim_it_overturns() -> None:
    assert score(claimed(1), unclaimed(1, "out_of_stock")) == pytest.approx(0.6)  # 1.8 / 3
    assert score(claimed(1), unclaimed(1, "damaged")) == pytest.approx((1.8 + 0.5) / 3)
    assert score(claimed(1), unclaimed(1, "no_capacity")) == pytest.approx((1.8 + 0.25) / 3)
    assert score(claimed(1), unclaimed(1, "other")) == pytest.approx(0.6)
    assert score(unclaimed(1, "a reason from an older release")) == pytest.approx(0.6)  # counted as `other`


def test_two_out_of_stock_unclaims() -> None:
    history = [claimed(1), unclaimed(1, "out_of_stock"), claimed(2), unclaimed(2, "out_of_stock")]

    learned = reliability(history, DEFAULTS, now=NOW)

    assert learned.score == pytest.approx(0.45)  # 1.8 / 4
    assert learned.evidence == pytest.approx(2.0)
    assert [(w.kind, w.value, w.weight, w.superseded) for w in learned.weighed] == [
        ("claimed", 1.0, 0.0, True),
        ("unclaimed:out_of_stock", 0.0, 1.0, False),
        ("claimed", 1.0, 0.0, True),
        ("unclaimed:out_of_stock", 0.0, 1.0, False),
    ]


def test_withdrawn_is_neutral_and_expired_and_sla_misses_are_failures() -> None:
    assert score(Observation(1, "withdrawn", NOW)) == 0.9
    assert score(Observation(1, "expired", NOW)) == pytest.approx(0.6)
    assert score(claimed(1), Observation(1, "sla_missed", NOW)) == pytest.approx(0.6)


def test_an_outcome_one_half_life_old_weighs_half() -> None:
    assert decay(30 * 86_400, 30.0) == 0.5
    assert decay(60 * 86_400, 30.0) == 0.25
    assert decay(-3_600, 30.0) == 1.0  # decided after `now`: counts as now
    assert score(unclaimed(1, "out_of_stock", days_ago=30)) == pytest.approx(1.8 / 2.5)  # 0.72
    assert score(unclaimed(1, "out_of_stock", days_ago=60)) == pytest.approx(1.8 / 2.25)  # 0.8


def test_configured_values_and_weights_override_only_the_kinds_they_name() -> None:
    strict = ReliabilitySettings(
        half_life_days=7, prior_score=0.5, prior_weight=1, values={"unclaimed:damaged": 0.0}, weights={"expired": 2}
    )

    assert strict.values["unclaimed:no_capacity"] == 0.25
    assert score(unclaimed(1, "damaged"), settings=strict) == pytest.approx(0.25)  # 0.5 / 2
    assert score(Observation(1, "expired", NOW), settings=strict) == pytest.approx(0.5 / 3)
    assert score(unclaimed(1, "damaged", days_ago=7), settings=strict) == pytest.approx(0.5 / 1.5)


def test_the_sla_deadline_is_the_claim_time_plus_the_configured_hours() -> None:
    assert ReliabilitySettings(sla_hours=4).sla_deadline(NOW) == NOW + timedelta(hours=4)
    assert DEFAULTS.horizon_start(NOW) == NOW - timedelta(days=300)


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"half_life_days": 0}, "half_life_days"),
        ({"half_life_days": float("inf")}, "half_life_days"),
        ({"prior_score": 1.5}, "prior_score"),
        ({"prior_weight": -1}, "prior_weight"),
        ({"prior_weight": True}, "prior_weight"),
        ({"slow_claim_penalty": "0.5"}, "slow_claim_penalty"),
        ({"sla_hours": -24}, "sla_hours"),
        ({"values": {"unclaimed:damaged": 1.2}}, "values.unclaimed:damaged"),
        ({"values": {"unclaimed:lazy": 0.0}}, "values.unclaimed:lazy"),
        ({"values": [0.5]}, "values"),
        ({"weights": {"expired": -1}}, "weights.expired"),
        ({"half_life": 30}, "half_life"),
    ],
)
def test_settings_out_of_range_are_refused_naming_the_field(given: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        ReliabilitySettings.from_mapping(given)

    assert error.value.field == field


def test_settings_from_a_mapping_keep_the_defaults_they_do_not_name() -> None:
    settings = ReliabilitySettings.from_mapping({"half_life_days": 14, "weights": {"withdrawn": 0.5}})

    assert (settings.half_life_days, settings.prior_score, settings.weights["withdrawn"]) == (14, 0.9, 0.5)
    assert settings.weights["claimed"] == 1.0
