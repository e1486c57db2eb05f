"""`chibo demo --months N` (issue 5, benchmark at province scale): the months of meetings
built, the day the tree starts (build.founded_on), the default build unchanged, `--reuse`."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from chibo.demo.builder import build_demo
from chibo.demo.builder.build import founded_on
from chibo.demo.builder.meetings import DEFAULT_MONTHS, month_list
from chibo.demo.models import DemoDataset
from chibo.evaluation.models import Rating, RatingColumn
from chibo.meetings.models import (
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from chibo.members.models import Membership, Position
from chibo.org.models import CELL_KINDS, Unit, UnitKind
from chibo.reports.models import CellMonth
from tests.demo.conftest import TODAY

NEW_ORDER = datetime.date(2025, 7, 1)  # rule CELL-4
#: The 24 months ending with TODAY's (29/11/2026), then the next one.
MONTHS_24 = [(2024, 12)] + [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 13)]
#: The tree of a 24-month build starts the month before its first month (FREQ-2).
ORIGIN_24 = datetime.date(2024, 11, 1)


def _run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, "--no-progress", stdout=out)
    return out.getvalue()


def _held():
    return Meeting.objects.filter(status__in=HELD_STATUSES).exclude(kind=MeetingKind.COMMITTEE)


def test_month_list_covers_the_months_asked_for_then_the_next():
    assert DEFAULT_MONTHS == 12
    assert month_list(TODAY, 24) == MONTHS_24
    assert len(month_list(TODAY, 24)) == 25
    assert month_list(TODAY) == month_list(TODAY, 12) == MONTHS_24[12:]
    assert month_list(TODAY, 1) == [(2026, 11), (2026, 12)]
    with pytest.raises(ValueError):
        month_list(TODAY, 0)


def test_the_tree_starts_on_01_07_2025_unless_a_long_build_starts_earlier():
    assert founded_on(TODAY) == founded_on(TODAY, 12) == NEW_ORDER
    # up to 12 months never move it, even when the months reach back before it
    assert founded_on(datetime.date(2025, 9, 10), 12) == NEW_ORDER
    assert founded_on(TODAY, 24) == ORIGIN_24
    # 16 months start in August 2025: the July committee meeting fits after 01/7/2025
    assert founded_on(TODAY, 16) == NEW_ORDER
    assert founded_on(TODAY, 17) == datetime.date(2025, 6, 1)
    with pytest.raises(ValueError):
        founded_on(TODAY, 0)


@pytest.mark.django_db
def test_the_default_build_is_unchanged():
    # The tiny build (seed 2026) as it was before --months existed: same row counts.
    counts = build_demo(seed=2026, scale="tiny", progress=False, today=TODAY)
    assert {key: counts[key] for key in ("meetings", "attendance", "assignments")} == {
        "meetings": 160,
        "attendance": 914,
        "assignments": 141,
    }
    assert (counts["speeches"], counts["ratings"], counts["agenda_items"]) == (263, 93, 1160)
    assert DemoDataset.objects.get().months == 12
    assert set(Unit.objects.values_list("valid_from", flat=True)) == {NEW_ORDER}


@pytest.mark.django_db
def test_a_24_month_build_holds_24_months_of_meetings_of_every_kind():
    counts = build_demo(seed=2026, scale="tiny", progress=False, today=TODAY, months=24)
    assert DemoDataset.objects.get().months == 24
    cells = list(Unit.objects.filter(kind__in=CELL_KINDS))
    assert len(cells) == 6
    # rule FREQ-1: one regular (or combined) meeting a month, 24 built and 1 planned
    regular = Meeting.objects.filter(kind__in=REGULAR_KINDS)
    assert regular.count() == 6 * 25
    for cell in cells:
        months = Counter(
            (d.year, d.month) for (d,) in regular.filter(unit=cell).values_list("date")
        )
        assert months == Counter(MONTHS_24), cell.name
        # rule THEM-1: the four quarters of 2025 lie wholly in the window; one may be skipped
        quarters = {
            (d.year, (d.month - 1) // 3)
            for (d,) in Meeting.objects.filter(unit=cell, kind__in=THEMATIC_KINDS).values_list(
                "date"
            )
        }
        assert len({(2025, q) for q in range(4)} - quarters) <= 1, cell.name
    # rule FREQ-2: one committee meeting before each regular meeting
    assert Meeting.objects.filter(kind=MeetingKind.COMMITTEE).count() == 6 * 25
    # held meetings have their roll call, ratings and assignments, as in the 12-month build
    held = _held()
    assert held.filter(date__lt=datetime.date(2025, 7, 1)).count() > 30
    for meeting in held.filter(date__year=2025, date__month__lte=2):
        present = set(
            meeting.attendance.filter(status=AttendanceStatus.PRESENT).values_list(
                "member_id", flat=True
            )
        )
        assert meeting.chair_id in present and meeting.minute_taker_id in present
        roll = set(
            Membership.objects.on(meeting.date)
            .filter(unit=meeting.unit)
            .values_list("member_id", flat=True)
        )
        assert roll and {r.member_id for r in meeting.attendance.all()} >= roll
        assert 1 <= meeting.assignments.count() <= 3 and meeting.speeches.exists()
    rated = held.filter(status__in=[MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED])
    assert Rating.objects.filter(column=RatingColumn.SELF).count() == rated.count()
    assert counts["meetings"] == Meeting.objects.count() > 300
    assert counts["attendance"] == Attendance.objects.count() > 1800
    # the tree, the first positions and memberships start the month before the first month
    assert set(Unit.objects.values_list("valid_from", flat=True)) == {ORIGIN_24}
    assert Position.objects.filter(start_date=ORIGIN_24).exists()
    assert not Membership.objects.filter(start_date__lt=ORIGIN_24).exists()
    assert Membership.objects.filter(start_date=ORIGIN_24).count() > 60
    # the roll-ups cover every month built up to today's (and December's assignments due)
    months = set(CellMonth.objects.values_list("month", flat=True))
    assert {datetime.date(y, m, 1) for y, m in MONTHS_24[:-1]} <= months
    assert min(months) == datetime.date(2024, 12, 1)
    assert CellMonth.objects.filter(month=datetime.date(2025, 1, 1)).count() == 6
    connection.check_constraints()
    assert Unit.objects.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_reuse_keeps_the_same_demo_and_rebuilds_another():
    _run("--scale", "tiny", "--months", "24", "--reuse")
    first = DemoDataset.objects.get()
    assert (first.scale, first.seed, first.months) == ("tiny", 2026, 24)
    output = _run("--scale", "tiny", "--months", "24", "--reuse")
    assert "24" in output
    assert DemoDataset.objects.get() == first  # nothing was done
    _run("--scale", "tiny", "--reuse")  # a 12-month demo is asked for: rebuilt
    second = DemoDataset.objects.get()
    assert second.pk != first.pk and second.months == 12
    assert Meeting.objects.filter(kind__in=REGULAR_KINDS).count() == 6 * 13


@pytest.mark.django_db
def test_reuse_refuses_real_data_and_bad_months_are_refused():
    Unit.objects.add_root(create_kwargs={"name": "Đảng bộ thật", "kind": UnitKind.PROVINCE})
    with pytest.raises(CommandError) as error:
        _run("--scale", "tiny", "--months", "24", "--reuse")
    assert error.value.returncode == 1
    assert Unit.objects.count() == 1
    for bad in ("0", "121", "two"):
        with pytest.raises(CommandError):
            _run("--scale", "tiny", "--months", bad)
    assert not DemoDataset.objects.exists()
