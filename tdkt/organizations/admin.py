from django.contrib import admin

from .models import BlockMembership, EmulationBlock, Organization, Person


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "level", "parent", "active_to"]
    search_fields = ["search_text", "code"]
    list_filter = ["kind", "level"]
    readonly_fields = ["path", "depth"]

    # Writes go through the pages, whose services audit them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(OrganizationAdmin):
    list_display = ["full_name", "code", "organization", "category"]
    list_filter = ["category", "sex"]
    readonly_fields = []


class MembershipInline(admin.TabularInline):
    model = BlockMembership
    extra = 0


@admin.register(EmulationBlock)
class EmulationBlockAdmin(OrganizationAdmin):
    list_display = ["name", "year", "organizer"]
    list_filter = ["year"]
    readonly_fields = []
    inlines = [MembershipInline]
