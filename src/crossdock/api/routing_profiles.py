"""Routing profiles: which orders go where, at what cost. Versioned: draft → active → archived."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.routing_profiles import ActivationOut, DraftIn, ProfileIn, ProfileOut
from crossdock.services.routing.profiles import (
    Activation,
    ProfileView,
    activate_version,
    archive_version,
    create_draft,
    create_profile,
    get_profile,
    list_profiles,
    update_draft,
)

router = Router(tags=["routing profiles"])
READ, WRITE = scoped("routing:read"), scoped("routing:write")
PROFILE = "/routing/profiles/{int:profile_id}"
VERSION = PROFILE + "/versions/{int:number}"


@router.get("/routing/profiles", auth=READ, response={200: list[ProfileOut], **ERRORS})
def read_profiles(request: HttpRequest) -> list[ProfileView]:
    return list_profiles()


@router.post("/routing/profiles", auth=WRITE, response={201: ProfileOut, **ERRORS})
def post_profile(request: HttpRequest, payload: ProfileIn) -> Status[ProfileView]:
    """Create a profile; its spec becomes version 1, a draft. Errors name the field (`spec.cost.per_km`)."""
    spec = payload.spec.model_dump(mode="json", exclude_unset=True)
    created = create_profile(name=payload.name, description=payload.description, spec=spec, actor=caller(request).actor)
    return Status(201, created)


@router.get(PROFILE, auth=READ, response={200: ProfileOut, **ERRORS})
def read_profile(request: HttpRequest, profile_id: int) -> ProfileView:
    return get_profile(profile_id)


@router.put(PROFILE + "/draft", auth=WRITE, response={200: ProfileOut, **ERRORS})
def put_draft(request: HttpRequest, profile_id: int, payload: DraftIn) -> ProfileView:
    """Replace the draft's spec; with no draft open, open the next version as a draft with it."""
    spec = payload.spec.model_dump(mode="json", exclude_unset=True)
    return update_draft(profile_id, spec=spec, description=payload.description, actor=caller(request).actor)


@router.post(PROFILE + "/draft", auth=WRITE, response={201: ProfileOut, **ERRORS})
def post_draft(request: HttpRequest, profile_id: int, from_version: int | None = None) -> Status[ProfileView]:
    """Open a draft copying `from_version`, else the active version, else the latest (409 if one is open)."""
    return Status(201, create_draft(profile_id, from_version=from_version, actor=caller(request).actor))


@router.post(VERSION + "/activate", auth=WRITE, response={200: ActivationOut, **ERRORS})
def post_activate(request: HttpRequest, profile_id: int, number: int) -> Activation:
    """Activate a draft; the version active before it is archived. 409 `selector_overlap` if another active
    profile applies to some of the same orders. `warnings` say if the filters exclude every location now."""
    return activate_version(profile_id, number, actor=caller(request).actor)


@router.post(VERSION + "/archive", auth=WRITE, response={200: ProfileOut, **ERRORS})
def post_archive(request: HttpRequest, profile_id: int, number: int) -> ProfileView:
    """Archive a draft or the active version (the profile then routes no orders)."""
    return archive_version(profile_id, number, actor=caller(request).actor)
