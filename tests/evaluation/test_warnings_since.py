"""A warning is dated from the first day its condition held (`detect.condition_since`), so
the list's "longest waiting first" is true even for conditions found by a later run."""

import datetime

import pytest

from chibo.evaluation.detect import Condition, condition_since
from chibo.evaluation.models import WarningKind as W

D = datetime.date
TODAY = D(2026, 11, 30)


@pytest.mark.parametrize(
    "kind, key, facts, since",
    [
        # FREQ-1: August missed → since 1 September
        (W.MISSED_MONTH, "2026-08", {"year": 2026, "month": 8}, D(2026, 9, 1)),
        (W.MISSED_MONTH, "2025-12", {"year": 2025, "month": 12}, D(2026, 1, 1)),
        # THEM-1: quarter 3 short → since 1 October
        (W.THEMATIC_QUARTER, "2026-Q3", {"year": 2026, "quarter": 3}, D(2026, 10, 1)),
        # MIN-3: held 02/11, 7 days allowed → late from 10/11
        (W.MINUTES_LATE, "1", {"date": "2026-11-02", "limit": 7}, D(2026, 11, 10)),
        (W.ASSIGNMENT_OVERDUE, "1", {"deadline": "2026-10-31"}, D(2026, 11, 1)),
        # MEM-1: probation ends 20/11 → vote overdue from 21/11; ends 20/12, 30 days' notice
        (W.PROBATION_OVERDUE, "1", {"ends_on": "2026-11-20"}, D(2026, 11, 21)),
        (W.PROBATION_ENDING, "1", {"ends_on": "2026-12-20", "lead": 30}, D(2026, 11, 20)),
        # MEM-2: exempted 14/04/2024, reviewed every 12 months, 2 periods run out → 14/04/2026
        (
            W.EXEMPTION_OLD,
            "7:2",
            {"start": "2024-04-14", "period": 12, "periods": 2},
            D(2026, 4, 14),
        ),
        # QUAL-1: the latest of the weak meetings (facts list them oldest first)
        (
            W.WEAK_MEETINGS,
            "9",
            {"meetings": [{"date": "2026-09-03"}, {"date": "2026-10-02"}, {"date": "2026-11-02"}]},
            D(2026, 11, 2),
        ),
        # no date in the facts: the day it was found
        (W.REMOVAL_REVIEW, "1:2026", {"months": [3, 5, 9]}, TODAY),
        (W.FEW_FULL_MEMBERS, "cell", {"full": 2}, TODAY),
    ],
)
def test_condition_since(kind, key, facts, since):
    assert condition_since(Condition(1, kind, key, facts), TODAY) == since


def test_never_after_today():
    late = Condition(1, W.PROBATION_ENDING, "1", {"ends_on": "2027-01-30", "lead": 30})
    assert condition_since(late, TODAY) == TODAY  # 31/12/2026 is still ahead
