"""Admin for staff accounts: each user's role and the stores they work at, edited on the user page."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from crossdock.db.models import StaffProfile


class StaffProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = StaffProfile
    can_delete = False
    verbose_name = "staff role and stores"
    filter_horizontal = ["stores"]


class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [StaffProfileInline]
    list_display = ["username", "role", "store_codes", "is_active", "last_login"]
    list_filter = ["staff_profile__role", "is_active"]

    @admin.display(description="role")
    def role(self, user: object) -> str:
        profile = getattr(user, "staff_profile", None)
        return profile.role if profile else "—"

    @admin.display(description="stores")
    def store_codes(self, user: object) -> str:
        profile = getattr(user, "staff_profile", None)
        return ", ".join(profile.stores.values_list("code", flat=True)) if profile else ""


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "role"]
    list_filter = ["role", "stores"]
    search_fields = ["user__username", "stores__code"]
    filter_horizontal = ["stores"]


users = get_user_model()
if admin.site.is_registered(users):
    admin.site.unregister(users)
admin.site.register(users, StaffUserAdmin)
