"""Admin for routing profiles. Every change goes through the profile services (validation, the version
lifecycle, the overlap rule); a spec is edited as JSON, and its errors show on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from crossdock.db.models import RoutingProfile, RoutingProfileVersion
from crossdock.domain.errors import DomainError
from crossdock.domain.routing.versions import VersionStatus
from crossdock.services.routing.profiles import (
    activate_version,
    archive_version,
    create_draft,
    create_profile,
    update_draft,
)
from crossdock.services.routing.profiles.specs import read_spec


def _checked_spec(value: Any) -> dict[str, Any]:
    try:
        return read_spec(value).to_json()
    except DomainError as error:
        raise ValidationError(f"{error.field or 'spec'}: {error.message}") from None


class NewProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    spec = forms.JSONField(initial=dict, help_text="The first version (a draft): see docs/routing.md.")

    class Meta:
        model = RoutingProfile
        fields = ["name", "description"]

    def clean_spec(self) -> dict[str, Any]:
        return _checked_spec(self.cleaned_data["spec"])


class VersionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RoutingProfileVersion
        fields = ["spec"]

    def clean_spec(self) -> dict[str, Any]:
        return _checked_spec(self.cleaned_data["spec"])


class VersionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RoutingProfileVersion
    extra = 0
    can_delete = False
    show_change_link = True
    fields = readonly_fields = ("number", "status", "created_by", "created_at", "activated_at", "archived_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RoutingProfile)
class RoutingProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "description", "active_version", "draft_version"]
    search_fields = ["name", "description"]
    inlines = [VersionInline]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = NewProfileForm
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request: HttpRequest, obj: RoutingProfile, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)  # name and description are not versioned
            return
        created = create_profile(
            name=obj.name, description=obj.description, spec=form.cleaned_data["spec"], actor=_actor(request)
        )
        obj.pk = created.id

    @admin.display(description="active")
    def active_version(self, obj: RoutingProfile) -> int | None:
        return _number(obj, VersionStatus.ACTIVE)

    @admin.display(description="draft")
    def draft_version(self, obj: RoutingProfile) -> int | None:
        return _number(obj, VersionStatus.DRAFT)


@admin.register(RoutingProfileVersion)
class RoutingProfileVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = VersionForm
    list_display = ["profile", "number", "status", "created_by", "created_at", "activated_at", "archived_at"]
    list_filter = ["status", "profile"]
    list_select_related = ["profile"]
    actions = ["activate", "archive", "open_draft"]
    readonly_fields = ["profile", "number", "status", "created_by", "activated_by", "activated_at", "archived_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # new versions are drafts opened from a profile (the "open a draft" action)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        editable = obj is not None and obj.status == VersionStatus.DRAFT
        return self.readonly_fields if editable else [*self.readonly_fields, "spec"]

    def save_model(self, request: HttpRequest, obj: RoutingProfileVersion, form: Any, change: bool) -> None:
        if "spec" in form.changed_data:
            update_draft(obj.profile_id, spec=obj.spec, number=obj.number, actor=_actor(request))

    @admin.action(description="Activate the selected drafts")
    def activate(self, request: HttpRequest, queryset: QuerySet[RoutingProfileVersion]) -> None:
        for version in queryset.select_related("profile"):
            try:
                result = activate_version(version.profile_id, version.number, actor=_actor(request))
            except DomainError as error:
                self.message_user(request, f"{version}: {error.message}", messages.ERROR)
                continue
            self.message_user(request, f"{version.profile.name} v{version.number} is active")
            for warning in result.warnings:
                self.message_user(request, f"{version.profile.name}: {warning.message}", messages.WARNING)

    @admin.action(description="Archive the selected versions")
    def archive(self, request: HttpRequest, queryset: QuerySet[RoutingProfileVersion]) -> None:
        self._each(request, queryset, lambda v: archive_version(v.profile_id, v.number, actor=_actor(request)))

    @admin.action(description="Open a draft copying the selected version")
    def open_draft(self, request: HttpRequest, queryset: QuerySet[RoutingProfileVersion]) -> None:
        self._each(
            request,
            queryset,
            lambda v: create_draft(v.profile_id, from_version=v.number, actor=_actor(request)),
        )

    def _each(self, request: HttpRequest, queryset: QuerySet[RoutingProfileVersion], change: Any) -> None:
        for version in queryset.select_related("profile"):
            try:
                change(version)
            except DomainError as error:
                self.message_user(request, f"{version}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{version}: done")


def _number(profile: RoutingProfile, status: VersionStatus) -> int | None:
    return profile.versions.filter(status=status).values_list("number", flat=True).first()


def _actor(request: HttpRequest) -> str:
    return f"admin:{request.user}"
