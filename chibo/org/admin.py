"""Admin of the organisation tree and role grants (superusers only)."""

from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from chibo.org.models import RoleGrant, Unit


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    """Units as a tree: add, move, rename."""

    form = movenodeform_factory(Unit, exclude=("search_text", "sort_key"))
    list_display = ("name", "kind", "cell_type", "admin_code", "valid_from", "valid_to")
    list_filter = ("kind", "cell_type")
    search_fields = ("name", "search_text")


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    """Role grants: (user, role, unit, include_descendants)."""

    list_display = ("user", "role", "unit", "include_descendants", "granted_at")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name")
    autocomplete_fields = ("user", "unit")
