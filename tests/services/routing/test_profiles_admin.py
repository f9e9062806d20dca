"""The admin edits routing profiles through their services: errors on the form, lifecycle as actions."""

from __future__ import annotations

import json

from django.contrib.messages import get_messages

from crossdock.db.models import RoutingProfile, RoutingProfileVersion
from crossdock.services.routing.profiles import create_profile, get_profile

NEAREST = {"per_parcel": 8.0, "per_km": 0.002, "per_unit": 0.4, "unfilled_per_unit": 1000.0}
VERSIONS = "/admin/crossdock/routingprofileversion/"


def test_a_profile_added_in_the_admin_starts_as_a_draft(admin_client, channels) -> None:  # type: ignore[no-untyped-def]
    body = {"name": "web-express", "description": "", "spec": json.dumps({"cost": NEAREST}), **_no_inline_versions()}

    response = admin_client.post("/admin/crossdock/routingprofile/add/", body)

    assert response.status_code == 302
    profile = RoutingProfile.objects.get()
    assert [(v.number, v.status, v.created_by) for v in get_profile(profile.pk).versions] == [
        (1, "draft", "admin:admin")
    ]


def test_a_bad_spec_shows_its_field_on_the_form_and_saves_nothing(admin_client, channels) -> None:  # type: ignore[no-untyped-def]
    spec = json.dumps({"cost": {**NEAREST, "per_km": -1}})

    response = admin_client.post("/admin/crossdock/routingprofile/add/", {"name": "web-express", "spec": spec})

    assert response.status_code == 200
    assert "spec.cost.per_km: must be a finite number ≥ 0" in response.content.decode()
    assert RoutingProfile.objects.count() == 0


def test_a_draft_is_edited_and_activated_in_the_admin(admin_client, channels) -> None:  # type: ignore[no-untyped-def]
    profile = create_profile(name="web-express", description="", spec={"cost": NEAREST}, actor="ops:grace")
    draft = RoutingProfileVersion.objects.get(profile_id=profile.id)
    edited = json.dumps({"cost": NEAREST, "strategy": "offer"})

    saved = admin_client.post(f"{VERSIONS}{draft.pk}/change/", {"spec": edited})
    activated = admin_client.post(VERSIONS, {"action": "activate", "_selected_action": [draft.pk]})

    assert (saved.status_code, activated.status_code) == (302, 302)
    draft.refresh_from_db()
    assert (draft.status, draft.spec["strategy"], draft.activated_by) == ("active", "offer", "admin:admin")
    assert [str(m) for m in get_messages(activated.wsgi_request)][-1] == "web-express v1 is active"


def test_an_active_version_is_read_only_in_the_admin(admin_client, channels) -> None:  # type: ignore[no-untyped-def]
    profile = create_profile(name="web-express", description="", spec={"cost": NEAREST}, actor="ops:grace")
    version = RoutingProfileVersion.objects.get(profile_id=profile.id)
    admin_client.post(VERSIONS, {"action": "activate", "_selected_action": [version.pk]})

    admin_client.post(f"{VERSIONS}{version.pk}/change/", {"spec": json.dumps({"cost": {**NEAREST, "per_km": 9.0}})})

    version.refresh_from_db()
    assert version.spec["cost"]["per_km"] == 0.002


def _no_inline_versions() -> dict[str, str]:
    prefix = "versions"
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
