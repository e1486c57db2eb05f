"""Assignments: given at a meeting, reported on by the member, reviewed at the next meeting;
overdue ones flagged on the cell page."""

import datetime

import pytest
from django.urls import reverse

from chibo.meetings.models import Assignment, AssignmentStatus, Meeting
from chibo.meetings.selectors import assignments_for_review
from chibo.meetings.services import assignments, planning
from chibo.members.selectors import today
from tests.meetings.conftest import hold


def test_member_reports_and_next_meeting_reviews(tree, meeting, client_for):
    held = hold(tree, meeting)
    task = held.assignments.get()
    assert list(task.assignees.all()) == [tree.cuong_a1]
    member = client_for(tree.dangvien)  # linked to cuong_a1
    assert (
        "Vận động nhân dân làm đường" in member.get(reverse("meetings:my-tasks")).content.decode()
    )
    response = member.post(
        reverse("meetings:task", args=[task.pk]),
        {
            "version": task.version,
            "status": "done",
            "progress": "",
            "outcome": "Đã vận động 12 hộ góp công",
            "done_on": "",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done_on) == (AssignmentStatus.DONE, today())
    following = planning.meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind="regular",
        date=today(),
        start_time=None,
        place="Nhà văn hóa",
    )
    assert assignments_for_review(meeting=following) == [task]
    page = client_for(tree.bithu).get(reverse("meetings:review", args=[following.pk]))
    assert "Đã vận động 12 hộ góp công" in page.content.decode()
    client_for(tree.bithu).post(
        reverse("meetings:review", args=[following.pk]),
        {
            "version": following.version,
            f"status-{task.pk}": "done",
            f"note-{task.pk}": "Hoàn thành tốt",
        },
    )
    task.refresh_from_db()
    assert (task.reviewed_in_id, task.review_note) == (following.pk, "Hoàn thành tốt")
    # Reviewed by this meeting: still listed here, no longer for a later meeting.
    assert assignments_for_review(meeting=following) == [task]
    later = Meeting.objects.create(
        unit=tree.cell_a1, kind="regular", date=today() + datetime.timedelta(days=30)
    )
    assert assignments_for_review(meeting=later) == []


def test_overdue_tasks_are_flagged_on_the_cell_page(tree, meeting, client_for):
    held = hold(tree, meeting)
    Assignment.objects.filter(meeting=held).update(deadline=today() - datetime.timedelta(days=1))
    assignments.assignment_create(
        actor=tree.bithu,
        meeting_id=held.pk,
        expected_version=None,
        title="Việc chưa đến hạn",
        deadline=today() + datetime.timedelta(days=3),
        assignee_ids=[],
        to_committee=True,
    )
    panel = (
        client_for(tree.dangvien)
        .get(reverse("meetings:cell-year-panel", args=[tree.cell_a1.pk, today().year]))
        .content.decode()
    )
    assert 'data-overdue="1"' in panel
    assert "Vận động nhân dân làm đường" in panel
    assert "Việc chưa đến hạn" not in panel


def test_assignment_to_the_committee_and_several_members(tree, meeting):
    held = hold(tree, meeting)
    task = assignments.assignment_create(
        actor=tree.bithu,
        meeting_id=held.pk,
        expected_version=None,
        title="Rà soát đảng viên",
        deadline=today() + datetime.timedelta(days=14),
        assignee_ids=[tree.an_a1.pk, tree.lan_group.pk],
        to_committee=True,
    )
    assert task.to_committee
    assert sorted(task.assignees.values_list("full_name", flat=True)) == [
        "Hoàng Thị Lan",
        "Nguyễn Văn Ân",
    ]


def test_committee_meeting_summons_the_committee_and_its_tasks_reach_it(tree, client_for):
    """A cell committee meeting (FREQ-2) calls the members holding a position in the cell;
    a task given to the committee appears under "my tasks" of its members."""
    from chibo.meetings.services.record import roll_call_rows
    from chibo.members.models import Position, PositionKind

    Position.objects.create(
        member=tree.cuong_a1,
        unit=tree.cell_a1,
        kind=PositionKind.DEPUTY_SECRETARY,
        start_date=datetime.date(2020, 1, 1),
    )
    committee = planning.meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind="committee",
        date=today() - datetime.timedelta(days=2),
        start_time=None,
        place="Nhà bí thư",
    )
    names = [r.member.full_name for r in roll_call_rows(committee)]
    assert names == ["Nguyễn Văn Ân", "Lê Văn Cường"]  # by given name: Ân, Cường
    assignments.assignment_create(
        actor=tree.bithu,
        meeting_id=committee.pk,
        expected_version=None,
        title="Chuẩn bị dự thảo nghị quyết",
        deadline=today() + datetime.timedelta(days=5),
        assignee_ids=[],
        to_committee=True,
    )
    page = client_for(tree.dangvien).get(reverse("meetings:my-tasks")).content.decode()
    assert "Chuẩn bị dự thảo nghị quyết" in page  # dangvien is Lê Văn Cường, the deputy


def test_a_task_reviewed_in_adopted_minutes_no_longer_changes(tree, meeting, client_for):
    """Its outcome is part of those minutes (MIN-3): a later report is refused with a reason."""
    from chibo.meetings.services import lifecycle

    held = hold(tree, meeting)
    task = held.assignments.get()
    following = hold(
        tree,
        planning.meeting_add(
            actor=tree.bithu,
            unit_id=tree.cell_a1.pk,
            kind="regular",
            date=today(),
            start_time=None,
            place="Nhà văn hóa",
        ),
    )
    assignments.assignment_review(
        actor=tree.bithu,
        meeting_id=following.pk,
        expected_version=None,
        reviews={task.pk: {"status": "done", "note": "Tốt"}},
    )
    lifecycle.minutes_submit(actor=tree.bithu, meeting_id=following.pk, expected_version=None)
    task.refresh_from_db()
    page = (
        client_for(tree.dangvien)
        .post(
            reverse("meetings:task", args=[task.pk]),
            {
                "version": task.version,
                "status": "open",
                "progress": "",
                "outcome": "Sửa lại",
                "done_on": "",
            },
        )
        .content.decode()
    )
    assert f"Nhiệm vụ này đã được kiểm điểm tại buổi sinh hoạt ngày {today():%d/%m/%Y}" in page
    task.refresh_from_db()
    assert (task.status, task.outcome) == ("done", "")


def test_tasks_are_not_given_before_the_meeting(tree):
    from django.core.exceptions import ValidationError

    later = planning.meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind="regular",
        date=today() + datetime.timedelta(days=5),
        start_time=None,
        place="Nhà văn hóa",
    )
    with pytest.raises(ValidationError):
        assignments.assignment_create(
            actor=tree.bithu,
            meeting_id=later.pk,
            expected_version=None,
            title="Việc sớm",
            deadline=today() + datetime.timedelta(days=20),
            assignee_ids=[tree.an_a1.pk],
            to_committee=False,
        )
