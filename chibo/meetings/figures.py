"""Roll-call figures and vote validity, computed from attendance rows and a rule set.

Pure functions over plain values (no queries), so the rules can be tested row by row.
Sources: RULES.md ATT-0, ATT-1, ATT-3, VOTE-1, VOTE-2 (Hướng dẫn 12-HD/BTCTW 2018,
Điều lệ Đảng); the switches and shares come from the rule set in force (core.rules).
"""

import dataclasses
from collections.abc import Iterable
from fractions import Fraction

from chibo.core.rules import share
from chibo.meetings.models import EXPECTED_STATUSES, AttendanceStatus


@dataclasses.dataclass(frozen=True)
class AttendanceFigures:
    """The roll-call figures of one meeting (the numbers of the minutes and attendance sheet).

    Counts are of members: `on_roll` those on the cell's roll (members attached here are
    counted apart in `attached_here`); `full`/`probationary` split `on_roll`; `exempted`,
    `attached_elsewhere`, `special_duty` count the absent members of each such status (an
    exempted member who attends is present, rule ATT-1); `expected` is the ATT-1 denominator;
    `rate` is present ÷ expected as a Fraction (None when nobody is expected).
    """

    on_roll: int
    full: int
    probationary: int
    exempted: int
    attached_elsewhere: int
    special_duty: int
    attached_here: int
    expected: int
    present: int
    excused: int
    unexcused: int
    rate: Fraction | None

    @property
    def percent(self) -> float | None:
        """The rate as a percentage (float), None when nobody is expected."""
        return None if self.rate is None else float(self.rate * 100)


def attendance_figures(rows: Iterable) -> AttendanceFigures:
    """Roll-call figures from attendance rows (rule ATT-1).

    `rows` are `Attendance` objects or anything with `status`, `full` and `attached_here`.
    Rate = present ÷ (members on the roll − exempted − attached elsewhere − special duty):
    only members whose status is present / excused / unexcused are expected, so an exempted
    member who attends is in both numerator and denominator; members attached to this cell
    from elsewhere are expected here and count in its rate (ATT-1, receiving cell).
    """
    rows = list(rows)
    own = [r for r in rows if not r.attached_here]
    count = lambda status: sum(1 for r in rows if r.status == status)  # noqa: E731
    expected = sum(1 for r in rows if r.status in EXPECTED_STATUSES)
    present = count(AttendanceStatus.PRESENT)
    full = sum(1 for r in own if r.full)
    return AttendanceFigures(
        on_roll=len(own),
        full=full,
        probationary=len(own) - full,
        exempted=count(AttendanceStatus.EXEMPTED),
        attached_elsewhere=count(AttendanceStatus.ATTACHED_ELSEWHERE),
        special_duty=count(AttendanceStatus.SPECIAL_DUTY),
        attached_here=len(rows) - len(own),
        expected=expected,
        present=present,
        excused=count(AttendanceStatus.EXCUSED),
        unexcused=count(AttendanceStatus.UNEXCUSED),
        rate=Fraction(present, expected) if expected else None,
    )


@dataclasses.dataclass(frozen=True)
class VoteResult:
    """The validity of a vote on a resolution (rules VOTE-1, VOTE-2).

    `denominator` is the voting base; `voters_present` the members present who may vote;
    `cast` the votes recorded; `passed` whether votes for exceed the rule set's share of the
    denominator (and the quorum, when the rule set has one, is met); `share_for` is votes for
    ÷ denominator (None when the denominator is 0).
    """

    denominator: int
    voters_present: int
    votes_for: int
    votes_against: int
    votes_abstain: int
    cast: int
    quorum_met: bool
    passed: bool
    share_for: Fraction | None


class TooManyVotes(ValueError):
    """More votes were recorded than members present who may vote."""

    def __init__(self, cast: int, voters_present: int):
        super().__init__(f"{cast} votes for {voters_present} voters present")
        self.cast = cast
        self.voters_present = voters_present


def voting_base(rows: Iterable, rule_set) -> tuple[int, int]:
    """(denominator, voters present) of a vote from attendance rows (rule VOTE-2).

    Denominator = full members summoned − attached elsewhere − exempted absent − absent with
    an approved reason (excused, special duty): the full members present or absent without
    reason. Members attached here count only when the rule set's
    `attached_in_vote_denominator` is true (ATT-1; default not). Probationary members do not
    vote (ATT-3). Suspended members are not recorded in chibo yet, so none is subtracted.
    """
    counted = {AttendanceStatus.PRESENT, AttendanceStatus.UNEXCUSED}
    with_attached = bool(rule_set["attached_in_vote_denominator"])
    voters = [r for r in rows if r.full and (with_attached or not r.attached_here)]
    denominator = sum(1 for r in voters if r.status in counted)
    present = sum(1 for r in voters if r.status == AttendanceStatus.PRESENT)
    return denominator, present


def vote_result(
    rows: Iterable, rule_set, *, votes_for: int, votes_against: int = 0, votes_abstain: int = 0
) -> VoteResult:
    """Validity of a vote on a resolution (rules VOTE-1, VOTE-2).

    Passes when votes for > `vote_pass_share` × denominator and, if the rule set has a
    `vote_quorum_share`, the voters present reach that share of the denominator.
    Raises TooManyVotes when for + against + abstain exceeds the voters present.
    """
    rows = list(rows)
    denominator, present = voting_base(rows, rule_set)
    cast = votes_for + votes_against + votes_abstain
    if cast > present:
        raise TooManyVotes(cast, present)
    quorum = share(rule_set["vote_quorum_share"])
    quorum_met = quorum is None or present >= quorum * denominator
    pass_share = share(rule_set["vote_pass_share"])
    passed = denominator > 0 and quorum_met and votes_for > pass_share * denominator
    return VoteResult(
        denominator=denominator,
        voters_present=present,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        cast=cast,
        quorum_met=quorum_met,
        passed=passed,
        share_for=Fraction(votes_for, denominator) if denominator else None,
    )
