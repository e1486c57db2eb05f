"""The report definition: one unit's subtree and one period, read once, printed by every
output (the dashboard page, the XLSX workbook, the DOCX review report).

`unit_report(actor=…, unit_id=…, period=…)` fetches the unit through the scoped selector
(404 outside the actor's scope) and reads, in a fixed number of queries whatever the size of
the subtree (ARCHITECTURE "Query counts are pinned"):

- the roll-ups (`CellMonth`) of the subtree for the period, grouped by sub-unit and month:
  the unit's figures, each visible sub-unit's, and the monthly trend;
- the same sums for the previous period and for the whole province (totals only: a commune
  sees the province's figures, never another commune's);
- every cell's sums (for the weakest and the exemplary cells), and the open early warnings
  at the end of the period (or today) by sub-unit, cell and kind;
- for a cell, its meetings of the period.

Indicators are defined in `reports.indicators`; this module only sums.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from chibo.evaluation.models import EarlyWarning, Rating, RatingColumn
from chibo.meetings.models import EXPECTED_STATUSES, AttendanceStatus, Meeting
from chibo.org.models import CELL_KINDS, Unit
from chibo.org.selectors import subtree_q, unit_children, unit_get
from chibo.reports.indicators import Figure, evaluate
from chibo.reports.models import SUM_FIELDS, CellMonth
from chibo.reports.periods import Period

#: Cells listed as the weakest and as the most exemplary (a product default).
LIST_SIZE = getattr(settings, "CHIBO_REPORT_LIST_SIZE", 10)


@dataclass
class UnitFigures:
    """A unit (sub-unit or cell) with its figures: indicator code → Figure."""

    unit: Unit
    figures: dict[str, Figure]
    sums: dict = field(default_factory=dict, repr=False)


@dataclass
class MeetingLine:
    """One meeting of a cell's report: the meeting, its attendance (present, expected) and its
    self and final levels ("" when not rated)."""

    meeting: Meeting
    attendance: Figure
    self_level: str
    final_level: str


@dataclass
class Report:
    """A unit's report for a period (see the module docstring). `province` is None when the
    unit is itself the province (or above it); `rows` are the visible direct sub-units (empty
    for a cell); `trend` is (month, figures) for every month of the period; `cells` every
    cell of the subtree with figures (empty for a cell); `meetings` a cell's meetings;
    `warnings_on` the day the open warnings were counted on; `computed_on` the day of the latest
    refresh of the roll-ups read (None: no roll-up): the figures are as of that day."""

    unit: Unit
    period: Period
    today: datetime.date
    generated_at: datetime.datetime
    figures: dict[str, Figure]
    previous: dict[str, Figure]
    province_unit: Unit | None
    province: dict[str, Figure] | None
    rows: list[UnitFigures]
    trend: list[tuple[datetime.date, dict[str, Figure]]]
    cells: list[UnitFigures]
    meetings: list[MeetingLine]
    warnings_on: datetime.date
    computed_on: datetime.date | None

    @property
    def is_cell(self) -> bool:
        """True when the report is about a single cell."""
        return self.unit.kind in CELL_KINDS

    @property
    def weakest(self) -> list[UnitFigures]:
        """The weakest cells: those with a missed month, a quarter short of thematic
        meetings or a final level Trung bình or Kém (the opposite of `exemplary`, so no cell
        is in both); most missed months first, then most quarters short, most weak levels,
        lowest attendance, most unexcused absences (FREQ-1, THEM-1, QUAL-3, ATT-1)."""

        def problems(c):
            s = c.sums
            return (
                s["month_due"] - s["month_held"],
                s["quarter_due"] - s["quarter_met"],
                s["final_average"] + s["final_poor"],
            )

        weak = [c for c in self.cells if any(problems(c))]
        weak.sort(
            key=lambda c: (
                *(-p for p in problems(c)),
                _attendance(c),
                -c.sums["unexcused"],
                c.unit.sort_key,
            )
        )
        return weak[:LIST_SIZE]

    @property
    def exemplary(self) -> list[UnitFigures]:
        """The most exemplary cells: every month due held, every quarter judged met, every
        meeting rated, none Trung bình or Kém; the highest share of Tốt
        first, then the highest attendance."""

        def fine(c):
            s = c.sums
            return (
                s["month_due"] > 0
                and s["month_held"] == s["month_due"]
                and s["quarter_met"] == s["quarter_due"]
                and s["held"] > 0
                and c.figures["unrated"].value == 0
                and s["final_average"] + s["final_poor"] == 0
            )

        best = [c for c in self.cells if fine(c)]
        best.sort(
            key=lambda c: (-(c.figures["final_good"].value or 0), -_attendance(c), c.unit.sort_key)
        )
        return best[:LIST_SIZE]


def _attendance(c: UnitFigures):
    """The mean attendance of a cell as a sortable number (0 when none)."""
    return c.figures["attendance_mean"].value or 0


_SUMS = {f: Sum(f) for f in SUM_FIELDS}


def _add(into: dict, row: dict) -> None:
    """Add the summed fields of `row` into `into`."""
    for f in SUM_FIELDS:
        into[f] = into.get(f, 0) + (row.get(f) or 0)


def _months_q(period: Period) -> Q:
    return Q(month__gte=period.first, month__lte=period.last)


def _totals(path: str, period: Period) -> dict:
    """The summed roll-ups of the subtree at `path` over `period`. One query."""
    row = CellMonth.objects.filter(subtree_q(path), _months_q(period)).aggregate(**_SUMS)
    return {k: v or 0 for k, v in row.items()}


def _open_warnings(path: str, on: datetime.date):
    """Early warnings of the subtree at `path` open on `on` (found by then, not resolved by
    then)."""
    return EarlyWarning.objects.filter(subtree_q(path, "unit__"), detected_on__lte=on).filter(
        Q(resolved_on__isnull=True) | Q(resolved_on__gt=on)
    )


def _warning_totals(path: str, on: datetime.date) -> dict:
    """{"warning_<kind>": count} of the warnings open on `on` in the subtree. One query."""
    rows = _open_warnings(path, on).order_by().values("kind").annotate(n=Count("pk"))
    return {f"warning_{r['kind']}": r["n"] for r in rows}


def warnings_day(period: Period, today: datetime.date) -> datetime.date:
    """The day warnings are counted on: the end of the period, or today if it has not ended."""
    return min(period.end, today)


def unit_report(*, actor, unit_id, period: Period, today: datetime.date | None = None) -> Report:
    """The report of the unit `unit_id` for `period`, as `actor` may see it.

    Raises NotInScope (404) when the unit is outside the actor's scope. See the module
    docstring for what is read; `Report` for the shape of the result.
    """
    today = today or timezone.localdate()
    unit = unit_get(actor=actor, unit_id=unit_id)
    on = warnings_day(period, today)
    level = len(unit.path) + Unit.steplen  # path length of a direct sub-unit
    is_cell = unit.kind in CELL_KINDS

    # Sub-unit × month sums: the unit's totals, its sub-units and the trend, in one query.
    grouped = (
        CellMonth.objects.filter(subtree_q(unit.path), _months_q(period))
        .order_by()
        .values("month", prefix=Substr("path", 1, level))
        .annotate(**_SUMS, latest=Max("computed_on"))
    )
    total: dict = {}
    by_prefix: dict[str, dict] = {}
    by_month: dict[datetime.date, dict] = {m: {} for m in period.months}
    computed_on = None
    for row in grouped:
        _add(total, row)
        _add(by_prefix.setdefault(row["prefix"], {}), row)
        _add(by_month.setdefault(row["month"], {}), row)
        if row["latest"] and (computed_on is None or row["latest"] > computed_on):
            computed_on = row["latest"]
    warnings_by_prefix: dict[str, dict] = {}
    for row in (
        _open_warnings(unit.path, on)
        .order_by()
        .values("kind", prefix=Substr("unit__path", 1, level))
        .annotate(n=Count("pk"))
    ):
        key = f"warning_{row['kind']}"
        total[key] = total.get(key, 0) + row["n"]
        warnings_by_prefix.setdefault(row["prefix"], {})[key] = row["n"]

    previous_period = period.previous()
    previous = _totals(unit.path, previous_period)
    previous.update(_warning_totals(unit.path, warnings_day(previous_period, today)))

    province_unit = province = None
    root_path = unit.path[: Unit.steplen]
    if unit.depth > 1:
        province_unit = Unit.objects.filter(path=root_path).first()
        sums = _totals(root_path, period)
        sums.update(_warning_totals(root_path, on))
        province = evaluate(sums)

    rows = []
    cells = []
    meetings = []
    if is_cell:
        meetings = _meeting_lines(unit, period)
    else:
        for child in unit_children(actor=actor, unit=unit):
            sums = {**by_prefix.get(child.path, {}), **warnings_by_prefix.get(child.path, {})}
            full = {f: 0 for f in SUM_FIELDS} | sums
            rows.append(UnitFigures(child, evaluate(full), full))
        cells = _cells(unit, period, on)

    return Report(
        unit=unit,
        period=period,
        today=today,
        generated_at=timezone.localtime(),
        figures=evaluate(total),
        previous=evaluate(previous),
        province_unit=province_unit,
        province=province,
        rows=rows,
        trend=[(m, evaluate(by_month.get(m, {}))) for m in period.months],
        cells=cells,
        meetings=meetings,
        warnings_on=on,
        computed_on=computed_on,
    )


def _cells(unit: Unit, period: Period, on: datetime.date) -> list[UnitFigures]:
    """Every cell of the subtree with roll-ups in the period, with its figures. Three
    queries: the sums by cell, the warnings by cell, the cells themselves."""
    sums_by_cell = {
        r["unit_id"]: r
        for r in CellMonth.objects.filter(subtree_q(unit.path), _months_q(period))
        .order_by()
        .values("unit_id")
        .annotate(**_SUMS)
    }
    warnings: dict[int, dict] = {}
    for r in (
        _open_warnings(unit.path, on).order_by().values("unit_id", "kind").annotate(n=Count("pk"))
    ):
        warnings.setdefault(r["unit_id"], {})[f"warning_{r['kind']}"] = r["n"]
    found = []
    ids = set(sums_by_cell) | set(warnings)
    for cell in Unit.objects.filter(pk__in=ids, kind__in=CELL_KINDS).order_by("sort_key", "pk"):
        full = {f: 0 for f in SUM_FIELDS}
        full.update({f: sums_by_cell.get(cell.pk, {}).get(f) or 0 for f in SUM_FIELDS})
        full.update(warnings.get(cell.pk, {}))
        found.append(UnitFigures(cell, evaluate(full), full))
    return found


def _meeting_lines(cell: Unit, period: Period) -> list[MeetingLine]:
    """The cell's meetings dated in the period (every kind and status), oldest first, with
    attendance and levels. Two queries."""
    meetings = list(
        Meeting.objects.filter(unit=cell, date__gte=period.first, date__lte=period.end)
        .annotate(
            present=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT)),
            expected=Count("attendance", filter=Q(attendance__status__in=EXPECTED_STATUSES)),
        )
        .order_by("date", "start_time", "pk")
    )
    levels: dict[int, dict] = {}
    for meeting_id, column, level, is_final in Rating.objects.filter(
        meeting__in=[m.pk for m in meetings]
    ).values_list("meeting_id", "column", "level", "is_final"):
        if column == RatingColumn.SELF:
            levels.setdefault(meeting_id, {})["self"] = level
        if is_final:
            levels.setdefault(meeting_id, {})["final"] = level
    lines = []
    for m in meetings:
        rate = Figure(None, None, 0, "percent")
        if m.expected:
            rate = Figure(Fraction(m.present, m.expected), m.present, m.expected, "percent")
        got = levels.get(m.pk, {})
        lines.append(MeetingLine(m, rate, got.get("self", ""), got.get("final", "")))
    return lines


def unit_summary(
    *, unit: Unit, period: Period, today: datetime.date | None = None
) -> dict[str, Figure]:
    """The figures of `unit` (already fetched through a scoped selector) for `period`,
    without sub-units, cells or trend: the unit page's panel. Two queries."""
    today = today or timezone.localdate()
    sums = _totals(unit.path, period)
    sums.update(_warning_totals(unit.path, warnings_day(period, today)))
    return evaluate(sums)
