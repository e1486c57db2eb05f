"""The indicators of a report, defined once: code, group, label, rule id, definition, and
how each is computed from the summed roll-ups (`CellMonth`) and the open warnings.

Every output (the dashboard, the XLSX, the DOCX) reads `INDICATORS` and `evaluate()`, so a
figure is computed and formatted in one place. Sources: Kết luận 256-KL/TU (what the province
asks to watch), RULES.md (the rule ids), Hướng dẫn 12-HD/BTCTW (levels, QUAL-1..3).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chibo.evaluation.detect import KIND_RULES
from chibo.evaluation.models import WarningKind
from chibo.meetings.documents.layout import percent


@dataclass(frozen=True)
class Group:
    """A group of indicators: one XLSX sheet, one table of the DOCX."""

    code: str
    label: str


GROUPS = (
    Group("frequency", _("Meeting on schedule")),
    Group("attendance", _("Attendance")),
    Group("levels", _("Meeting quality levels")),
    Group("content", _("Minutes, tasks and criticism")),
    Group("warnings", _("Early warnings")),
)


@dataclass(frozen=True)
class Indicator:
    """One indicator.

    `kind`: "percent" (a share: numerator ÷ denominator), "count" or "ratio" (a mean count,
    one decimal). `num`/`den`: names of summed CellMonth fields (or, for warnings, of
    warning counts, see `evaluate`) — `den` only for shares and ratios. `higher_is_better`
    orders rankings and picks the weak and exemplary units. `rule`: the rule id (RULES.md).
    """

    code: str
    group: str
    label: str
    rule: str
    definition: str
    kind: str
    num: str
    den: str = ""
    higher_is_better: bool | None = True


@dataclass(frozen=True)
class Figure:
    """The value of an indicator for one unit and period: `value` (a Fraction for shares and
    ratios, an int for counts; None when there is nothing to divide by), with `numerator` and
    `denominator` for shares and ratios."""

    value: Fraction | int | None
    numerator: int | None = None
    denominator: int | None = None
    kind: str = "count"

    @property
    def text(self) -> str:
        """The value as printed everywhere: "66,7%", "1,5", "12", "—"."""
        if self.value is None:
            return "—"
        if self.kind == "percent":
            return percent(Fraction(self.value))
        if self.kind == "ratio":
            value = Decimal(self.value.numerator) / Decimal(self.value.denominator)
            return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")
        return f"{self.value:,}".replace(",", ".")

    @property
    def number(self) -> float | None:
        """The value as a float for charts and spreadsheet cells: a share as a percentage
        (0–100) rounded half up to one decimal, a ratio to one decimal, a count as is."""
        if self.value is None:
            return None
        if self.kind in ("percent", "ratio"):
            scale = 100 if self.kind == "percent" else 1
            value = Decimal(self.value.numerator * scale) / Decimal(self.value.denominator)
            return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        return self.value

    @property
    def detail(self) -> str:
        """ "numerator/denominator" of a share or ratio ("" for counts)."""
        if self.kind == "count" or self.numerator is None or not self.denominator:
            return ""
        return f"{self.numerator}/{self.denominator}"


#: Whether more meetings of a level is better: Tốt yes, Trung bình and Kém no; Khá neither (a
#: rise may come from Tốt or from Trung bình), so it gets no verdict.
_LEVEL_BETTER = {"good": True, "fair": None, "average": False, "poor": False}
_LEVELS = (
    ("good", _("Good")), ("fair", _("Fair")), ("average", _("Average")), ("poor", _("Poor")),
)  # fmt: skip

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "months_held", "frequency", _("Months with the regular meeting held"), "FREQ-1",
        _("Months in which the cell held its regular (or combined) meeting, out of the months "
          "due: the months that have ended, from the cell's first record in chibo."),
        "percent", "month_held", "month_due",
    ),
    Indicator(
        "months_missed", "frequency", _("Months without a regular meeting"), "FREQ-1",
        _("Months due in which no regular or combined meeting was held (a planned or "
          "cancelled meeting does not count)."),
        "count", "months_missed", higher_is_better=False,
    ),
    Indicator(
        "thematic_quota", "frequency", _("Quarters meeting the thematic quota"), "THEM-1",
        _("Quarters ended in the period in which the cell held at least the rule set's "
          "number of thematic (or combined) meetings, out of the quarters ended."),
        "percent", "quarter_met", "quarter_due",
    ),
    Indicator(
        "thematic_held", "frequency", _("Thematic meetings held"), "THEM-1",
        _("Thematic and combined meetings held in the period."),
        "count", "thematic_held",
    ),
    Indicator(
        "attendance_mean", "attendance", _("Mean attendance rate"), "ATT-1",
        _("The mean, over the meetings held, of present ÷ (members on the roll − exempted − "
          "attached elsewhere − on special duty)."),
        "percent", "att_rate_sum", "att_meetings",
    ),
    Indicator(
        "attendance_over", "attendance", _("Meetings above the attendance threshold"), "ATT-2",
        _("Meetings held whose attendance rate is above the threshold the rule set in force "
          "sets for a good meeting, out of the meetings held."),
        "percent", "att_over", "att_meetings",
    ),
    Indicator(
        "unexcused", "attendance", _("Unexcused absences"), "ATT-0",
        _("Absences without reason recorded in the roll calls of the meetings held."),
        "count", "unexcused", higher_is_better=False,
    ),
    *(
        Indicator(
            f"final_{code}", "levels", format_lazy(_("Final level: {level}"), level=label),
            "QUAL-3",
            format_lazy(
                _("Meetings whose final rating (the superior's when given, else the cell's "
                  "own) is {level}, out of the meetings rated."),
                level=label,
            ),
            "percent", f"final_{code}", "final_rated",
            higher_is_better=_LEVEL_BETTER[code],
        )
        for code, label in _LEVELS
    ),
    *(
        Indicator(
            f"self_{code}", "levels", format_lazy(_("Self-rating: {level}"), level=label),
            "QUAL-3",
            format_lazy(_("Meetings the cell rated {level} itself, out of those it rated."),
                        level=label),
            "percent", f"self_{code}", "self_rated",
            higher_is_better=_LEVEL_BETTER[code],
        )
        for code, label in _LEVELS
    ),
    Indicator(
        "unrated", "levels", _("Meetings held without a rating"), "QUAL-3",
        _("Meetings held that have no rating yet."),
        "count", "unrated", higher_is_better=False,
    ),
    Indicator(
        "minutes_on_time", "content", _("Minutes adopted on time"), "MIN-3",
        _("Minutes adopted within the rule set's number of days after the meeting, out of "
          "the meetings whose minutes are adopted or whose days have passed."),
        "percent", "minutes_on_time", "minutes_due",
    ),
    Indicator(
        "assignments_per_meeting", "content", _("Assignments per meeting"), "QUAL-1",
        _("Tasks assigned to members or the committee at the meetings held, per meeting "
          "(Kết luận 256-KL/TU: clear tasks for every member)."),
        "ratio", "assignments_made", "held",
    ),
    Indicator(
        "tasks_on_time", "content", _("Tasks done on time"), "QUAL-1",
        _("Tasks due in the period (deadline passed, or done) that were done by their "
          "deadline."),
        "percent", "tasks_on_time", "tasks_due",
    ),
    Indicator(
        "self_criticism", "content", _("Meetings with self-criticism recorded"), "QUAL-1",
        _("Regular meetings held whose minutes record self-criticism or criticism."),
        "percent", "self_criticism", "regular_held",
    ),
    Indicator(
        "warnings_open", "warnings", _("Open early warnings"), "",
        _("Early warnings open at the end of the period (today for a period not yet "
          "ended)."),
        "count", "warnings_open", higher_is_better=False,
    ),
    Indicator(
        "removal_review", "warnings", _("Members to review for removal"), "MEM-5",
        _("Members with an open warning: absent without reason for the rule set's number of "
          "months in a year."),
        "count", f"warning_{WarningKind.REMOVAL_REVIEW}", higher_is_better=False,
    ),
    Indicator(
        "probation_due", "warnings", _("Probationary members due for the vote"), "MEM-1",
        _("Probationary members whose probation ends soon or whose full-membership vote is "
          "overdue (open warnings)."),
        "count", "probation_due", higher_is_better=False,
    ),
    *(
        Indicator(
            f"warning_{kind.value}", "warnings",
            format_lazy(_("Warnings: {kind}"), kind=kind.label), KIND_RULES.get(kind, ""),
            _("Open warnings of this kind at the end of the period."),
            "count", f"warning_{kind.value}", higher_is_better=False,
        )
        for kind in WarningKind
    ),
)  # fmt: skip

BY_CODE = {i.code: i for i in INDICATORS}


def derived(sums: dict) -> dict:
    """Add the derived sums the indicators read to `sums` (summed CellMonth fields plus
    "warning_<kind>" counts) and return it: months_missed, final_rated, self_rated, unrated,
    warnings_open, probation_due. Missing fields count as 0."""
    s = dict(sums)
    get = lambda k: s.get(k) or 0  # noqa: E731
    s["months_missed"] = get("month_due") - get("month_held")
    s["final_rated"] = sum(get(f"final_{c}") for c, _l in _LEVELS)
    s["self_rated"] = sum(get(f"self_{c}") for c, _l in _LEVELS)
    s["unrated"] = get("held") - s["final_rated"]
    s["warnings_open"] = sum(get(f"warning_{k.value}") for k in WarningKind)
    s["probation_due"] = get(f"warning_{WarningKind.PROBATION_ENDING}") + get(
        f"warning_{WarningKind.PROBATION_OVERDUE}"
    )
    return s


def figure_of(ind: Indicator, s: dict) -> Figure:
    """The Figure of one indicator from sums already completed by `derived`."""
    num = s.get(ind.num) or 0
    if ind.kind == "count":
        return Figure(int(num), kind="count")
    den = int(s.get(ind.den) or 0)
    if not den:
        return Figure(None, None, den, ind.kind)
    if isinstance(num, float):  # the sum of attendance rates
        return Figure(Fraction(num).limit_denominator(10**6) / den, None, den, ind.kind)
    return Figure(Fraction(int(num), den), int(num), den, ind.kind)


def evaluate(sums: dict) -> dict[str, Figure]:
    """Every indicator's Figure from the sums of a unit and period (see `derived`)."""
    s = derived(sums)
    return {ind.code: figure_of(ind, s) for ind in INDICATORS}


class LazyFigures(Mapping):
    """`evaluate(sums)` computed one indicator at a time, on first access: a province report
    holds thousands of cells, of which a page prints a few."""

    __slots__ = ("_sums", "_derived", "_done")

    def __init__(self, sums: dict):
        self._sums, self._derived, self._done = sums, None, {}

    def __getitem__(self, code: str) -> Figure:
        found = self._done.get(code)
        if found is None:
            if self._derived is None:
                self._derived = derived(self._sums)
            found = self._done[code] = figure_of(BY_CODE[code], self._derived)
        return found

    def __iter__(self):
        return iter(BY_CODE)

    def __len__(self) -> int:
        return len(BY_CODE)
