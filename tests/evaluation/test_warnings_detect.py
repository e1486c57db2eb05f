"""Detection of early warnings, kind by kind, with boundaries worked out by hand (issue 4
item 4). Every test judges as of TODAY = 15/05/2026, under HD42-2025 (HD12-2018 before
28/10/2025); both hold the values of core migration 0003/0004: thematic_per_quarter 1,
minutes_adopt_days 7, removal_review_months 3 (cumulative), probation_months 12,
probation_warning_days 30, min_full_members 3, exemption_review_months 12,
weak_streak_meetings 3.
"""

import datetime

import pytest
from django.utils import timezone

from chibo.core.models import RuleSet
from chibo.evaluation.detect import add_months, detect_conditions
from chibo.evaluation.detect_members import longest_run, whole_periods
from chibo.evaluation.models import Rating, ScoreSheet, WarningKind
from chibo.meetings.models import Assignment, Attendance, Meeting
from chibo.members.models import Exemption, Membership
from tests.factories import make_member

TODAY = datetime.date(2026, 5, 15)
D = datetime.date
W = WarningKind


def meet(cell, day, kind="regular", status="adopted"):
    """A meeting of `cell` on `day` (ORM only: detection reads the stored rows)."""
    return Meeting.objects.create(unit=cell, kind=kind, status=status, date=day)


RECORDS_START = datetime.date(2025, 1, 5)


def anchor(tree, day=RECORDS_START):
    """Cell A1's records begin on `day`: a regular meeting of A1 before the 12 months and 4
    quarters judged (a committee meeting would not count as a record), so its months are
    judged from `day`'s month on."""
    return meet(tree.cell_a1, day)


def found(tree, kind, cell=None, today=TODAY):
    """{key: facts} of the conditions of `kind` for `cell` (cell A1 by default)."""
    cell = cell or tree.cell_a1
    return {
        c.key: c.facts
        for c in detect_conditions(cell.path, today).values()
        if c.kind == kind and c.unit_id == cell.pk
    }


def held_months(cell, months, **kwargs):
    """A held regular meeting on the 10th of each (year, month)."""
    for year, month in months:
        meet(cell, D(year, month, 10), **kwargs)


#: The window of TODAY: the 12 complete months 05/2025 … 04/2026.
WINDOW = [(2025, m) for m in range(5, 13)] + [(2026, m) for m in range(1, 5)]


def test_helpers():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert add_months(D(2026, 5, 15), -12) == D(2025, 5, 15)
    assert longest_run([1, 3, 4]) == 2 and longest_run([]) == 0 and longest_run([2, 3, 4]) == 3
    # rule MEM-2: a period counts once its end is strictly before today.
    assert whole_periods(D(2025, 5, 15), TODAY, 12) == 0
    assert whole_periods(D(2025, 5, 14), TODAY, 12) == 1
    assert whole_periods(D(2024, 5, 14), TODAY, 12) == 2


# rule FREQ-1: (months with a held regular meeting, extra meetings, expected keys)
MISSED_ROWS = [
    ("every month held", WINDOW, [], set()),
    ("one month missing", [m for m in WINDOW if m != (2026, 2)], [], {"2026-02"}),
    (
        "only a cancelled meeting",
        [m for m in WINDOW if m != (2026, 3)],
        [(D(2026, 3, 10), "regular", "cancelled")],
        {"2026-03"},
    ),
    (
        "only a planned meeting, never recorded",
        [m for m in WINDOW if m != (2025, 9)],
        [(D(2025, 9, 10), "regular", "planned")],
        {"2025-09"},
    ),
    (
        "a thematic meeting does not replace the regular one",
        [m for m in WINDOW if m != (2025, 12)],
        [(D(2025, 12, 20), "thematic", "adopted")],
        {"2025-12"},
    ),
    (
        "a combined meeting does",
        [m for m in WINDOW if m != (2025, 12)],
        [(D(2025, 12, 20), "combined", "adopted")],
        set(),
    ),
    (
        "minutes in draft: the meeting was held",
        [m for m in WINDOW if m != (2026, 4)],
        [(D(2026, 4, 30), "regular", "draft")],
        set(),
    ),
    ("the current month never warns", WINDOW, [], set()),
]


@pytest.mark.parametrize(("label", "months", "extra", "expected"), MISSED_ROWS)
def test_missed_months(tree, label, months, extra, expected):
    anchor(tree)
    held_months(tree.cell_a1, months)
    for day, kind, status in extra:
        meet(tree.cell_a1, day, kind=kind, status=status)
    assert set(found(tree, W.MISSED_MONTH)) == expected  # 05/2026 (current) never listed


def test_missed_month_facts(tree):
    anchor(tree)
    held_months(tree.cell_a1, [m for m in WINDOW if m not in ((2025, 9), (2025, 10), (2026, 3))])
    meet(tree.cell_a1, D(2026, 3, 10), status="cancelled")
    # The rule set in force on the month's last day names the legal basis: 30/09/2025 is
    # judged by HD12-2018, 31/10/2025 by HD42-2025 (in force from 28/10/2025).
    assert found(tree, W.MISSED_MONTH) == {
        "2025-09": {
            "year": 2025,
            "month": 9,
            "cancelled": False,
            "planned": False,
            "rule_set": "HD12-2018",
        },
        "2025-10": {
            "year": 2025,
            "month": 10,
            "cancelled": False,
            "planned": False,
            "rule_set": "HD42-2025",
        },
        "2026-03": {
            "year": 2026,
            "month": 3,
            "cancelled": True,
            "planned": False,
            "rule_set": "HD42-2025",
        },
    }


def test_months_before_the_cells_records_or_the_cell_are_not_judged(tree):
    # A1's first record is 10/08/2025 (held): 05–07/2025 are not judged; 08/2025 on are.
    meet(tree.cell_a1, D(2025, 8, 10))
    assert set(found(tree, W.MISSED_MONTH)) == {f"{y}-{m:02d}" for y, m in WINDOW[4:]}
    # A2 has no record: judged from the province's earliest (10/08/2025: 09/2025 on), and
    # from its own start when later: in force from 01/02/2026, 02, 03, 04/2026 only.
    assert len(found(tree, W.MISSED_MONTH, tree.cell_a2)) == 8
    tree.cell_a2.valid_from = D(2026, 2, 1)
    tree.cell_a2.save()
    assert set(found(tree, W.MISSED_MONTH, tree.cell_a2)) == {"2026-02", "2026-03", "2026-04"}
    # A cell without a start date starts with its first roll entry (Dũng, 10/03/2015).
    assert len(found(tree, W.MISSED_MONTH, tree.cell_b1)) == 8


def test_thematic_quarters(tree):
    # rule THEM-1: last 4 complete quarters of TODAY: 2025-Q2, Q3, Q4, 2026-Q1.
    anchor(tree)
    meet(tree.cell_a1, D(2025, 8, 5), kind="thematic")  # Q3 held
    meet(tree.cell_a1, D(2025, 11, 5), kind="thematic", status="cancelled")  # Q4 not held
    meet(tree.cell_a1, D(2026, 2, 5), kind="combined", status="submitted")  # Q1 held
    meet(tree.cell_a1, D(2026, 4, 5), kind="thematic")  # current quarter: not judged
    result = found(tree, W.THEMATIC_QUARTER)
    assert set(result) == {"2025-Q2", "2025-Q4"}
    assert result["2025-Q4"] == {
        "year": 2025,
        "quarter": 4,
        "held": 0,
        "due": 1,
        "rule_set": "HD42-2025",  # in force on 31/12/2025
    }
    assert result["2025-Q2"]["rule_set"] == "HD12-2018"


def test_province_rule_set_raises_the_thematic_quota_in_its_subtree_only(tree):
    anchor(tree)
    for cell in (tree.cell_a1, tree.cell_b1):
        for day in (D(2025, 5, 5), D(2025, 8, 5), D(2025, 11, 5), D(2026, 2, 5)):
            meet(cell, day, kind="thematic")
    assert found(tree, W.THEMATIC_QUARTER) == {}
    values = {**RuleSet.objects.get(code="HD42-2025").values, "thematic_per_quarter": 2}
    RuleSet.objects.create(
        code="XA-A",
        title="Quy định riêng",
        legal_basis="Quy định 1-QĐ/ĐU",
        valid_from=D(2025, 10, 28),
        unit=tree.commune_a,
        values=values,
    )
    # Quarters ending after 28/10/2025 in commune A now need 2: Q4 2025 and Q1 2026 warn.
    assert set(found(tree, W.THEMATIC_QUARTER)) == {"2025-Q4", "2026-Q1"}
    assert found(tree, W.THEMATIC_QUARTER, tree.cell_b1) == {}


@pytest.mark.parametrize(
    ("days_ago", "status", "warns"),
    [
        (7, "draft", False),  # rule MIN-3: 7 days is not more than 7
        (8, "draft", True),
        (8, "submitted", True),
        (8, "adopted", False),
        (8, "planned", False),
        (30, "cancelled", False),
    ],
)
def test_minutes_late(tree, days_ago, status, warns):
    m = meet(tree.cell_a1, TODAY - datetime.timedelta(days=days_ago), status=status)
    result = found(tree, W.MINUTES_LATE)
    assert (str(m.pk) in result) is warns
    if warns:
        assert result[str(m.pk)]["limit"] == 7


def absent(member, day, status="unexcused", meeting_status="adopted", cell=None):
    """`member` marked `status` at a meeting on `day` of their cell (A1 by default)."""
    meeting = Meeting.objects.filter(unit=cell, date=day).first() if cell else None
    meeting = meeting or meet(cell or member.memberships.first().unit, day, status=meeting_status)
    Attendance.objects.create(meeting=meeting, member=member, status=status)


# rule MEM-5: (absence days in 2026, consecutive switch, warns)
REMOVAL_ROWS = [
    ("3 months, cumulative", [D(2026, 1, 10), D(2026, 3, 10), D(2026, 4, 10)], False, True),
    ("2 months", [D(2026, 1, 10), D(2026, 3, 10)], False, False),
    (
        "twice in one month counts once",
        [D(2026, 1, 5), D(2026, 1, 20), D(2026, 2, 10)],
        False,
        False,
    ),
    ("last year does not count", [D(2025, 12, 10), D(2026, 1, 10), D(2026, 2, 10)], False, False),
    ("3 months not consecutive", [D(2026, 1, 10), D(2026, 3, 10), D(2026, 4, 10)], True, False),
    ("3 consecutive months", [D(2026, 2, 10), D(2026, 3, 10), D(2026, 4, 10)], True, True),
]


@pytest.mark.parametrize(("label", "days", "consecutive", "warns"), REMOVAL_ROWS)
def test_removal_review(tree, label, days, consecutive, warns):
    if consecutive:
        RuleSet.objects.filter(code="HD42-2025").update(
            values={
                **RuleSet.objects.get(code="HD42-2025").values,
                "removal_months_consecutive": True,
            }
        )
    for day in days:
        absent(tree.bich_a1, day)
    result = found(tree, W.REMOVAL_REVIEW)
    key = f"{tree.bich_a1.pk}:2026"
    assert (key in result) is warns
    if warns:
        assert result[key]["name"] == "Trần Thị Bích"
        assert result[key]["months"] == sorted({d.month for d in days})


def test_removal_review_counts_only_unexcused_absences_at_held_meetings(tree):
    absent(tree.cuong_a1, D(2026, 1, 10), status="excused")
    absent(tree.cuong_a1, D(2026, 2, 10), meeting_status="planned")
    absent(tree.cuong_a1, D(2026, 3, 10), meeting_status="cancelled")
    absent(tree.cuong_a1, D(2026, 4, 10))
    absent(tree.cuong_a1, D(2026, 4, 25))
    assert found(tree, W.REMOVAL_REVIEW) == {}
    # A party group's member warns on the cell (Hoàng Thị Lan, group of A1).
    for day in (D(2026, 1, 10), D(2026, 2, 20), D(2026, 5, 10)):
        absent(tree.lan_group, day, cell=tree.cell_a1)
    assert set(found(tree, W.REMOVAL_REVIEW)) == {f"{tree.lan_group.pk}:2026"}


# rule MEM-1: (admitted on, full member on, kind expected or None, days in the facts)
PROBATION_ROWS = [
    (D(2025, 6, 14), None, W.PROBATION_ENDING, 30),  # ends 14/06/2026: exactly 30 days
    (D(2025, 6, 15), None, None, None),  # ends 15/06/2026: 31 days
    (D(2025, 5, 15), None, W.PROBATION_ENDING, 0),  # ends today
    (D(2025, 5, 14), None, W.PROBATION_OVERDUE, 1),  # ended yesterday, no vote
    (D(2024, 5, 14), D(2025, 5, 20), None, None),  # full member
]


@pytest.mark.parametrize(("admitted", "full_on", "kind", "days"), PROBATION_ROWS)
def test_probation(tree, admitted, full_on, kind, days):
    member = make_member(tree.cell_a1, "Đỗ Văn Mới", admitted_on=admitted, full_member_on=full_on)
    results = {k: found(tree, k) for k in (W.PROBATION_ENDING, W.PROBATION_OVERDUE)}
    if kind is None:
        assert results == {W.PROBATION_ENDING: {}, W.PROBATION_OVERDUE: {}}
        return
    facts = results[kind][str(member.pk)]
    assert facts["admitted_on"] == admitted.isoformat()
    assert abs((TODAY - D.fromisoformat(facts["ends_on"])).days) == days
    assert facts["ends_on"] == add_months(admitted, 12).isoformat()


def test_probation_only_for_members_on_the_roll_today(tree):
    make_member(
        tree.cell_a1,
        "Đỗ Văn Đi",
        admitted_on=D(2025, 6, 1),
        full_member_on=None,
        roll_until=D(2026, 4, 30),
    )
    assert found(tree, W.PROBATION_ENDING) == {}


def test_few_full_members(tree):
    # rule CELL-1: A1 has 3 full members + Lan in its party group; A2 1; B1 2.
    assert found(tree, W.FEW_FULL_MEMBERS) == {}
    assert found(tree, W.FEW_FULL_MEMBERS, tree.cell_a2)["cell"]["full"] == 1
    make_member(tree.cell_a2, "Hà Văn Hai")
    make_member(tree.cell_a2, "Đinh Thị Dự", admitted_on=D(2025, 9, 1), full_member_on=None)
    # 2 full + 1 probationary still warns.
    assert found(tree, W.FEW_FULL_MEMBERS, tree.cell_a2) == {
        "cell": {"full": 2, "probationary": 1, "need": 3, "rule_set": "HD42-2025"}
    }
    # Full from a date still to come: probationary today.
    make_member(tree.cell_a2, "Lý Văn Sắp", admitted_on=D(2025, 5, 1), full_member_on=D(2026, 6, 1))
    assert found(tree, W.FEW_FULL_MEMBERS, tree.cell_a2)["cell"]["probationary"] == 2
    make_member(tree.cell_a2, "Mai Văn Ba")
    assert found(tree, W.FEW_FULL_MEMBERS, tree.cell_a2) == {}
    # Party group members count for their cell: A1 without Bích and Cường has 2 left.
    Membership.objects.filter(member__in=[tree.bich_a1, tree.cuong_a1]).update(
        end_date=D(2026, 5, 1)
    )
    assert found(tree, W.FEW_FULL_MEMBERS)["cell"]["full"] == 2


def test_overdue_assignments(tree):
    m = meet(tree.cell_a1, D(2026, 4, 10))

    def task(deadline, status="open"):
        return Assignment.objects.create(
            unit=tree.cell_a1, meeting=m, title="Làm đường", deadline=deadline, status=status
        )

    late = task(D(2026, 5, 14))
    late.assignees.set([tree.cuong_a1, tree.bich_a1])
    task(TODAY)  # due today: not overdue
    task(D(2026, 5, 1), status="done")
    task(D(2026, 5, 1), status="not_done")
    assert found(tree, W.ASSIGNMENT_OVERDUE) == {
        str(late.pk): {
            "title": "Làm đường",
            "deadline": "2026-05-14",
            "assignees": ["Trần Thị Bích", "Lê Văn Cường"],  # Vietnamese order: given name
            "committee": False,
        }
    }


@pytest.mark.parametrize(
    ("start", "end", "key_periods"),
    [
        (D(2025, 5, 15), None, None),  # rule MEM-2: exactly 12 months: not older
        (D(2025, 5, 14), None, 1),
        (D(2024, 5, 14), None, 2),
        (D(2024, 1, 1), D(2026, 5, 14), None),  # ended yesterday
    ],
)
def test_old_exemptions(tree, start, end, key_periods):
    e = Exemption.objects.create(member=tree.bich_a1, reason="age", start_date=start, end_date=end)
    expected = {f"{e.pk}:{key_periods}"} if key_periods else set()
    assert set(found(tree, W.EXEMPTION_OLD)) == expected


def rate(meeting, level, *, column="self", is_final=True):
    """A rating of `meeting` at `level` (ORM only)."""
    return Rating.objects.create(
        meeting=meeting,
        column=column,
        sheet=ScoreSheet.objects.get(code="QUAL2-VD"),
        rule_set=RuleSet.objects.get(code="HD42-2025"),
        total=60,
        maximum=100,
        level=level,
        is_final=is_final,
        rated_at=timezone.now(),
    )


# rule QUAL-1: levels of the final ratings, oldest first → warns
WEAK_ROWS = [
    (["average", "poor", "average"], True),
    (["average", "good", "poor"], False),
    (["poor", "average"], False),  # only two rated
    (["good", "average", "poor", "poor"], True),
    (["average", "poor", "poor", "fair"], False),
]


@pytest.mark.parametrize(("levels", "warns"), WEAK_ROWS)
def test_weak_meetings(tree, levels, warns):
    meetings = [meet(tree.cell_a1, D(2026, i + 1, 10)) for i in range(len(levels))]
    for meeting, level in zip(meetings, levels, strict=True):
        rate(meeting, level)
    result = found(tree, W.WEAK_MEETINGS)
    assert (str(meetings[-1].pk) in result) is warns
    if warns:
        assert [m["level"] for m in result[str(meetings[-1].pk)]["meetings"]] == levels[-3:]


def test_weak_meetings_reads_final_ratings_only(tree):
    meetings = [meet(tree.cell_a1, D(2026, i, 10)) for i in (1, 2, 3)]
    for meeting in meetings:
        rate(meeting, "poor", is_final=False)
    rate(meetings[-1], "good", column="superior")  # the superior's rating is final
    rate(meetings[0], "average", column="superior")
    rate(meetings[1], "average", column="superior")
    assert found(tree, W.WEAK_MEETINGS) == {}
