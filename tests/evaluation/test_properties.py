"""Properties of the attendance, vote and score computations over random inputs (hypothesis).

tests/meetings/test_figures.py already checks the ATT-1 figures and the vote base alone; the
properties here hold for what the evaluation builds on them: the ATT-2 lines of the
checklist (under any attendance threshold), the vote's outcome, the score sheet's level, the
annual level, and the runs of absences read back from the database. Rows are plain
`SimpleNamespace` objects with the attributes the functions read; rule sets are unsaved.
"""

import datetime
from fractions import Fraction
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from chibo.core.models import RuleSet
from chibo.evaluation.checks import absence_runs, attendance_checks
from chibo.evaluation.models import LEVEL_ORDER, Criterion, Level
from chibo.evaluation.scoring import annual_level, score
from chibo.meetings.figures import attendance_figures, vote_result, voting_base
from chibo.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from tests.evaluation.test_scoring import EXAMPLE_1, EXAMPLE_2
from tests.factories import make_cell_with_members, make_unit

S = AttendanceStatus
EXPECTED = (S.PRESENT, S.EXCUSED, S.UNEXCUSED)
#: Statuses that leave a member out of the ATT-1 denominator (ATT-0, ATT-1).
NOT_EXPECTED = (S.EXEMPTED, S.ATTACHED_ELSEWHERE, S.SPECIAL_DUTY)
_ids = iter(range(1, 10**9))


def row(status, *, full=True, here=False) -> SimpleNamespace:
    """One roll-call row as the checks and figures read it."""
    member_id = next(_ids)
    return SimpleNamespace(
        status=status,
        full=full,
        attached_here=here,
        member_id=member_id,
        member=SimpleNamespace(full_name=f"Đảng viên {member_id}"),
    )


@st.composite
def rows(draw, statuses=tuple(S)):
    """A consistent row: only members expected at the meeting may be attached here."""
    status = draw(st.sampled_from(statuses))
    return row(status, full=draw(st.booleans()), here=status in EXPECTED and draw(st.booleans()))


rosters = st.lists(rows(), max_size=25)
positions = st.integers(0, 25)
thresholds = st.integers(1, 99)  # attendance_good_percent (ATT-2); 85 in the national sets


def with_row(roster, position, new) -> list:
    """`roster` with `new` inserted at `position` (modulo its length + 1)."""
    position %= len(roster) + 1
    return roster[:position] + [new] + roster[position:]


def att2(roster, threshold, runs=None) -> dict:
    """{code: passed} of the three ATT-2 lines under a rule set with `threshold`."""
    rule_set = RuleSet(
        code="P", values={"attendance_good_percent": threshold, "consecutive_absence_limit": 3}
    )
    checks = attendance_checks(attendance=roster, runs=runs or {}, rule_set=rule_set)
    return {c.code: c.passed for c in checks}


def never_worse(before: dict, after: dict) -> bool:
    """No line passed before and fails after."""
    return not any(before[code] and not after[code] for code in before)


# --- ATT-1 / ATT-2 ---------------------------------------------------------------------------


@given(roster=rosters, threshold=thresholds, data=st.data())
def test_the_rate_line_is_exact_arithmetic(roster, threshold, data):
    # rule ATT-2 "> threshold %": present × 100 > threshold × expected, no rounding; the
    # threshold is often the rate itself (17 of 20 against 85 %), where ≥ and > differ
    figures = attendance_figures(roster)
    if (
        figures.rate is not None
        and (figures.rate * 100).denominator == 1
        and data.draw(st.booleans())
    ):
        threshold = int(figures.rate * 100)
    expected = figures.expected > 0 and figures.present * 100 > threshold * figures.expected
    assert att2(roster, threshold)["attendance_rate"] is expected


@given(
    roster=rosters,
    absentee=rows(statuses=(S.EXCUSED, S.UNEXCUSED)),
    position=positions,
    threshold=thresholds,
)
def test_marking_one_more_member_present_never_lowers_the_rate(
    roster, absentee, position, threshold
):
    # rules ATT-1, ATT-2
    before = with_row(roster, position, absentee)
    present = SimpleNamespace(**{**vars(absentee), "status": S.PRESENT})
    after = with_row(roster, position, present)
    assert attendance_figures(after).rate >= attendance_figures(before).rate
    assert never_worse(att2(before, threshold), att2(after, threshold))


@given(
    roster=rosters,
    absentee=rows(statuses=NOT_EXPECTED),
    position=positions,
    threshold=thresholds,
)
def test_the_denominator_never_counts_an_exempted_absentee(roster, absentee, position, threshold):
    # ATT-1: on the roll − exempted − attached elsewhere − special duty; ATT-2 "(exempted
    # and special-duty members excluded)": no line of the checklist changes either
    more = with_row(roster, position, absentee)
    assert attendance_figures(more).expected == attendance_figures(roster).expected
    assert attendance_figures(more).rate == attendance_figures(roster).rate
    assert att2(more, threshold) == att2(roster, threshold)


@given(
    roster=st.lists(rows(), min_size=1, max_size=25), pick=st.integers(0, 24), threshold=thresholds
)
def test_turning_a_present_member_into_an_excused_absence_never_raises_the_rate(
    roster, pick, threshold
):
    # rules ATT-1, ATT-2
    present = [i for i, r in enumerate(roster) if r.status == S.PRESENT]
    assume(present)
    i = present[pick % len(present)]
    excused = roster[:i] + [SimpleNamespace(**{**vars(roster[i]), "status": S.EXCUSED})]
    excused += roster[i + 1 :]
    assert attendance_figures(excused).rate <= attendance_figures(roster).rate
    assert never_worse(att2(excused, threshold), att2(roster, threshold))


# --- VOTE-1 / VOTE-2 -------------------------------------------------------------------------

VOTE_RULES = {
    "national": {"vote_pass_share": "1/2", "vote_quorum_share": None},
    "quorum 2/3": {"vote_pass_share": "1/2", "vote_quorum_share": "2/3"},
    "two thirds to pass": {"vote_pass_share": "2/3", "vote_quorum_share": None},
}


def vote_rules(name: str, attached: bool) -> RuleSet:
    values = {**VOTE_RULES[name], "attached_in_vote_denominator": attached}
    return RuleSet(code="V", values=values)


@given(
    roster=rosters,
    name=st.sampled_from(sorted(VOTE_RULES)),
    attached=st.booleans(),
    data=st.data(),
)
def test_adding_a_vote_for_never_turns_a_passed_resolution_into_a_failed_one(
    roster, name, attached, data
):
    # rules VOTE-1, VOTE-2: one more member present votes for (or an abstainer changes
    # their vote to for)
    roster = with_row(roster, data.draw(positions), row(S.PRESENT))  # a voter at least
    rule_set = vote_rules(name, attached)
    _denominator, present = voting_base(roster, rule_set)
    cast = data.draw(st.integers(0, present - 1))  # one voter present still to vote
    votes_for = data.draw(st.integers(0, cast))
    against = data.draw(st.integers(0, cast - votes_for))
    abstain = cast - votes_for - against
    before = vote_result(
        roster, rule_set, votes_for=votes_for, votes_against=against, votes_abstain=abstain
    )
    one_more = vote_result(
        roster, rule_set, votes_for=votes_for + 1, votes_against=against, votes_abstain=abstain
    )
    assert one_more.passed or not before.passed
    if abstain:
        changed = vote_result(
            roster,
            rule_set,
            votes_for=votes_for + 1,
            votes_against=against,
            votes_abstain=abstain - 1,
        )
        assert changed.passed or not before.passed


@given(roster=rosters, name=st.sampled_from(sorted(VOTE_RULES)), attached=st.booleans())
def test_the_vote_denominator_never_exceeds_the_members_summoned(roster, name, attached):
    # VOTE-2: full members summoned (− …); members attached here only when the rule set
    # counts them (ATT-1); probationary members never (ATT-3)
    rule_set = vote_rules(name, attached)
    summoned = [r for r in roster if r.full and (attached or not r.attached_here)]
    denominator, present = voting_base(roster, rule_set)
    assert present <= denominator <= len(summoned) <= len(roster)


# --- QUAL-2 / QUAL-5: the level of a score sheet ----------------------------------------------


@st.composite
def sheets(draw):
    """A sheet of 1–8 criteria (floor ≤ maximum, some for some kinds only), points within
    bounds, gates among its codes and thresholds good > fair > average."""
    size = draw(st.integers(1, 8))
    criteria, points = [], {}
    for i in range(size):
        most = draw(st.integers(1, 20))
        floor = draw(st.integers(0, most))
        kinds = draw(st.sampled_from([[], ["thematic", "combined"], ["regular"]]))
        source = draw(st.sampled_from(["manual", "manual", "attendance", "minutes"]))
        c = Criterion(
            code=f"c{i}",
            label=f"c{i}",
            max_points=most,
            min_points=floor,
            source=source,
            kinds=kinds,
        )
        criteria.append(c)
        points[c.code] = draw(st.integers(floor, most))
    gates = draw(st.lists(st.sampled_from([c.code for c in criteria]), unique=True))
    good, fair, average = sorted(draw(st.sets(st.integers(0, 100), min_size=3, max_size=3)))[::-1]
    values = {
        "rating_thresholds": {"good": good, "fair": fair, "average": average},
        "rating_gate_criteria": gates,
    }
    return criteria, points, RuleSet(code="Q", values=values)


@given(
    sheet=sheets(),
    kind=st.sampled_from(["regular", "thematic", "combined"]),
    pick=st.integers(0, 7),
    raise_by=st.integers(1, 20),
)
def test_raising_one_manual_criterion_never_lowers_the_level(sheet, kind, pick, raise_by):
    criteria, points, rule_set = sheet
    manual = [c for c in criteria if c.source == "manual" and points[c.code] < c.max_points]
    assume(manual)
    chosen = manual[pick % len(manual)]
    higher = {**points, chosen.code: min(chosen.max_points, points[chosen.code] + raise_by)}
    before = score(criteria, points, kind, rule_set)
    after = score(criteria, higher, kind, rule_set)
    assert LEVEL_ORDER.index(after.level) <= LEVEL_ORDER.index(before.level)
    assert after.total >= before.total
    assert 0 <= before.total <= before.maximum and 0 <= before.percent <= 100


# --- QUAL-6: the annual level ----------------------------------------------------------------

month_levels = st.lists(st.sampled_from([*Level, None]), min_size=12, max_size=12)
condition = st.one_of(st.none(), st.integers(0, 12))
tables = st.one_of(
    st.sampled_from([EXAMPLE_1, EXAMPLE_2]),
    st.fixed_dictionaries(
        {
            level: st.fixed_dictionaries(
                {
                    "min_average": st.one_of(st.none(), st.integers(0, 100)),
                    "min_good_months": condition,
                    "max_below_fair_months": condition,
                }
            )
            for level in ("good", "fair", "average")
        }
    ),
)


@given(
    monthly=month_levels,
    pick=st.integers(0, 11),
    average=st.one_of(st.none(), st.fractions(0, 100)),
    gain=st.fractions(0, 10),
    table=tables,
)
def test_the_annual_level_is_monotone_in_good_months(monthly, pick, average, gain, table):
    # QUAL-6: one more month rated Tốt (and an average no lower) never lowers the year
    assume(monthly[pick] != Level.GOOD)
    better = monthly[:pick] + [Level.GOOD] + monthly[pick + 1 :]
    raised = None if average is None else min(Fraction(100), average + gain)
    rule_set = RuleSet(code="Y", values={"annual_levels": table})
    before = annual_level(monthly, average, rule_set)
    after = annual_level(better, raised, rule_set)
    assert LEVEL_ORDER.index(after) <= LEVEL_ORDER.index(before)


# --- ATT-2: runs of absences read back from the database --------------------------------------

MARK = {"P": S.PRESENT, "E": S.EXCUSED, "U": S.UNEXCUSED, "X": S.EXEMPTED, "S": S.SPECIAL_DUTY}


def literal_run(marks: str) -> int | None:
    """ATT-2 read literally: consecutive absences (E, U) ending at the last meeting; a
    present meeting ends a run; exempted (X) and special duty (S) are skipped."""
    if marks[-1] not in "EU":
        return None
    run = 0
    for mark in marks:
        run = 0 if mark == "P" else run + (mark in "EU")
    return run


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marks=st.text(alphabet="PEUXS", min_size=1, max_size=8))
def test_absence_runs_match_the_rule_read_literally(marks):
    # rule ATT-2; a fresh cell per example (the database is kept for the whole test)
    province = make_unit("Đảng bộ tỉnh thử", "province")
    cell = make_cell_with_members(make_unit("Xã thử", "commune", province), "Chi bộ thử", 1)
    member = cell.memberships.get().member
    meeting = None
    for i, mark in enumerate(marks):
        meeting = Meeting.objects.create(
            unit=cell,
            kind="regular",
            status=MeetingStatus.ADOPTED,
            date=datetime.date(2026, 1, 5) + datetime.timedelta(days=20 * i),
        )
        Attendance.objects.create(meeting=meeting, member=member, status=MARK[mark])
    assert absence_runs(meeting).get(member.pk) == literal_run(marks)
