"""The report definition: one unit's subtree and one period, read once, printed by every
output (the dashboard page, the XLSX workbook, the DOCX review report).

`unit_report(actor=…, unit_id=…, period=…)` fetches the unit through the scoped selector
(404 outside the actor's scope) and reads, in a fixed number of queries whatever the size of
the subtree (ARCHITECTURE "Query counts are pinned"):

- the unit's own monthly roll-ups (`UnitMonth`, or `CellMonth` for a cell): its figures and
  the monthly trend; each visible sub-unit's sums over the period;
- the same for the previous period and for the whole province (totals only: a commune sees
  the province's figures, never another commune's);
- a few sums of every cell, to choose the weakest and the exemplary cells, which alone are
  then read with all their figures; and the open early warnings at the end of the period
  (or today) by sub-unit and kind;
- for a cell, its meetings of the period.

Indicators are defined in `reports.indicators`; this module only sums.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from chibo.evaluation.models import EarlyWarning, Rating, RatingColumn
from chibo.meetings.models import EXPECTED_STATUSES, AttendanceStatus, Meeting
from chibo.org.models import CELL_KINDS, Unit
from chibo.org.selectors import subtree_q, unit_children, unit_get
from chibo.reports.indicators import Figure, LazyFigures, evaluate
from chibo.reports.models import SUM_FIELDS, CellMonth, UnitMonth
from chibo.reports.periods import Period

#: Cells listed as the weakest and as the most exemplary (a product default).
LIST_SIZE = settings.CHIBO_REPORT_LIST_SIZE


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
    for a cell); `trend` is (month, figures) for every month of the period; `cell_sums` the
    LIST_FIELDS sums of every cell of the subtree (`weakest` and `exemplary` are chosen from
    them; empty for a cell); `meetings` a cell's meetings;
    `warnings_on` the day the open warnings were counted on; `computed_on` the day of the latest
    refresh of the roll-ups read (None: no roll-up): the figures are as of that day;
    `months_judged`/`previous_months_judged` the months of this period / the previous one
    judged for FREQ-1 (complete months from the cells' first records)."""

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
    cell_sums: dict[int, dict]
    meetings: list[MeetingLine]
    warnings_on: datetime.date
    computed_on: datetime.date | None
    months_judged: int = 0
    previous_months_judged: int = 0

    @property
    def is_cell(self) -> bool:
        """True when the report is about a single cell."""
        return self.unit.kind in CELL_KINDS

    @property
    def has_ended(self) -> bool:
        """True when the whole period lies before today's month: every month and quarter of
        it is judged (FREQ-1, THEM-1 judge complete months and quarters only)."""
        return self.period.last < self.today.replace(day=1)

    @property
    def counts_comparable(self) -> bool:
        """True when this period and the previous one have as many judged months with
        figures, so their counts (meetings, absences, warnings) can be compared; shares
        always can."""
        return self.months_judged == self.previous_months_judged

    @cached_property
    def cells(self) -> list[UnitFigures]:
        """Every cell of the subtree with roll-ups in the period or open warnings (empty for
        a cell's report), in Vietnamese name order, with all its figures. Read on first use
        (three queries): exports list them all, a dashboard only the weakest and the
        exemplary."""
        if self.is_cell:
            return []
        return _cells_full(self.unit, self.period, self.warnings_on)

    @property
    def weakest(self) -> list[UnitFigures]:
        """The weakest cells: those with a missed month, a quarter short of thematic
        meetings or a final level Trung bình or Kém (the opposite of `exemplary`, so no cell
        is in both); most missed months first, then most quarters short, most weak levels,
        lowest attendance, most unexcused absences, then by name (FREQ-1, THEM-1, QUAL-3,
        ATT-1). At most LIST_SIZE."""
        return self._lists[0]

    @property
    def exemplary(self) -> list[UnitFigures]:
        """The most exemplary cells: every month due held, every quarter judged met, every
        meeting held rated, none Trung bình or Kém; the highest share of Tốt first, then the
        highest attendance, then by name. At most LIST_SIZE."""
        return self._lists[1]

    @cached_property
    def _lists(self) -> tuple[list[UnitFigures], list[UnitFigures]]:
        """(weakest, exemplary), chosen from the cells' sums (`cell_sums`, the fields of
        LIST_FIELDS); only the chosen cells (and those tied with the last of a list) are then
        read with all their figures (three queries, none when there is no candidate), unless
        `cells` was read already."""
        weak, best = [], []
        for pk, s in self.cell_sums.items():
            problems = (
                s["month_due"] - s["month_held"],
                s["quarter_due"] - s["quarter_met"],
                s["final_average"] + s["final_poor"],
            )
            rated = s["final_good"] + s["final_fair"] + s["final_average"] + s["final_poor"]
            if any(problems):
                weak.append(((*(-p for p in problems), _attendance(s), -s["unexcused"]), pk))
            elif s["month_due"] > 0 and s["held"] > 0 and rated == s["held"]:
                best.append(((-Fraction(s["final_good"], rated), -_attendance(s)), pk))
        weak_keys, best_keys = _first(weak), _first(best)
        if "cells" in self.__dict__:  # every cell already read (an export): no query
            found = self.cells
        else:
            chosen = weak_keys.keys() | best_keys.keys()
            found = _cells_full(self.unit, self.period, self.warnings_on, chosen)
        by_pk = {c.unit.pk: c for c in found}

        def listed(keys: dict) -> list[UnitFigures]:
            """The cells of `keys` in their order, ties by name, at most LIST_SIZE."""
            cells = [by_pk[pk] for pk in keys if pk in by_pk]
            cells.sort(key=lambda c: (keys[c.unit.pk], c.unit.sort_key))
            return cells[:LIST_SIZE]

        return listed(weak_keys), listed(best_keys)


def _first(keyed: list[tuple[tuple, int]]) -> dict[int, tuple]:
    """{cell id: sort key} of the first LIST_SIZE (sort key, cell id) pairs and of those tied
    with the last of them (their names break the tie)."""
    if not keyed:
        return {}
    keyed.sort()
    last = keyed[min(LIST_SIZE, len(keyed)) - 1][0]
    chosen = {pk: key for key, pk in keyed[:LIST_SIZE]}
    chosen.update({pk: key for key, pk in keyed[LIST_SIZE:] if key == last})
    return chosen


def _attendance(sums: dict) -> float:
    """The mean attendance (ATT-1) of a cell's sums as a sortable number (0 when none)."""
    return sums["att_rate_sum"] / sums["att_meetings"] if sums["att_meetings"] else 0.0


_SUMS = {f: Sum(f) for f in SUM_FIELDS}


def _add(into: dict, row: dict) -> None:
    """Add the summed fields of `row` into `into`."""
    for f in SUM_FIELDS:
        into[f] = into.get(f, 0) + (row.get(f) or 0)


def _months_q(period: Period) -> Q:
    return Q(month__gte=period.first, month__lte=period.last)


def _months_model(unit: Unit):
    """The roll-up model holding `unit`'s own months: CellMonth for a cell, else UnitMonth."""
    return CellMonth if unit.kind in CELL_KINDS else UnitMonth


def _own_months(unit: Unit, period: Period) -> list[dict]:
    """The unit's own roll-up rows in `period` (dicts of SUM_FIELDS, month, computed_on).
    One query of at most one row a month."""
    return list(
        _months_model(unit)
        .objects.filter(unit=unit)
        .filter(_months_q(period))
        .values("month", "computed_on", *SUM_FIELDS)
    )


def _totals(unit: Unit, period: Period) -> dict:
    """The unit's sums over `period`, with "months_judged": the months with figures judged
    for FREQ-1. One query."""
    total = {f: 0 for f in SUM_FIELDS}
    judged = 0
    for row in _own_months(unit, period):
        _add(total, row)
        judged += bool(row["month_due"])
    total["months_judged"] = judged
    return total


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


def _province_figures(province: Unit, period: Period, on: datetime.date) -> dict:
    """The province's figures for the comparison column (two queries), kept in the cache
    for settings.CHIBO_REPORTS_PROVINCE_SECONDS: every dashboard below the
    province shows them, and counting the province's open warnings is the costliest part
    of a cell's dashboard. They may lag that long behind a change elsewhere in the province
    (0: no cache)."""
    seconds = settings.CHIBO_REPORTS_PROVINCE_SECONDS
    key = f"chibo-reports-province-{province.pk}-{period.slug}-{on.isoformat()}"
    sums = cache.get(key) if seconds else None
    if sums is None:
        sums = _totals(province, period)
        sums.pop("months_judged")
        sums.update(_warning_totals(province.path, on))
        if seconds:
            cache.set(key, sums, seconds)
    return LazyFigures(sums)


def warnings_day(period: Period, today: datetime.date) -> datetime.date:
    """The day warnings are counted on: the end of the period, or today if it has not ended."""
    return min(period.end, today)


def _children_rows(children: list[Unit], period: Period, warnings_by_prefix: dict) -> list:
    """UnitFigures of the sub-units: cells from CellMonth, units above cells from UnitMonth.
    One query per kind of sub-unit present."""
    sums: dict[int, dict] = {}
    for model, ids in (
        (CellMonth, [c.pk for c in children if c.kind in CELL_KINDS]),
        (UnitMonth, [c.pk for c in children if c.kind not in CELL_KINDS]),
    ):
        if ids:
            for r in (
                model.objects.filter(_months_q(period), unit_id__in=ids)
                .order_by()
                .values("unit_id")
                .annotate(**_SUMS)
            ):
                sums[r["unit_id"]] = r
    rows = []
    for child in children:
        got = sums.get(child.pk, {})
        full = {f: got.get(f) or 0 for f in SUM_FIELDS}
        full.update(warnings_by_prefix.get(child.path, {}))
        rows.append(UnitFigures(child, evaluate(full), full))
    return rows


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

    total = {f: 0 for f in SUM_FIELDS}
    by_month: dict[datetime.date, dict] = {m: {} for m in period.months}
    computed_on = None
    months_judged = 0
    for row in _own_months(unit, period):
        _add(total, row)
        _add(by_month.setdefault(row["month"], {}), row)
        months_judged += bool(row["month_due"])
        if computed_on is None or row["computed_on"] > computed_on:
            computed_on = row["computed_on"]
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
    previous = _totals(unit, previous_period)
    previous.update(_warning_totals(unit.path, warnings_day(previous_period, today)))

    province_unit = province = None
    if unit.depth > 1:
        province_unit = Unit.objects.filter(path=unit.path[: Unit.steplen]).first()
    if province_unit is not None:
        province = _province_figures(province_unit, period, on)

    rows, meetings, cell_sums = [], [], {}
    if is_cell:
        meetings = _meeting_lines(unit, period)
    else:
        children = list(unit_children(actor=actor, unit=unit))
        rows = _children_rows(children, period, warnings_by_prefix)
        cell_sums = _cell_sums(unit, period)

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
        trend=[(m, LazyFigures(by_month.get(m, {}))) for m in period.months],
        cell_sums=cell_sums,
        meetings=meetings,
        warnings_on=on,
        computed_on=computed_on,
        months_judged=months_judged,
        previous_months_judged=previous.pop("months_judged"),
    )


#: The sums the weakest and exemplary cells are chosen from (read for every cell).
LIST_FIELDS = (
    "month_due", "month_held", "quarter_due", "quarter_met", "held", "att_rate_sum",
    "att_meetings", "unexcused", "final_good", "final_fair", "final_average", "final_poor",
)  # fmt: skip


def _cell_sums(unit: Unit, period: Period) -> dict[int, dict]:
    """cell id → its LIST_FIELDS sums over the period, for every cell of the subtree with
    roll-ups in the period. One query (a province's year: 41,000 rows into 3,400)."""
    rows = (
        CellMonth.objects.filter(subtree_q(unit.path), _months_q(period))
        .order_by()
        .values_list("unit_id")
        .annotate(**{f: Sum(f) for f in LIST_FIELDS})
    )
    return {r[0]: dict(zip(LIST_FIELDS, r[1:], strict=True)) for r in rows}


def _cells_full(unit: Unit, period: Period, on: datetime.date, ids=None) -> list[UnitFigures]:
    """UnitFigures (every sum, warnings open on `on` included) of the cells `ids` of the
    subtree (None: every cell with roll-ups in the period or open warnings), in Vietnamese
    name order; figures are computed on first access. Three queries."""
    months = CellMonth.objects.filter(subtree_q(unit.path), _months_q(period))
    warnings = _open_warnings(unit.path, on)
    if ids is not None:
        if not ids:
            return []
        months = months.filter(unit_id__in=list(ids))
        warnings = warnings.filter(unit_id__in=list(ids))
    found: dict[int, dict] = {}
    for r in months.order_by().values("unit_id").annotate(**_SUMS):
        found[r["unit_id"]] = {f: r[f] or 0 for f in SUM_FIELDS}
    for r in warnings.order_by().values("unit_id", "kind").annotate(n=Count("pk")):
        sums = found.setdefault(r["unit_id"], {f: 0 for f in SUM_FIELDS})
        sums[f"warning_{r['kind']}"] = r["n"]
    units = Unit.objects.filter(kind__in=CELL_KINDS).order_by("sort_key", "pk")
    units = (
        units.filter(pk__in=list(ids)) if ids is not None else units.filter(subtree_q(unit.path))
    )
    units = [u for u in units if u.pk in found]
    return [UnitFigures(u, LazyFigures(found[u.pk]), found[u.pk]) for u in units]


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
    sums = _totals(unit, period)
    sums.pop("months_judged")
    sums.update(_warning_totals(unit.path, warnings_day(period, today)))
    return evaluate(sums)
