from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    raw_id_fields = ["organization"]


@admin.register(User)
class TdktUserAdmin(UserAdmin):
    """View only: accounts and roles are changed on /accounts/users/, where every change is audited."""

    inlines = [RoleGrantInline]
    fieldsets = [*UserAdmin.fieldsets, ("TĐKT", {"fields": ["full_name", "organization"]})]
    raw_id_fields = ["organization"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
