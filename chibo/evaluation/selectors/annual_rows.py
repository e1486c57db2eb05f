"""The value types of a cell's annual self-assessment (`selectors.annual.cell_assessment`):
its months, quarters, level conditions and the assessment itself, with the arithmetic that
needs no query (rules FREQ-1, THEM-1, ATT-1, QUAL-4, QUAL-5, QUAL-6).

Kept apart from the queries so that each module stays short; `selectors.annual` re-exports
every name, so callers import from there.
"""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from chibo.evaluation.models import LEVEL_ORDER, Level, Rating
from chibo.meetings.models import Meeting

#: States of a month: held and rated, held but not rated, not held (missed), not over yet,
#: and before the cell's first meeting record in chibo (no data: not judged at all).
RATED, NOT_RATED, MISSED, NOT_YET = "rated", "not_rated", "missed", "not_yet"
NO_DATA = "no_data"
#: Why no level is proposed (`Assessment.no_level_reason`): no rule set in force; no meeting
#: of the cell recorded in chibo; every month of the year before its first record; no month
#: judged is over yet (and none held); months held but none rated yet (and none missed).
NO_RULES, NO_RECORDS, BEFORE_RECORDS = "no_rules", "no_records", "before_records"
NOT_OVER, NONE_RATED = "not_over", "none_rated"


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
    return rating.percent


@dataclasses.dataclass
class MonthRow:
    """One month of the assessed year (rules FREQ-1, QUAL-4).

    `state`: RATED, NOT_RATED, MISSED (the month is over and no regular or combined meeting
    was held; a thematic meeting alone does not count, THEM-1), NOT_YET (the month is not
    over and nothing was held yet: not missed) or NO_DATA (the month is before the one of
    the cell's first meeting record in chibo: chibo cannot tell whether it met, so the month
    is neither due nor missed). `held` are the month's held regular/combined meetings;
    `meeting` the one that counts (the first with a final rating, else the first held);
    `self_rating`, `superior_rating` its two columns and `final` the one that counts
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
        for a missed month, None otherwise (held but not rated, not over yet, no data)."""
        if self.state == MISSED:
            return Level.POOR.value
        return self.level

    @property
    def annual_percent(self) -> Fraction | None:
        """What the month adds to the annual average (rule QUAL-6): its percent when rated,
        0 when missed (a month due without a meeting scores nothing), None (left out)
        otherwise."""
        if self.state == MISSED:
            return Fraction(0)
        return self.percent if self.state == RATED else None


@dataclasses.dataclass
class QuarterRow:
    """One quarter (rule THEM-1): the thematic or combined meetings held, the number due
    (`thematic_per_quarter` of the rule set in force at the quarter's end, 0 without one or
    when the quarter is not `judged`: it begins before the month of the cell's first meeting
    record in chibo), whether the quarter is over and whether its quota was met."""

    quarter: int
    meetings: list
    due: int
    ended: bool
    judged: bool = True

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
    records_from: datetime.date | None
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
    averaged_months: int
    average: Fraction | None
    proposed_level: str | None
    rules: list

    @property
    def attendance_display(self) -> Decimal | None:
        """The average attendance rate as a percentage with one decimal."""
        return one_decimal(self.attendance_average)

    @property
    def average_display(self) -> Decimal | None:
        """The annual average (rated months and missed ones at 0) with one decimal."""
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
        """The proposed level's name (translated), "" when none is proposed."""
        return Level(self.proposed_level).label if self.proposed_level else ""

    @property
    def not_rated_months(self) -> int:
        """Months held but not rated yet (left out of the average)."""
        return sum(1 for r in self.months if r.state == NOT_RATED)

    @property
    def no_data_months(self) -> int:
        """Months before the cell's first meeting record in chibo (not judged)."""
        return sum(1 for r in self.months if r.state == NO_DATA)

    @property
    def no_level_reason(self) -> str:
        """Why no level is proposed: NO_RULES, NO_RECORDS (no meeting of the cell in chibo),
        BEFORE_RECORDS (the whole year precedes the first record), NOT_OVER (no month judged
        is over yet), NONE_RATED (the months due were held, none rated yet); "" when a level
        is proposed."""
        if self.rule_set is None:
            return NO_RULES
        if self.proposed_level:
            return ""
        if self.records_from is None:
            return NO_RECORDS
        if self.no_data_months == 12:
            return BEFORE_RECORDS
        return NONE_RATED if self.regular_due else NOT_OVER
