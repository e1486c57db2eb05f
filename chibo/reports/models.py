"""Monthly roll-ups of each cell's records and the user's report exports.

`CellMonth` holds, per cell and calendar month, the sums every indicator is computed from
(`reports.indicators`); `UnitMonth` the same sums for every unit above cells (province,
district, commune, grassroots committee: the sums of the cells of its subtree). A dashboard
reads a unit's own months and its sub-units' rows instead of adding up thousands of cells.
Rows are derived data: `reports.rollup` rebuilds them from the meetings, roll calls, ratings
and assignments (after each change and daily), never edited.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthFigures(models.Model):
    """The figures of one cell in one month (`month` is its first day), or their sums over
    the cells of a unit's subtree (`UnitMonth`).

    Counts are of the cell's regular, thematic and combined meetings held in the month
    (committee meetings are not counted), judged by the rule set in force on the meeting's
    date (rules FREQ-1, THEM-1, ATT-1, ATT-2, MIN-3, QUAL-1..3):

    - `month_due` 1 when the month is judged for FREQ-1: it has ended and the cell is judged
      from it (its first record, as the early warnings judge); `month_held` 1 when it is due
      and a regular (or combined) meeting was held.
    - `quarter_due`/`quarter_met`, on a quarter's last month only: the quarter has ended and
      is judged for THEM-1 / its thematic meetings reached the rule set's quota.
    - `thematic_held`: thematic and combined meetings held.
    - `held`: meetings held; `regular_held`: regular and combined ones held.
    - `att_meetings`: held meetings with someone expected; `att_rate_sum`: the sum of their
      ATT-1 rates (fractions 0–1); `att_over`: those above `attendance_good_percent`.
    - `unexcused`: unexcused absences (roll-call rows).
    - `self_*`/`final_*`: held meetings by level of the cell's own rating / of the final one.
    - `minutes_due`: held meetings whose minutes are adopted or whose `minutes_adopt_days`
      have passed; `minutes_on_time`: adopted within those days.
    - `self_criticism`: regular meetings held with self-criticism or criticism recorded.
    - `assignments_made`: assignments given at the meetings held.
    - `tasks_due`: assignments whose deadline falls in the month and has passed or which are
      done; `tasks_on_time`: done on or before the deadline.
    """

    path = models.CharField(max_length=255)
    month = models.DateField(_("month"))
    month_due = models.PositiveIntegerField(default=0)
    month_held = models.PositiveIntegerField(default=0)
    quarter_due = models.PositiveIntegerField(default=0)
    quarter_met = models.PositiveIntegerField(default=0)
    thematic_held = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)
    regular_held = models.PositiveIntegerField(default=0)
    att_meetings = models.PositiveIntegerField(default=0)
    att_rate_sum = models.FloatField(default=0)
    att_over = models.PositiveIntegerField(default=0)
    unexcused = models.PositiveIntegerField(default=0)
    self_good = models.PositiveIntegerField(default=0)
    self_fair = models.PositiveIntegerField(default=0)
    self_average = models.PositiveIntegerField(default=0)
    self_poor = models.PositiveIntegerField(default=0)
    final_good = models.PositiveIntegerField(default=0)
    final_fair = models.PositiveIntegerField(default=0)
    final_average = models.PositiveIntegerField(default=0)
    final_poor = models.PositiveIntegerField(default=0)
    minutes_due = models.PositiveIntegerField(default=0)
    minutes_on_time = models.PositiveIntegerField(default=0)
    self_criticism = models.PositiveIntegerField(default=0)
    assignments_made = models.PositiveIntegerField(default=0)
    tasks_due = models.PositiveIntegerField(default=0)
    tasks_on_time = models.PositiveIntegerField(default=0)
    computed_on = models.DateField(_("computed on"))

    class Meta:
        abstract = True


class CellMonth(MonthFigures):
    """A cell's figures in one month (see MonthFigures)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("cell"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("monthly figures of a cell")
        verbose_name_plural = _("monthly figures of cells")
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="unique_cell_month")]
        indexes = [
            models.Index(fields=["path", "month"], name="cellmonth_path_month"),
            models.Index(fields=["month", "path"], name="cellmonth_month_path"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%m/%Y}"


class UnitMonth(MonthFigures):
    """The sums of the CellMonth rows of the cells in a unit's subtree for one month, for
    units above cells (see MonthFigures); party groups have none (their records are their
    cell's)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("monthly figures of a unit")
        verbose_name_plural = _("monthly figures of units")
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="unique_unit_month")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%m/%Y}"


#: The summed columns of CellMonth, in the order of its docstring.
SUM_FIELDS = (
    "month_due", "month_held", "quarter_due", "quarter_met", "thematic_held", "held",
    "regular_held", "att_meetings", "att_rate_sum", "att_over", "unexcused",
    "self_good", "self_fair", "self_average", "self_poor",
    "final_good", "final_fair", "final_average", "final_poor",
    "minutes_due", "minutes_on_time", "self_criticism", "assignments_made",
    "tasks_due", "tasks_on_time",
)  # fmt: skip


class RollupRun(models.Model):
    """A refresh of the roll-ups of every cell (`rollup.rollups_refresh` without a subtree):
    the day the figures were computed as on, and the first month recomputed (None: all).
    The dashboards read the latest to know whether the time-dependent months are current
    (`reports.freshness`); refreshes of a single cell after a change are not recorded."""

    day = models.DateField(_("computed as on"))
    since = models.DateField(_("from month"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    finished_at = models.DateTimeField(_("finished at"), auto_now_add=True)

    class Meta:
        verbose_name = _("refresh of the monthly figures")
        verbose_name_plural = _("refreshes of the monthly figures")
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}"


class ExportFormat(models.TextChoices):
    """File formats of a report export."""

    XLSX = "xlsx", _("Statistics workbook (XLSX)")
    DOCX = "docx", _("Review report (DOCX)")


class ExportStatus(models.TextChoices):
    """Progress of an export task."""

    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportExport(models.Model):
    """A report file a user asked for: its unit, period (`period` holds the query parameters
    that `reports.periods.period_from_params` reads), format, progress (0–100) and, when
    done, the file, downloadable by its owner while the unit stays in their scope and until
    `expires_at` (settings.CHIBO_EXPORT_DAYS)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.JSONField(_("period"), default=dict)
    period_label = models.CharField(_("period"), max_length=120)
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", max_length=255, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"))

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_label} {self.format}"
