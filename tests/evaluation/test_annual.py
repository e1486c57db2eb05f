"""The annual self-assessment of a cell (evaluation.selectors.annual.cell_assessment), worked
out by hand over a fixed year of cell A1 "Chi bộ thôn Bản Chợ" (tests.factories.make_tree).

Year 2025 (`year_2025`), judged on 15/03/2026 (a past year: all twelve months due):

| month                 | meeting (day 5 unless said)   | roll call          | final rating      |
|-----------------------|-------------------------------|--------------------|-------------------|
| 1, 3, 4, 6, 8–11      | regular, adopted              | 4 of 4 present     | self 95/100 Tốt   |
| 2, 5                  | combined (regular + thematic) | 4 of 4             | self 95/100 Tốt   |
| 7                     | regular, cancelled → not held | —                  | — (counts as Kém) |
| 12                    | regular                       | 3 of 4, 1 unexcused| superior 80 Khá ¹ |
| 20/11                 | thematic                      | 2 of 3 ²           | —                 |
| 10/12                 | thematic, no roll call        | —                  | —                 |
| 1/3                   | committee meeting             | 1 of 2, 1 unexc.   | — (not counted)   |

¹ self 92/100 Tốt (not final) beside it; the superior's is final (QUAL-3).
² 2 present, 1 unexcused, 1 exempted (not expected, ATT-1).

The cell's first meeting record is the one of 05/12/2024 (below), so every month of 2025 is
judged (FREQ-1: months before the month of the first record are not).

Rule QUAL-6 under HD42-2025 (in force on 31/12/2025; shipped `annual_levels`): Tốt needs an
average ≥ 90, ≥ 10 months Tốt and no month Trung bình/Kém; Khá an average ≥ 70.
Monthly levels: 10 Tốt (95%), 1 Khá (80%), and July missed, which counts as Kém and as 0%:
level counts Tốt 10, Khá 1, Trung bình 0, Kém 1; average over the 11 rated months and the
missed one = (10 × 95 + 80 + 0) / 12 = 1030/12 = 515/6 = 85,83…% → 85,8%.
85,8 < 90 (and one month Kém) → not Tốt; 85,8 ≥ 70 → **Khá**.

ATT-1 average over held cell meetings with a roll call (12: the 11 regular/combined and the
thematic of 20/11; not the committee meeting, not the thematic without a roll call):
(10 × 1 + 3/4 + 2/3) / 12 = (137/12) / 12 = 137/144 = 95,14% → 95,1%. Unexcused: 1 + 1 = 2.

THEM-1 (1 a quarter): Q1 Feb combined, Q2 May combined, Q3 none, Q4 two thematic → held 4,
due 4 × 1 = 4, Q3 not met.

Assignments given at the year's meetings (plus one of 2024, not counted): on time
31/1 done 30/1 ✓; late 31/3 done 05/4; not done 30/6; open with deadline 15/01/2026 (not yet
due on 1/1/2026, not closed → not assessed); done 10/01/2026 for 20/01/2026 ✓ (closed →
assessed). Made 5, assessed 4, on time 2 → 50,0%.
"""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.http import Http404
from django.utils import timezone

from chibo.core.models import RuleSet
from chibo.core.scoping import NotInScope
from chibo.evaluation.documents.annual import rule_words as rule_words_vi
from chibo.evaluation.models import Level, Rating, RatingColumn, ScoreSheet
from chibo.evaluation.selectors.annual import (
    BEFORE_RECORDS,
    MISSED,
    NO_DATA,
    NO_RECORDS,
    NONE_RATED,
    NOT_OVER,
    NOT_RATED,
    NOT_YET,
    RATED,
    LevelRule,
    cell_assessment,
    level_rules,
)
from chibo.meetings.models import (
    Assignment,
    AssignmentStatus,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)

S = AttendanceStatus
ON = datetime.date(2026, 3, 15)


def meeting(t, day, kind=MeetingKind.REGULAR, status=MeetingStatus.ADOPTED, **fields):
    """A meeting of cell A1 on `day`."""
    return Meeting.objects.create(unit=t.cell_a1, kind=kind, status=status, date=day, **fields)


def roll(t, m, statuses):
    """Roll-call rows of the four members of A1 (Ân, Bích, Cường, Lan) with `statuses`."""
    members = [t.an_a1, t.bich_a1, t.cuong_a1, t.lan_group]
    for member, status in zip(members, statuses, strict=False):
        Attendance.objects.create(
            meeting=m, member=member, status=status, exempted=status == S.EXEMPTED
        )


def rate(m, level, total, column=RatingColumn.SELF, final=True, maximum=100):
    """A rating of meeting `m` (one column) under the rule set of its date."""
    rule_set = RuleSet.objects.get(code="HD42-2025" if m.date.year > 2025 else "HD12-2018")
    return Rating.objects.create(
        meeting=m,
        column=column,
        sheet=ScoreSheet.objects.get(code="QUAL2-VD"),
        rule_set=rule_set,
        total=total,
        maximum=maximum,
        level=level,
        is_final=final,
        rated_at=timezone.now(),
    )


def task(t, m, deadline, status=AssignmentStatus.OPEN, done_on=None):
    """An assignment given at meeting `m`."""
    return Assignment.objects.create(
        unit=t.cell_a1, meeting=m, title="Việc", deadline=deadline, status=status, done_on=done_on
    )


def year_2025(t, *, july_held=False) -> dict:
    """The year of the module docstring; `july_held` holds and rates July Tốt instead.
    Returns {month: regular meeting}."""
    by_month = {}
    for month in range(1, 13):
        kind = MeetingKind.COMBINED if month in (2, 5) else MeetingKind.REGULAR
        cancelled = month == 7 and not july_held
        m = meeting(
            t,
            datetime.date(2025, month, 5),
            kind,
            MeetingStatus.CANCELLED if cancelled else MeetingStatus.ADOPTED,
            topic="Chuyên đề" if kind == MeetingKind.COMBINED else "",
        )
        by_month[month] = m
        if cancelled:
            continue
        if month == 12:
            roll(t, m, [S.PRESENT, S.PRESENT, S.UNEXCUSED, S.PRESENT])
            rate(m, Level.GOOD, 92, final=False)
            rate(m, Level.FAIR, 80, RatingColumn.SUPERIOR)
        else:
            roll(t, m, [S.PRESENT] * 4)
            rate(m, Level.GOOD, 95)
    thematic = meeting(t, datetime.date(2025, 11, 20), MeetingKind.THEMATIC, topic="Chỉ thị 05")
    roll(t, thematic, [S.PRESENT, S.PRESENT, S.UNEXCUSED, S.EXEMPTED])
    meeting(t, datetime.date(2025, 12, 10), MeetingKind.THEMATIC, topic="Nghị quyết TW4")
    committee = meeting(t, datetime.date(2025, 3, 1), MeetingKind.COMMITTEE)
    roll(t, committee, [S.PRESENT, S.UNEXCUSED])
    # Not in the year: planned for 2026, and a 2024 meeting with its assignment.
    old = meeting(t, datetime.date(2024, 12, 5))
    task(t, old, datetime.date(2025, 1, 15), AssignmentStatus.DONE, datetime.date(2025, 1, 10))
    meeting(t, datetime.date(2026, 1, 5), status=MeetingStatus.PLANNED)
    D = datetime.date
    task(t, by_month[1], D(2025, 1, 31), AssignmentStatus.DONE, D(2025, 1, 30))
    task(t, by_month[3], D(2025, 3, 31), AssignmentStatus.DONE, D(2025, 4, 5))
    task(t, by_month[6], D(2025, 6, 30), AssignmentStatus.NOT_DONE)
    task(t, by_month[12], D(2026, 1, 15))
    task(t, by_month[12], D(2026, 1, 20), AssignmentStatus.DONE, D(2026, 1, 10))
    return by_month


def test_past_year_values(tree):
    """Every figure of the module docstring (rules FREQ-1, THEM-1, ATT-1, QUAL-4, QUAL-6)."""
    by_month = year_2025(tree)
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2025, on=ON)
    assert a.cell == tree.cell_a1
    assert a.provisional is False
    assert a.reference_date == datetime.date(2025, 12, 31)
    assert a.rule_set.code == "HD42-2025"  # in force on 31/12/2025
    states = [r.state for r in a.months]
    assert states == [RATED] * 6 + [MISSED] + [RATED] * 5
    # rule FREQ-1: 11 of 12 months held, July missed (its meeting was cancelled)
    assert (a.regular_held, a.regular_due, a.missed) == (11, 12, 1)
    assert a.months[6].cancelled == by_month[7]
    assert a.months[6].annual_input == Level.POOR
    # QUAL-3: December shows both columns; the superior's counts
    december = a.months[11]
    assert december.self_rating.total == 92 and december.superior_rating.total == 80
    assert december.level == Level.FAIR and december.percent == 80
    assert december.rate == Fraction(3, 4)
    assert a.months[1].held == [by_month[2]]  # combined meeting counts as the regular one
    # rule THEM-1
    assert [(q.held, q.due, q.met) for q in a.quarters] == [
        (1, 1, True),
        (1, 1, True),
        (0, 1, False),
        (2, 1, True),
    ]
    assert (a.thematic_held, a.thematic_due) == (4, 4)
    # rule ATT-1: mean of 12 rates = 137/144
    assert a.attendance_meetings == 12
    assert a.attendance_average == Fraction(137 * 100, 144)
    assert a.attendance_display == Decimal("95.1")
    assert a.unexcused == 2
    # assignments: made 5, assessed 4, on time 2
    assert (a.assignments_made, a.assignments_assessed, a.assignments_on_time) == (5, 4, 2)
    assert a.on_time_display == Decimal("50.0")
    # QUAL-4, QUAL-6: 10 Tốt, 1 Khá, the missed July as Kém; average (10 × 95 + 80 + 0) / 12
    assert a.records_from == datetime.date(2024, 12, 1)
    assert [(level, n) for level, _label, n in a.level_counts] == [
        ("good", 10),
        ("fair", 1),
        ("average", 0),
        ("poor", 1),
    ]
    assert (a.rated_months, a.averaged_months, a.not_rated_months) == (11, 12, 0)
    assert a.average == Fraction(1030, 12)
    assert a.average_display == Decimal("85.8")
    # rule QUAL-6: the missed July costs Tốt → Khá
    assert a.proposed_level == Level.FAIR
    assert a.no_level_reason == ""


def test_july_held_makes_the_year_good(tree):
    """Rule QUAL-6: with July held and rated Tốt, 11 months Tốt, none below Khá, average
    (11 × 95 + 80) / 12 = 93,75 ≥ 90 → Tốt."""
    year_2025(tree, july_held=True)
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2025, on=ON)
    assert a.missed == 0
    assert a.average == Fraction(1125, 12)
    assert a.proposed_level == Level.GOOD


def test_current_year_future_months_not_missed(tree):
    """On 20/05/2026: January rated Tốt, February nothing (missed), March rated Tốt, April
    held not rated, May planned for 25/05 (not over: not yet), June–December not yet.
    Due = the 4 months over; held 3; missed 1 (rule FREQ-1). Level under HD42-2025 (in force
    on 20/05/2026): months Tốt, Kém (missed), Tốt, None… → average over January, February
    (0%) and March = (95 + 0 + 95) / 3 = 190/3 = 63,3% (April, held but not rated, is left
    out) → < 70: not Khá; ≥ 50 → Trung bình (QUAL-6). THEM-1: only Q1 is over and had
    none → 0/1."""
    on = datetime.date(2026, 5, 20)
    rate(meeting(tree, datetime.date(2026, 1, 5)), Level.GOOD, 95)
    rate(meeting(tree, datetime.date(2026, 3, 5)), Level.GOOD, 95)
    meeting(tree, datetime.date(2026, 4, 5), status=MeetingStatus.SUBMITTED)
    may = meeting(tree, datetime.date(2026, 5, 25), status=MeetingStatus.PLANNED)
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2026, on=on)
    assert a.provisional is True
    assert a.reference_date == on
    assert a.rule_set.code == "HD42-2025"
    assert [r.state for r in a.months] == [RATED, MISSED, RATED, NOT_RATED] + [NOT_YET] * 8
    assert a.months[4].planned == may
    assert (a.regular_held, a.regular_due, a.missed) == (3, 4, 1)
    assert [q.ended for q in a.quarters] == [True, False, False, False]
    assert (a.thematic_held, a.thematic_due) == (0, 1)
    assert a.attendance_average is None and a.attendance_meetings == 0
    assert [n for _level, _label, n in a.level_counts] == [2, 0, 0, 1]
    assert (a.rated_months, a.averaged_months, a.not_rated_months) == (2, 3, 1)
    assert a.average == Fraction(190, 3)
    assert a.proposed_level == Level.AVERAGE


def test_current_month_held_counts_as_due(tree):
    """A month not over whose meeting is already held counts as held and due (so held never
    exceeds due); a later month is still not missed. The first record is a planned meeting of
    10/01/2026, never held: January–April are missed (FREQ-1). Held but not rated, May is
    left out of the average: (0 × 4) / 4 = 0 → Kém (QUAL-6)."""
    on = datetime.date(2026, 5, 20)
    meeting(tree, datetime.date(2026, 1, 10), status=MeetingStatus.PLANNED)
    meeting(tree, datetime.date(2026, 5, 5))
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2026, on=on)
    assert a.months[4].state == NOT_RATED
    assert (a.regular_held, a.regular_due, a.missed) == (1, 5, 4)
    assert (a.averaged_months, a.average, a.proposed_level) == (4, 0, Level.POOR)


def test_months_before_the_first_record_are_not_judged(tree):
    """Rule FREQ-1 as the warnings apply it: a month is judged only from the month of the
    cell's first meeting record (any status). Here the first record is a cancelled regular
    meeting of 10/09/2025; October rated Tốt 95/100, November nothing, December rated Khá
    80/100; seen on 15/03/2026.

    2025: January–August no data (neither due nor missed); September missed (its meeting was
    cancelled), October rated, November missed, December rated → held 2, due 4, missed 2.
    Level counts Tốt 1, Khá 1, Kém 2 (the missed months); average (95 + 0 + 0 + 80) / 4 =
    175/4 = 43,75% → < 50: **Kém** (QUAL-6). THEM-1: Q1–Q3 begin before September: not
    judged (nothing due); Q4 due 1, held 0 → 0/1.
    2024 and 2018: every month before the first record → no data, nothing due, no level
    (BEFORE_RECORDS)."""
    meeting(tree, datetime.date(2025, 9, 10), status=MeetingStatus.CANCELLED)
    rate(meeting(tree, datetime.date(2025, 10, 5)), Level.GOOD, 95)
    rate(meeting(tree, datetime.date(2025, 12, 5)), Level.FAIR, 80)
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2025, on=ON)
    assert a.records_from == datetime.date(2025, 9, 1)
    assert [r.state for r in a.months] == [NO_DATA] * 8 + [MISSED, RATED, MISSED, RATED]
    assert (a.regular_held, a.regular_due, a.missed, a.no_data_months) == (2, 4, 2, 8)
    assert [n for _level, _label, n in a.level_counts] == [1, 1, 0, 2]
    assert (a.rated_months, a.averaged_months) == (2, 4)
    assert a.average == Fraction(175, 4) and a.average_display == Decimal("43.8")
    assert a.proposed_level == Level.POOR
    assert [(q.judged, q.due) for q in a.quarters] == [(False, 0)] * 3 + [(True, 1)]
    assert (a.thematic_held, a.thematic_due) == (0, 1)
    for year in (2024, 2018):
        before = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=year, on=ON)
        assert [r.state for r in before.months] == [NO_DATA] * 12
        assert (before.regular_due, before.missed, before.thematic_due) == (0, 0, 0)
        assert [n for _level, _label, n in before.level_counts] == [0, 0, 0, 0]
        assert before.average is None and before.proposed_level is None
        assert before.no_level_reason == BEFORE_RECORDS


def test_a_committee_meeting_does_not_start_the_records(tree):
    """The cell committee meets at the end of the month before the cell (FREQ-2): its
    meeting of 28/11/2025 does not make November 2025 a judged (missed) month; the records
    start with December's regular meeting, as the warnings judge them."""
    meeting(tree, datetime.date(2025, 11, 28), kind=MeetingKind.COMMITTEE)
    rate(meeting(tree, datetime.date(2025, 12, 5)), Level.GOOD, 95)
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2025, on=ON)
    assert a.records_from == datetime.date(2025, 12, 1)
    assert [r.state for r in a.months] == [NO_DATA] * 11 + [RATED]
    assert (a.regular_held, a.regular_due, a.missed) == (1, 1, 0)


def test_one_meeting_in_twelve_months_is_poor(tree):
    """A cell that met once, in January, rated Tốt 95/100, and never again in 2025: 11 missed
    months count as Kém and 0% → average 95 / 12 = 7,9% → < 50: Kém (QUAL-6), not the Khá
    an average over the rated month alone (95%) would give."""
    rate(meeting(tree, datetime.date(2025, 1, 5)), Level.GOOD, 95)
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2025, on=ON)
    assert (a.regular_held, a.regular_due, a.missed) == (1, 12, 11)
    assert [n for _level, _label, n in a.level_counts] == [1, 0, 0, 11]
    assert a.average == Fraction(95, 12) and a.average_display == Decimal("7.9")
    assert a.proposed_level == Level.POOR


def test_held_months_not_rated_yet_propose_nothing(tree):
    """Every month due was held but none is rated yet, none missed: nothing to average, no
    level (NONE_RATED), not a Kém."""
    on = datetime.date(2026, 5, 20)
    for month in range(1, 5):
        meeting(tree, datetime.date(2026, month, 5))
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2026, on=on)
    assert (a.regular_held, a.regular_due, a.averaged_months) == (4, 4, 0)
    assert a.proposed_level is None and a.no_level_reason == NONE_RATED


def test_future_year_nothing_due(tree):
    """A year not begun: nothing due, nothing missed, no average; the rule set of 1 January.
    Without any meeting recorded, no month is judged at all (NO_RECORDS)."""
    no_records = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2027, on=ON)
    assert no_records.records_from is None and no_records.no_data_months == 12
    assert no_records.no_level_reason == NO_RECORDS
    meeting(tree, datetime.date(2026, 1, 5))
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2027, on=ON)
    assert [r.state for r in a.months] == [NOT_YET] * 12
    assert a.no_level_reason == NOT_OVER
    assert a.provisional is True
    assert a.reference_date == datetime.date(2027, 1, 1)
    assert (a.regular_held, a.regular_due, a.missed, a.thematic_due) == (0, 0, 0, 0)
    assert a.average is None and a.on_time_percent is None
    assert a.proposed_level is None  # nothing to judge yet
    assert [r.level for r in a.rules] == ["good", "fair", "average", "poor"]


def test_year_judged_by_the_set_in_force_on_31_december(tree):
    """Rule QUAL-6 data: 2024 is judged by HD12-2018; changing HD42-2025's `annual_levels`
    (as a province would) changes 2025's level and its words, not 2024's. With Tốt at an
    average ≥ 85 and at most 1 month below Khá, 2025 (average 85,83…, 10 Tốt, 1 Kém) is Tốt."""
    year_2025(tree)
    a2024 = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2024, on=ON)
    assert a2024.rule_set.code == "HD12-2018"
    hd42 = RuleSet.objects.get(code="HD42-2025")
    hd42.values["annual_levels"]["good"] = {
        "min_average": 85,
        "min_good_months": 10,
        "max_below_fair_months": 1,
    }
    hd42.save()
    a = cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2025, on=ON)
    assert a.proposed_level == Level.GOOD
    assert a.rules[0].max_below_fair_months == 1
    assert a2024.rules[0].min_average == 90  # HD12-2018 untouched


def test_level_rules_in_words(tree):
    """The shipped rule in words, tried Tốt → Trung bình, then Kém as the fall-back; a
    province's "at most n months" in words too (rule QUAL-6)."""
    from django.utils import translation

    from chibo.evaluation.views.annual import rule_words

    rules = level_rules(RuleSet.objects.get(code="HD42-2025"))
    assert [r.level for r in rules] == ["good", "fair", "average", "poor"]
    with translation.override("en"):
        assert rule_words(rules[0]) == (
            "average score ≥ 90, at least 10 months rated Good, no month rated Average or Poor"
        )
        assert rule_words(rules[1]) == "average score ≥ 70"
        assert rule_words(rules[3]) == "in every other case"
        province = LevelRule(level="good", min_average=92.5, max_below_fair_months=1)
        assert rule_words(province) == (
            "average score ≥ 92,5, at most 1 month rated Average or Poor"  # one number style
        )
    assert rule_words_vi(province) == ("điểm bình quân ≥ 92,5, không quá 1 tháng Trung bình/Kém")


def test_scope_and_year_range(tree):
    """Outside the scope, a unit that is not a cell, or a year outside 2000–2100: 404."""
    with pytest.raises(NotInScope):
        cell_assessment(actor=tree.ngoai, unit_id=tree.cell_a1.pk, year=2025)
    with pytest.raises(NotInScope):
        cell_assessment(actor=tree.xa, unit_id=tree.commune_a.pk, year=2025)
    with pytest.raises(Http404):
        cell_assessment(actor=tree.bithu, unit_id=tree.cell_a1.pk, year=1999)
    assert cell_assessment(actor=tree.dangvien, unit_id=tree.cell_a1.pk, year=2025)
