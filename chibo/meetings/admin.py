"""Admin of the meetings app (superusers only): agenda templates per cell type are edited
here; meetings are read here and changed only through chibo's pages (their services keep the
lifecycle, versions and audit trail)."""

from django.contrib import admin

from chibo.meetings import models


class AgendaTemplateItemInline(admin.TabularInline):
    """The items of an agenda template, in order."""

    model = models.AgendaTemplateItem
    extra = 1


@admin.register(models.AgendaTemplate)
class AgendaTemplateAdmin(admin.ModelAdmin):
    """Agenda templates: one per meeting kind and cell type (empty type: the default)."""

    list_display = ("name", "kind", "cell_type")
    list_filter = ("kind", "cell_type")
    inlines = [AgendaTemplateItemInline]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Meetings, read-only: records change through chibo's pages only (MIN-3)."""

    list_display = ("date", "unit", "kind", "status")
    list_filter = ("kind", "status")
    date_hierarchy = "date"
    search_fields = ("unit__name",)
    list_select_related = ("unit",)
    show_full_result_count = False

    def has_add_permission(self, request):
        """Never here: meetings are planned on the cell's pages."""
        return False

    def has_change_permission(self, request, obj=None):
        """Never here: the record changes through services that keep its history."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Never here: a meeting is cancelled, not deleted."""
        return False
