"""Score sheets, meeting ratings, duration decisions and early warnings (GLOSSARY
"ScoreSheet", "GOOD / FAIR / AVERAGE / POOR"; RULES QUAL-1..6, DUR-3)."""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Quality level of a meeting or of a cell's year (rule QUAL-2, QUAL-6)."""

    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    POOR = "poor", _("Poor")


#: Levels from best to worst; "drops one level" moves one step right (rule QUAL-5).
LEVEL_ORDER = [Level.GOOD, Level.FAIR, Level.AVERAGE, Level.POOR]
#: Levels that count as weak (warnings, annual level "below fair").
WEAK_LEVELS = frozenset({Level.AVERAGE, Level.POOR})


class CriterionGroup(models.IntegerChoices):
    """The five groups of criteria of Hướng dẫn 12-HD/BTCTW (rule QUAL-1)."""

    ATTENDANCE = 1, _("Attendance")
    PREPARATION = 2, _("Preparation")
    ORGANISATION = 3, _("Organisation and content")
    PRINCIPLES = 4, _("Party principles")
    RESULTS = 5, _("Results of the previous resolution")


class CriterionSource(models.TextChoices):
    """Where a criterion's points come from: scored by hand, or computed from an automatic
    check of the meeting (evaluation.checks); computed criteria get full points when the
    check passes (or does not apply) and their floor otherwise."""

    MANUAL = "manual", _("Scored by hand")
    ATTENDANCE = "attendance", _("Computed: attendance (ATT-2)")
    DURATION = "duration", _("Computed: duration (DUR-1/2/3)")
    MINUTES = "minutes", _("Computed: complete minutes (MIN-2)")
    CONTENT_PREPARED = "content_prepared", _("Computed: content and draft prepared (PREP-1)")
    NOTIFIED = "notified", _("Computed: members and superior notified (PREP-2)")
    DOCUMENTS_IN_TIME = "documents_in_time", _("Computed: documents published in time (PREP-3)")
    BRIEF = "brief", _("Computed: thematic brief assigned (PREP-4)")
    ASSIGNMENTS_MADE = "assignments_made", _("Computed: assignments made")
    PREVIOUS_REVIEWED = "previous_reviewed", _("Computed: last month's tasks reviewed")
    SELF_CRITICISM = "self_criticism", _("Computed: self-criticism recorded")
    DOCUMENT_STUDY = "document_study", _("Computed: document study recorded")


class ScoreSheet(models.Model):
    """A score sheet template: criteria with maximum points in the five HD 12 groups.

    A rule set names the sheet its meetings use (`score_sheet` key); a province adds its own
    sheet and its own rule set in the admin (rule QUAL-2, QUAL-5). `is_example` marks the
    shipped example scale (Đảng ủy Khối Bình Thuận), shown as such to users.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    source = models.CharField(_("source"), max_length=255, blank=True)
    is_example = models.BooleanField(_("example scale"), default=False)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class Criterion(models.Model):
    """One line of a score sheet: its group, points (floor and maximum), where its points
    come from, and the meeting kinds it applies to (empty: all kinds; rule QUAL-5)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="criteria")
    group = models.PositiveSmallIntegerField(_("group"), choices=CriterionGroup.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("criterion"), max_length=255)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    min_points = models.PositiveSmallIntegerField(_("minimum points"), default=0)
    source = models.CharField(
        _("points from"), max_length=32, choices=CriterionSource.choices, default="manual"
    )
    kinds = models.JSONField(
        _("meeting kinds"), default=list, blank=True, help_text=_("Empty: every meeting kind.")
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["sheet", "group", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="unique_criterion_code"),
            models.CheckConstraint(
                condition=models.Q(min_points__lte=models.F("max_points")),
                name="criterion_floor_below_max",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def applies_to(self, kind: str) -> bool:
        """True if the criterion is scored for a meeting of `kind` (MeetingKind value)."""
        return not self.kinds or kind in self.kinds


class RatingColumn(models.TextChoices):
    """The two columns of a score sheet (rule QUAL-3)."""

    SELF = "self", _("Self (the cell)")
    SUPERIOR = "superior", _("Superior")


class Rating(models.Model):
    """One column of a meeting's score sheet: the points per criterion, the total, the level.

    `points` is {criterion code: points}; `total` and `maximum` are their sums over the
    criteria that apply to the meeting's kind; `level` is computed by
    `evaluation.scoring.level_for` under `rule_set`; `capped` is True when the level dropped
    because a gate criterion lacked full points. `is_final` marks the rating that counts: the
    superior's when given, else the cell's own (rule QUAL-3).
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="ratings"
    )
    column = models.CharField(_("column"), max_length=16, choices=RatingColumn.choices)
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="+")
    rule_set = models.ForeignKey("core.RuleSet", on_delete=models.PROTECT, related_name="+")
    points = models.JSONField(_("points"), default=dict)
    total = models.PositiveSmallIntegerField(_("total"))
    maximum = models.PositiveSmallIntegerField(_("maximum"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    capped = models.BooleanField(default=False)
    is_final = models.BooleanField(default=True)
    note = models.TextField(_("comments"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rater_name = models.CharField(_("rated by"), max_length=255, blank=True)
    rated_at = models.DateTimeField(_("rated at"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("meeting rating")
        verbose_name_plural = _("meeting ratings")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "column"], name="unique_rating_column")
        ]
        indexes = [models.Index(fields=["is_final", "meeting"], name="rating_final_idx")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.column} {self.level}"

    @property
    def percent(self) -> Fraction:
        """The total as a percentage (0..100) of the sheet's maximum for the meeting's kind
        (rule QUAL-5: levels compare it with `rating_thresholds`); 0 when the maximum is 0."""
        return Fraction(self.total * 100, self.maximum) if self.maximum else Fraction(0)


class DurationDecision(models.Model):
    """A committee's decision that a cell with very few members may meet for less than the
    rule set's duration (rule DUR-3), in force from `valid_from` (to `valid_to`, inclusive)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("cell"), on_delete=models.CASCADE, related_name="+"
    )
    min_minutes = models.PositiveSmallIntegerField(_("shortest meeting, minutes"))
    decision = models.CharField(
        _("decision"), max_length=255, help_text=_("Number-symbol and date of the decision.")
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("shorter meeting decision")
        verbose_name_plural = _("shorter meeting decisions")
        ordering = ["unit", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.unit} — {self.min_minutes} — {self.decision}"


class WarningKind(models.TextChoices):
    """What an early warning is about, with the rule it watches."""

    MISSED_MONTH = "missed_month", _("Month without a regular meeting")  # FREQ-1
    THEMATIC_QUARTER = "thematic_quarter", _("Quarter without enough thematic meetings")  # THEM-1
    MINUTES_LATE = "minutes_late", _("Minutes not adopted")  # MIN-3
    REMOVAL_REVIEW = "removal_review", _("Member to review for removal")  # MEM-5
    PROBATION_ENDING = "probation_ending", _("Probation ending")  # MEM-1
    PROBATION_OVERDUE = "probation_overdue", _("Full-membership vote overdue")  # MEM-1
    FEW_FULL_MEMBERS = "few_full_members", _("Fewer full members than required")  # CELL-1
    ASSIGNMENT_OVERDUE = "assignment_overdue", _("Overdue assignment")
    EXEMPTION_OLD = "exemption_old", _("Exemption to review")  # MEM-2
    WEAK_MEETINGS = "weak_meetings", _("Meetings rated average or poor")  # QUAL-1


class EarlyWarning(models.Model):
    """A condition found in a cell's records that its leaders and superiors should act on.

    One row per (unit, kind, key): `key` names the subject ("2026-10" for a month, "2026-Q3",
    a member, meeting or assignment id). `facts` holds the figures shown in the message.
    Warnings are never deleted: when the condition ends `resolved_on` is set; a leader may
    acknowledge one with a note (`acknowledged_at/by`, `note`).
    """

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=WarningKind.choices)
    key = models.CharField(max_length=64)
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    assignment = models.ForeignKey(
        "meetings.Assignment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    facts = models.JSONField(default=dict, blank=True)
    detected_on = models.DateField(_("since"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "key"], name="unique_warning")
        ]
        indexes = [
            models.Index(fields=["resolved_on", "unit"], name="warning_open_idx"),
            models.Index(fields=["kind", "resolved_on"], name="warning_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind} {self.key}"
