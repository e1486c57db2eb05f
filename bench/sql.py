"""Hand-written SQL for the benchmark of the reports (issue 5, `bench/reports.py`): the same
province figures as the dashboard, each computed by ONE statement, to measure our cost over
the bare query's.

- `raw_sql()`: over the records themselves (org_unit, meetings_meeting, meetings_attendance,
  evaluation_rating, meetings_speech, meetings_assignment, evaluation_earlywarning), the sums
  of `reports.models.CellMonth` (SUM_FIELDS) for a subtree and a period, plus the open early
  warnings by kind, following the definitions of `reports.rollup` (FREQ-1, THEM-1, ATT-1/2,
  MIN-3, QUAL-1..3). Written for what the demo holds: cells in force today with a start date,
  one rule set over the period (`rule_params` checks it), meetings of cells and party groups.
- `rollup_sql()`: the same sums over the roll-up table reports_cellmonth, plus the warnings.

Both return one row whose columns are the SUM_FIELDS then "warning_<kind>" for every
WarningKind, so `reports.indicators.evaluate()` turns either into the dashboard's figures and
the benchmark can check that they agree. SQLite and PostgreSQL differ only in the date
functions (`_DIALECT`). Must be imported after django.setup().
"""

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from chibo.core.rules import RuleBook
from chibo.evaluation.models import Level, RatingColumn, WarningKind
from chibo.meetings.models import (
    EXPECTED_STATUSES,
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    AssignmentStatus,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    SpeechKind,
)
from chibo.org.models import CELL_KINDS, Unit, UnitKind
from chibo.org.selectors import subtree_q
from chibo.reports.models import SUM_FIELDS

#: Date arithmetic by database: first day of a date's month, the next month, days between
#: two dates, the local date of a stored timestamp.
_DIALECT = {
    "sqlite": {
        "month": "date({0}, 'start of month')",
        "next_month": "date({0}, '+1 month')",
        "days": "CAST(julianday({0}) - julianday({1}) AS INTEGER)",
        "local_date": "date({0}, %(utc_offset)s)",
        "quarter_first": "date({0}, '-2 months')",
        "month_number": "CAST(strftime('%%m', {0}) AS INTEGER)",
        "quarter_end": "date({0}, 'start of month', '+' || "
        "((3 - CAST(strftime('%%m', {0}) AS INTEGER) %% 3) %% 3) || ' months')",
        "date_param": "date({0})",
    },
    "postgresql": {
        "month": "CAST(date_trunc('month', {0}) AS date)",
        "next_month": "CAST({0} + interval '1 month' AS date)",
        "days": "({0} - {1})",
        "local_date": "CAST(({0} AT TIME ZONE %(tz)s) AS date)",
        "quarter_first": "CAST({0} - interval '2 months' AS date)",
        "month_number": "CAST(EXTRACT(MONTH FROM {0}) AS INTEGER)",
        "quarter_end": "CAST(date_trunc('quarter', {0}) + interval '2 months' AS date)",
        "date_param": "CAST({0} AS date)",
    },
}


def _in(values) -> str:
    """A SQL list of string literals from our own enum values (never user input)."""
    return "(" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in sorted(values)) + ")"


def _fn(name: str, *args: str) -> str:
    """The database's form of the date function `name` applied to `args`."""
    return _DIALECT[connection.vendor][name].format(*args)


def _warnings_select() -> str:
    """Columns counting the open warnings by kind, over the CTE `w`."""
    return ", ".join(
        f"(SELECT COUNT(*) FROM w WHERE w.kind = '{kind.value}') AS warning_{kind.value}"
        for kind in WarningKind
    )


def _path_params(path: str) -> dict:
    """The subtree's path range (as `org.selectors.subtree_q`): lo ≤ path < hi."""
    bounds = dict(subtree_q(path).children)  # path__gte and (unless unbounded) path__lt
    return {"lo": bounds["path__gte"], "hi": bounds.get("path__lt", "\U0010ffff")}


_WARNINGS_CTE = """
w AS (
    SELECT e.kind FROM evaluation_earlywarning e JOIN org_unit u ON u.id = e.unit_id
    WHERE u.path >= %(lo)s AND u.path < %(hi)s AND e.detected_on <= %(on)s
      AND (e.resolved_on IS NULL OR e.resolved_on > %(on)s)
)"""


def rollup_sql() -> str:
    """One statement: the SUM_FIELDS of reports_cellmonth over the subtree and months, and
    the open warnings by kind. Parameters: lo, hi, first, last (first days of months), on."""
    sums = ", ".join(f"(SELECT COALESCE(SUM(c.{f}), 0) FROM c) AS {f}" for f in SUM_FIELDS)
    return f"""
WITH c AS (
    SELECT * FROM reports_cellmonth
    WHERE path >= %(lo)s AND path < %(hi)s AND month >= %(first)s AND month <= %(last)s
),{_WARNINGS_CTE}
SELECT {sums}, {_warnings_select()}
"""


def raw_sql() -> str:
    """One statement over the records: the SUM_FIELDS and the open warnings by kind of the
    subtree over the period, as `reports.rollup` defines them (see the module docstring).

    Parameters: lo, hi (path range), first, last (first days of the period's first and last
    months), end (the period's last day), today, this_month (months and quarters are judged
    once complete: before it), on (the day warnings are counted on), good
    (attendance_good_percent), adopt_days (minutes_adopt_days), quota (thematic_per_quarter),
    utc_offset/tz (local dates of adoption times).
    """
    cells_kinds = _in(CELL_KINDS)
    counted = _in([MeetingKind.REGULAR, MeetingKind.THEMATIC, MeetingKind.COMBINED])
    held = _in(HELD_STATUSES)
    expected = _in(EXPECTED_STATUSES)
    regular = _in(REGULAR_KINDS)
    thematic = _in(THEMATIC_KINDS)
    criticism = _in([SpeechKind.SELF_CRITICISM, SpeechKind.CRITICISM])
    adopted = f"'{MeetingStatus.ADOPTED.value}'"
    done = f"'{AssignmentStatus.DONE.value}'"
    month = _fn("month", "m.date")
    levels = ", ".join(
        f"SUM(CASE WHEN self_level = '{lv.value}' THEN 1 ELSE 0 END) AS self_{lv.value}, "
        f"SUM(CASE WHEN final_level = '{lv.value}' THEN 1 ELSE 0 END) AS final_{lv.value}"
        for lv in Level
    )
    late = _fn("days", "%(today)s", "m.date")
    adopted_days = _fn("days", _fn("local_date", "m.adopted_at"), "m.date")
    quarter_first = _fn("quarter_first", "cm.month")
    quarter_end = _fn("quarter_end", "m.date")
    return f"""
WITH RECURSIVE
units AS (
    SELECT id, path, kind, valid_from, valid_to FROM org_unit
    WHERE path >= %(lo)s AND path < %(hi)s
),
cells AS (
    SELECT id, path, valid_from FROM units
    WHERE kind IN {cells_kinds} AND valid_from IS NOT NULL AND valid_from <= %(today)s
      AND (valid_to IS NULL OR valid_to >= %(today)s)
),
cell_of AS (  -- every cell and party group (a cell's child) → its cell
    SELECT c.id AS unit_id, c.id AS cell_id FROM cells c
    UNION ALL
    SELECT g.id, c.id FROM units g JOIN cells c
      ON c.path = substr(g.path, 1, length(g.path) - {Unit.steplen})
    WHERE g.kind = '{UnitKind.PARTY_GROUP.value}'
),
first_record AS (  -- a cell's first record: its first meeting of any status, not committee
    SELECT co.cell_id, MIN(m.date) AS day FROM meetings_meeting m
    JOIN cell_of co ON co.unit_id = m.unit_id
    WHERE m.kind <> '{MeetingKind.COMMITTEE.value}' GROUP BY co.cell_id
),
judged AS (  -- the first month judged (FREQ-1, THEM-1): from max(start, first record month)
    SELECT cell_id, judged_from,
           CASE WHEN {_fn("month", "judged_from")} = judged_from THEN judged_from
                ELSE {_fn("next_month", _fn("month", "judged_from"))} END AS start_month
    FROM (
        SELECT c.id AS cell_id,
               CASE WHEN c.valid_from > {_fn("month", "f.day")} THEN c.valid_from
                    ELSE {_fn("month", "f.day")} END AS judged_from
        FROM cells c JOIN first_record f ON f.cell_id = c.id
    ) j
),
months(month) AS (  -- complete months only (the current one has not ended)
    SELECT {_fn("date_param", "%(first)s")} WHERE %(first)s < %(this_month)s
    UNION ALL
    SELECT {_fn("next_month", "month")} FROM months
    WHERE month < %(last)s AND {_fn("next_month", "month")} < %(this_month)s
),
m AS (  -- the counted meetings held in the period, up to today
    SELECT m.id, co.cell_id, m.date, m.kind, m.status, m.adopted_at FROM meetings_meeting m
    JOIN cell_of co ON co.unit_id = m.unit_id
    WHERE m.kind IN {counted} AND m.status IN {held}
      AND m.date >= %(first)s AND m.date <= %(end)s AND m.date <= %(today)s
),
-- (IN, not a join, below: SQLite would scan the whole table, not look up each meeting)
a AS (  -- roll calls of those meetings (ATT-1)
    SELECT at.meeting_id,
           SUM(CASE WHEN at.status = '{AttendanceStatus.PRESENT.value}' THEN 1 ELSE 0 END)
               AS present,
           SUM(CASE WHEN at.status IN {expected} THEN 1 ELSE 0 END) AS expected,
           SUM(CASE WHEN at.status = '{AttendanceStatus.UNEXCUSED.value}' THEN 1 ELSE 0 END)
               AS unexcused
    FROM meetings_attendance at WHERE at.meeting_id IN (SELECT id FROM m)
    GROUP BY at.meeting_id
),
r AS (  -- the cell's own level and the final one (QUAL-3)
    SELECT ra.meeting_id,
           MAX(CASE WHEN ra."column" = '{RatingColumn.SELF.value}' THEN ra.level END)
               AS self_level,
           MAX(CASE WHEN ra.is_final THEN ra.level END) AS final_level
    FROM evaluation_rating ra WHERE ra.meeting_id IN (SELECT id FROM m) GROUP BY ra.meeting_id
),
s AS (  -- meetings with self-criticism or criticism recorded
    SELECT DISTINCT sp.meeting_id FROM meetings_speech sp
    WHERE sp.meeting_id IN (SELECT id FROM m) AND sp.kind IN {criticism}
),
given AS (  -- assignments given at those meetings
    SELECT asg.meeting_id, COUNT(*) AS n FROM meetings_assignment asg
    WHERE asg.meeting_id IN (SELECT id FROM m) GROUP BY asg.meeting_id
),
per_meeting AS (
    SELECT m.*, COALESCE(a.present, 0) AS present, COALESCE(a.expected, 0) AS expected,
           COALESCE(a.unexcused, 0) AS unexcused, r.self_level, r.final_level,
           CASE WHEN s.meeting_id IS NULL THEN 0 ELSE 1 END AS criticised,
           COALESCE(given.n, 0) AS given
    FROM m LEFT JOIN a ON a.meeting_id = m.id LEFT JOIN r ON r.meeting_id = m.id
    LEFT JOIN s ON s.meeting_id = m.id LEFT JOIN given ON given.meeting_id = m.id
),
meeting_sums AS (
    SELECT COUNT(*) AS held,
           SUM(CASE WHEN kind IN {regular} THEN 1 ELSE 0 END) AS regular_held,
           SUM(CASE WHEN kind IN {thematic} THEN 1 ELSE 0 END) AS thematic_held,
           SUM(CASE WHEN expected > 0 THEN 1 ELSE 0 END) AS att_meetings,
           SUM(CASE WHEN expected > 0 THEN 1.0 * present / expected ELSE 0 END)
               AS att_rate_sum,
           SUM(CASE WHEN expected > 0 AND present * 100 > %(good)s * expected
                    THEN 1 ELSE 0 END) AS att_over,
           SUM(unexcused) AS unexcused,
           {levels},
           SUM(CASE WHEN status = {adopted} OR {late} > %(adopt_days)s THEN 1 ELSE 0 END)
               AS minutes_due,
           SUM(CASE WHEN status = {adopted}
                     AND (adopted_at IS NULL OR {adopted_days} <= %(adopt_days)s)
                    THEN 1 ELSE 0 END) AS minutes_on_time,
           SUM(CASE WHEN kind IN {regular} THEN criticised ELSE 0 END) AS self_criticism,
           SUM(given) AS assignments_made
    FROM per_meeting m
),
tasks AS (  -- assignments due in the period: deadline passed, or done (QUAL-1)
    SELECT COUNT(*) AS tasks_due,
           SUM(CASE WHEN asg.status = {done} AND asg.done_on IS NOT NULL
                     AND asg.done_on <= asg.deadline THEN 1 ELSE 0 END) AS tasks_on_time
    FROM meetings_assignment asg JOIN cell_of co ON co.unit_id = asg.unit_id
    WHERE asg.deadline >= %(first)s AND asg.deadline <= %(end)s
      AND (asg.status = {done} OR asg.deadline < %(today)s)
),
regular_months AS (  -- (cell, month) with a regular or combined meeting held, up to today
    SELECT DISTINCT co.cell_id, {month} AS month FROM meetings_meeting m
    JOIN cell_of co ON co.unit_id = m.unit_id
    WHERE m.kind IN {regular} AND m.status IN {held} AND m.date <= %(today)s
),
thematic_quarters AS (  -- thematic or combined meetings held per (cell, quarter's last month)
    SELECT co.cell_id, {quarter_end} AS month, COUNT(*) AS n FROM meetings_meeting m
    JOIN cell_of co ON co.unit_id = m.unit_id
    WHERE m.kind IN {thematic} AND m.status IN {held} AND m.date <= %(today)s
    GROUP BY co.cell_id, {quarter_end}
),
cell_months AS (  -- the judged months of each cell in the period (FREQ-1), held or not
    -- (a union grouped by cell and month, not a join: PostgreSQL misjudges the size of these
    -- derived tables and would pick nested loops)
    SELECT cell_id, month, MAX(judged_from) AS judged_from, MAX(held) AS held FROM (
        SELECT j.cell_id, mo.month, j.judged_from, 1 AS judged, 0 AS held
        FROM judged j JOIN months mo ON mo.month >= j.start_month
        UNION ALL
        SELECT cell_id, month, NULL, 0, 1 FROM regular_months
    ) x GROUP BY cell_id, month HAVING MAX(judged) = 1
),
frequency AS (
    SELECT COUNT(*) AS month_due, SUM(held) AS month_held
    FROM cell_months
),
quarters AS (  -- quarters ending in the period, judged from the cell's first day (THEM-1)
    SELECT cell_id, month, SUM(n) AS n FROM (
        SELECT cm.cell_id, cm.month, 1 AS judged, 0 AS n FROM cell_months cm
        WHERE {_fn("month_number", "cm.month")} %% 3 = 0 AND {quarter_first} >= cm.judged_from
        UNION ALL
        SELECT cell_id, month, 0, n FROM thematic_quarters
    ) x GROUP BY cell_id, month HAVING MAX(judged) = 1
),
quarter_sums AS (
    SELECT COUNT(*) AS quarter_due,
           SUM(CASE WHEN q.n >= %(quota)s THEN 1 ELSE 0 END) AS quarter_met
    FROM quarters q
),{_WARNINGS_CTE}
SELECT f.month_due, f.month_held, qs.quarter_due, qs.quarter_met, ms.thematic_held, ms.held,
       ms.regular_held, ms.att_meetings, ms.att_rate_sum, ms.att_over, ms.unexcused,
       {", ".join(f"ms.self_{lv.value}" for lv in Level)},
       {", ".join(f"ms.final_{lv.value}" for lv in Level)},
       ms.minutes_due, ms.minutes_on_time, ms.self_criticism, ms.assignments_made,
       t.tasks_due, t.tasks_on_time, {_warnings_select()}
FROM frequency f, quarter_sums qs, meeting_sums ms, tasks t
"""


def rule_params(unit, period, today: datetime.date) -> dict:
    """The rule-set values the raw statement needs for `period` (`good`, `adopt_days`,
    `quota`), read from the rule set in force for `unit` on the period's first day. Raises
    ValueError when another rule set applies on a later day of the period (the statement
    takes one value of each; the dashboard's roll-ups judge each record by its own day)."""
    book = RuleBook()
    first = book.get(period.first, unit)
    day, last_day = period.first, min(period.end, today)
    while day <= last_day:
        if book.get(day, unit) != first:
            raise ValueError(f"two rule sets apply in {period.label}; pick another period")
        day += datetime.timedelta(days=7)
    if book.get(last_day, unit) != first:
        raise ValueError(f"two rule sets apply in {period.label}; pick another period")
    return {
        "good": first["attendance_good_percent"],
        "adopt_days": first["minutes_adopt_days"],
        "quota": first["thematic_per_quarter"],
    }


def params(unit, period, today: datetime.date, on: datetime.date) -> dict:
    """Every parameter of `raw_sql()` and `rollup_sql()` for the subtree of `unit` and
    `period` as on `today`, warnings counted on `on`."""
    this_month = today.replace(day=1)
    zone = timezone.get_default_timezone()
    offset = datetime.datetime(today.year, today.month, today.day, tzinfo=zone).utcoffset()
    hours = int(offset.total_seconds() // 3600)
    return {
        **_path_params(unit.path),
        **rule_params(unit, period, today),
        "first": period.first,
        "last": period.last,
        "end": period.end,
        "today": today,
        "this_month": this_month,
        "on": on,
        "utc_offset": f"{hours:+d} hours",
        "tz": settings.TIME_ZONE,
    }


def run(sql: str, values: dict) -> dict:
    """Execute `sql` with `values` and return its single row as {column: value}."""
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        names = [col[0] for col in cursor.description]
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))
