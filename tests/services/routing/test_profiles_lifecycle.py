"""Routing profile versions: draft → active → archived, one active profile per selector, nothing written
when a change is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from crossdock.db.models import RoutingProfileVersion
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound, UnknownChannel
from crossdock.domain.routing.versions import DraftExists, DuplicateProfile, NotADraft, SelectorOverlap
from crossdock.services import clock
from crossdock.services.routing.profiles import (
    ProfileWarning,
    activate_version,
    archive_version,
    create_draft,
    create_profile,
    get_profile,
    update_draft,
)

NEAREST = {"per_parcel": 8.0, "per_km": 0.002, "per_unit": 0.4, "unfilled_per_unit": 1000.0}
MORNING = datetime(2024, 3, 13, 14, 30, tzinfo=UTC)


def spec(**sections: Any) -> dict[str, Any]:
    return {"cost": NEAREST, **sections}


@pytest.fixture
def web_express(channels) -> int:  # type: ignore[no-untyped-def]
    """A draft for web orders shipped, v1."""
    return create_profile(
        name="web-express",
        description="Web orders, shipped",
        spec=spec(selector={"channels": ["web"], "delivery_methods": ["ship"]}),
        actor="ops:grace",
    ).id


def statuses(profile_id: int) -> list[tuple[int, str]]:
    return [(v.number, v.status) for v in get_profile(profile_id).versions]


def test_a_new_profile_is_a_draft_holding_the_spec_in_full(web_express: int) -> None:
    profile = get_profile(web_express)

    assert (profile.name, profile.description, profile.active_version, profile.draft_version) == (
        "web-express",
        "Web orders, shipped",
        None,
        1,
    )
    [version] = profile.versions
    assert (version.status, version.created_by) == ("draft", "ops:grace")
    assert version.spec["selector"]["channels"] == ["web"]
    assert version.spec["cost"]["split_penalty"] == 0.0
    assert version.spec["offers"] == {
        "store_count": 3,
        "claim_timeout_seconds": 900,
        "escalation": ["next_stores", "warehouses", "backorder"],
    }


def test_activating_the_next_version_archives_the_one_before(web_express: int) -> None:
    activate_version(web_express, 1, actor="ops:grace")
    update_draft(web_express, spec=spec(selector={"channels": ["web"]}), actor="ops:alan")

    activation = activate_version(web_express, 2, actor="ops:alan")

    assert statuses(web_express) == [(1, "archived"), (2, "active")]
    first, second = activation.profile.versions
    assert (first.archived_by, second.activated_by, second.spec["selector"]["delivery_methods"]) == (
        "ops:alan",
        "ops:alan",
        [],
    )
    assert first.archived_at is not None and second.activated_at is not None
    assert activation.warnings == []


def test_updating_the_draft_replaces_its_spec_and_keeps_its_number(web_express: int) -> None:
    update_draft(web_express, spec=spec(strategy="offer"), description="Offers to stores", actor="ops:alan")

    profile = get_profile(web_express)
    assert (statuses(web_express), profile.description, profile.versions[0].spec["strategy"]) == (
        [(1, "draft")],
        "Offers to stores",
        "offer",
    )


def test_a_draft_copies_the_active_version(web_express: int) -> None:
    activate_version(web_express, 1, actor="ops:grace")

    profile = create_draft(web_express, actor="ops:alan")

    assert statuses(web_express) == [(1, "active"), (2, "draft")]
    assert profile.versions[1].spec == profile.versions[0].spec


def test_a_second_draft_is_refused(web_express: int, db_state) -> None:  # type: ignore[no-untyped-def]
    before = db_state()

    with pytest.raises(DraftExists):
        create_draft(web_express, actor="ops:alan")

    assert db_state() == before


def test_only_a_draft_can_be_edited(web_express: int, db_state) -> None:  # type: ignore[no-untyped-def]
    activate_version(web_express, 1, actor="ops:grace")
    before = db_state()

    with pytest.raises(NotADraft) as refused:
        update_draft(web_express, spec=spec(strategy="offer"), number=1, actor="ops:alan")

    assert (refused.value.status, refused.value.field) == (409, "number")
    assert db_state() == before


def test_an_archived_version_cannot_be_activated_again(web_express: int, db_state) -> None:  # type: ignore[no-untyped-def]
    archive_version(web_express, 1, actor="ops:grace")
    before = db_state()

    with pytest.raises(IllegalTransition):
        activate_version(web_express, 1, actor="ops:grace")

    assert db_state() == before


def test_a_profile_overlapping_an_active_one_is_refused_naming_it(web_express: int, db_state) -> None:  # type: ignore[no-untyped-def]
    activate_version(web_express, 1, actor="ops:grace")
    everything = create_profile(name="catch-all", description="", spec=spec(), actor="ops:alan").id
    before = db_state()

    with pytest.raises(SelectorOverlap) as refused:
        activate_version(everything, 1, actor="ops:alan")

    assert (refused.value.code, refused.value.status, refused.value.field) == ("selector_overlap", 409, "spec.selector")
    assert f"'web-express' (id {web_express}, version 1)" in refused.value.message
    assert db_state() == before


def test_profiles_for_different_orders_are_active_together(web_express: int) -> None:
    activate_version(web_express, 1, actor="ops:grace")
    pickups = create_profile(
        name="web-pickup", description="", spec=spec(selector={"delivery_methods": ["pickup"]}), actor="ops:alan"
    ).id

    activate_version(pickups, 1, actor="ops:alan")

    assert (statuses(web_express), statuses(pickups)) == ([(1, "active")], [(1, "active")])


def test_a_filter_that_excludes_every_location_warns_but_activates(network, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "now", lambda: MORNING)
    dropship_only = create_profile(
        name="dropship-only",
        description="",
        spec=spec(filters={"location_types": ["dropship"], "min_reliability": 0.5}),
        actor="ops:grace",
    ).id

    activation = activate_version(dropship_only, 1, actor="ops:grace")

    assert activation.warnings == [
        ProfileWarning(
            "filters_exclude_every_location",
            "the filters exclude all 4 active locations right now (location_type: 4)",
            "spec.filters",
        )
    ]
    assert statuses(dropship_only) == [(1, "active")]


def test_a_filter_that_leaves_one_location_does_not_warn(network) -> None:  # type: ignore[no-untyped-def]
    warehouses = create_profile(
        name="warehouses", description="", spec=spec(filters={"location_types": ["warehouse"]}), actor="ops:grace"
    ).id

    assert activate_version(warehouses, 1, actor="ops:grace").warnings == []


def test_archiving_the_active_version_leaves_the_profile_routing_nothing(web_express: int) -> None:
    activate_version(web_express, 1, actor="ops:grace")

    profile = archive_version(web_express, 1, actor="ops:grace")

    assert (profile.active_version, statuses(web_express)) == (None, [(1, "archived")])


@pytest.mark.parametrize(
    ("bad_spec", "error", "field"),
    [
        (spec(cost={**NEAREST, "per_km": -0.1}), InvalidInput, "spec.cost.per_km"),
        (spec(cost={**NEAREST, "per_parcl": 8}), InvalidInput, "spec.cost.per_parcl"),
        (spec(selector={"channels": ["carrier-pigeon"]}), UnknownChannel, "spec.selector.channels[0]"),
        ({"strategy": "assign"}, InvalidInput, "spec.cost"),
    ],
)
def test_a_bad_spec_writes_nothing(web_express: int, db_state, bad_spec, error, field: str) -> None:  # type: ignore[no-untyped-def]
    before = db_state()

    with pytest.raises(error) as refused:
        create_profile(name="typo", description="", spec=bad_spec, actor="ops:grace")
    with pytest.raises(error):
        update_draft(web_express, spec=bad_spec, actor="ops:grace")

    assert refused.value.field == field
    assert db_state() == before


def test_a_taken_name_is_refused(web_express: int, db_state) -> None:  # type: ignore[no-untyped-def]
    before = db_state()

    with pytest.raises(DuplicateProfile):
        create_profile(name="web-express", description="", spec=spec(), actor="ops:alan")

    assert db_state() == before


def test_an_unknown_profile_or_version(web_express: int) -> None:
    with pytest.raises(NotFound):
        activate_version(web_express + 1, 1, actor="ops:grace")
    with pytest.raises(NotFound):
        activate_version(web_express, 2, actor="ops:grace")
    assert RoutingProfileVersion.objects.filter(status="active").count() == 0
