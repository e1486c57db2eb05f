"""The monthly roll-ups (`CellMonth`): rows of the fixed dataset worked out by hand, the
boundaries of every "due" (FREQ-1, THEM-1, MIN-3, tasks), committee meetings, the month a
cell is judged from, the refresh after a change (signals), and partial refreshes (a subtree,
from a month on). Rule set HD42-2025: attendance_good_percent 85, thematic_per_quarter 1,
minutes_adopt_days 7.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from chibo.evaluation import signals as warning_signals
from chibo.meetings.models import Meeting, MeetingKind
from chibo.meetings.services import planning, record
from chibo.members.selectors import today as real_today
from chibo.reports import signals
from chibo.reports.models import SUM_FIELDS, CellMonth
from chibo.reports.rollup import rollups_refresh
from tests.reports.dataset import TODAY, make_report_dataset, meeting, rate

D = datetime.date
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def rows_of(cell) -> dict:
    """{month: {field: value}} of a cell's rows, zero fields left out."""
    found = {}
    for r in CellMonth.objects.filter(unit=cell).order_by("month"):
        found[r.month] = {f: getattr(r, f) for f in SUM_FIELDS if getattr(r, f)}
    return found


def row(cell, month) -> dict | None:
    """The non-zero fields of one row, None when the cell has no row that month."""
    return rows_of(cell).get(month)


# Short names of the fields, for the tables below.
DUE = {"month_due": 1, "month_held": 1}
HELD_REG = {"held": 1, "regular_held": 1}
#: The minutes of a meeting adopted (no adoption time recorded: on time).
ADOPTED = {"minutes_due": 1, "minutes_on_time": 1}


def att(rate, over):
    return {"att_meetings": 1, "att_rate_sum": rate, **({"att_over": 1} if over else {})}


#: The rows of the dataset, by hand from the records listed in `tests.reports.dataset`.
A1_ROWS = {
    # 09/04 combined adopted +3, 4/4, self good (final), self-criticism, T1 made.
    D(2026, 4, 1): {**DUE, "thematic_held": 1, **HELD_REG, **att(1.0, True), "self_good": 1,
                    "final_good": 1, "minutes_due": 1, "minutes_on_time": 1,
                    "self_criticism": 1, "assignments_made": 1},
    # 14/05 regular adopted +11, 3/4 (Lan U), fair / average; T1 due 31/05, done 20/05.
    D(2026, 5, 1): {**DUE, **HELD_REG, **att(0.75, False), "unexcused": 1, "self_fair": 1,
                    "final_average": 1, "minutes_due": 1, "tasks_due": 1, "tasks_on_time": 1},
    # 11/06 regular adopted +4, 4/4, T2 made; Q2 ends: 1 combined ≥ 1; T2 due 30/06, late.
    D(2026, 6, 1): {**DUE, "quarter_due": 1, "quarter_met": 1, **HELD_REG, **att(1.0, True),
                    "minutes_due": 1, "minutes_on_time": 1, "assignments_made": 1,
                    "tasks_due": 1},
    # 09/07 regular adopted +7 (on time), 3/4, good / fair, criticism, T3 T4; T3 on time.
    D(2026, 7, 1): {**DUE, **HELD_REG, **att(0.75, False), "self_good": 1, "final_fair": 1,
                    "minutes_due": 1, "minutes_on_time": 1, "self_criticism": 1,
                    "assignments_made": 2, "tasks_due": 1, "tasks_on_time": 1},
    # Regular cancelled (missed); 20/08 thematic submitted, 3/4, Cường U, average; T5
    # made; T4 due 31/08, not done.
    D(2026, 8, 1): {"month_due": 1, "thematic_held": 1, "held": 1, **att(0.75, False),
                    "unexcused": 1, "self_average": 1, "final_average": 1, "minutes_due": 1,
                    "assignments_made": 1, "tasks_due": 1},
    # 10/09 regular draft (66 days: minutes due), 4/4; Q3 met (20/08); T5 due 15/09 on time.
    D(2026, 9, 1): {**DUE, "quarter_due": 1, "quarter_met": 1, **HELD_REG, **att(1.0, True),
                    "minutes_due": 1, "tasks_due": 1, "tasks_on_time": 1},
    # 08/10 combined adopted +12, 2/4, good / good, self-criticism, T6 T7 T8; T6 overdue.
    D(2026, 10, 1): {**DUE, "thematic_held": 1, **HELD_REG, **att(0.5, False),
                     "unexcused": 1, "self_good": 1, "final_good": 1, "minutes_due": 1,
                     "self_criticism": 1, "assignments_made": 3, "tasks_due": 1},
    # 05/11 regular submitted (10 days: minutes due), 4/4; the current month has not ended:
    # not judged for FREQ-1 even though held. T7 due today (15/11) is not due yet. Q4 has
    # not ended either: no THEM-1 verdict although its quota is met (08/10).
    D(2026, 11, 1): {**HELD_REG, **att(1.0, True), "minutes_due": 1},
}  # fmt: skip
A2_ROWS = {
    D(2026, 7, 1): {**DUE, **HELD_REG, **att(1.0, True), "self_fair": 1, "final_fair": 1,
                    "minutes_due": 1, "minutes_on_time": 1, "self_criticism": 1},
    # +8 days: late.
    D(2026, 8, 1): {**DUE, **HELD_REG, **att(2 / 3, False), "unexcused": 1, "self_poor": 1,
                    "final_poor": 1, "minutes_due": 1, "assignments_made": 1, "tasks_due": 1,
                    "tasks_on_time": 1},
    # Q3 without a thematic meeting: judged (ended), not met.
    D(2026, 9, 1): {**DUE, "quarter_due": 1, **HELD_REG, **att(2 / 3, False), "self_good": 1,
                    "final_fair": 1, "minutes_due": 1, "minutes_on_time": 1},
    # Only a thematic meeting; the regular one stays planned (missed).
    D(2026, 10, 1): {"month_due": 1, "thematic_held": 1, "held": 1, **att(1.0, True),
                     "minutes_due": 1, "minutes_on_time": 1},
    # 11/2026: not held, not ended: no row.
}  # fmt: skip
B1_ROWS = {
    # Judged from 08 (its first record): no row for 07.
    D(2026, 8, 1): {**DUE, "thematic_held": 1, **HELD_REG, **att(1.0, True), "self_good": 1,
                    "final_good": 1, "minutes_due": 1, "minutes_on_time": 1,
                    "self_criticism": 1, "assignments_made": 1},
    # Only a planned meeting (missed); T10 due 30/09 done 02/10: late. Q3 not judged.
    D(2026, 9, 1): {"month_due": 1, "tasks_due": 1},
    D(2026, 10, 1): {**DUE, **HELD_REG, **att(2 / 3, False), "unexcused": 1, "minutes_due": 1},
}  # fmt: skip


def assert_rows(cell, expected):
    found = rows_of(cell)
    assert list(found) == list(expected)
    for month, fields in expected.items():
        assert found[month] == pytest.approx(fields), month


@pytest.fixture
def data(db):
    return make_report_dataset()


def test_rows_of_the_dataset(data):
    assert_rows(data.cell_a1, A1_ROWS)
    assert_rows(data.cell_a2, A2_ROWS)
    assert_rows(data.cell_b1, B1_ROWS)
    assert CellMonth.objects.count() == 8 + 4 + 3
    assert set(CellMonth.objects.values_list("computed_on", flat=True)) == {TODAY}
    a1 = CellMonth.objects.filter(unit=data.cell_a1).first()
    assert a1.path == data.cell_a1.path


def test_refresh_is_repeatable_and_counts_its_rows(data):
    assert rollups_refresh(today=TODAY) == 15
    assert_rows(data.cell_a1, A1_ROWS)


# ---------------------------------------------------------------------------- boundaries


def test_a_month_ending_today_is_not_due(tree):
    meeting(tree.cell_a1, D(2026, 9, 10))
    rollups_refresh(today=D(2026, 10, 31))
    assert row(tree.cell_a1, D(2026, 10, 1)) is None
    rollups_refresh(today=D(2026, 11, 1))
    assert row(tree.cell_a1, D(2026, 10, 1)) == {"month_due": 1}


def test_the_current_month_is_judged_once_ended(tree):
    """FREQ-1 judges complete months, as the warnings do: the current month is not due even
    once its meeting is held (else a month would read 100 % while most cells have yet to
    meet); it is due from the 1st of the next month."""
    meeting(tree.cell_a1, D(2026, 9, 10))
    planned = meeting(tree.cell_a1, D(2026, 10, 20), status="planned")
    rollups_refresh(today=D(2026, 10, 25))
    assert row(tree.cell_a1, D(2026, 10, 1)) is None
    Meeting.objects.filter(pk=planned.pk).update(status="draft")
    rollups_refresh(today=D(2026, 10, 31))  # the draft minutes are 11 days old: due (MIN-3)
    assert row(tree.cell_a1, D(2026, 10, 1)) == {**HELD_REG, "minutes_due": 1}
    rollups_refresh(today=D(2026, 11, 1))
    assert row(tree.cell_a1, D(2026, 10, 1)) == {**DUE, **HELD_REG, "minutes_due": 1}


def test_a_quarter_is_judged_once_ended(tree):
    """THEM-1 judges complete quarters: not before the quarter's end even when its quota is
    met already; from the 1st of the next month, met or short."""
    for month in (7, 8, 9):
        meeting(tree.cell_a1, D(2026, month, 10))
    rollups_refresh(today=D(2026, 9, 30))  # Q3 not ended, no thematic meeting
    assert "quarter_due" not in (row(tree.cell_a1, D(2026, 9, 1)) or {})
    rollups_refresh(today=D(2026, 10, 1))  # ended short
    assert row(tree.cell_a1, D(2026, 9, 1))["quarter_due"] == 1
    assert "quarter_met" not in row(tree.cell_a1, D(2026, 9, 1))
    meeting(tree.cell_a1, D(2026, 9, 20), "thematic")
    rollups_refresh(today=D(2026, 9, 30))  # met, but not ended
    assert "quarter_due" not in row(tree.cell_a1, D(2026, 9, 1))
    rollups_refresh(today=D(2026, 10, 1))
    got = row(tree.cell_a1, D(2026, 9, 1))
    assert (got["quarter_due"], got["quarter_met"]) == (1, 1)


def test_minutes_are_late_after_the_days_allowed(tree):
    meeting(tree.cell_a1, D(2026, 10, 1), status="draft")
    rollups_refresh(today=D(2026, 10, 8))  # 7 days: may still be adopted
    assert "minutes_due" not in row(tree.cell_a1, D(2026, 10, 1))
    rollups_refresh(today=D(2026, 10, 9))  # 8 days: late
    got = row(tree.cell_a1, D(2026, 10, 1))
    assert got["minutes_due"] == 1 and "minutes_on_time" not in got


@pytest.mark.parametrize(
    ("adopted_at", "on_time"),
    [
        (datetime.datetime(2026, 10, 8, 23, 30, tzinfo=TZ), True),  # day 7, local time
        (datetime.datetime(2026, 10, 9, 0, 30, tzinfo=TZ), False),  # day 8 (08/10 in UTC)
    ],
)
def test_minutes_adopted_on_the_last_day(tree, adopted_at, on_time):
    m = meeting(tree.cell_a1, D(2026, 10, 1))
    Meeting.objects.filter(pk=m.pk).update(adopted_at=adopted_at)
    rollups_refresh(today=D(2026, 10, 9))  # adopted: due whatever the day
    got = row(tree.cell_a1, D(2026, 10, 1))
    assert got["minutes_due"] == 1
    assert got.get("minutes_on_time", 0) == int(on_time)


def test_a_task_due_today_is_not_due_yet(tree):
    meeting(tree.cell_a1, D(2026, 10, 1), tasks=[(D(2026, 10, 20), "open", None)])
    rollups_refresh(today=D(2026, 10, 20))
    assert "tasks_due" not in row(tree.cell_a1, D(2026, 10, 1))
    rollups_refresh(today=D(2026, 10, 21))
    got = row(tree.cell_a1, D(2026, 10, 1))
    assert got["tasks_due"] == 1 and "tasks_on_time" not in got


@pytest.mark.parametrize(
    ("deadline", "done_on", "month", "on_time"),
    [
        (D(2026, 10, 20), D(2026, 10, 20), D(2026, 10, 1), 1),  # on the deadline
        (D(2026, 10, 20), D(2026, 10, 21), D(2026, 10, 1), 0),  # a day late
        # Done before a deadline still ahead: due (done), in the deadline's month.
        (D(2026, 11, 30), D(2026, 10, 5), D(2026, 11, 1), 1),
    ],
)
def test_done_tasks(tree, deadline, done_on, month, on_time):
    meeting(tree.cell_a1, D(2026, 10, 1), tasks=[(deadline, "done", done_on)])
    rollups_refresh(today=D(2026, 10, 25))
    got = row(tree.cell_a1, month)
    assert got["tasks_due"] == 1
    assert got.get("tasks_on_time", 0) == on_time


def test_committee_meetings_are_not_counted(tree):
    m = meeting(
        tree.cell_a1, D(2026, 9, 25), "committee",
        roll=[(tree.an_a1, "U"), (tree.bich_a1, "P")], speech="self_criticism",
    )  # fmt: skip
    rate(m, "self", "poor", is_final=True)  # ORM only: the service refuses committee meetings
    rollups_refresh(today=TODAY)
    # Not a record either: no cell of the province has one, so none is judged.
    assert CellMonth.objects.count() == 0
    meeting(tree.cell_a1, D(2026, 10, 8))
    rollups_refresh(today=TODAY)
    assert rows_of(tree.cell_a1) == {D(2026, 10, 1): {**DUE, **HELD_REG, **ADOPTED}}


def test_a_cell_is_judged_from_its_first_record(tree):
    # A1: a planned meeting is a record (07 is judged and missed); nothing before.
    meeting(tree.cell_a1, D(2026, 7, 5), status="planned")
    meeting(tree.cell_a1, D(2026, 8, 10))
    # A2: first record 12/08 (a combined meeting): Q3 is not judged for it.
    meeting(tree.cell_a2, D(2026, 8, 12), "combined")
    rollups_refresh(today=D(2026, 10, 15))
    assert rows_of(tree.cell_a1) == {
        D(2026, 7, 1): {"month_due": 1},
        D(2026, 8, 1): {**DUE, **HELD_REG, **ADOPTED},
        D(2026, 9, 1): {"month_due": 1, "quarter_due": 1},  # Q3 judged, short
    }
    assert rows_of(tree.cell_a2) == {
        D(2026, 8, 1): {**DUE, **HELD_REG, **ADOPTED, "thematic_held": 1},
        D(2026, 9, 1): {"month_due": 1},  # Q3 (from 07) not judged
    }
    # B1 has no record: judged from the province's first record, the day 05/07 — so from
    # its first whole month, 08.
    assert rows_of(tree.cell_b1) == {
        D(2026, 8, 1): {"month_due": 1},
        D(2026, 9, 1): {"month_due": 1},
    }


def test_a_party_groups_meeting_counts_for_its_cell(tree):
    meeting(tree.group, D(2026, 9, 10), roll=[(tree.lan_group, "P")])
    rollups_refresh(today=TODAY)
    assert row(tree.cell_a1, D(2026, 9, 1)) == {**DUE, **HELD_REG, **ADOPTED, **att(1.0, True)}
    assert not CellMonth.objects.filter(unit=tree.group).exists()


# ------------------------------------------------------------------- partial refreshes


def test_a_subtree_refresh_leaves_other_cells_alone(data):
    CellMonth.objects.update(unexcused=99)
    rollups_refresh(root_path=data.cell_a1.path, today=TODAY)
    assert_rows(data.cell_a1, A1_ROWS)
    assert set(
        CellMonth.objects.exclude(unit=data.cell_a1).values_list("unexcused", flat=True)
    ) == {99}
    rollups_refresh(root_path=data.commune_a.path, today=TODAY)
    assert_rows(data.cell_a2, A2_ROWS)
    assert set(CellMonth.objects.filter(unit=data.cell_b1).values_list("unexcused", flat=True)) == {
        99
    }


@pytest.mark.parametrize("since", [D(2026, 7, 1), D(2026, 8, 14), D(2026, 10, 1)])
def test_since_replaces_only_later_months(data, since):
    CellMonth.objects.update(unexcused=99)
    rollups_refresh(today=TODAY, since=since)
    first = since.replace(day=1)
    for cell, expected in ((data.cell_a1, A1_ROWS), (data.cell_a2, A2_ROWS),
                           (data.cell_b1, B1_ROWS)):  # fmt: skip
        found = rows_of(cell)
        for month, fields in expected.items():
            if month < first:
                assert found[month]["unexcused"] == 99, (cell.name, month)
            else:  # recomputed exactly as a full refresh would
                assert found[month] == pytest.approx(fields), (cell.name, month)


def test_since_in_the_last_month_of_a_quarter_keeps_its_thematic_meetings(data):
    """`reports.freshness` refreshes from the month before the last run: from 09/2026 after
    a run in 10/2026. The quarter judged in 09 still counts A1's thematic meeting of 20/08
    (THEM-1 over the whole quarter), as a full refresh does."""
    rollups_refresh(today=TODAY, since=D(2026, 9, 1))
    got = row(data.cell_a1, D(2026, 9, 1))
    assert (got.get("quarter_due"), got.get("quarter_met")) == (1, 1)
    assert got == pytest.approx(A1_ROWS[D(2026, 9, 1)])


# ---------------------------------------------------------------------------- signals


def forget_noted():
    """Forget the records noted so far (see tests/evaluation/test_warnings_lifecycle.py):
    the test's transaction never commits, so the single commit callback of each signal
    module was registered before the captured block and would not run in it."""
    connection = transaction.get_connection()
    setattr(connection, signals._PENDING, None)
    setattr(connection, warning_signals._PENDING, None)


def _months_back(day: datetime.date, n: int) -> datetime.date:
    month = day.replace(day=1)
    for _ in range(n):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def test_a_meeting_recorded_through_the_services_refreshes_its_cell(
    tree, django_capture_on_commit_callbacks
):
    # Real dates: the signals refresh as of today. A1's records start two months ago, so
    # last month is due and missed; B1's rows must not be touched.
    on = real_today()
    last_month = _months_back(on, 1)
    meeting(tree.cell_a1, _months_back(on, 2).replace(day=10))
    meeting(tree.cell_b1, _months_back(on, 2).replace(day=10))
    rollups_refresh()
    assert row(tree.cell_a1, last_month) == {"month_due": 1}
    CellMonth.objects.filter(unit=tree.cell_b1).update(unexcused=7)
    forget_noted()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        m = planning.meeting_add(
            actor=tree.bithu,
            unit_id=tree.cell_a1.pk,
            kind=MeetingKind.REGULAR,
            date=last_month.replace(day=10),
            start_time=datetime.time(19, 30),
            place="Nhà văn hóa thôn",
        )
        record.roll_call_record(
            actor=tree.bithu,
            meeting_id=m.pk,
            expected_version=None,
            entries={tree.lan_group.pk: {"status": "unexcused"}},
        )
    assert sum(c is signals._flush for c in callbacks) == 1
    # Roll of A1: Ân, Bích, Cường present, Lan (party group) absent without reason: 3/4.
    # Minutes in draft, more than 7 days after the meeting (at least 22): due, not on time.
    got = row(tree.cell_a1, last_month)
    assert got == pytest.approx(
        {**DUE, **HELD_REG, **att(0.75, False), "unexcused": 1, "minutes_due": 1}
    )
    assert set(CellMonth.objects.filter(unit=tree.cell_b1).values_list("unexcused", flat=True)) == {
        7
    }


def test_a_model_change_refreshes_its_cell(tree, django_capture_on_commit_callbacks):
    on = real_today()
    last_month = _months_back(on, 1)
    m = meeting(tree.cell_a1, last_month.replace(day=10), roll=[(tree.an_a1, "P")])
    rollups_refresh()
    assert row(tree.cell_a1, last_month) == {**DUE, **HELD_REG, **ADOPTED, **att(1.0, True)}
    forget_noted()
    with django_capture_on_commit_callbacks(execute=True):
        m.status = "cancelled"
        m.save()
    assert row(tree.cell_a1, last_month) == {"month_due": 1}
    forget_noted()
    with django_capture_on_commit_callbacks(execute=True):
        m.delete()
    # No record left in the province: nothing is judged.
    assert rows_of(tree.cell_a1) == {}
