from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    autocomplete_fields = []
    raw_id_fields = ["organization"]


@admin.register(User)
class TdktUserAdmin(UserAdmin):
    inlines = [RoleGrantInline]
    fieldsets = [*UserAdmin.fieldsets, ("TĐKT", {"fields": ["full_name", "organization"]})]
    raw_id_fields = ["organization"]
