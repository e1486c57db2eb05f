"""Fixtures of the meetings tests: a held meeting of cell A1 recorded through the services."""

import datetime

import pytest

from chibo.meetings.models import AttendanceStatus, MeetingKind
from chibo.meetings.services import assignments, planning, preparation, record
from chibo.members.selectors import today


@pytest.fixture
def meeting(tree):
    """A regular meeting of cell A1 (Chi bộ thôn Bản Chợ) three days ago, planned only."""
    return planning.meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind=MeetingKind.REGULAR,
        date=today() - datetime.timedelta(days=3),
        start_time=datetime.time(19, 30),
        place="Nhà văn hóa thôn Bản Chợ",
    )


def hold(tree, meeting, *, excused=None, unexcused=None):
    """Record a complete meeting through the services; return the meeting re-read.

    Members of cell A1: an_a1, bich_a1, cuong_a1 and lan_group (in its party group).
    `excused`/`unexcused` are members marked absent. Votes: every full member present for.
    """
    actor = tree.bithu
    preparation.agenda_from_template(actor=actor, meeting_id=meeting.pk, expected_version=None)
    entries = {}
    if excused:
        entries[excused.pk] = {"status": AttendanceStatus.EXCUSED, "reason": "Ốm"}
    if unexcused:
        entries[unexcused.pk] = {"status": AttendanceStatus.UNEXCUSED, "reason": ""}
    record.roll_call_record(
        actor=actor, meeting_id=meeting.pk, expected_version=None, entries=entries
    )
    items = {i.pk: f"Nội dung {i.order}" for i in meeting.agenda_items.all()}
    record.minutes_save(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        started_at=datetime.time(19, 30),
        ended_at=datetime.time(21, 15),
        place=meeting.place,
        chair_id=tree.an_a1.pk,
        minute_taker_id=tree.bich_a1.pk,
        study_document="Chỉ thị 05-CT/TW",
        item_notes=items,
    )
    record.speeches_save(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        speeches=[{"kind": "opinion", "member_id": tree.an_a1.pk, "content": "Đồng ý."}],
    )
    present_full = sum(
        1 for a in meeting.attendance.all() if a.status == AttendanceStatus.PRESENT and a.full
    )
    record.vote_record(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        resolution="Chi bộ thống nhất.",
        votes_for=present_full,
        votes_against=0,
        votes_abstain=0,
    )
    assignments.assignment_create(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        title="Vận động nhân dân làm đường",
        deadline=today() + datetime.timedelta(days=20),
        assignee_ids=[tree.cuong_a1.pk],
        to_committee=False,
    )
    meeting.refresh_from_db()
    return meeting
