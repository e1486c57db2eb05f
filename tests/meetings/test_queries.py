"""Pinned query counts of the meeting page, the roll-call form and the cell's year view: they
do not grow with the number of members or meetings (ARCHITECTURE "Query counts are pinned")."""

import datetime

import pytest
from django.urls import reverse

from chibo.meetings.services import assignments
from chibo.meetings.services.planning import ThematicPlan, meeting_plan_year
from chibo.members.selectors import today
from tests.factories import make_member
from tests.meetings.conftest import hold


def _more_members(tree, n):
    for i in range(n):
        make_member(tree.cell_a1, f"Đảng viên Thêm {i}")


@pytest.mark.parametrize("extra", [0, 6])
def test_meeting_page_queries(tree, meeting, client_for, django_assert_num_queries, extra):
    _more_members(tree, extra)
    held = hold(tree, meeting, excused=tree.bich_a1)
    for i in range(extra):
        assignments.assignment_create(
            actor=tree.bithu,
            meeting_id=held.pk,
            expected_version=None,
            title=f"Việc {i}",
            deadline=today() + datetime.timedelta(days=9),
            assignee_ids=[tree.an_a1.pk],
            to_committee=False,
        )
    client = client_for(tree.bithu)
    client.get(reverse("meetings:detail", args=[held.pk]))  # warm the session
    with django_assert_num_queries(16):
        client.get(reverse("meetings:detail", args=[held.pk]))


@pytest.mark.parametrize("extra", [0, 8])
def test_roll_call_form_queries(tree, meeting, client_for, django_assert_num_queries, extra):
    _more_members(tree, extra)
    client = client_for(tree.bithu)
    url = reverse("meetings:roll-call", args=[meeting.pk])
    client.get(url)
    with django_assert_num_queries(8):  # before the first save: rows pre-filled from records
        client.get(url)
    hold(tree, meeting)
    with django_assert_num_queries(7):  # saved rows
        client.get(url)


@pytest.mark.parametrize("years", [1, 2])
def test_cell_year_queries(tree, client_for, django_assert_num_queries, years):
    topics = [ThematicPlan(month=m, topic=f"Chuyên đề {m}") for m in (2, 5, 8, 11)]
    for year in range(2026, 2026 + years):
        meeting_plan_year(
            actor=tree.bithu,
            unit_id=tree.cell_a1.pk,
            year=year,
            schedule={
                "rule": "day",
                "day": 5,
                "start_time": datetime.time(8),
                "place": "Nhà văn hóa",
                "committee_lead_days": 3,
            },
            thematic=topics,
        )
    client = client_for(tree.bithu)
    url = reverse("meetings:cell-year", args=[tree.cell_a1.pk, 2026])
    client.get(url)
    with django_assert_num_queries(9):
        client.get(url)
    panel = reverse("meetings:cell-year-panel", args=[tree.cell_a1.pk, 2026])
    with django_assert_num_queries(7):
        client.get(panel)
