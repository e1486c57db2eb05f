"""Admin of core: the read-only audit trail; the admin site is for superusers only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chibo.core.models import AuditEntry, RuleSet


def _superuser_only(request) -> bool:
    """The Django admin is for superusers only (issue 2); staff users get the login page."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only
admin.site.site_header = _("chibo administration")
admin.site.site_title = _("chibo administration")
admin.site.index_title = _("System administration")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Append-only audit trail: viewable, never added, changed or deleted here."""

    list_display = ("at", "actor", "action", "target_repr")
    list_filter = ("action",)
    search_fields = ("target_repr", "action")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        """Never: the audit trail is append-only."""
        return False

    def has_change_permission(self, request, obj=None):
        """Never: the audit trail is append-only."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Never: the audit trail is append-only."""
        return False


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """Rule sets: a province may add its own for its subtree; `RuleSet.clean()` refuses
    overlapping dates within one scope and missing values."""

    list_display = ("code", "title", "valid_from", "valid_to", "unit")
    autocomplete_fields = ("unit",)
