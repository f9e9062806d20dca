"""Routing profile versions: draft → active → archived, and the conflicts a change can meet."""

from __future__ import annotations

from enum import StrEnum

from crossdock.domain.errors import DomainError


class VersionStatus(StrEnum):
    DRAFT = "draft"  # the only editable state
    ACTIVE = "active"  # routes orders; at most one per profile
    ARCHIVED = "archived"


VERSION_TRANSITIONS: dict[VersionStatus, frozenset[VersionStatus]] = {
    VersionStatus.DRAFT: frozenset({VersionStatus.ACTIVE, VersionStatus.ARCHIVED}),
    VersionStatus.ACTIVE: frozenset({VersionStatus.ARCHIVED}),
    VersionStatus.ARCHIVED: frozenset(),
}


class SelectorOverlap(DomainError):
    """Another active profile applies to some of the same orders."""

    code = "selector_overlap"
    status = 409


class NotADraft(DomainError):
    """Only a draft version can be edited."""

    code = "not_a_draft"
    status = 409


class DraftExists(DomainError):
    """A profile has at most one draft at a time."""

    code = "draft_exists"
    status = 409


class DuplicateProfile(DomainError):
    code = "duplicate_profile"
    status = 409
