"""A small fixed dataset for the reports engine, with every indicator worked out by hand.

`make_report_dataset()` adds to `tests.factories.make_tree()` the records of April to
November 2026 (TODAY = 15/11/2026, under rule set HD42-2025: attendance_good_percent 85,
thematic_per_quarter 1, minutes_adopt_days 7), the early warnings of some cells, and
refreshes the roll-ups as of TODAY. Records are ORM rows (the roll-up reads stored rows;
commit callbacks never run inside a test, so no signal refreshes anything here).

The records, cell by cell (P present, E excused, U unexcused; X exempted, A attached
elsewhere, S special duty: not expected, rule ATT-1). Ratings: self / superior (the final one
is the superior's when given, else the cell's own: QUAL-3). "adopted +n" = minutes adopted n
days after the meeting (on time when n ≤ 7, MIN-3).

Cell A1 (Bản Chợ; members An, Bích, Cường, Lan of its party group; Em X, Phúc A, Giang S):
  26/03 committee meeting, adopted, roll U U U U        (not a record: A1 judged from 04/2026)
  09/04 combined adopted +3   P P P P X   self good        self-criticism   T1
  14/05 regular  adopted +11  P P P U     fair / average
  11/06 regular  adopted +4   P P P P                                       T2
  09/07 regular  adopted +7   P E P P A S X  good / fair   criticism        T3 T4
  13/08 regular  cancelled                                  (08/2026 missed)
  20/08 thematic submitted    P P U P     self average     self-criticism (thematic: not
                                                           counted)          T5
  10/09 regular  draft        P P P P
  08/10 combined adopted +12  P P U E     good / good      self-criticism   T6 T7 T8
  25/10 committee meeting, adopted, roll U U, self-criticism (ignored)
  05/11 regular  submitted    P P P P
  Tasks (deadline, outcome): T1 31/05 done 20/05 (on time); T2 30/06 done 03/07 (late);
  T3 31/07 done 31/07 (on time); T4 31/08 not done; T5 15/09 done 10/09; T6 31/10 open
  (overdue); T7 15/11 open (due today: not yet due); T8 31/12 open.
Cell A2 (Chiêm Hóa; Dũng, Hải, Hương), judged from 07/2026 (its first record):
  02/07 regular  adopted +7   P P P       fair             self-criticism
  06/08 regular  adopted +8   P U P       poor / poor                       T9
  03/09 regular  adopted +2   P P E       good / fair
  (no thematic meeting in Q3: quarter short)
  01/10 thematic adopted +7   P P P       (10/2026 missed: no regular meeting)
  29/10 regular  planned (never recorded); 20/11 regular planned (after today)
  T9 31/08 done 30/08 (on time).
Cell B1 (Đồng Chùa, commune B; An, Hoa, Khoa), judged from 08/2026 (its first record):
  12/08 combined adopted +7   P P P       good             self-criticism   T10
  17/09 regular  planned, never held                       (09/2026 missed)
  15/10 regular  draft        P U P
  T10 30/09 done 02/10 (late).

Early warnings (open on a day d when detected_on ≤ d and not resolved on or before d):
  W1 A1 missed_month 2026-08        detected 01/09, open
  W2 A1 removal_review Cường        detected 15/09, resolved 10/10
  W3 A1 probation_ending            detected 01/06, resolved 30/09 (not open on 30/09)
  W4 A2 thematic_quarter 2026-Q3    detected 01/10, open
  W5 A2 missed_month 2026-10        detected 01/11, open (after every period judged here)
  W6 B1 missed_month 2026-09        detected 01/10, open
  W7 B1 probation_overdue           detected 15/08, resolved 20/08
  W8 A1 probation_overdue           detected 20/09, open
Warnings are counted on the period's last day: 30/06 (Q2), 30/09 (Q3, 09/2026), 31/10 (10/2026).
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import timezone

from chibo.core.models import RuleSet
from chibo.evaluation.models import EarlyWarning, Rating, ScoreSheet
from chibo.meetings.models import Assignment, Attendance, Meeting, Speech
from chibo.reports.periods import Period
from chibo.reports.rollup import rollups_refresh
from tests.factories import make_member, make_tree

D = datetime.date
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = D(2026, 11, 15)
Q2 = Period("quarter", D(2026, 4, 1), D(2026, 6, 1))
Q3 = Period("quarter", D(2026, 7, 1), D(2026, 9, 1))
M9 = Period("month", D(2026, 9, 1), D(2026, 9, 1))
M10 = Period("month", D(2026, 10, 1), D(2026, 10, 1))
PERIODS = {p.slug: p for p in (Q2, Q3, M9, M10)}

#: Roll-call statuses by letter; the flags copied on the row for the non-expected ones.
STATUS = {
    "P": ("present", {}),
    "E": ("excused", {}),
    "U": ("unexcused", {}),
    "X": ("exempted", {"exempted": True}),
    "A": ("attached_elsewhere", {"attached_elsewhere": True}),
    "S": ("special_duty", {"special_duty": True}),
}


def meeting(
    cell,
    day,
    kind="regular",
    status="adopted",
    *,
    adopted_days=None,
    roll=(),
    levels=(None, None),
    speech=None,
    tasks=(),
):
    """A meeting of `cell` on `day` with its records (ORM rows).

    `adopted_days`: minutes adopted that many days later (10:00 local time); `roll`: pairs
    (member, status letter of STATUS); `levels`: (self level, superior level), None for no
    rating (the final one is the superior's when given, else the self one, as
    `evaluation.services.ratings.rating_save` marks it); `speech`: a SpeechKind value;
    `tasks`: (deadline, status, done_on) assignments made at the meeting.
    """
    adopted_at = None
    if adopted_days is not None:
        adopted_at = datetime.datetime.combine(
            day + datetime.timedelta(days=adopted_days), datetime.time(10), tzinfo=TZ
        )
    m = Meeting.objects.create(unit=cell, kind=kind, status=status, date=day, adopted_at=adopted_at)
    for member, letter in roll:
        value, flags = STATUS[letter]
        Attendance.objects.create(meeting=m, member=member, status=value, **flags)
    self_level, superior_level = levels
    if self_level:
        rate(m, "self", self_level, is_final=superior_level is None)
    if superior_level:
        rate(m, "superior", superior_level, is_final=True)
    if speech:
        Speech.objects.create(meeting=m, kind=speech, content="Tự phê bình và phê bình.")
    for n, (deadline, task_status, done_on) in enumerate(tasks, 1):
        Assignment.objects.create(
            unit=cell,
            meeting=m,
            title=f"Nhiệm vụ {n}",
            deadline=deadline,
            status=task_status,
            done_on=done_on,
        )
    return m


def rate(m, column, level, *, is_final):
    """A stored rating of meeting `m` (ORM only; the level is given, not scored)."""
    return Rating.objects.create(
        meeting=m,
        column=column,
        sheet=ScoreSheet.objects.get(code="QUAL2-VD"),
        rule_set=RuleSet.objects.get(code="HD42-2025"),
        total=80,
        maximum=100,
        level=level,
        is_final=is_final,
        rated_at=timezone.now(),
    )


def warning(unit, kind, key, detected_on, resolved_on=None):
    """A stored early warning (ORM only)."""
    return EarlyWarning.objects.create(
        unit=unit, kind=kind, key=key, detected_on=detected_on, resolved_on=resolved_on
    )


def make_report_dataset() -> SimpleNamespace:
    """The tree of `make_tree` with the records and warnings of the module docstring, and
    the roll-ups refreshed as of TODAY. Returns the tree's namespace with the meetings
    (`a1_04` … `b1_10`), `TODAY`, the periods (`Q2`, `Q3`, `M9`, `M10`) and `EXPECTED`."""
    t = make_tree()
    a1, a2, b1 = t.cell_a1, t.cell_a2, t.cell_b1
    t.em_a1 = make_member(a1, "Đỗ Văn Em")
    t.phuc_a1 = make_member(a1, "Ngô Văn Phúc")
    t.giang_a1 = make_member(a1, "Hà Thị Giang")
    t.hai_a2 = make_member(a2, "Trịnh Văn Hải")
    t.huong_a2 = make_member(a2, "Mai Thị Hương")
    t.khoa_b1 = make_member(b1, "Lý Văn Khoa")
    four = (t.an_a1, t.bich_a1, t.cuong_a1, t.lan_group)
    three_a2 = (t.dung_a2, t.hai_a2, t.huong_a2)
    three_b1 = (t.an_b1, t.hoa_b1, t.khoa_b1)

    def roll(members, letters, extra=()):
        return [*zip(members, letters, strict=True), *extra]

    # Cell A1.
    t.a1_committee_03 = meeting(a1, D(2026, 3, 26), "committee", roll=roll(four, "UUUU"))
    t.a1_04 = meeting(
        a1, D(2026, 4, 9), "combined", adopted_days=3,
        roll=roll(four, "PPPP", [(t.em_a1, "X")]), levels=("good", None),
        speech="self_criticism", tasks=[(D(2026, 5, 31), "done", D(2026, 5, 20))],
    )  # fmt: skip
    t.a1_05 = meeting(
        a1, D(2026, 5, 14), adopted_days=11, roll=roll(four, "PPPU"),
        levels=("fair", "average"),
    )  # fmt: skip
    t.a1_06 = meeting(
        a1, D(2026, 6, 11), adopted_days=4, roll=roll(four, "PPPP"),
        tasks=[(D(2026, 6, 30), "done", D(2026, 7, 3))],
    )  # fmt: skip
    t.a1_07 = meeting(
        a1, D(2026, 7, 9), adopted_days=7,
        roll=roll(four, "PEPP", [(t.phuc_a1, "A"), (t.giang_a1, "S"), (t.em_a1, "X")]),
        levels=("good", "fair"), speech="criticism",
        tasks=[(D(2026, 7, 31), "done", D(2026, 7, 31)), (D(2026, 8, 31), "not_done", None)],
    )  # fmt: skip
    t.a1_08_cancelled = meeting(a1, D(2026, 8, 13), status="cancelled")
    t.a1_08 = meeting(
        a1, D(2026, 8, 20), "thematic", "submitted", roll=roll(four, "PPUP"),
        levels=("average", None), speech="self_criticism",
        tasks=[(D(2026, 9, 15), "done", D(2026, 9, 10))],
    )  # fmt: skip
    t.a1_09 = meeting(a1, D(2026, 9, 10), status="draft", roll=roll(four, "PPPP"))
    t.a1_10 = meeting(
        a1, D(2026, 10, 8), "combined", adopted_days=12, roll=roll(four, "PPUE"),
        levels=("good", "good"), speech="self_criticism",
        tasks=[(D(2026, 10, 31), "open", None), (D(2026, 11, 15), "open", None),
               (D(2026, 12, 31), "open", None)],
    )  # fmt: skip
    t.a1_committee_10 = meeting(
        a1, D(2026, 10, 25), "committee", roll=roll(four[:2], "UU"), speech="self_criticism"
    )
    t.a1_11 = meeting(a1, D(2026, 11, 5), status="submitted", roll=roll(four, "PPPP"))

    # Cell A2.
    t.a2_07 = meeting(
        a2, D(2026, 7, 2), adopted_days=7, roll=roll(three_a2, "PPP"), levels=("fair", None),
        speech="self_criticism",
    )  # fmt: skip
    t.a2_08 = meeting(
        a2, D(2026, 8, 6), adopted_days=8, roll=roll(three_a2, "PUP"), levels=("poor", "poor"),
        tasks=[(D(2026, 8, 31), "done", D(2026, 8, 30))],
    )  # fmt: skip
    t.a2_09 = meeting(
        a2, D(2026, 9, 3), adopted_days=2, roll=roll(three_a2, "PPE"), levels=("good", "fair")
    )
    t.a2_10 = meeting(a2, D(2026, 10, 1), "thematic", adopted_days=7, roll=roll(three_a2, "PPP"))
    t.a2_10_planned = meeting(a2, D(2026, 10, 29), status="planned")
    t.a2_11_planned = meeting(a2, D(2026, 11, 20), status="planned")

    # Cell B1 (commune B).
    t.b1_08 = meeting(
        b1, D(2026, 8, 12), "combined", adopted_days=7, roll=roll(three_b1, "PPP"),
        levels=("good", None), speech="self_criticism",
        tasks=[(D(2026, 9, 30), "done", D(2026, 10, 2))],
    )  # fmt: skip
    t.b1_09_planned = meeting(b1, D(2026, 9, 17), status="planned")
    t.b1_10 = meeting(b1, D(2026, 10, 15), status="draft", roll=roll(three_b1, "PUP"))

    # Early warnings W1 … W8.
    warning(a1, "missed_month", "2026-08", D(2026, 9, 1))
    warning(a1, "removal_review", f"{t.cuong_a1.pk}", D(2026, 9, 15), D(2026, 10, 10))
    warning(a1, "probation_ending", f"{t.lan_group.pk}", D(2026, 6, 1), D(2026, 9, 30))
    warning(a2, "thematic_quarter", "2026-Q3", D(2026, 10, 1))
    warning(a2, "missed_month", "2026-10", D(2026, 11, 1))
    warning(b1, "missed_month", "2026-09", D(2026, 10, 1))
    warning(b1, "probation_overdue", f"{t.khoa_b1.pk}", D(2026, 8, 15), D(2026, 8, 20))
    warning(a1, "probation_overdue", f"{t.bich_a1.pk}", D(2026, 9, 20))

    rollups_refresh(today=TODAY)
    t.TODAY = TODAY
    t.Q2, t.Q3, t.M9, t.M10 = Q2, Q3, M9, M10
    t.PERIODS = PERIODS
    t.EXPECTED = EXPECTED
    return t


# --------------------------------------------------------------------------------------------
# Expected figures, by hand. Shares print with one decimal, rounded half up ("66,7%");
# ratios with one decimal ("0,7"); "—" when there is nothing to divide by.

#: Every indicator of a unit and period without any record or warning.
NOTHING = {
    "months_held": "—", "months_missed": "0", "thematic_quota": "—", "thematic_held": "0",
    "attendance_mean": "—", "attendance_over": "—", "unexcused": "0",
    "final_good": "—", "final_fair": "—", "final_average": "—", "final_poor": "—",
    "self_good": "—", "self_fair": "—", "self_average": "—", "self_poor": "—", "unrated": "0",
    "minutes_on_time": "—", "assignments_per_meeting": "—", "tasks_on_time": "—",
    "self_criticism": "—",
    "warnings_open": "0", "removal_review": "0", "probation_due": "0",
    "warning_missed_month": "0", "warning_thematic_quarter": "0", "warning_minutes_late": "0",
    "warning_removal_review": "0", "warning_probation_ending": "0",
    "warning_probation_overdue": "0", "warning_few_full_members": "0",
    "warning_assignment_overdue": "0", "warning_exemption_old": "0",
    "warning_weak_meetings": "0",
}  # fmt: skip


def _fig(base=NOTHING, **texts) -> dict[str, str]:
    """`base` with the given indicator texts replaced (an unknown code is a typo: error)."""
    unknown = set(texts) - set(NOTHING)
    assert not unknown, unknown
    return {**base, **texts}


def _levels(prefix: str, good: str, fair: str, average: str, poor: str) -> dict[str, str]:
    return {f"{prefix}_good": good, f"{prefix}_fair": fair, f"{prefix}_average": average,
            f"{prefix}_poor": poor}  # fmt: skip


ZERO_LEVELS = ("0,0%", "0,0%", "0,0%", "0,0%")

# Warnings open on 30/06: W3 (A1 probation_ending).
W_JUN30_A1 = dict(warnings_open="1", probation_due="1", warning_probation_ending="1")
# On 30/09: W1 (A1 missed_month), W2 (A1 removal_review, resolved 10/10), W8 (A1
# probation_overdue); W3 resolved that day, W4/W6 detected 01/10, W7 resolved 20/08.
W_SEP30_A1 = dict(
    warnings_open="3", removal_review="1", probation_due="1", warning_missed_month="1",
    warning_removal_review="1", warning_probation_overdue="1",
)  # fmt: skip
# On 31/10: W1, W8 (A1); W4 (A2 thematic_quarter); W6 (B1 missed_month). W2 resolved 10/10,
# W5 detected 01/11.
W_OCT31_A1 = dict(
    warnings_open="2", probation_due="1", warning_missed_month="1", warning_probation_overdue="1"
)
W_OCT31_A2 = dict(warnings_open="1", warning_thematic_quarter="1")
W_OCT31_B1 = dict(warnings_open="1", warning_missed_month="1")
W_OCT31_COMMUNE_A = dict(  # A1 + A2
    warnings_open="3", probation_due="1", warning_missed_month="1",
    warning_thematic_quarter="1", warning_probation_overdue="1",
)  # fmt: skip
W_OCT31_PROVINCE = dict(  # A1 + A2 + B1
    warnings_open="4", probation_due="1", warning_missed_month="2",
    warning_thematic_quarter="1", warning_probation_overdue="1",
)  # fmt: skip

EXPECTED: dict[tuple[str, str], dict[str, str]] = {}

# ---- Q2/2026 (04–06): only A1 has records (A2 judged from 07, B1 from 08).
# months: 04, 05, 06 held → 3/3; quarter Q2 (04 ≥ judged 04): 1 combined ≥ 1 → 1/1;
# thematic: the combined 09/04 → 1; held 3, regular 3; attendance 4/4 + 3/4 + 4/4 = 2,75 →
# 2,75/3 = 91,67%; over 85%: 09/04, 11/06 → 2/3; unexcused 1 (Lan 14/05); self: good, fair →
# 1/2, 1/2; final: good (self 09/04), average (superior 14/05) → 1/2, 1/2; unrated 3 − 2 = 1;
# minutes: +3 ✓, +11 ✗, +4 ✓ → 2/3; assignments T1, T2 / 3 meetings = 0,67 → 0,7; tasks due
# in 05–06: T1 ✓, T2 ✗ (03/07 > 30/06) → 1/2; self-criticism: 09/04 of 3 regular → 1/3.
A1_Q2 = _fig(
    months_held="100,0%", thematic_quota="100,0%", thematic_held="1",
    attendance_mean="91,7%", attendance_over="66,7%", unexcused="1",
    **_levels("final", "50,0%", "0,0%", "50,0%", "0,0%"),
    **_levels("self", "50,0%", "50,0%", "0,0%", "0,0%"), unrated="1",
    minutes_on_time="66,7%", assignments_per_meeting="0,7", tasks_on_time="50,0%",
    self_criticism="33,3%", **W_JUN30_A1,
)  # fmt: skip
for unit in ("cell_a1", "commune_a", "province"):
    EXPECTED[(unit, "2026-Q2")] = A1_Q2
for unit in ("cell_a2", "cell_b1", "commune_b"):
    EXPECTED[(unit, "2026-Q2")] = NOTHING

# ---- Q3/2026 (07–09).
# A1: months 07 ✓, 08 ✗ (cancelled; the thematic is not regular), 09 ✓ (draft = held) →
# 2/3, missed 1; Q3: 1 thematic (20/08) ≥ 1 → 1/1; held 3 (07, 08, 09), regular 2;
# attendance 3/4 + 3/4 + 4/4 = 2,5 → 2,5/3 = 83,33%; over: 09 only → 1/3; unexcused 1 (Cường
# 20/08); self good, average → 1/2, 1/2; final fair (superior), average (self) → 1/2, 1/2;
# unrated 3 − 2 = 1; minutes: 09/07 +7 ✓, 20/08 submitted (87 days) ✗, 10/09 draft (66
# days) ✗ → 1/3; assignments T3, T4, T5 / 3 = 1,0; tasks due: T3 ✓ (07), T4 ✗ (08), T5 ✓
# (09) → 2/3; self-criticism: 09/07 (criticism) of regular 09/07, 10/09 → 1/2.
EXPECTED[("cell_a1", "2026-Q3")] = _fig(
    months_held="66,7%", months_missed="1", thematic_quota="100,0%", thematic_held="1",
    attendance_mean="83,3%", attendance_over="33,3%", unexcused="1",
    **_levels("final", "0,0%", "50,0%", "50,0%", "0,0%"),
    **_levels("self", "50,0%", "0,0%", "50,0%", "0,0%"), unrated="1",
    minutes_on_time="33,3%", assignments_per_meeting="1,0", tasks_on_time="66,7%",
    self_criticism="50,0%", **W_SEP30_A1,
)  # fmt: skip
# A2: months 3/3; Q3 (07 ≥ judged 07): 0 thematic → 0/1; held 3, regular 3; attendance
# 3/3 + 2/3 + 2/3 = 7/3 → 7/9 = 77,78%; over: 02/07 → 1/3; unexcused 1; self fair, poor,
# good → 1/3 each; final fair (self), poor, fair → 0, 2/3, 0, 1/3; unrated 0; minutes +7 ✓,
# +8 ✗, +2 ✓ → 2/3; assignments T9 / 3 = 0,33 → 0,3; tasks T9 ✓ → 1/1; self-criticism
# 02/07 → 1/3. No warning open on 30/09.
A2_Q3 = _fig(
    months_held="100,0%", thematic_quota="0,0%", attendance_mean="77,8%",
    attendance_over="33,3%", unexcused="1",
    **_levels("final", "0,0%", "66,7%", "0,0%", "33,3%"),
    **_levels("self", "33,3%", "33,3%", "0,0%", "33,3%"),
    minutes_on_time="66,7%", assignments_per_meeting="0,3", tasks_on_time="100,0%",
    self_criticism="33,3%",
)  # fmt: skip
EXPECTED[("cell_a2", "2026-Q3")] = A2_Q3
# B1 (judged from 08): months 08 ✓, 09 ✗ (planned only) → 1/2, missed 1; Q3 not judged
# (07 < 08) → —; thematic: the combined 12/08 → 1; held 1, regular 1; attendance 3/3 → 100%,
# over 1/1; self good, final good (self) → 1/1; minutes +7 ✓ → 1/1; assignments T10 / 1 =
# 1,0; tasks: T10 due 30/09 done 02/10 ✗ → 0/1; self-criticism 1/1. W7 resolved 20/08.
B1_Q3 = _fig(
    months_held="50,0%", months_missed="1", thematic_held="1", attendance_mean="100,0%",
    attendance_over="100,0%", **_levels("final", "100,0%", *ZERO_LEVELS[1:]),
    **_levels("self", "100,0%", *ZERO_LEVELS[1:]), minutes_on_time="100,0%",
    assignments_per_meeting="1,0", tasks_on_time="0,0%", self_criticism="100,0%",
)  # fmt: skip
EXPECTED[("cell_b1", "2026-Q3")] = EXPECTED[("commune_b", "2026-Q3")] = B1_Q3
# Commune A = A1 + A2: months 5/6 = 83,33%, missed 1; quarters 1/2; thematic 1; held 6,
# regular 5; attendance (2,5 + 7/3)/6 = 29/36 = 80,56%; over (1 + 1)/6 = 33,33%; unexcused 2;
# self (good 1+1, fair 0+1, average 1+0, poor 0+1)/5 = 40%, 20%, 20%, 20%; final (good 0,
# fair 1+2, average 1, poor 1)/5 = 0%, 60%, 20%, 20%; unrated 1 + 0 = 1; minutes (1 + 2)/6 =
# 50%; assignments (3 + 1)/6 = 0,67 → 0,7; tasks (2 + 1)/(3 + 1) = 75%; self-criticism
# (1 + 1)/(2 + 3) = 40%. Warnings: A1's.
EXPECTED[("commune_a", "2026-Q3")] = _fig(
    months_held="83,3%", months_missed="1", thematic_quota="50,0%", thematic_held="1",
    attendance_mean="80,6%", attendance_over="33,3%", unexcused="2",
    **_levels("final", "0,0%", "60,0%", "20,0%", "20,0%"),
    **_levels("self", "40,0%", "20,0%", "20,0%", "20,0%"), unrated="1",
    minutes_on_time="50,0%", assignments_per_meeting="0,7", tasks_on_time="75,0%",
    self_criticism="40,0%", **W_SEP30_A1,
)  # fmt: skip
# Province = commune A + B1: months 6/8 = 75%, missed 2; quarters 1/2 (B1 none); thematic
# 1 + 1 = 2; held 7, regular 6; attendance (29/6 + 1)/7 = 35/42 = 83,33%; over 3/7 =
# 42,86%; unexcused 2; self (good 3, fair 1, average 1, poor 1)/6 = 50%, 16,67% ×3; final
# (good 1, fair 3, average 1, poor 1)/6 = 16,67%, 50%, 16,67%, 16,67%; unrated 1; minutes
# 4/7 = 57,14%; assignments 5/7 = 0,71 → 0,7; tasks 3/5 = 60%; self-criticism 3/6 = 50%.
EXPECTED[("province", "2026-Q3")] = _fig(
    months_held="75,0%", months_missed="2", thematic_quota="50,0%", thematic_held="2",
    attendance_mean="83,3%", attendance_over="42,9%", unexcused="2",
    **_levels("final", "16,7%", "50,0%", "16,7%", "16,7%"),
    **_levels("self", "50,0%", "16,7%", "16,7%", "16,7%"), unrated="1",
    minutes_on_time="57,1%", assignments_per_meeting="0,7", tasks_on_time="60,0%",
    self_criticism="50,0%", **W_SEP30_A1,
)  # fmt: skip

# ---- 09/2026 (the month before 10/2026; its quarter Q3 ends in it).
# A1: 10/09 draft held → 1/1; Q3 met → 1/1; attendance 4/4, over 1/1; not rated → levels —,
# unrated 1; minutes draft 66 days → 0/1; assignments 0/1 = 0,0; tasks T5 ✓ → 1/1;
# self-criticism 0/1.
EXPECTED[("cell_a1", "2026-09")] = _fig(
    months_held="100,0%", thematic_quota="100,0%", attendance_mean="100,0%",
    attendance_over="100,0%", unrated="1", minutes_on_time="0,0%",
    assignments_per_meeting="0,0", tasks_on_time="100,0%", self_criticism="0,0%",
    **W_SEP30_A1,
)  # fmt: skip
# Commune A: A1 + A2 (03/09: 2/3, self good, final fair, +2 ✓; Q3 short): months 2/2;
# quarters 1/2; attendance (1 + 2/3)/2 = 5/6 = 83,33%; over 1/2; self good 1/1; final fair
# 1/1; unrated 2 − 1 = 1; minutes 1/2; assignments 0/2 = 0,0; tasks 1/1; self-criticism 0/2.
COMMUNE_A_M9 = dict(
    months_held="100,0%", thematic_quota="50,0%", attendance_mean="83,3%",
    attendance_over="50,0%", **_levels("final", "0,0%", "100,0%", "0,0%", "0,0%"),
    **_levels("self", "100,0%", *ZERO_LEVELS[1:]), unrated="1", minutes_on_time="50,0%",
    assignments_per_meeting="0,0", tasks_on_time="100,0%", self_criticism="0,0%",
)  # fmt: skip
EXPECTED[("commune_a", "2026-09")] = _fig(**COMMUNE_A_M9, **W_SEP30_A1)
# Province: + B1 (09 missed; T10 due 30/09, late): months 2/3, missed 1; tasks 1/2.
EXPECTED[("province", "2026-09")] = _fig(
    **{**COMMUNE_A_M9, "months_held": "66,7%", "tasks_on_time": "50,0%"},
    months_missed="1",
    **W_SEP30_A1,
)

# ---- 10/2026 (no quarter ends in it: thematic quota —).
# A1: 08/10 combined → month 1/1, thematic 1; held 1, regular 1; attendance 2/4 = 50%, over
# 0/1; unexcused 1; self good, final good (superior) → 1/1; unrated 0; minutes +12 ✗ → 0/1;
# assignments T6, T7, T8 / 1 = 3,0; tasks due in 10: T6 (open, 31/10 passed) ✗ → 0/1 (T7 is
# due 15/11); self-criticism 1/1.
EXPECTED[("cell_a1", "2026-10")] = _fig(
    months_held="100,0%", thematic_held="1", attendance_mean="50,0%",
    attendance_over="0,0%", unexcused="1", **_levels("final", "100,0%", *ZERO_LEVELS[1:]),
    **_levels("self", "100,0%", *ZERO_LEVELS[1:]), minutes_on_time="0,0%",
    assignments_per_meeting="3,0", tasks_on_time="0,0%", self_criticism="100,0%",
    **W_OCT31_A1,
)  # fmt: skip
# A2: only the thematic 01/10 (the regular one stayed planned) → month 0/1, missed 1;
# thematic 1; held 1, regular 0; attendance 3/3, over 1/1; not rated → —, unrated 1;
# minutes +7 ✓ → 1/1; assignments 0/1 = 0,0; no task due → —; self-criticism 0/0 → —.
EXPECTED[("cell_a2", "2026-10")] = _fig(
    months_held="0,0%", months_missed="1", thematic_held="1", attendance_mean="100,0%",
    attendance_over="100,0%", unrated="1", minutes_on_time="100,0%",
    assignments_per_meeting="0,0", **W_OCT31_A2,
)  # fmt: skip
# B1: 15/10 draft → month 1/1; attendance 2/3 = 66,67%, over 0/1; unexcused 1; unrated 1;
# minutes draft 31 days → 0/1; assignments 0/1; self-criticism 0/1.
EXPECTED[("cell_b1", "2026-10")] = EXPECTED[("commune_b", "2026-10")] = _fig(
    months_held="100,0%", attendance_mean="66,7%", attendance_over="0,0%", unexcused="1",
    unrated="1", minutes_on_time="0,0%", assignments_per_meeting="0,0",
    self_criticism="0,0%", **W_OCT31_B1,
)  # fmt: skip
# Commune A = A1 + A2: months 1/2, missed 1; thematic 2; held 2, regular 1; attendance
# (1/2 + 1)/2 = 75%; over 1/2; unexcused 1; self good 1/1, final good 1/1; unrated 0 + 1;
# minutes 1/2; assignments 3/2 = 1,5; tasks 0/1; self-criticism 1/1.
EXPECTED[("commune_a", "2026-10")] = _fig(
    months_held="50,0%", months_missed="1", thematic_held="2", attendance_mean="75,0%",
    attendance_over="50,0%", unexcused="1", **_levels("final", "100,0%", *ZERO_LEVELS[1:]),
    **_levels("self", "100,0%", *ZERO_LEVELS[1:]), unrated="1", minutes_on_time="50,0%",
    assignments_per_meeting="1,5", tasks_on_time="0,0%", self_criticism="100,0%",
    **W_OCT31_COMMUNE_A,
)  # fmt: skip
# Province = commune A + B1: months 2/3, missed 1; thematic 2; held 3, regular 2; attendance
# (1/2 + 1 + 2/3)/3 = 13/18 = 72,22%; over 1/3; unexcused 2; self good 1/1, final good 1/1;
# unrated 2; minutes 1/3; assignments 3/3 = 1,0; tasks 0/1; self-criticism 1/2.
EXPECTED[("province", "2026-10")] = _fig(
    months_held="66,7%", months_missed="1", thematic_held="2", attendance_mean="72,2%",
    attendance_over="33,3%", unexcused="2", **_levels("final", "100,0%", *ZERO_LEVELS[1:]),
    **_levels("self", "100,0%", *ZERO_LEVELS[1:]), unrated="2", minutes_on_time="33,3%",
    assignments_per_meeting="1,0", tasks_on_time="0,0%", self_criticism="50,0%",
    **W_OCT31_PROVINCE,
)  # fmt: skip
