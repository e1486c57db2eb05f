"""evaluation.scoring: levels, gates, floors, per-kind maxima and the annual level, with rule
sets and criteria held in memory (RULES QUAL-2, QUAL-5, QUAL-6). Expected values are worked
out by hand in the comment beside each row.
"""

from fractions import Fraction

import pytest
from django.utils import translation

from chibo.core.models import RuleSet
from chibo.core.rules import rules_in_force
from chibo.evaluation.models import Criterion, Level
from chibo.evaluation.scoring import (
    PointsError,
    annual_level,
    applicable,
    check_points,
    level_for,
    score,
    sheet_for,
)
from tests.evaluation.test_checks import DAY, table

G, F, A, P = Level.GOOD, Level.FAIR, Level.AVERAGE, Level.POOR

#: QUAL-6, first example (shipped in HD12-2018 and HD42-2025): Tốt needs an average ≥ 90,
#: at least 10 months Tốt and none Trung bình or Kém.
EXAMPLE_1 = {
    "good": {"min_average": 90, "min_good_months": 10, "max_below_fair_months": 0},
    "fair": {"min_average": 70, "min_good_months": None, "max_below_fair_months": None},
    "average": {"min_average": 50, "min_good_months": None, "max_below_fair_months": None},
}
#: QUAL-6, second example: Tốt needs every month Khá or better and at least 7 months Tốt.
#: The source gives only that condition; fair and average here are made up for the test.
EXAMPLE_2 = {
    "good": {"min_average": None, "min_good_months": 7, "max_below_fair_months": 0},
    "fair": {"min_average": None, "min_good_months": None, "max_below_fair_months": 2},
    "average": {"min_average": None, "min_good_months": None, "max_below_fair_months": 6},
}
#: The QUAL-2 example scale's values (as shipped), held in memory.
NATIONAL = {
    "rating_thresholds": {"good": 90, "fair": 70, "average": 50},
    "rating_gate_criteria": ["attendance", "duration", "participation", "minutes"],
    "annual_levels": EXAMPLE_1,
}


def rules(**values) -> RuleSet:
    """An unsaved rule set with the national evaluation values and `values` changed."""
    return RuleSet(code="TEST", values={**NATIONAL, **values})


def criterion(code, most, *, floor=0, kinds=(), source="manual") -> Criterion:
    """An unsaved criterion labelled with its code."""
    return Criterion(
        code=code, label=code, max_points=most, min_points=floor, source=source, kinds=list(kinds)
    )


#: The example sheet of QUAL-2 (migration evaluation 0002), in memory: 100 points.
SHEET = [
    criterion("attendance", 15, source="attendance"),
    *(criterion(code, 5) for code in ("content_prepared", "notified", "documents_in_time")),
    criterion("document_study", 5),
    criterion("on_time", 5),
    criterion("full_content", 5),
    criterion("duration", 10, source="duration"),
    criterion("participation", 10),
    criterion("self_criticism", 5),
    criterion("minutes", 5, source="minutes"),
    criterion("principles", 10),
    *(criterion(code, 5) for code in ("previous_reviewed", "assignments_made")),
    criterion("resolution_results", 5),
]
FULL = {c.code: c.max_points for c in SHEET}


# --- QUAL-2: levels ---------------------------------------------------------------------------

LEVEL_TABLE = table(
    # (id, percent of the maximum, level) — rule QUAL-2: Tốt ≥ 90, Khá 70 – < 90,
    # Trung bình 50 – < 70, Kém < 50
    ("90 good", 90, G),
    ("89.99 fair", Fraction(8999, 100), F),
    ("89 fair", 89, F),
    ("70 fair", 70, F),
    ("69 average", 69, A),
    ("50 average", 50, A),
    ("49 poor", 49, P),
    ("0 poor", 0, P),
    ("100 good", 100, G),
)


@pytest.mark.parametrize(("percent", "level"), LEVEL_TABLE)
def test_level_thresholds(percent, level):
    assert level_for(Fraction(percent), True, rules()) == (level, False)


@pytest.mark.parametrize(
    ("percent", "expected"),
    table(
        # rule QUAL-2/QUAL-5: without full points on a gate criterion Tốt drops to Khá;
        # lower levels do not move
        ("95 without gates: fair, capped", 95, (F, True)),
        ("90 without gates: fair, capped", 90, (F, True)),
        ("85 without gates: fair", 85, (F, False)),
        ("60 without gates: average", 60, (A, False)),
    ),
)
def test_level_gate(percent, expected):
    assert level_for(Fraction(percent), False, rules()) == expected


def test_a_province_may_set_other_thresholds():
    # QUAL-5: thresholds are data; with good 85 / fair 60 / average 40, 86 % is Tốt
    province = rules(rating_thresholds={"good": 85, "fair": 60, "average": 40})
    assert level_for(Fraction(86), True, province) == (G, False)
    assert level_for(Fraction(59), True, province) == (A, False)


def test_95_points_without_full_participation_is_fair():
    # rule QUAL-2: 95 ≥ 90 but "participation" (a gate) has 5 of 10 → Khá, capped
    result = score(SHEET, {**FULL, "participation": 5}, "regular", rules())
    assert (result.total, result.maximum, result.percent) == (95, 100, 95)
    assert (result.level, result.capped) == (F, True)
    assert [(c.code, given, lost) for c, given, lost in result.lost] == [("participation", 5, 5)]


def test_95_points_lost_outside_the_gates_is_good():
    # 5 points lost on "on_time" (not a gate): 95 % → Tốt
    result = score(SHEET, {**FULL, "on_time": 0}, "regular", rules())
    assert (result.total, result.level, result.capped) == (95, G, False)


def test_gates_are_a_rule_set_value():
    # QUAL-5: a province without gates rates the same points Tốt
    result = score(SHEET, {**FULL, "participation": 5}, "regular", rules(rating_gate_criteria=[]))
    assert (result.level, result.capped) == (G, False)


# --- QUAL-5: criteria for some meeting kinds only ---------------------------------------------

THEMATIC_SHEET = [
    criterion("organisation", 45),
    criterion("content", 50),
    criterion("brief", 5, kinds=["thematic", "combined"], source="brief"),
]


@pytest.mark.parametrize(
    ("kind", "points", "total", "maximum", "level"),
    table(
        # 86 of 95 in a month without a thematic meeting = 90.5 % → Tốt
        ("regular: 86/95 good", "regular", {"brief": 0}, 86, 95, G),
        # the same 86 of 100 at a combined sitting without the brief = 86 % → Khá
        ("combined: 86/100 fair", "combined", {"brief": 0}, 86, 100, F),
        ("combined: 91/100 good", "combined", {"brief": 5}, 91, 100, G),
    ),
)
def test_a_thematic_criterion_changes_the_maximum(kind, points, total, maximum, level):
    points = {"organisation": 45, "content": 41, **points}
    result = score(THEMATIC_SHEET, points, kind, rules(rating_gate_criteria=[]))
    assert (result.total, result.maximum, result.percent) == (
        total,
        maximum,
        Fraction(total * 100, maximum),
    )
    assert result.level == level
    assert [c.code for c in applicable(THEMATIC_SHEET, kind)][-1] == (
        "brief" if kind == "combined" else "content"
    )


# --- floors, maxima, whole numbers --------------------------------------------------------------


def test_points_within_floor_and_maximum_are_accepted():
    sheet = [criterion("attendance", 15, floor=5), criterion("minutes", 5)]
    assert check_points(sheet, {"attendance": 5, "minutes": 5}) is None
    assert check_points(sheet, {"attendance": 15, "minutes": 0}) is None


def test_a_score_above_a_criterion_maximum_is_refused_in_vietnamese(db):
    # acceptance "a score above a criterion's maximum": the message names the criterion
    # and its maximum (the shipped sheet: minutes complete, 5 points)
    sheet = list(sheet_for(rules_in_force(DAY)).criteria.all())
    points = {c.code: c.max_points for c in sheet} | {"minutes": 6}
    with translation.override("vi"), pytest.raises(PointsError) as error:
        check_points(sheet, points)
    assert error.value.errors == {
        "minutes": "“Biên bản ghi đầy đủ, đúng quy định” tối đa 5 điểm; 6 điểm là quá mức."
    }
    assert str(error.value) == error.value.errors["minutes"]


def test_points_below_a_floor_are_refused_in_vietnamese():
    # QUAL-5: a criterion with a floor of 5 points out of 15
    sheet = [criterion("Dự họp", 15, floor=5)]
    with translation.override("vi"), pytest.raises(PointsError) as error:
        check_points(sheet, {"Dự họp": 4})
    assert error.value.errors == {
        "Dự họp": "“Dự họp” tối thiểu 5 điểm; 4 điểm là thấp hơn mức sàn."
    }


@pytest.mark.parametrize(
    "value",
    table(
        ("a fraction", 4.5), ("a float", 5.0), ("text", "5"), ("a boolean", True), ("none", None)
    ),
)
def test_points_that_are_not_whole_numbers_are_refused(value):
    sheet = [criterion("minutes", 5)]
    with translation.override("vi"), pytest.raises(PointsError) as error:
        check_points(sheet, {"minutes": value})
    assert error.value.errors == {"minutes": "Hãy nhập điểm cho “minutes”."}


def test_every_wrong_criterion_is_named_at_once():
    sheet = [criterion("a", 5), criterion("b", 10, floor=2), criterion("c", 5)]
    with pytest.raises(PointsError) as error:
        check_points(sheet, {"a": 6, "b": 1, "c": 5})
    assert set(error.value.errors) == {"a", "b"}
    with pytest.raises(PointsError) as error:
        check_points(sheet, {"a": 5})  # b and c missing
    assert set(error.value.errors) == {"b", "c"}


def test_the_shipped_sheet_totals_100(db):
    sheet = sheet_for(rules_in_force(DAY))
    assert (sheet.code, sheet.is_example) == ("QUAL2-VD", True)
    assert sum(c.max_points for c in sheet.criteria.all()) == 100
    assert [c.code for c in sheet.criteria.all()] == [c.code for c in SHEET]


# --- QUAL-6: the annual level ----------------------------------------------------------------


def months(good=0, fair=0, average=0, poor=0, unrated=0) -> list:
    """Twelve (or fewer) monthly levels."""
    return [G] * good + [F] * fair + [A] * average + [P] * poor + [None] * unrated


ANNUAL_1 = table(
    # (id, months, average %, level) — QUAL-6 first example
    ("10 good, avg 90: good", months(10, 2), 90, G),
    ("10 good, avg 89.9: fair", months(10, 2), Fraction(899, 10), F),
    ("9 good, avg 95: fair", months(9, 3), 95, F),
    ("11 good + 1 average: fair", months(11, average=1), 92, F),
    ("11 good + 1 poor: fair", months(11, poor=1), 91, F),
    ("12 good, avg 100: good", months(12), 100, G),
    ("fair months, avg 70: fair", months(fair=12), 70, F),
    ("avg 69.9: average", months(fair=12), Fraction(699, 10), A),
    ("avg 50: average", months(average=12), 50, A),
    ("avg 49.9: poor", months(average=12), Fraction(499, 10), P),
    # a month without a rated meeting is neither good nor weak
    ("10 good + 2 unrated: good", months(10, unrated=2), 95, G),
    ("nothing rated: poor", months(unrated=12), None, P),
)


@pytest.mark.parametrize(("monthly", "average", "level"), ANNUAL_1)
def test_annual_level_first_example(monthly, average, level):
    average = None if average is None else Fraction(average)
    assert annual_level(monthly, average, rules(annual_levels=EXAMPLE_1)) == level


ANNUAL_2 = table(
    # (id, months, average %, level) — QUAL-6 second example: the average plays no part
    ("7 good + 5 fair: good", months(7, 5), 60, G),
    ("6 good + 6 fair: fair", months(6, 6), 95, F),
    ("11 good + 1 average: fair", months(11, average=1), 95, F),
    ("7 good + 3 fair + 2 poor: fair", months(7, 3, poor=2), 80, F),
    ("3 weak months: average", months(7, 2, average=3), 80, A),
    ("7 weak months: poor", months(5, average=7), 40, P),
)


@pytest.mark.parametrize(("monthly", "average", "level"), ANNUAL_2)
def test_annual_level_second_example(monthly, average, level):
    assert annual_level(monthly, Fraction(average), rules(annual_levels=EXAMPLE_2)) == level


def test_the_shipped_sets_hold_the_first_example(db):
    # QUAL-6 as rule-set data: both national sets ship the first example
    for code in ("HD12-2018", "HD42-2025"):
        assert RuleSet.objects.get(code=code)["annual_levels"] == EXAMPLE_1
        assert RuleSet.objects.get(code=code)["rating_thresholds"] == NATIONAL["rating_thresholds"]
