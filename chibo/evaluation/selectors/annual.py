"""The annual self-assessment of a cell: its twelve months, its figures and its proposed level.

Rules QUAL-4 (monthly ratings feed the annual self-assessment) and QUAL-6 (annual level from
the monthly ratings, `annual_levels` of the rule set), FREQ-1 (a regular meeting a month),
THEM-1 (thematic meetings a quarter, `thematic_per_quarter`), ATT-1 (attendance rate);
Hướng dẫn 12-HD/BTCTW (2018) and Hướng dẫn 42-HD/BTCTW (2025). Every threshold is read from
the rule set in force (`core.rules.RuleBook`); nothing here is a literal.

One read, `cell_assessment`, in a fixed number of queries whatever the number of members,
meetings, ratings or assignments: the scope and the cell (`meetings.selectors.cell_for`), the
year's meetings with their roll-call counts, their ratings, one aggregate of assignments and
the rule sets.
"""

import calendar
import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, F, Q
from django.http import Http404

from chibo.core.rules import RuleBook
from chibo.evaluation.models import LEVEL_ORDER, Level, Rating, RatingColumn
from chibo.evaluation.scoring import annual_level
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
#: States of a month: held and rated, held but not rated, not held (missed), not over yet.
RATED, NOT_RATED, MISSED, NOT_YET = "rated", "not_rated", "missed", "not_yet"


def one_decimal(percent: Fraction | None) -> Decimal | None:
    """A percentage (Fraction, 0..100) rounded half up to one decimal; None stays None."""
    if percent is None:
        return None
    value = Decimal(percent.numerator) / Decimal(percent.denominator)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rating_percent(rating) -> Fraction | None:
    """A rating's total as a percentage of its sheet's maximum (rule QUAL-5); None when the
    rating is None or its maximum is 0."""
    if rating is None or not rating.maximum:
        return None
    return Fraction(rating.total * 100, rating.maximum)


@dataclasses.dataclass
class MonthRow:
    """One month of the assessed year (rules FREQ-1, QUAL-4).

    `state`: RATED, NOT_RATED, MISSED (the month is over and no regular or combined meeting
    was held; a thematic meeting alone does not count, THEM-1) or NOT_YET (the month is not
    over and nothing was held yet: not missed). `held` are the month's held regular/combined
    meetings; `meeting` the one that counts (the first with a final rating, else the first
    held); `self_rating`, `superior_rating` its two columns and `final` the one that counts
    (QUAL-3); `level` its level, `percent` its points as a % of the maximum (Fraction);
    `rate` its ATT-1 attendance rate (Fraction, None without a roll call); `cancelled` /
    `planned` the month's cancelled or still-planned regular meeting, for the missing ones.
    """

    month: int
    state: str
    held: list
    meeting: Meeting | None = None
    self_rating: Rating | None = None
    superior_rating: Rating | None = None
    final: Rating | None = None
    level: str | None = None
    percent: Fraction | None = None
    rate: Fraction | None = None
    cancelled: Meeting | None = None
    planned: Meeting | None = None

    @property
    def percent_display(self) -> Decimal | None:
        """`percent` rounded to one decimal."""
        return one_decimal(self.percent)

    @property
    def rate_display(self) -> Decimal | None:
        """The attendance rate as a percentage with one decimal."""
        return one_decimal(None if self.rate is None else self.rate * 100)

    @property
    def annual_input(self) -> str | None:
        """What `scoring.annual_level` takes for this month: the level when rated, Level.POOR
        for a missed month, None otherwise (held but not rated, or not over yet)."""
        if self.state == MISSED:
            return Level.POOR.value
        return self.level


@dataclasses.dataclass
class QuarterRow:
    """One quarter (rule THEM-1): the thematic or combined meetings held, the number due
    (`thematic_per_quarter` of the rule set in force at the quarter's end, 0 without one),
    whether the quarter is over and whether its quota was met."""

    quarter: int
    meetings: list
    due: int
    ended: bool

    @property
    def held(self) -> int:
        """How many thematic (or combined) meetings were held in the quarter."""
        return len(self.meetings)

    @property
    def met(self) -> bool:
        """True when the quarter held at least its quota."""
        return self.held >= self.due


@dataclasses.dataclass
class LevelRule:
    """The conditions of one annual level under the rule set (`annual_levels`, rule QUAL-6);
    None: no such condition. `otherwise` marks the fall-back level (Kém)."""

    level: str
    min_average: object = None
    min_good_months: int | None = None
    max_below_fair_months: int | None = None
    otherwise: bool = False

    @property
    def label(self) -> str:
        """The level's name (translated)."""
        return Level(self.level).label


def level_rules(rule_set) -> list[LevelRule]:
    """The annual levels of `rule_set` (`annual_levels`, rule QUAL-6) in the order they are
    tried — good, fair, average, those the set defines — then poor as the fall-back."""
    table = rule_set["annual_levels"] or {}
    rules = []
    for level in LEVEL_ORDER[:-1]:
        rule = table.get(level.value)
        if rule is None:
            continue
        rules.append(
            LevelRule(
                level=level.value,
                min_average=rule.get("min_average"),
                min_good_months=rule.get("min_good_months"),
                max_below_fair_months=rule.get("max_below_fair_months"),
            )
        )
    rules.append(LevelRule(level=Level.POOR.value, otherwise=True))
    return rules


@dataclasses.dataclass
class Assessment:
    """A cell's annual self-assessment (rules QUAL-4, QUAL-6); see `cell_assessment`."""

    cell: object
    year: int
    on: datetime.date
    provisional: bool
    reference_date: datetime.date
    rule_set: object
    months: list
    quarters: list
    regular_held: int
    regular_due: int
    missed: int
    thematic_held: int
    thematic_due: int
    attendance_average: Fraction | None
    attendance_meetings: int
    unexcused: int
    assignments_made: int
    assignments_assessed: int
    assignments_on_time: int
    level_counts: list
    rated_months: int
    average: Fraction | None
    proposed_level: str | None
    rules: list

    @property
    def attendance_display(self) -> Decimal | None:
        """The average attendance rate as a percentage with one decimal."""
        return one_decimal(self.attendance_average)

    @property
    def average_display(self) -> Decimal | None:
        """The average points of the rated months as a percentage with one decimal."""
        return one_decimal(self.average)

    @property
    def on_time_percent(self) -> Fraction | None:
        """Assignments done on time as a percentage of those assessed (None: none)."""
        if not self.assignments_assessed:
            return None
        return Fraction(self.assignments_on_time * 100, self.assignments_assessed)

    @property
    def on_time_display(self) -> Decimal | None:
        """`on_time_percent` with one decimal."""
        return one_decimal(self.on_time_percent)

    @property
    def proposed_label(self) -> str:
        """The proposed level's name (translated), "" when no rule set is in force."""
        return Level(self.proposed_level).label if self.proposed_level else ""


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
    """The row of one month from its meetings (all kinds) and the ratings by meeting."""
    regulars = [m for m in meetings if m.kind in REGULAR_KINDS]
    held = [m for m in regulars if m.status in HELD_STATUSES]
    cancelled = next((m for m in regulars if m.status == MeetingStatus.CANCELLED), None)
    planned = next((m for m in regulars if m.status == MeetingStatus.PLANNED), None)
    if not held:
        state = MISSED if month_over else NOT_YET
        return MonthRow(month, state, [], cancelled=cancelled, planned=planned)

    def final_of(m):
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

    Returns an `Assessment`: twelve `MonthRow`s (a month after `on` is NOT_YET, never
    missed); `regular_held` months with a held regular/combined meeting, `regular_due` the
    months that are over plus the current one when already held (all 12 for a past year),
    `missed` = due − held (FREQ-1); four `QuarterRow`s and `thematic_held` / `thematic_due`
    (quota × quarters over, plus the current quarter's quota once met; THEM-1);
    `attendance_average` the mean of the ATT-1 rates of the held cell meetings with a roll
    call (committee meetings excluded), as a percentage; `unexcused` the unexcused absences
    at those meetings; the assignments made at the year's meetings, those assessed (deadline
    passed — before 1 January of the next year for a past year — or closed) and those done
    on time (done on or before the deadline); `level_counts` [(level, label, months)] of the
    rated months; `average` their mean percent (QUAL-5: % of each sheet's maximum); the
    `proposed_level` = `scoring.annual_level` (missed months passed as Level.POOR) under the
    rule set in force for the cell on 31/12 of the year, or on `on` for the current year (1
    January for a future year), with its conditions (`rules`, [LevelRule]); None while no
    month is due or rated yet (a year not begun). `provisional` is True while the year is
    not over. `rule_set` is None (and so is the level) when no rule set is in force. Five
    queries after the actor's grants.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("year out of range")
    cell = cell_for(actor=actor, unit_id=unit_id)
    on = on or today()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    reference = min(last, max(on, first))
    meetings = _year_meetings(cell, year)
    ratings = _ratings(cell, year)
    book = RuleBook()
    rule_set = book.get(reference, cell)

    months = []
    for month in range(1, 13):
        in_month = [m for m in meetings if m.date.month == month]
        months.append(_month_row(month, in_month, ratings, _month_end(year, month) < on))
    regular_held = sum(1 for r in months if r.state in (RATED, NOT_RATED))
    regular_due = sum(1 for r in months if r.state != NOT_YET)

    quarters = []
    for quarter in range(1, 5):
        end = _month_end(year, quarter * 3)
        quarter_rules = book.get(min(end, reference), cell)
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
                due=quarter_rules["thematic_per_quarter"] if quarter_rules else 0,
                ended=end < on,
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
    average = sum((r.percent for r in rated), Fraction(0)) / len(rated) if rated else None
    level_counts = [
        (level.value, level.label, sum(1 for r in rated if r.level == level.value))
        for level in LEVEL_ORDER
    ]
    proposed = None
    rules = []
    if rule_set is not None:
        rules = level_rules(rule_set)
    if rule_set is not None and (regular_due or rated):
        proposed = annual_level([r.annual_input for r in months], average, rule_set)

    return Assessment(
        cell=cell,
        year=year,
        on=on,
        provisional=last >= on,
        reference_date=reference,
        rule_set=rule_set,
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
