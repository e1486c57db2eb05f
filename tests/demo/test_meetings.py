"""The demo's twelve months of cell meetings (rules FREQ-1/2, THEM-1, DUR-1/2, ATT-0/1,
VOTE-1/2, MIN-2, MIN-3): calendar, statuses, roll calls, votes, assignments, rebuilds."""

import datetime
from collections import Counter, defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from chibo.core.rules import rules_in_force
from chibo.demo.builder import VISIT_CELLS, build_demo
from chibo.demo.builder.meetings import month_list
from chibo.meetings.figures import attendance_figures, vote_result
from chibo.meetings.models import (
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    AgendaTemplateItem,
    Assignment,
    AssignmentStatus,
    Attendance,
    AttendanceStatus,
    CalendarToken,
    CellSchedule,
    Guest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Notice,
)
from chibo.meetings.services.planning import is_holiday
from chibo.members.models import Member, Membership, TemporaryAttachment
from chibo.members.selectors import member_status_on, member_with_records
from chibo.org.models import CELL_KINDS, Unit
from tests.demo.conftest import TODAY

#: The 12 months ending with TODAY's (29/11/2026), then the next one.
MONTHS = [(2025, 12)] + [(2026, m) for m in range(1, 13)]
THIS_MONTH = datetime.date(2026, 11, 1)


def _cells():
    return list(Unit.objects.filter(kind__in=CELL_KINDS).order_by("path"))


def _held():
    return Meeting.objects.filter(status__in=HELD_STATUSES).exclude(kind=MeetingKind.COMMITTEE)


def test_months_are_the_twelve_ending_with_today_and_the_next():
    assert month_list(TODAY) == MONTHS
    assert month_list(datetime.date(2027, 1, 5))[::12] == [
        (2026, 2),
        (2027, 2),
    ]


def test_every_cell_has_a_schedule_and_one_regular_meeting_a_month(tiny):
    # rule FREQ-1: 6 cells × 13 months (12 built, 1 planned) = 78 regular meetings
    cells = _cells()
    assert len(cells) == 6
    assert tiny["meeting_schedules"] == CellSchedule.objects.count() == 6
    assert Meeting.objects.filter(kind__in=REGULAR_KINDS).count() == 78
    for cell in cells:
        months = Counter(
            (d.year, d.month)
            for d in Meeting.objects.filter(unit=cell, kind__in=REGULAR_KINDS).values_list(
                "date", flat=True
            )
        )
        assert months == Counter(MONTHS), cell.name
        schedule = cell.meeting_schedule
        assert schedule.start_time in {
            datetime.time(7, 30),
            datetime.time(8),
            datetime.time(14),
            datetime.time(19, 30),
        }
        if schedule.rule == CellSchedule.DAY:
            assert 1 <= schedule.day <= 10
        else:
            assert schedule.week in (1, 2, 3, -1) and 0 <= schedule.weekday <= 6
        assert schedule.place
    assert tiny["meetings"] == Meeting.objects.count()
    assert tiny["attendance"] == Attendance.objects.count() > 0


def test_the_committee_meets_before_each_regular_meeting(tiny):
    # rule FREQ-2: one committee meeting `committee_lead_days` before each regular meeting
    assert Meeting.objects.filter(kind=MeetingKind.COMMITTEE).count() == 78
    for cell in _cells():
        lead = datetime.timedelta(days=cell.meeting_schedule.committee_lead_days)
        regular = list(
            Meeting.objects.filter(unit=cell, kind__in=REGULAR_KINDS)
            .order_by("date")
            .values_list("date", flat=True)
        )
        committee = list(
            Meeting.objects.filter(unit=cell, kind=MeetingKind.COMMITTEE)
            .order_by("date")
            .values_list("date", flat=True)
        )
        expected = []
        for day in regular:  # earlier still when that day is a public holiday
            before = day - lead
            while is_holiday(before):
                before -= datetime.timedelta(days=1)
            expected.append(before)
        assert committee == expected, cell.name
        assert not any(is_holiday(d) for d in regular), cell.name
        assert all(before < c for before, c in zip(regular, committee[1:], strict=False))
    held = Meeting.objects.filter(kind=MeetingKind.COMMITTEE, status=MeetingStatus.ADOPTED)
    assert held.exists()
    for meeting in held:
        assert meeting.date < TODAY
        assert meeting.started_at < meeting.ended_at and meeting.chair_id
        assert not meeting.attendance.exists()
        assert timezone.localtime(meeting.adopted_at).date() == meeting.date
    assert not Meeting.objects.filter(
        kind=MeetingKind.COMMITTEE, date__gte=TODAY, status=MeetingStatus.ADOPTED
    ).exists()


def test_statuses_follow_the_calendar(tiny):
    # Past months adopted (or submitted, missed, cancelled); this month's meetings before today
    # being recorded; today and later planned; adopted minutes never dated in the future.
    meetings = Meeting.objects.exclude(kind=MeetingKind.COMMITTEE)
    assert set(meetings.filter(date__gte=TODAY).values_list("status", flat=True)) == {
        MeetingStatus.PLANNED
    }
    adopted = meetings.filter(status=MeetingStatus.ADOPTED)
    assert adopted.count() > 50
    for meeting in Meeting.objects.filter(status=MeetingStatus.ADOPTED):
        assert meeting.date <= timezone.localtime(meeting.adopted_at).date() < TODAY
    # The current month's last 2–12 days are still being recorded.
    recent = meetings.filter(date__gte=max(THIS_MONTH, TODAY - datetime.timedelta(days=2)))
    assert set(recent.filter(date__lt=TODAY).values_list("status", flat=True)) <= {
        MeetingStatus.DRAFT,
        MeetingStatus.SUBMITTED,
        MeetingStatus.PLANNED,  # missed
    }
    for meeting in meetings.filter(status=MeetingStatus.SUBMITTED):
        assert meeting.date <= timezone.localtime(meeting.submitted_at).date() < TODAY
    for meeting in meetings.filter(status=MeetingStatus.CANCELLED):
        assert meeting.change_reason and meeting.date < TODAY
    december = meetings.filter(date__year=2026, date__month=12)
    assert december.count() >= 6
    assert set(december.values_list("status", flat=True)) == {MeetingStatus.PLANNED}


def test_every_held_meeting_has_its_record(tiny):
    # rules MIN-2, DUR-1/2: times, chair and minute-taker (present), agenda with notes,
    # document studied, thematic topic and brief writer
    templates = Counter(AgendaTemplateItem.objects.values_list("template__kind", flat=True))
    held = list(_held())
    assert len(held) > 50
    weak = 0
    for meeting in held:
        minutes = (
            datetime.datetime.combine(meeting.date, meeting.ended_at)
            - datetime.datetime.combine(meeting.date, meeting.started_at)
        ).seconds // 60
        assert 45 <= minutes <= 180
        weak += minutes < 90
        if meeting.kind == MeetingKind.COMBINED and minutes >= 90:
            assert minutes >= 120  # rule DUR-2 (weak meetings excepted)
        present = set(
            meeting.attendance.filter(status=AttendanceStatus.PRESENT).values_list(
                "member_id", flat=True
            )
        )
        assert meeting.chair_id in present and meeting.minute_taker_id in present
        assert meeting.chair_id != meeting.minute_taker_id
        assert meeting.agenda_items.count() == templates[meeting.kind]
        assert meeting.agenda_items.exclude(notes="").count() >= 3
        if meeting.kind in REGULAR_KINDS:
            assert meeting.study_document
        if meeting.kind in THEMATIC_KINDS:
            assert meeting.topic and meeting.brief_writer_id
        assert meeting.speeches.exists()
        assert 1 <= meeting.assignments.count() <= 3
    assert weak < len(held) * 0.25
    planned = Meeting.objects.filter(status=MeetingStatus.PLANNED).exclude(
        kind=MeetingKind.COMMITTEE
    )
    for meeting in planned:
        assert not meeting.attendance.exists() and meeting.started_at is None
        assert meeting.agenda_items.count() == templates[meeting.kind]


def test_submitted_and_adopted_minutes_are_complete(tiny):  # rule MIN-2
    # the app refuses to submit incomplete minutes, so the demo holds none (committee
    # meetings aside: the demo adopts them without a roll call of their own)
    from chibo.meetings.selectors import meeting_record
    from chibo.meetings.services.lifecycle import minutes_missing

    done = _held().filter(status__in=[MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED])
    assert done.count() > 50
    incomplete = [m.pk for m in done if minutes_missing(meeting_record(meeting=m))]
    assert incomplete == []


def test_roll_calls_cover_exactly_the_roll_with_flags_from_dated_records(tiny):
    # rules ATT-0, MEM-2..4: one row per member on the roll that day, plus members attached here
    records: dict[int, Member] = {}
    for meeting in _held().select_related("unit"):
        roll = set(
            Membership.objects.on(meeting.date)
            .filter(unit__path__startswith=meeting.unit.path)
            .values_list("member_id", flat=True)
        )
        hosted = set(
            TemporaryAttachment.objects.on(meeting.date)
            .filter(host_unit=meeting.unit)
            .values_list("member_id", flat=True)
        )
        rows = list(meeting.attendance.all())
        assert {r.member_id for r in rows if not r.attached_here} == roll
        assert {r.member_id for r in rows if r.attached_here} == hosted - roll
        for row in rows:
            member = records.get(row.member_id) or member_with_records(row.member)
            records[row.member_id] = member
            status = member_status_on(member, meeting.date)
            assert row.full == (status.standing == "full")
            assert row.exempted == (status.exempted or status.temporarily_exempted)
            assert row.special_duty == status.special_duty
            assert row.attached_elsewhere == (status.attached_elsewhere and not row.attached_here)
            if row.attached_elsewhere:
                assert row.status == AttendanceStatus.ATTACHED_ELSEWHERE
            if row.status == AttendanceStatus.EXCUSED:
                assert row.reason
    assert not Attendance.objects.exclude(meeting__in=_held()).exists()


def test_attendance_is_realistic(tiny):
    rows = Attendance.objects.all()
    figures = attendance_figures(rows)
    assert 0.85 <= figures.rate <= 0.98
    assert figures.unexcused <= 0.05 * figures.expected
    assert figures.exempted > 0 and figures.excused > 0


def test_votes_never_exceed_the_voters_present(tiny):
    # rules VOTE-1, VOTE-2 under the rule set in force on the meeting's date
    voted = _held().filter(votes_for__isnull=False)
    assert voted.count() > 50
    passed = 0
    for meeting in voted.select_related("unit"):
        result = vote_result(
            meeting.attendance.all(),
            rules_in_force(meeting.date, meeting.unit),
            votes_for=meeting.votes_for,
            votes_against=meeting.votes_against,
            votes_abstain=meeting.votes_abstain,
        )
        assert result.cast == result.voters_present
        passed += result.passed
        assert meeting.resolution
    assert passed >= voted.count() * 0.9
    assert not _held().filter(votes_for__isnull=True).exclude(status=MeetingStatus.DRAFT).exists()


def test_a_thematic_meeting_every_quarter(tiny):
    # rule THEM-1: quarters 1–3 of 2026 lie wholly in the window; a cell may skip one
    for cell in _cells():
        quarters = {
            (d.year, (d.month - 1) // 3)
            for d in Meeting.objects.filter(unit=cell, kind__in=THEMATIC_KINDS).values_list(
                "date", flat=True
            )
        }
        assert len({(2026, 0), (2026, 1), (2026, 2)} - quarters) <= 1, cell.name


def test_assignments_are_reviewed_at_the_next_held_regular_meeting(tiny):
    assignments = Assignment.objects.select_related("meeting", "reviewed_in")
    assert assignments.count() > 60
    held = defaultdict(list)
    for meeting in _held().filter(kind__in=REGULAR_KINDS).order_by("date"):
        held[meeting.unit_id].append(meeting)
    statuses = Counter()
    for assignment in assignments:
        given = assignment.meeting
        assert assignment.unit_id == given.unit_id
        assert given.date < assignment.deadline <= given.date + datetime.timedelta(days=35)
        assert assignment.to_committee or assignment.assignees.exists()
        later = [m for m in held[given.unit_id] if m.date > given.date]
        assert assignment.reviewed_in == (later[0] if later else None)
        statuses[assignment.status] += 1
        if assignment.status == AssignmentStatus.DONE:
            assert assignment.outcome and given.date <= assignment.done_on < TODAY
            if assignment.reviewed_in:  # else reviewed at the next meeting
                assert assignment.review_note
                assert assignment.done_on < assignment.reviewed_in.date
        if assignment.status == AssignmentStatus.NOT_DONE:
            assert assignment.reviewed_in and assignment.review_note
    assert statuses[AssignmentStatus.DONE] > statuses[AssignmentStatus.OPEN] > 0


def test_the_visiting_official_account_attends_the_cells_it_follows(tiny):
    # VIS-1, VIS-2: the demo user giamsat, linked on its guest rows
    user = get_user_model().objects.get(username="giamsat")
    visits = Guest.objects.filter(user=user).select_related("meeting__unit")
    assert {g.meeting.unit.name for g in visits} == set(VISIT_CELLS)
    assert all(g.is_official and g.comments for g in visits)
    assert Guest.objects.filter(member__isnull=False, is_official=True).exists()


def _fingerprint() -> list:
    """The meetings without primary keys: same seed, same list."""
    return [
        list(
            Meeting.objects.order_by("unit__path", "date", "kind").values_list(
                "unit__name",
                "kind",
                "status",
                "date",
                "started_at",
                "ended_at",
                "chair__full_name",
                "votes_for",
                "topic",
                "study_document",
                "resolution",
            )
        ),
        sorted(
            Attendance.objects.values_list(
                "meeting__unit__name", "meeting__date", "member__full_name", "status", "reason"
            )
        ),
        sorted(Assignment.objects.values_list("meeting__date", "title", "status", "done_on")),
    ]


@pytest.mark.django_db
def test_same_seed_same_meetings_and_a_forced_rebuild_wipes_worked_on_meetings():
    first = build_demo(seed=2026, scale="tiny", progress=False, today=TODAY)
    before = _fingerprint()
    # Someone worked on the demo: a history row, a notice, a calendar token, edited members.
    meeting = _held().filter(status=MeetingStatus.DRAFT).first() or _held().first()
    meeting.resolution = "Sửa tay"
    meeting.save()
    user = get_user_model().objects.get(username="bithu")
    Notice.objects.create(user=user, meeting=meeting, message="Thông báo")
    CalendarToken.objects.create(user=user)
    assert Meeting.history.count() == 1
    second = build_demo(seed=2026, scale="tiny", force=True, progress=False, today=TODAY)
    assert second == first
    assert _fingerprint() == before
    assert Meeting.history.count() == 0
    assert not Notice.objects.exists() and not CalendarToken.objects.exists()
    connection.check_constraints()  # foreign keys (PROTECT, M2M) hold: raises otherwise
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    build_demo(seed=7, scale="tiny", force=True, progress=False, today=TODAY)
    assert _fingerprint() != before
