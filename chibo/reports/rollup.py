"""Build the monthly roll-ups of cells (`CellMonth`) from their records, set-based.

`rollups_refresh(root_path=…, today=…)` rebuilds the rows of every cell of a subtree (the
whole database when `root_path` is None) in a fixed number of queries, whatever the number of
cells or meetings: the cells, the meetings, their roll-call counts, ratings, criticism
speeches and assignments are each read in one query and summed in Python, then the subtree's
rows are replaced in one transaction. Signals refresh one cell after a change
(`reports.signals`); `chibo reports` refreshes everything daily, since whether a month, a
quarter, a set of minutes or a task is due depends on the day (rules FREQ-1, THEM-1, MIN-3).

The definitions are those of the early warnings (`evaluation.detect`): a cell is judged from
`Cells.judged_from` (its first record), a month is missed when it has ended without a held
regular or combined meeting, a quarter is short when it has ended with fewer held thematic or
combined meetings than the rule set's `thematic_per_quarter`, minutes are late when not
adopted more than `minutes_adopt_days` after the meeting. Each record is judged by the rule
set in force on its date (a quarter: on its last day) for its cell.
"""

import datetime
from collections import defaultdict
from fractions import Fraction

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from chibo.evaluation.detect import Rules
from chibo.evaluation.detect_cells import Cells
from chibo.evaluation.models import Rating, RatingColumn
from chibo.meetings.models import (
    EXPECTED_STATUSES,
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    Assignment,
    AssignmentStatus,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    Speech,
    SpeechKind,
)
from chibo.org.models import CELL_KINDS, Unit
from chibo.org.selectors import subtree_q
from chibo.reports.models import SUM_FIELDS, CellMonth, RollupRun
from chibo.reports.periods import Period
from chibo.reports.rollup_units import unit_rows_refresh

#: Meeting kinds the indicators count (committee meetings are not the cell's meetings).
COUNTED_KINDS = sorted(REGULAR_KINDS | THEMATIC_KINDS)
BATCH = 2000


def month_of(day: datetime.date) -> datetime.date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def _scope(root_path: str | None, prefix: str) -> Q:
    """Q limiting a query to the subtree (everything when `root_path` is None)."""
    return subtree_q(root_path, prefix) if root_path else Q()


class _Cell:
    """A cell as the roll-up sees it: `pk`, `path`, `unit` (for RuleBook scopes) and the
    months it is judged in: from `judged_from` (None: never) to `judged_until` (None: open)."""

    __slots__ = ("pk", "path", "unit", "judged_from", "judged_until")

    def __init__(self, unit: Unit, judged_from, judged_until):
        self.pk, self.path, self.unit = unit.pk, unit.path, unit
        self.judged_from, self.judged_until = judged_from, judged_until


def _cells(root_path: str | None, today: datetime.date) -> tuple[dict, dict]:
    """The cells of the subtree, those no longer in force included (their months count up to
    their end), and a map unit id → cell id for party groups. Cells in force today are judged
    from `Cells.judged_from`, as the warnings; others from their start or first record."""
    judged = Cells(root_path, today)
    units = list(Unit.objects.filter(_scope(root_path, ""), kind__in=CELL_KINDS).order_by("path"))
    cells = {}
    for unit in units:
        current = judged.by_id.get(unit.pk)
        if current is not None:
            cells[unit.pk] = _Cell(unit, current.judged_from, None)
        else:  # ended (or not yet started): judged over its own records only, see _first_records
            cells[unit.pk] = _Cell(unit, None, month_of(unit.valid_to) if unit.valid_to else None)
    return cells, dict(judged.cell_of_unit)


def _meetings(root_path, since):
    """Counted meetings of the subtree from `since`: (pk, unit_id, date, kind, status,
    adopted_at)."""
    q = Meeting.objects.filter(_scope(root_path, "unit__"), kind__in=COUNTED_KINDS)
    if since:
        q = q.filter(date__gte=since)
    return list(q.order_by().values_list("pk", "unit_id", "date", "kind", "status", "adopted_at"))


def _roll_calls(root_path, since) -> dict[int, tuple[int, int, int]]:
    """meeting id → (present, expected, unexcused) of its roll call (rule ATT-1: only members
    present, excused or unexcused are expected). One grouped query."""
    q = Attendance.objects.filter(
        _scope(root_path, "meeting__unit__"), meeting__kind__in=COUNTED_KINDS
    )
    if since:
        q = q.filter(meeting__date__gte=since)
    rows = (
        q.order_by()
        .values("meeting_id")
        .annotate(
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            expected=Count("pk", filter=Q(status__in=EXPECTED_STATUSES)),
            unexcused=Count("pk", filter=Q(status=AttendanceStatus.UNEXCUSED)),
        )
        .values_list("meeting_id", "present", "expected", "unexcused")
    )
    return {m: (p, e, u) for m, p, e, u in rows}


def _ratings(root_path, since) -> dict[int, dict[str, str]]:
    """meeting id → {"self": level, "final": level} from the stored ratings (QUAL-3: the
    superior's rating is final when given, `Rating.is_final`)."""
    q = Rating.objects.filter(_scope(root_path, "meeting__unit__"))
    if since:
        q = q.filter(meeting__date__gte=since)
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for meeting_id, column, level, is_final in q.order_by().values_list(
        "meeting_id", "column", "level", "is_final"
    ):
        if column == RatingColumn.SELF:
            found[meeting_id]["self"] = level
        if is_final:
            found[meeting_id]["final"] = level
    return found


def _criticised(root_path, since) -> set[int]:
    """Ids of meetings with self-criticism or criticism recorded (QUAL-1 group 3)."""
    q = Speech.objects.filter(
        _scope(root_path, "meeting__unit__"),
        kind__in=[SpeechKind.SELF_CRITICISM, SpeechKind.CRITICISM],
    )
    if since:
        q = q.filter(meeting__date__gte=since)
    return set(q.order_by().values_list("meeting_id", flat=True).distinct())


def _assignments(root_path, since) -> list[tuple]:
    """Assignments of the subtree: (unit_id, meeting_id, deadline, status, done_on), those
    made at a meeting from `since` or due from `since`."""
    q = Assignment.objects.filter(_scope(root_path, "unit__"))
    if since:
        q = q.filter(Q(meeting__date__gte=since) | Q(deadline__gte=since))
    return list(q.order_by().values_list("unit_id", "meeting_id", "deadline", "status", "done_on"))


def compute_rows(
    root_path: str | None, today: datetime.date, since: datetime.date | None = None
) -> list[CellMonth]:
    """The CellMonth rows of the subtree's cells (unsaved), for the months from `since` (a
    first day; None: from each cell's first record) to today's month. See the module
    docstring for the rules; `CellMonth` for the meaning of each figure."""
    rules = Rules()
    cells, cell_of_unit = _cells(root_path, today)
    # From the first month of `since`'s quarter: THEM-1 counts the whole quarter's meetings.
    quarter_from = since.replace(month=(since.month - 1) // 3 * 3 + 1) if since else None
    meetings = _meetings(root_path, quarter_from)
    roll_calls = _roll_calls(root_path, since)
    ratings = _ratings(root_path, since)
    criticised = _criticised(root_path, since)
    assignments = _assignments(root_path, since)
    this_month = month_of(today)
    local_tz = timezone.get_current_timezone()

    rows: dict[tuple[int, datetime.date], CellMonth] = {}

    def row(cell_id: int, month: datetime.date) -> CellMonth:
        """The (unsaved) row of a cell and month, made on first use."""
        key = (cell_id, month)
        if key not in rows:
            cell = cells[cell_id]
            rows[key] = CellMonth(unit_id=cell_id, path=cell.path, month=month, computed_on=today)
        return rows[key]

    def cell_id_of(unit_id: int):
        """The cell a cell or party group id belongs to (None: not a cell of the subtree)."""
        cell_id = cell_of_unit.get(unit_id, unit_id)
        return cell_id if cell_id in cells else None

    # Cells no longer in force are judged from their first counted record.
    first_record: dict[int, datetime.date] = {}
    made: dict[int, int] = defaultdict(int)
    for _unit_id, meeting_id, _deadline, _status, _done in assignments:
        if meeting_id is not None:
            made[meeting_id] += 1
    thematic: dict[tuple[int, datetime.date], int] = defaultdict(int)  # (cell, quarter) → held
    regular_months: set[tuple[int, datetime.date]] = set()
    for pk, unit_id, day, kind, status, adopted_at in meetings:
        cell_id = cell_id_of(unit_id)
        if cell_id is None or day > today:
            continue
        month = month_of(day)
        first_record[cell_id] = min(month, first_record.get(cell_id, month))
        if status not in HELD_STATUSES:
            continue
        if kind in THEMATIC_KINDS:
            quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
            thematic[(cell_id, quarter)] += 1
        if since and month < since:
            continue  # read only for its quarter's THEM-1 count
        r = row(cell_id, month)
        cell = cells[cell_id]
        rule_set = rules.get(day, cell.unit)
        r.held += 1
        if kind in THEMATIC_KINDS:
            r.thematic_held += 1
        if kind in REGULAR_KINDS:
            r.regular_held += 1
            regular_months.add((cell_id, month))
            if pk in criticised:
                r.self_criticism += 1
        present, expected, unexcused = roll_calls.get(pk, (0, 0, 0))
        r.unexcused += unexcused
        if expected:
            rate = Fraction(present, expected)
            r.att_meetings += 1
            r.att_rate_sum += float(rate)
            if rule_set and rate * 100 > rule_set["attendance_good_percent"]:
                r.att_over += 1
        levels = ratings.get(pk, {})
        if "self" in levels:
            setattr(r, f"self_{levels['self']}", getattr(r, f"self_{levels['self']}") + 1)
        if "final" in levels:
            setattr(r, f"final_{levels['final']}", getattr(r, f"final_{levels['final']}") + 1)
        limit = rule_set["minutes_adopt_days"] if rule_set else None
        adopted = status == MeetingStatus.ADOPTED
        if adopted or (limit is not None and (today - day).days > limit):
            r.minutes_due += 1
            if adopted and (
                limit is None
                or adopted_at is None
                or (timezone.localtime(adopted_at, local_tz).date() - day).days <= limit
            ):
                r.minutes_on_time += 1
        r.assignments_made += made.get(pk, 0)

    for unit_id, _meeting_id, deadline, status, done_on in assignments:
        cell_id = cell_id_of(unit_id)
        if cell_id is None or deadline > today and status != AssignmentStatus.DONE:
            continue
        if since and deadline < since:
            continue
        done = status == AssignmentStatus.DONE
        if done or deadline < today:
            r = row(cell_id, month_of(deadline))
            r.tasks_due += 1
            if done and done_on is not None and done_on <= deadline:
                r.tasks_on_time += 1

    # Months and quarters due (FREQ-1, THEM-1), for every judged month of every cell.
    for cell in cells.values():
        if cell.judged_from is None and cell.pk in first_record and cell.judged_until:
            cell.judged_from = max(
                first_record[cell.pk],
                month_of(cell.unit.valid_from) if cell.unit.valid_from else first_record[cell.pk],
            )
        if cell.judged_from is None:
            continue
        start = month_of(cell.judged_from)
        if cell.judged_from != start:
            start += relativedelta(months=1)  # a cell starting mid-month: its first full month
        if since:
            start = max(start, since)
        # Complete months only (the current one has not ended), as the warnings judge.
        end = this_month - relativedelta(months=1)
        for month in Period("range", start, min(end, cell.judged_until or end)).months:
            held = (cell.pk, month) in regular_months
            r = row(cell.pk, month)
            r.month_due = 1
            r.month_held = int(held)
            if month.month % 3 == 0:  # the last month of a complete quarter
                first = month - relativedelta(months=2)
                if first < cell.judged_from:
                    continue
                rule_set = rules.get(month + relativedelta(months=1, days=-1), cell.unit)
                if rule_set is None:
                    continue
                count = thematic.get((cell.pk, first), 0)
                r.quarter_due = 1
                r.quarter_met = int(count >= rule_set["thematic_per_quarter"])
    return list(rows.values())


def _changed_months(root_path: str, rows: list[CellMonth], since) -> set[datetime.date]:
    """The months whose CellMonth figures in the subtree differ between the stored rows and
    `rows` (a row added or removed counts): only they change the units above. One query."""
    stored = CellMonth.objects.filter(_scope(root_path, ""))
    if since is not None:
        stored = stored.filter(month__gte=since)
    old = {(r[0], r[1]): r[2:] for r in stored.values_list("unit_id", "month", *SUM_FIELDS)}
    new = {(r.unit_id, r.month): tuple(getattr(r, f) for f in SUM_FIELDS) for r in rows}
    return {key[1] for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def rollups_refresh(
    *,
    root_path: str | None = None,
    today: datetime.date | None = None,
    since: datetime.date | None = None,
) -> int:
    """Replace the CellMonth rows of the subtree at `root_path` (all cells when None) from
    month `since` on (None: all months) by rows computed from the records on `today`
    (default: the local date), and the UnitMonth rows of the units above them for the months
    that changed (`rollup_units`). Returns the number of CellMonth rows written. One
    transaction; the reads are a fixed number of queries (see `compute_rows`). A refresh of
    every cell is recorded as a `RollupRun` (read by `reports.freshness`)."""
    today = today or timezone.localdate()
    if since is not None:
        since = month_of(since)
    rows = compute_rows(root_path, today, since)
    if root_path is None:
        months = Q(month__gte=since) if since is not None else Q()
    else:
        changed = _changed_months(root_path, rows, since)
        months = Q(month__in=sorted(changed)) if changed else None
    with transaction.atomic():
        old = CellMonth.objects.filter(_scope(root_path, ""))
        if since is not None:
            old = old.filter(month__gte=since)
        old.delete()
        CellMonth.objects.bulk_create(rows, batch_size=BATCH)
        if months is not None:
            unit_rows_refresh(root_path, months, today)
        if root_path is None:
            RollupRun.objects.create(day=today, since=since, rows=len(rows))
    return len(rows)
