"""Admin of evaluation: score sheets (a province may add its own), shorter-meeting decisions
(rule DUR-3), and the read-only lists of ratings and early warnings."""

from django.contrib import admin

from chibo.evaluation.models import Criterion, DurationDecision, EarlyWarning, Rating, ScoreSheet


class CriterionInline(admin.TabularInline):
    """The criteria of a sheet, edited in place (rule QUAL-5)."""

    model = Criterion
    extra = 1
    fields = ("group", "order", "code", "label", "max_points", "min_points", "source", "kinds")


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    """Score sheets; a rule set names the one its meetings use (`score_sheet`)."""

    list_display = ("code", "title", "is_example")
    inlines = [CriterionInline]


@admin.register(DurationDecision)
class DurationDecisionAdmin(admin.ModelAdmin):
    """Decisions allowing a small cell shorter meetings (rule DUR-3)."""

    list_display = ("unit", "min_minutes", "decision", "valid_from", "valid_to")
    autocomplete_fields = ("unit",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable only: ratings and warnings change through the pages' services, and are never
    deleted (issue 4: a warning is acknowledged or resolved, not deleted; a rating is the
    record of a judgement). No action either: Django's only one, "delete selected", is gone."""

    actions = None

    def has_add_permission(self, request):
        """Never: written by the services."""
        return False

    def has_change_permission(self, request, obj=None):
        """Never: written by the services."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Never: kept for the record."""
        return False


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    """Meeting ratings (self and superior columns)."""

    list_display = ("meeting", "column", "total", "maximum", "level", "is_final", "rated_at")
    list_filter = ("column", "level", "is_final")
    raw_id_fields = ("meeting",)


@admin.register(EarlyWarning)
class EarlyWarningAdmin(ReadOnlyAdmin):
    """Early warnings, acknowledged on the warnings page."""

    list_display = ("unit", "kind", "key", "detected_on", "resolved_on", "acknowledged_at")
    list_filter = ("kind",)
    raw_id_fields = ("unit", "member", "meeting", "assignment")
