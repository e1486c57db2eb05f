"""The annual self-assessment of a cell: its twelve months, its figures and its proposed level.

Rules QUAL-4 (monthly ratings feed the annual self-assessment) and QUAL-6 (annual level from
the monthly ratings, `annual_levels` of the rule set), FREQ-1 (a regular meeting a month),
THEM-1 (thematic meetings a quarter, `thematic_per_quarter`), ATT-1 (attendance rate);
Hướng dẫn 12-HD/BTCTW (2018) and Hướng dẫn 42-HD/BTCTW (2025). Every threshold is read from
the rule set in force (`core.rules.RuleBook`); nothing here is a literal.

A month is judged only from the month of the cell's first meeting recorded in chibo (any kind
or status): before it chibo holds no records of the cell, so those months are NO_DATA — neither
due nor missed — as the early warnings do (`evaluation.detect`).

One read, `cell_assessment`, in a fixed number of queries whatever the number of members,
meetings, ratings or assignments: the scope and the cell (`meetings.selectors.cell_for`), the
cell's first meeting date, the year's meetings with their roll-call counts, their ratings, one
aggregate of assignments and the rule sets. The value types live in `selectors.annual_rows`
and are re-exported here.
"""

import calendar
import datetime
from fractions import Fraction

from django.db.models import Count, F, Min, Q
from django.http import Http404

from chibo.core.rules import RuleBook
from chibo.evaluation.detect_cells import record_meetings
from chibo.evaluation.models import LEVEL_ORDER, Rating, RatingColumn
from chibo.evaluation.scoring import annual_level
from chibo.evaluation.selectors.annual_rows import (  # noqa: F401 (re-exported)
    BEFORE_RECORDS,
    MISSED,
    NO_DATA,
    NO_RECORDS,
    NO_RULES,
    NONE_RATED,
    NOT_OVER,
    NOT_RATED,
    NOT_YET,
    RATED,
    Assessment,
    LevelRule,
    MonthRow,
    QuarterRow,
    level_rules,
    one_decimal,
    rating_percent,
)
from chibo.meetings.models import (
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    Assignment,
    AssignmentStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from chibo.meetings.selectors import cell_for
from chibo.members.selectors import today

#: Years whose pages exist (as the meetings' year pages: a mistyped URL answers 404).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _records_from(cell) -> datetime.date | None:
    """The first day of the month of the cell's first meeting recorded in chibo, of any
    status (planned and cancelled ones included), committee meetings aside
    (`detect_cells.record_meetings`, as the warnings judge it); None when it has none.
    Months before it are not judged (rules FREQ-1, QUAL-6): chibo cannot tell whether the
    cell met. One query."""
    first = record_meetings().filter(unit=cell).aggregate(first=Min("date"))["first"]
    return first.replace(day=1) if first else None


def _year_meetings(cell, year: int) -> list[Meeting]:
    """The cell's meetings dated in `year`, oldest first, with their ATT-1 counts
    (`present_count`, `expected_count`, as `meetings.selectors.cell_meetings`) and
    `unexcused_count`; one query."""
    expected = Q(attendance__status__in=["present", "excused", "unexcused"])
    return list(
        Meeting.objects.filter(unit=cell, date__year=year)
        .annotate(
            present_count=Count("attendance", filter=Q(attendance__status="present")),
            expected_count=Count("attendance", filter=expected),
            unexcused_count=Count("attendance", filter=Q(attendance__status="unexcused")),
        )
        .order_by("date", "start_time", "id")
    )


def _ratings(cell, year: int) -> dict:
    """{meeting id: {column: Rating}} of the cell's meetings in `year`; one query."""
    found = {}
    rows = Rating.objects.filter(meeting__unit=cell, meeting__date__year=year).only(
        "meeting_id", "column", "level", "total", "maximum", "is_final", "capped", "rater_name"
    )
    for rating in rows:
        found.setdefault(rating.meeting_id, {})[rating.column] = rating
    return found


def _rate(meeting) -> Fraction | None:
    """ATT-1 rate of an annotated meeting (None without anybody expected)."""
    if not meeting.expected_count:
        return None
    return Fraction(meeting.present_count, meeting.expected_count)


def _month_row(month: int, meetings: list, ratings: dict, month_over: bool) -> MonthRow:
    """The row of one judged month from its meetings (all kinds) and the ratings by meeting."""
    regulars = [m for m in meetings if m.kind in REGULAR_KINDS]
    held = [m for m in regulars if m.status in HELD_STATUSES]
    cancelled = next((m for m in regulars if m.status == MeetingStatus.CANCELLED), None)
    planned = next((m for m in regulars if m.status == MeetingStatus.PLANNED), None)
    if not held:
        state = MISSED if month_over else NOT_YET
        return MonthRow(month, state, [], cancelled=cancelled, planned=planned)

    def final_of(m):
        """The meeting's final Rating (the superior's when given), or None."""
        return next((r for r in ratings.get(m.pk, {}).values() if r.is_final), None)

    meeting = next((m for m in held if final_of(m) is not None), held[0])
    columns = ratings.get(meeting.pk, {})
    final = final_of(meeting)
    return MonthRow(
        month,
        RATED if final else NOT_RATED,
        held,
        meeting=meeting,
        self_rating=columns.get(RatingColumn.SELF),
        superior_rating=columns.get(RatingColumn.SUPERIOR),
        final=final,
        level=final.level if final else None,
        percent=rating_percent(final),
        rate=_rate(meeting),
    )


def _month_end(year: int, month: int) -> datetime.date:
    """The last day of `month` of `year`."""
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _assignments(cell, year: int, cutoff: datetime.date) -> dict:
    """Counts of the assignments given at the cell's meetings of `year`: `made`; `assessed`,
    those whose deadline is before `cutoff` or that are closed (done / not done); `on_time`,
    those done no later than their deadline. One aggregate query."""
    closed = ~Q(status=AssignmentStatus.OPEN)
    assessed = Q(deadline__lt=cutoff) | closed
    on_time = Q(status=AssignmentStatus.DONE, done_on__isnull=False, done_on__lte=F("deadline"))
    return Assignment.objects.filter(unit=cell, meeting__date__year=year).aggregate(
        made=Count("id"),
        assessed=Count("id", filter=assessed),
        on_time=Count("id", filter=on_time),
    )


def cell_assessment(*, actor, unit_id, year: int, on: datetime.date | None = None) -> Assessment:
    """The annual self-assessment of a cell in the actor's scope (rules QUAL-4, QUAL-6).

    Args: `actor`; `unit_id` of a cell (`meetings.selectors.cell_for`); `year`; `on` the day
    it is made (default today). Raises NotInScope (404) outside the scope or for a unit that
    is not a cell, Http404 for a year outside 2000–2100.

    Returns an `Assessment`: `records_from`, the first day of the month of the cell's first
    meeting record (None: none); twelve `MonthRow`s (a month before `records_from` is NO_DATA,
    neither due nor missed; a month after `on` is NOT_YET, never missed); `regular_held` months
    with a held regular/combined meeting, `regular_due` the judged months that are over plus
    the current one when already held (all 12 for a past year fully in chibo), `missed` =
    due − held (FREQ-1); four `QuarterRow`s (a quarter beginning before `records_from` is not
    judged: nothing due) and `thematic_held` / `thematic_due` (quota × judged quarters over,
    plus the current quarter's quota once met; THEM-1);
    `attendance_average` the mean of the ATT-1 rates of the held cell meetings with a roll
    call (committee meetings excluded), as a percentage; `unexcused` the unexcused absences
    at those meetings; the assignments made at the year's meetings, those assessed (deadline
    passed — before 1 January of the next year for a past year — or closed) and those done
    on time (done on or before the deadline); `level_counts` [(level, label, months)] of the
    rated months, a missed month counted as Kém; `average` the mean percent (QUAL-5: % of each
    sheet's maximum) over the `averaged_months`: the `rated_months` at their percent and the
    missed months at 0 (held but unrated months are left out: not yet known); the
    `proposed_level` = `scoring.annual_level` (missed months passed as Level.POOR) under the
    rule set in force for the cell on 31/12 of the year, or on `on` for the current year (1
    January for a future year), with its conditions (`rules`, [LevelRule]); None while no
    judged month is rated or missed (`Assessment.no_level_reason` says why). `provisional`
    is True while the year is not over. `rule_set` is None (and so is the level) when no
    rule set is in force. Six queries after the actor's grants.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("year out of range")
    cell = cell_for(actor=actor, unit_id=unit_id)
    on = on or today()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    reference = min(last, max(on, first))
    start = _records_from(cell)
    meetings = _year_meetings(cell, year)
    ratings = _ratings(cell, year)
    book = RuleBook()
    rule_set = book.get(reference, cell)

    months = []
    for month in range(1, 13):
        if start is None or datetime.date(year, month, 1) < start:
            months.append(MonthRow(month, NO_DATA, []))  # before chibo holds the cell's records
            continue
        in_month = [m for m in meetings if m.date.month == month]
        months.append(_month_row(month, in_month, ratings, _month_end(year, month) < on))
    regular_held = sum(1 for r in months if r.state in (RATED, NOT_RATED))
    regular_due = sum(1 for r in months if r.state not in (NOT_YET, NO_DATA))

    quarters = []
    for quarter in range(1, 5):
        end = _month_end(year, quarter * 3)
        quarter_rules = book.get(min(end, reference), cell)
        # as the warnings: a quarter partly before the first record is not judged
        judged = start is not None and datetime.date(year, quarter * 3 - 2, 1) >= start
        quarters.append(
            QuarterRow(
                quarter=quarter,
                meetings=[
                    m
                    for m in meetings
                    if m.kind in THEMATIC_KINDS
                    and m.status in HELD_STATUSES
                    and (m.date.month - 1) // 3 + 1 == quarter
                ],
                due=quarter_rules["thematic_per_quarter"] if quarter_rules and judged else 0,
                ended=end < on,
                judged=judged,
            )
        )
    thematic_held = sum(q.held for q in quarters)
    thematic_due = sum(q.due for q in quarters if q.ended or q.met)

    cell_held = [
        m for m in meetings if m.status in HELD_STATUSES and m.kind != MeetingKind.COMMITTEE
    ]
    rates = [r for r in (_rate(m) for m in cell_held) if r is not None]
    attendance_average = sum(rates, Fraction(0)) * 100 / len(rates) if rates else None
    unexcused = sum(m.unexcused_count for m in cell_held)

    counts = _assignments(cell, year, min(on, last + datetime.timedelta(days=1)))

    rated = [r for r in months if r.state == RATED]
    # QUAL-6: a missed month is a Kém month at 0 %; a held month not rated yet is unknown
    scored = [r.annual_percent for r in months if r.annual_percent is not None]
    average = sum(scored, Fraction(0)) / len(scored) if scored else None
    level_counts = [
        (level.value, level.label, sum(1 for r in months if r.annual_input == level.value))
        for level in LEVEL_ORDER
    ]
    proposed = None
    rules = []
    if rule_set is not None:
        rules = level_rules(rule_set)
    if rule_set is not None and scored:
        proposed = annual_level([r.annual_input for r in months], average, rule_set)

    return Assessment(
        cell=cell,
        year=year,
        on=on,
        provisional=last >= on,
        reference_date=reference,
        rule_set=rule_set,
        records_from=start,
        months=months,
        quarters=quarters,
        regular_held=regular_held,
        regular_due=regular_due,
        missed=regular_due - regular_held,
        thematic_held=thematic_held,
        thematic_due=thematic_due,
        attendance_average=attendance_average,
        attendance_meetings=len(rates),
        unexcused=unexcused,
        assignments_made=counts["made"],
        assignments_assessed=counts["assessed"],
        assignments_on_time=counts["on_time"],
        level_counts=level_counts,
        rated_months=len(rated),
        averaged_months=len(scored),
        average=average,
        proposed_level=proposed,
        rules=rules,
    )


def superior_name(cell) -> str:
    """The name of the cell's parent unit, printed on its letterhead; "" for a root unit.

    Read directly, not through the scoped org selectors: a cell secretary's scope is the
    cell alone, yet the report must name the superior body (as meetings' documents do).
    Only the parent of a cell already in the actor's scope is read. One query.
    """
    from chibo.org.models import Unit

    if cell.depth <= 1:
        return ""
    parent_path = cell.path[: -Unit.steplen]
    return Unit.objects.filter(path=parent_path).values_list("name", flat=True).first() or ""


def secretary_name(cell, on: datetime.date) -> str:
    """The full name of the cell's secretary on `on` (Position SECRETARY), "" when none is
    recorded: the signatory of the report (T/M CHI BỘ – BÍ THƯ). One query."""
    from chibo.members.models import Position, PositionKind

    row = (
        Position.objects.on(on)
        .filter(unit=cell, kind=PositionKind.SECRETARY)
        .order_by("-start_date", "-id")
        .values_list("member__full_name", flat=True)
        .first()
    )
    return row or ""
