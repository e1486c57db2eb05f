"""meetings.figures: roll-call figures (rule ATT-1) and vote validity (rules VOTE-1, VOTE-2).

Rows are plain `SimpleNamespace` objects with the fields of `Attendance` (figures.py reads
attributes only). Each table row describes its roll in words in its id and has its expected
figures worked out by hand in a comment beside it; the rule sets are the national ones from the
database (HD12-2018, HD42-2025) and unsaved variants of them with one value changed.
"""

import dataclasses
import datetime
from fractions import Fraction
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chibo.core.models import RuleSet
from chibo.core.rules import rules_in_force
from chibo.meetings.figures import (
    AttendanceFigures,
    TooManyVotes,
    VoteResult,
    attendance_figures,
    vote_result,
    voting_base,
)
from chibo.meetings.models import AttendanceStatus

S = AttendanceStatus
#: Statuses of members expected at the meeting (ATT-1): only these may be attached here.
EXPECTED = (S.PRESENT, S.EXCUSED, S.UNEXCUSED)
ABSENT_EXPECTED = (S.EXCUSED, S.UNEXCUSED)


def member(status, *, full=True, exempted=False, attached_here=False) -> SimpleNamespace:
    """One roll-call row with the flags that agree with its status (ATT-0)."""
    return SimpleNamespace(
        status=status,
        full=full,
        exempted=exempted or status == S.EXEMPTED,
        attached_elsewhere=status == S.ATTACHED_ELSEWHERE,
        special_duty=status == S.SPECIAL_DUTY,
        attached_here=attached_here,
    )


#: The groups a roll is written with: name → (status, flags of member()).
GROUPS = {
    "present": (S.PRESENT, {}),
    "excused": (S.EXCUSED, {}),
    "unexcused": (S.UNEXCUSED, {}),
    "exempted_present": (S.PRESENT, {"exempted": True}),
    "exempted_absent": (S.EXEMPTED, {}),
    "attached_elsewhere": (S.ATTACHED_ELSEWHERE, {}),
    "special_duty": (S.SPECIAL_DUTY, {}),
    "prob_present": (S.PRESENT, {"full": False}),
    "prob_excused": (S.EXCUSED, {"full": False}),
    "prob_unexcused": (S.UNEXCUSED, {"full": False}),
    "prob_attached_elsewhere": (S.ATTACHED_ELSEWHERE, {"full": False}),
    "here_present": (S.PRESENT, {"attached_here": True}),
    "here_excused": (S.EXCUSED, {"attached_here": True}),
    "here_unexcused": (S.UNEXCUSED, {"attached_here": True}),
    "here_prob_present": (S.PRESENT, {"attached_here": True, "full": False}),
    "here_prob_unexcused": (S.UNEXCUSED, {"attached_here": True, "full": False}),
}


def roll(**counts: int) -> list[SimpleNamespace]:
    """A roll of `count` members of each named group (see GROUPS), in the order given."""
    rows = []
    for group, count in counts.items():
        status, flags = GROUPS[group]
        rows += [member(status, **flags) for _ in range(count)]
    return rows


# --- ATT-1: attendance figures --------------------------------------------------------------

ATTENDANCE_TABLE = [
    pytest.param(
        roll(
            exempted_absent=2,
            exempted_present=1,
            attached_elsewhere=1,
            special_duty=1,
            prob_present=3,
            present=10,
            excused=1,
            unexcused=1,
        ),
        # on roll = 2 + 1 + 1 + 1 + 3 + 10 + 1 + 1 = 20; full = 20 − 3 probationary = 17
        # expected = 20 − 2 exempted absent − 1 attached elsewhere − 1 special duty = 16
        # present = 1 exempted + 3 probationary + 10 full = 14 (check 14 + 1 + 1 = 16)
        # rate = 14/16 = 7/8
        AttendanceFigures(
            on_roll=20,
            full=17,
            probationary=3,
            exempted=2,
            attached_elsewhere=1,
            special_duty=1,
            attached_here=0,
            expected=16,
            present=14,
            excused=1,
            unexcused=1,
            rate=Fraction(7, 8),
        ),
        id="20 on roll: 2 exempted absent, 1 exempted present, 1 attached elsewhere, "
        "1 special duty, 3 probationary present, 10 full present, 1 excused, 1 unexcused",
    ),
    pytest.param(
        roll(exempted_present=2, exempted_absent=1, present=7, excused=2),
        # on roll = 2 + 1 + 7 + 2 = 12, all full
        # expected = 12 − 1 exempted absent = 11 (the 2 exempted present stay in)
        # present = 2 exempted + 7 = 9; rate = 9/11
        AttendanceFigures(
            on_roll=12,
            full=12,
            probationary=0,
            exempted=1,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=0,
            expected=11,
            present=9,
            excused=2,
            unexcused=0,
            rate=Fraction(9, 11),
        ),
        id="12 on roll: 2 exempted present, 1 exempted absent, 7 present, 2 excused",
    ),
    pytest.param(
        roll(exempted_present=4),
        # expected = 4 − 0 exempted absent = 4; present = 4; rate = 1
        # exempted (absent) = 0: an exempted member who attends is counted as present
        AttendanceFigures(
            on_roll=4,
            full=4,
            probationary=0,
            exempted=0,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=0,
            expected=4,
            present=4,
            excused=0,
            unexcused=0,
            rate=Fraction(1),
        ),
        id="4 on roll, all exempted and all present",
    ),
    pytest.param(
        roll(present=5, unexcused=1, exempted_absent=3),
        # expected = 9 − 3 exempted absent = 6; present = 5; rate = 5/6
        AttendanceFigures(
            on_roll=9,
            full=9,
            probationary=0,
            exempted=3,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=0,
            expected=6,
            present=5,
            excused=0,
            unexcused=1,
            rate=Fraction(5, 6),
        ),
        id="9 on roll: 5 present, 1 unexcused, 3 exempted absent",
    ),
    pytest.param(
        roll(present=4, excused=1, attached_elsewhere=3),
        # expected = 8 − 3 attached elsewhere = 5; present = 4; rate = 4/5
        AttendanceFigures(
            on_roll=8,
            full=8,
            probationary=0,
            exempted=0,
            attached_elsewhere=3,
            special_duty=0,
            attached_here=0,
            expected=5,
            present=4,
            excused=1,
            unexcused=0,
            rate=Fraction(4, 5),
        ),
        id="8 on roll: 4 present, 1 excused, 3 attached elsewhere",
    ),
    pytest.param(
        roll(present=3, unexcused=2, special_duty=2),
        # expected = 7 − 2 special duty = 5; present = 3; rate = 3/5
        AttendanceFigures(
            on_roll=7,
            full=7,
            probationary=0,
            exempted=0,
            attached_elsewhere=0,
            special_duty=2,
            attached_here=0,
            expected=5,
            present=3,
            excused=0,
            unexcused=2,
            rate=Fraction(3, 5),
        ),
        id="7 on roll: 3 present, 2 unexcused, 2 special duty",
    ),
    pytest.param(
        roll(present=2, prob_present=2, prob_excused=1, prob_unexcused=1),
        # on roll = 6: full 2, probationary 4; all 6 expected (ATT-3: probationary attend)
        # present = 2 + 2 = 4; rate = 4/6 = 2/3
        AttendanceFigures(
            on_roll=6,
            full=2,
            probationary=4,
            exempted=0,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=0,
            expected=6,
            present=4,
            excused=1,
            unexcused=1,
            rate=Fraction(2, 3),
        ),
        id="6 on roll: 2 full present, 2 probationary present, "
        "1 probationary excused, 1 probationary unexcused",
    ),
    pytest.param(
        roll(prob_present=3, prob_attached_elsewhere=1, excused=1),
        # on roll = 5: full 1, probationary 4 (the one attached elsewhere is still on the roll)
        # expected = 5 − 1 attached elsewhere = 4; present = 3; rate = 3/4
        AttendanceFigures(
            on_roll=5,
            full=1,
            probationary=4,
            exempted=0,
            attached_elsewhere=1,
            special_duty=0,
            attached_here=0,
            expected=4,
            present=3,
            excused=1,
            unexcused=0,
            rate=Fraction(3, 4),
        ),
        id="5 on roll: 3 probationary present, 1 probationary attached elsewhere, 1 full excused",
    ),
    pytest.param(
        roll(present=8, excused=1, attached_elsewhere=1, here_present=2),
        # on roll = 8 + 1 + 1 = 10 (the 2 attached here are not on this cell's roll)
        # expected = 10 − 1 attached elsewhere + 2 attached here = 11
        # present = 8 + 2 attached here = 10; rate = 10/11
        AttendanceFigures(
            on_roll=10,
            full=10,
            probationary=0,
            exempted=0,
            attached_elsewhere=1,
            special_duty=0,
            attached_here=2,
            expected=11,
            present=10,
            excused=1,
            unexcused=0,
            rate=Fraction(10, 11),
        ),
        id="10 on roll + 2 attached here: 8 present, 1 excused, 1 attached elsewhere; "
        "attached here: 2 present",
    ),
    pytest.param(
        roll(present=5, here_present=1, here_excused=1, here_prob_unexcused=1),
        # on roll = 5, all full; full/probationary split the roll only, so the probationary
        # member attached here is in neither: probationary = 0
        # attached here = 3; expected = 5 + 3 = 8; present = 5 + 1 = 6; rate = 6/8 = 3/4
        AttendanceFigures(
            on_roll=5,
            full=5,
            probationary=0,
            exempted=0,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=3,
            expected=8,
            present=6,
            excused=1,
            unexcused=1,
            rate=Fraction(3, 4),
        ),
        id="5 on roll present + 3 attached here: 1 present, 1 excused, 1 probationary unexcused",
    ),
    pytest.param(
        roll(exempted_absent=2, attached_elsewhere=1, special_duty=1),
        # expected = 4 − 2 − 1 − 1 = 0 → rate None (nobody expected)
        AttendanceFigures(
            on_roll=4,
            full=4,
            probationary=0,
            exempted=2,
            attached_elsewhere=1,
            special_duty=1,
            attached_here=0,
            expected=0,
            present=0,
            excused=0,
            unexcused=0,
            rate=None,
        ),
        id="4 on roll, nobody expected: 2 exempted absent, 1 attached elsewhere, 1 special duty",
    ),
    pytest.param(
        roll(),
        # empty roll: every count 0, expected 0 → rate None
        AttendanceFigures(
            on_roll=0,
            full=0,
            probationary=0,
            exempted=0,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=0,
            expected=0,
            present=0,
            excused=0,
            unexcused=0,
            rate=None,
        ),
        id="empty roll",
    ),
    pytest.param(
        roll(present=4, prob_present=1, exempted_present=1, here_present=1),
        # on roll = 4 + 1 + 1 = 6 (full 5, probationary 1); attached here 1
        # expected = 6 + 1 = 7; present = 7; rate = 7/7 = 1
        AttendanceFigures(
            on_roll=6,
            full=5,
            probationary=1,
            exempted=0,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=1,
            expected=7,
            present=7,
            excused=0,
            unexcused=0,
            rate=Fraction(1),
        ),
        id="all present: 4 full, 1 probationary, 1 exempted, 1 attached here",
    ),
    pytest.param(
        roll(excused=2, unexcused=1),
        # expected = 3; present = 0; rate = 0/3 = 0 (not None: people were expected)
        AttendanceFigures(
            on_roll=3,
            full=3,
            probationary=0,
            exempted=0,
            attached_elsewhere=0,
            special_duty=0,
            attached_here=0,
            expected=3,
            present=0,
            excused=2,
            unexcused=1,
            rate=Fraction(0),
        ),
        id="3 on roll, all absent: 2 excused, 1 unexcused",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), ATTENDANCE_TABLE)
def test_attendance_figures(rows, expected):
    # rule ATT-1 (statuses ATT-0; probationary members attend, ATT-3)
    figures = attendance_figures(rows)
    assert dataclasses.asdict(figures) == dataclasses.asdict(expected)
    if expected.rate is None:
        assert figures.rate is None
        assert figures.percent is None
    else:
        assert isinstance(figures.rate, Fraction)
        assert figures.percent == float(expected.rate * 100)
    # the order of the rows and the kind of iterable do not matter
    assert attendance_figures(iter(reversed(rows))) == figures


# --- VOTE-1 / VOTE-2: validity of a vote -----------------------------------------------------

#: The national rule sets judged on a date: (date, code expected in force).
NATIONAL = [
    pytest.param(datetime.date(2026, 3, 5), "HD42-2025", id="HD42-2025"),
    pytest.param(datetime.date(2021, 7, 6), "HD12-2018", id="HD12-2018"),
]


def rule_set_variants(on: datetime.date) -> dict[str, RuleSet]:
    """The national rule set in force `on` and unsaved variants with one switch changed."""
    shipped = rules_in_force(on)
    return {
        "national": shipped,
        "quorum 2/3": RuleSet(code="X", values={**shipped.values, "vote_quorum_share": "2/3"}),
        "attached counted": RuleSet(
            code="Y", values={**shipped.values, "attached_in_vote_denominator": True}
        ),
    }


def vote(rule_set: str, votes: tuple[int, int, int], **fields) -> tuple:
    """A table row's rule set name and expected VoteResult; `votes` are (for, against,
    abstain) and cast is their sum."""
    for_, against, abstain = votes
    result = VoteResult(
        votes_for=for_,
        votes_against=against,
        votes_abstain=abstain,
        cast=for_ + against + abstain,
        **fields,
    )
    return rule_set, result


VOTE_TABLE = [
    pytest.param(
        roll(present=6, unexcused=1, excused=1, exempted_absent=1, attached_elsewhere=1),
        # denominator = 10 summoned − 1 attached elsewhere − 1 exempted absent − 1 excused = 7
        # voters = 6; 4 > 7/2 = 3.5 → passes; share 4/7
        *vote(
            "national",
            (4, 1, 1),
            denominator=7,
            voters_present=6,
            quorum_met=True,
            passed=True,
            share_for=Fraction(4, 7),
        ),
        id="10 full summoned: 6 present, 1 unexcused, 1 excused, 1 exempted absent, "
        "1 attached elsewhere; 4 for -> passes",
    ),
    pytest.param(
        roll(present=6, unexcused=1, excused=1, exempted_absent=1, attached_elsewhere=1),
        # denominator 7 (as above); 3 > 3.5 is false → fails; share 3/7
        *vote(
            "national",
            (3, 2, 1),
            denominator=7,
            voters_present=6,
            quorum_met=True,
            passed=False,
            share_for=Fraction(3, 7),
        ),
        id="same roll; 3 for of 7 -> fails",
    ),
    pytest.param(
        roll(present=8),
        # denominator 8; 4 for = exactly half, 4 > 4 is false → fails; share 1/2
        *vote(
            "national",
            (4, 4, 0),
            denominator=8,
            voters_present=8,
            quorum_met=True,
            passed=False,
            share_for=Fraction(1, 2),
        ),
        id="8 full present: 4 for = exactly half -> fails",
    ),
    pytest.param(
        roll(present=8),
        # denominator 8; 5 = half + 1 > 4 → passes; share 5/8
        *vote(
            "national",
            (5, 3, 0),
            denominator=8,
            voters_present=8,
            quorum_met=True,
            passed=True,
            share_for=Fraction(5, 8),
        ),
        id="8 full present: 5 for = half + 1 -> passes",
    ),
    pytest.param(
        roll(present=9),
        # denominator 9; 4 > 4.5 is false → fails; share 4/9
        *vote(
            "national",
            (4, 5, 0),
            denominator=9,
            voters_present=9,
            quorum_met=True,
            passed=False,
            share_for=Fraction(4, 9),
        ),
        id="9 full present: 4 for -> fails",
    ),
    pytest.param(
        roll(present=9),
        # denominator 9; 5 > 4.5 → passes; share 5/9
        *vote(
            "national",
            (5, 2, 2),
            denominator=9,
            voters_present=9,
            quorum_met=True,
            passed=True,
            share_for=Fraction(5, 9),
        ),
        id="9 full present: 5 for -> passes",
    ),
    pytest.param(
        roll(present=3, exempted_present=2, exempted_absent=1),
        # denominator = 6 summoned − 1 exempted absent = 5 (the 2 exempted present count)
        # voters = 3 + 2 = 5; 3 > 2.5 → passes; share 3/5
        *vote(
            "national",
            (3, 2, 0),
            denominator=5,
            voters_present=5,
            quorum_met=True,
            passed=True,
            share_for=Fraction(3, 5),
        ),
        id="6 full summoned: 3 present, 2 exempted present, 1 exempted absent; 3 for",
    ),
    pytest.param(
        roll(present=4, special_duty=2, excused=1),
        # denominator = 7 − 2 special duty − 1 excused = 4; voters 4
        # 2 > 2 is false → fails; share 2/4 = 1/2
        *vote(
            "national",
            (2, 1, 1),
            denominator=4,
            voters_present=4,
            quorum_met=True,
            passed=False,
            share_for=Fraction(1, 2),
        ),
        id="7 full summoned: 4 present, 2 special duty, 1 excused; 2 for -> fails",
    ),
    pytest.param(
        roll(present=4, special_duty=2, excused=1),
        # denominator 4 (as above); 3 > 2 → passes; share 3/4
        *vote(
            "national",
            (3, 1, 0),
            denominator=4,
            voters_present=4,
            quorum_met=True,
            passed=True,
            share_for=Fraction(3, 4),
        ),
        id="7 full summoned: 4 present, 2 special duty, 1 excused; 3 for -> passes",
    ),
    pytest.param(
        roll(present=5, prob_present=3, prob_unexcused=1),
        # probationary members neither in the denominator nor voters (ATT-3):
        # denominator = 5; voters = 5; 3 > 2.5 → passes; share 3/5
        *vote(
            "national",
            (3, 2, 0),
            denominator=5,
            voters_present=5,
            quorum_met=True,
            passed=True,
            share_for=Fraction(3, 5),
        ),
        id="5 full present + 4 probationary (3 present, 1 unexcused); 3 for",
    ),
    pytest.param(
        roll(present=3, unexcused=3),
        # unexcused absentees stay: denominator = 6; voters 3
        # all 3 present vote for: 3 > 3 is false → fails; share 3/6 = 1/2
        *vote(
            "national",
            (3, 0, 0),
            denominator=6,
            voters_present=3,
            quorum_met=True,
            passed=False,
            share_for=Fraction(1, 2),
        ),
        id="6 full summoned: 3 present, 3 unexcused; all 3 present for -> fails",
    ),
    pytest.param(
        roll(present=3, excused=3),
        # excused absentees leave: denominator = 6 − 3 = 3; voters 3
        # 3 > 1.5 → passes; share 3/3 = 1
        *vote(
            "national",
            (3, 0, 0),
            denominator=3,
            voters_present=3,
            quorum_met=True,
            passed=True,
            share_for=Fraction(1),
        ),
        id="6 full summoned: 3 present, 3 excused; all 3 present for -> passes",
    ),
    pytest.param(
        roll(present=4, here_present=2),
        # default: members attached here not counted → denominator 4, voters 4
        # 3 > 2 → passes; share 3/4
        *vote(
            "national",
            (3, 1, 0),
            denominator=4,
            voters_present=4,
            quorum_met=True,
            passed=True,
            share_for=Fraction(3, 4),
        ),
        id="4 full present + 2 full attached here present, national; 3 for -> passes",
    ),
    pytest.param(
        roll(present=4, here_present=2),
        # switch on: denominator = 4 + 2 = 6, voters 6; 3 > 3 is false → fails; share 1/2
        *vote(
            "attached counted",
            (3, 3, 0),
            denominator=6,
            voters_present=6,
            quorum_met=True,
            passed=False,
            share_for=Fraction(1, 2),
        ),
        id="4 full present + 2 full attached here present, attached counted; 3 for -> fails",
    ),
    pytest.param(
        roll(present=4, here_present=2),
        # switch on: denominator 6, voters 6; 4 > 3 → passes; share 4/6 = 2/3;
        # cast 4 + 1 + 1 = 6 = voters (not too many)
        *vote(
            "attached counted",
            (4, 1, 1),
            denominator=6,
            voters_present=6,
            quorum_met=True,
            passed=True,
            share_for=Fraction(2, 3),
        ),
        id="4 full present + 2 full attached here present, attached counted; 4 for -> passes",
    ),
    pytest.param(
        roll(present=4, here_unexcused=1, here_excused=1, here_prob_present=1),
        # switch on: denominator = 4 + 1 attached here unexcused = 5 (the excused one and the
        # probationary one are out); voters 4; 3 > 2.5 → passes; share 3/5
        *vote(
            "attached counted",
            (3, 1, 0),
            denominator=5,
            voters_present=4,
            quorum_met=True,
            passed=True,
            share_for=Fraction(3, 5),
        ),
        id="4 full present + attached here: 1 unexcused, 1 excused, 1 probationary "
        "present, attached counted; 3 for",
    ),
    pytest.param(
        roll(present=6, unexcused=3),
        # quorum 2/3: denominator 9, voters 6 ≥ 2/3 × 9 = 6 → met; 5 > 4.5 → passes
        *vote(
            "quorum 2/3",
            (5, 1, 0),
            denominator=9,
            voters_present=6,
            quorum_met=True,
            passed=True,
            share_for=Fraction(5, 9),
        ),
        id="9 full summoned: 6 present, 3 unexcused, quorum 2/3; 5 for -> quorum met, passes",
    ),
    pytest.param(
        roll(present=5, unexcused=4),
        # quorum 2/3: denominator 9, voters 5 < 6 → not met; 5 > 4.5 but fails for quorum
        *vote(
            "quorum 2/3",
            (5, 0, 0),
            denominator=9,
            voters_present=5,
            quorum_met=False,
            passed=False,
            share_for=Fraction(5, 9),
        ),
        id="9 full summoned: 5 present, 4 unexcused, quorum 2/3; 5 for -> no quorum, fails",
    ),
    pytest.param(
        roll(present=5, unexcused=4),
        # national (no quorum): denominator 9, voters 5; 5 > 4.5 → passes
        *vote(
            "national",
            (5, 0, 0),
            denominator=9,
            voters_present=5,
            quorum_met=True,
            passed=True,
            share_for=Fraction(5, 9),
        ),
        id="9 full summoned: 5 present, 4 unexcused, national; 5 for -> passes",
    ),
    pytest.param(
        roll(present=7, unexcused=3),
        # quorum 2/3: denominator 10, 2/3 × 10 = 6⅔; voters 7 ≥ 6⅔ → met; 6 > 5 → passes
        *vote(
            "quorum 2/3",
            (6, 1, 0),
            denominator=10,
            voters_present=7,
            quorum_met=True,
            passed=True,
            share_for=Fraction(3, 5),
        ),
        id="10 full summoned: 7 present, 3 unexcused, quorum 2/3; 6 for -> passes",
    ),
    pytest.param(
        roll(present=6, unexcused=4),
        # quorum 2/3: denominator 10, voters 6 < 6⅔ → not met; 6 > 5 but fails
        *vote(
            "quorum 2/3",
            (6, 0, 0),
            denominator=10,
            voters_present=6,
            quorum_met=False,
            passed=False,
            share_for=Fraction(3, 5),
        ),
        id="10 full summoned: 6 present, 4 unexcused, quorum 2/3; 6 for -> no quorum, fails",
    ),
    pytest.param(
        roll(excused=3, prob_present=2),
        # denominator = 3 − 3 excused = 0; voters 0 → cannot pass; share None
        *vote(
            "national",
            (0, 0, 0),
            denominator=0,
            voters_present=0,
            quorum_met=True,
            passed=False,
            share_for=None,
        ),
        id="3 full summoned all excused + 2 probationary present: denominator 0",
    ),
    pytest.param(
        roll(excused=3),
        # quorum 2/3 of 0 = 0, voters 0 ≥ 0 → met; denominator 0 → fails; share None
        *vote(
            "quorum 2/3",
            (0, 0, 0),
            denominator=0,
            voters_present=0,
            quorum_met=True,
            passed=False,
            share_for=None,
        ),
        id="3 full summoned all excused, quorum 2/3: denominator 0",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("on", "code"), NATIONAL)
@pytest.mark.parametrize(("rows", "rule_set_name", "expected"), VOTE_TABLE)
def test_vote_result(on, code, rows, rule_set_name, expected):
    # rule VOTE-1 (more than half), VOTE-2 (denominator, quorum), ATT-1 (attached here), ATT-3
    rule_sets = rule_set_variants(on)
    assert rule_sets["national"].code == code
    result = vote_result(
        rows,
        rule_sets[rule_set_name],
        votes_for=expected.votes_for,
        votes_against=expected.votes_against,
        votes_abstain=expected.votes_abstain,
    )
    assert dataclasses.asdict(result) == dataclasses.asdict(expected)
    if expected.share_for is not None:
        assert isinstance(result.share_for, Fraction)
    assert voting_base(rows, rule_sets[rule_set_name]) == (
        expected.denominator,
        expected.voters_present,
    )


TOO_MANY_TABLE = [
    pytest.param(
        roll(present=5, prob_present=3),
        "national",
        (5, 1, 0),
        # voters = 5 full present (probationary do not vote); cast = 5 + 1 = 6 > 5
        6,
        5,
        id="5 full + 3 probationary present; 6 votes (a probationary member voted)",
    ),
    pytest.param(
        roll(present=4, here_present=2),
        "national",
        (4, 1, 1),
        # attached here not counted by default: voters 4; cast = 4 + 1 + 1 = 6 > 4
        6,
        4,
        id="4 full present + 2 attached here present, national; 6 votes",
    ),
    pytest.param(
        roll(present=3, unexcused=3),
        "national",
        (3, 1, 0),
        # unexcused absentees are in the denominator but cannot vote: voters 3; cast 4 > 3
        4,
        3,
        id="3 present, 3 unexcused; 4 votes",
    ),
    pytest.param(
        roll(present=2, exempted_absent=2),
        "quorum 2/3",
        (2, 0, 1),
        # exempted absentees do not vote: voters 2; cast 2 + 0 + 1 = 3 > 2
        3,
        2,
        id="2 present, 2 exempted absent, quorum 2/3; 3 votes",
    ),
    pytest.param(
        roll(present=4, here_present=2, prob_present=1),
        "attached counted",
        (5, 1, 1),
        # attached counted: voters 4 + 2 = 6 (probationary out); cast 5 + 1 + 1 = 7 > 6
        7,
        6,
        id="4 full + 2 attached here + 1 probationary present, attached counted; 7 votes",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("rows", "rule_set_name", "votes", "cast", "voters"), TOO_MANY_TABLE)
def test_too_many_votes(rows, rule_set_name, votes, cast, voters):
    # rule VOTE-2 (who may vote), ATT-3 (probationary members do not vote)
    rule_set = rule_set_variants(datetime.date(2026, 3, 5))[rule_set_name]
    votes_for, votes_against, votes_abstain = votes
    with pytest.raises(TooManyVotes) as raised:
        vote_result(
            rows,
            rule_set,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
        )
    assert isinstance(raised.value, ValueError)
    assert raised.value.cast == cast
    assert raised.value.voters_present == voters


@pytest.mark.django_db
@pytest.mark.parametrize(("on", "code"), NATIONAL)
def test_national_vote_values(on, code):
    # rule VOTE-1 (more than half), VOTE-2 (no quorum by default), ATT-1 (attached not counted)
    shipped = rules_in_force(on)
    assert shipped.code == code
    assert shipped["vote_pass_share"] == "1/2"
    assert shipped["vote_quorum_share"] is None
    assert shipped["attached_in_vote_denominator"] is False


# --- properties over random rosters ---------------------------------------------------------


@st.composite
def members(draw, *, full=None, statuses=tuple(S)) -> SimpleNamespace:
    """Any consistent roll-call row: members attached here are expected (present/absent);
    an exempted member is either present (flagged) or absent with status EXEMPTED."""
    status = draw(st.sampled_from(statuses))
    here = status in EXPECTED and draw(st.booleans())
    exempted = status == S.PRESENT and not here and draw(st.booleans())
    is_full = draw(st.booleans()) if full is None else full
    return member(status, full=is_full, exempted=exempted, attached_here=here)


rosters = st.lists(members(), max_size=30)
variant_names = st.sampled_from(["national", "quorum 2/3", "attached counted"])


def inserted(roster: list, position: int, row) -> list:
    """A copy of `roster` with `row` inserted at `position` (modulo its length + 1)."""
    position %= len(roster) + 1
    return roster[:position] + [row] + roster[position:]


@settings(deadline=None)  # database reads make timing vary under load
@given(roster=rosters, absentee=members(statuses=ABSENT_EXPECTED), position=st.integers(0, 30))
def test_marking_an_absentee_present_never_lowers_the_rate(roster, absentee, position):
    # rule ATT-1
    before_rows = inserted(roster, position, absentee)
    after_rows = inserted(
        roster, position, SimpleNamespace(**{**vars(absentee), "status": S.PRESENT})
    )
    before, after = attendance_figures(before_rows), attendance_figures(after_rows)
    assert after.expected == before.expected
    assert after.present == before.present + 1
    assert after.rate >= before.rate


@pytest.mark.django_db
@settings(deadline=None)  # database reads make timing vary under load
@given(
    roster=rosters,
    full=st.booleans(),
    position=st.integers(0, 30),
    variant=variant_names,
)
def test_an_exempted_absentee_is_never_counted(roster, full, position, variant):
    # rule ATT-1 (members on the roll − exempted), VOTE-2 (− exempted members who are absent)
    rule_set = rule_set_variants(datetime.date(2026, 3, 5))[variant]
    with_absentee = inserted(roster, position, member(S.EXEMPTED, full=full))
    before, after = attendance_figures(roster), attendance_figures(with_absentee)
    assert (after.expected, after.present, after.rate) == (
        before.expected,
        before.present,
        before.rate,
    )
    assert after.exempted == before.exempted + 1
    assert after.on_roll == before.on_roll + 1
    assert voting_base(with_absentee, rule_set) == voting_base(roster, rule_set)


@pytest.mark.django_db
@settings(deadline=None)  # database reads make timing vary under load
@given(roster=rosters, variant=variant_names)
def test_vote_denominator_is_at_least_the_voters_present(roster, variant):
    # rule VOTE-2
    rule_set = rule_set_variants(datetime.date(2026, 3, 5))[variant]
    denominator, voters = voting_base(roster, rule_set)
    assert 0 <= voters <= denominator
    # every voter present may vote for: the vote is then valid and passes iff the
    # voters present are more than half the denominator (VOTE-1) and meet any quorum
    result = vote_result(roster, rule_set, votes_for=voters)
    assert result.passed == (result.quorum_met and 2 * voters > denominator)


@pytest.mark.django_db
@settings(deadline=None)  # database reads make timing vary under load
@given(
    roster=rosters,
    probationary=members(full=False),
    position=st.integers(0, 30),
    variant=variant_names,
)
def test_a_probationary_member_never_changes_the_vote_base(roster, probationary, position, variant):
    # rule ATT-3 (probationary members do not vote), VOTE-2 (full members summoned)
    rule_set = rule_set_variants(datetime.date(2026, 3, 5))[variant]
    with_probationary = inserted(roster, position, probationary)
    assert voting_base(with_probationary, rule_set) == voting_base(roster, rule_set)
