"""Admin of party members and their dated records (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chibo.members import models


class _DatedInline(admin.TabularInline):
    extra = 0


class MembershipInline(_DatedInline):
    """Inline of the member's Membership records."""

    model = models.Membership
    autocomplete_fields = ("unit",)


class PositionInline(_DatedInline):
    """Inline of the member's Position records."""

    model = models.Position
    autocomplete_fields = ("unit",)


class ExemptionInline(_DatedInline):
    """Inline of the member's Exemption records."""

    model = models.Exemption


class TemporaryExemptionInline(_DatedInline):
    """Inline of the member's TemporaryExemption records."""

    model = models.TemporaryExemption


class AttachmentInline(_DatedInline):
    """Inline of the member's Attachment records."""

    model = models.TemporaryAttachment
    autocomplete_fields = ("host_unit",)


class WorkingAwayInline(_DatedInline):
    """Inline of the member's WorkingAway records."""

    model = models.WorkingAway


class SpecialDutyInline(_DatedInline):
    """Inline of the member's SpecialDuty records."""

    model = models.SpecialDuty


@admin.register(models.Member)
class MemberAdmin(SimpleHistoryAdmin):
    """Members with every dated record inline and the change history."""

    list_display = ("full_name", "birth_year", "admitted_on", "full_member_on", "card_number")
    search_fields = ("full_name", "search_text", "card_number")
    raw_id_fields = ("user",)
    inlines = [
        MembershipInline,
        PositionInline,
        ExemptionInline,
        TemporaryExemptionInline,
        AttachmentInline,
        WorkingAwayInline,
        SpecialDutyInline,
    ]
