"""Admin of the reports app: the report exports, read-only (they are made by the export
service and deleted by `chibo reports` when they expire)."""

from django.contrib import admin

from chibo.reports.models import ReportExport


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    """Who asked for which report file, and how it went. Viewable only: no add, change,
    delete or action (a file holds what its owner's scope allowed; nobody else opens it
    here)."""

    list_display = (
        "id", "user", "unit", "period_label", "format", "status", "progress", "created_at",
        "expires_at",
    )  # fmt: skip
    list_filter = ("format", "status")
    search_fields = ("user__username", "unit__name")
    date_hierarchy = "created_at"
    fields = (
        "user", "unit", "period_label", "period", "format", "status", "progress", "error",
        "created_at", "finished_at", "expires_at",
    )  # fmt: skip
    readonly_fields = fields
    list_select_related = ("user", "unit")
    actions = None

    def has_add_permission(self, request):
        """Never: exports are asked for from a dashboard."""
        return False

    def has_change_permission(self, request, obj=None):
        """Never: written by the export task."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Never here: `chibo reports` deletes expired exports with their files."""
        return False
