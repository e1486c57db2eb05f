"""Score sheet arithmetic: totals, levels and the annual level, as pure functions.

Rules QUAL-2 (levels by points, "Tốt needs full points on named criteria"), QUAL-5 (criteria
per meeting kind, floors, gates that drop a level), QUAL-6 (annual level from monthly
ratings). Every threshold comes from the rule set: `rating_thresholds` (percent of the
sheet's maximum for the meeting's kind), `rating_gate_criteria`, `annual_levels`.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from chibo.evaluation.models import LEVEL_ORDER, WEAK_LEVELS, Criterion, Level, ScoreSheet


class PointsError(ValueError):
    """Points outside a criterion's floor and maximum; `errors` is {criterion code: message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class Score:
    """The result of a score sheet column.

    total, maximum: points (ints) over the criteria that apply; percent: Fraction 0..100;
    level: a `Level` value; capped: True when the level dropped for a gate criterion;
    lost: [(criterion, points given, points lost)] for criteria below their maximum.
    """

    total: int
    maximum: int
    percent: Fraction
    level: str
    capped: bool
    lost: list = field(default_factory=list)


def sheet_for(rule_set) -> ScoreSheet:
    """The score sheet the rule set names (`score_sheet` key), with its criteria prefetched.

    Raises ScoreSheet.DoesNotExist (with the code in the message) when no sheet has that code.
    """
    code = rule_set["score_sheet"]
    try:
        return ScoreSheet.objects.prefetch_related("criteria").get(code=code)
    except ScoreSheet.DoesNotExist as error:
        raise ScoreSheet.DoesNotExist(f"score sheet {code} named by {rule_set.code}") from error


def applicable(criteria, kind: str) -> list[Criterion]:
    """The criteria of a sheet scored for a meeting of `kind`, in sheet order (QUAL-5)."""
    return [c for c in criteria if c.applies_to(kind)]


def check_points(criteria, points: dict) -> None:
    """Raise PointsError naming every criterion whose points are missing, not whole numbers,
    above its maximum or below its floor. `points` is {code: int}."""
    errors = {}
    for criterion in criteria:
        value = points.get(criterion.code)
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            errors[criterion.code] = _("Enter the points for “%(label)s”.") % {
                "label": criterion.label
            }
        elif value > criterion.max_points:
            errors[criterion.code] = _(
                "“%(label)s” has at most %(max)d points; %(value)d is too many."
            ) % {"label": criterion.label, "max": criterion.max_points, "value": value}
        elif value < criterion.min_points:
            errors[criterion.code] = _(
                "“%(label)s” has at least %(min)d points; %(value)d is too few."
            ) % {"label": criterion.label, "min": criterion.min_points, "value": value}
    if errors:
        raise PointsError(errors)


def level_for(percent: Fraction, gates_full: bool, rule_set) -> tuple[str, bool]:
    """The level for `percent` of the sheet's maximum (rule QUAL-2).

    The first of good, fair, average whose threshold (`rating_thresholds`, percent) the
    score reaches, else poor. When the level is good and `gates_full` is False it drops one
    level (QUAL-5). Returns (level, capped).
    """
    thresholds = rule_set["rating_thresholds"]
    level = Level.POOR
    for candidate in (Level.GOOD, Level.FAIR, Level.AVERAGE):
        if percent >= Fraction(str(thresholds[candidate.value])):
            level = candidate
            break
    if level == Level.GOOD and not gates_full:
        return LEVEL_ORDER[LEVEL_ORDER.index(level) + 1].value, True
    return level.value, False


def score(criteria, points: dict, kind: str, rule_set) -> Score:
    """Total, level and lost points of one column (rules QUAL-2, QUAL-5).

    `criteria`: the sheet's criteria (those not applying to `kind` are ignored); `points`:
    {code: int}, already checked by `check_points`. Raises KeyError for a missing code.
    """
    rows = applicable(criteria, kind)
    total = sum(points[c.code] for c in rows)
    maximum = sum(c.max_points for c in rows)
    percent = Fraction(total * 100, maximum) if maximum else Fraction(0)
    gates = set(rule_set["rating_gate_criteria"] or [])
    gates_full = all(points[c.code] == c.max_points for c in rows if c.code in gates)
    level, capped = level_for(percent, gates_full, rule_set)
    lost = [(c, points[c.code], c.max_points - points[c.code]) for c in rows]
    lost = [row for row in lost if row[2] > 0]
    return Score(total, maximum, percent, level, capped, lost)


def annual_level(months: list, average: Fraction | None, rule_set) -> str:
    """A cell's proposed annual level from its monthly levels (rule QUAL-6).

    `months`: the final level of each month of the year (a `Level` value, or None for a
    month that is not judged: held but not rated yet, not over, or before the cell's records;
    a month due without a regular meeting should be passed as `Level.POOR`); `average`: the
    mean percent over the months that have one — each rated month at its percent and each
    month due without a meeting at 0, as `selectors.annual.cell_assessment` computes it
    (None: no such month; a min_average condition then fails). Tried in order good, fair,
    average with `annual_levels` conditions — min_average (percent), min_good_months,
    max_below_fair_months (average or poor months); a null condition always holds. Falls
    back to poor.
    """
    good = sum(1 for level in months if level == Level.GOOD)
    below = sum(1 for level in months if level in WEAK_LEVELS)
    table = rule_set["annual_levels"]
    for candidate in (Level.GOOD, Level.FAIR, Level.AVERAGE):
        rule = table.get(candidate.value)
        if rule is None:
            continue
        minimum = rule.get("min_average")
        if minimum is not None and (average is None or average < Fraction(str(minimum))):
            continue
        if rule.get("min_good_months") is not None and good < rule["min_good_months"]:
            continue
        most_below = rule.get("max_below_fair_months")
        if most_below is not None and below > most_below:
            continue
        return candidate.value
    return Level.POOR.value
