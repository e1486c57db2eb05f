"""Planning the year (FREQ-1, FREQ-2, THEM-1): usual days, public holidays, thematic topics,
moving and cancelling. Dates worked out by hand from the 2026 calendar and Vietnam's public
holidays of 2026 (1/1; Tết 16–20/2; 26–27/4; 30/4; 1/5; 31/8; 1–2/9; 24/11)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from chibo.core.errors import StaleVersion
from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus
from chibo.meetings.selectors import cell_year
from chibo.meetings.services.planning import (
    ThematicPlan,
    meeting_cancel,
    meeting_move,
    meeting_plan_year,
    off_holidays,
)

D = datetime.date
TOPICS = [
    ThematicPlan(month=2, topic="Học tập Chỉ thị 05", combined=True),
    ThematicPlan(month=5, topic="Xây dựng nông thôn mới", combined=True),
    ThematicPlan(month=8, topic="Phòng chống thiên tai", combined=False),
    ThematicPlan(month=11, topic="Đại đoàn kết toàn dân", combined=True),
]


def _schedule(**fields):
    base = {
        "rule": "day",
        "day": 1,
        "week": None,
        "weekday": None,
        "start_time": datetime.time(19, 30),
        "place": "Nhà văn hóa",
        "committee_lead_days": 3,
    }
    return {**base, **fields}


def test_day_rule_moves_off_public_holidays(tree):
    created = meeting_plan_year(
        actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2026, schedule=_schedule(), thematic=TOPICS
    )
    assert len(created) == 25  # 12 regular or combined, 12 committee, 1 separate thematic
    regular = list(
        Meeting.objects.filter(unit=tree.cell_a1, kind__in=["regular", "combined"])
        .order_by("date")
        .values_list("date", flat=True)
    )
    # 1/1 New Year → 2/1; 1/5 Labour Day → 2/5; 1/9 and 2/9 National Day → 3/9.
    assert regular == [
        D(2026, 1, 2),
        D(2026, 2, 1),
        D(2026, 3, 1),
        D(2026, 4, 1),
        D(2026, 5, 2),
        D(2026, 6, 1),
        D(2026, 7, 1),
        D(2026, 8, 1),
        D(2026, 9, 3),
        D(2026, 10, 1),
        D(2026, 11, 1),
        D(2026, 12, 1),
    ]
    committee = list(
        Meeting.objects.filter(unit=tree.cell_a1, kind="committee")
        .order_by("date")
        .values_list("date", flat=True)
    )
    # Three days before the cell meeting, earlier when that is a holiday (FREQ-2): 2/1 → 30/12
    # of the year before; 3/9 → 31/8, a holiday (in lieu of 22/8) → 30/8.
    assert committee[0] == D(2025, 12, 30)
    assert committee[8] == D(2026, 8, 30)
    assert all(c < r for c, r in zip(committee, regular, strict=True))
    thematic = Meeting.objects.get(unit=tree.cell_a1, kind="thematic")
    assert (thematic.date, thematic.topic) == (D(2026, 8, 15), "Phòng chống thiên tai")
    combined = Meeting.objects.filter(unit=tree.cell_a1, kind="combined").order_by("date")
    assert [m.date.month for m in combined] == [2, 5, 11]


def test_weekday_rule_first_saturday(tree):
    meeting_plan_year(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        year=2026,
        schedule=_schedule(rule="weekday", day=None, week=1, weekday=5),
        thematic=TOPICS,
    )
    regular = list(
        Meeting.objects.filter(unit=tree.cell_a1, kind__in=["regular", "combined"])
        .order_by("date")
        .values_list("date", flat=True)
    )
    assert [d.day for d in regular] == [3, 7, 7, 4, 2, 6, 4, 1, 5, 3, 7, 5]
    assert all(d.weekday() == 5 for d in regular)


def test_planning_twice_adds_nothing(tree):
    args = {
        "actor": tree.bithu,
        "unit_id": tree.cell_a1.pk,
        "year": 2026,
        "schedule": _schedule(),
        "thematic": TOPICS,
    }
    meeting_plan_year(**args)
    assert meeting_plan_year(**{**args, "thematic": []}) == []
    assert Meeting.objects.filter(unit=tree.cell_a1).count() == 25


def test_each_quarter_needs_a_thematic_topic(tree):  # rule THEM-1
    with pytest.raises(ValidationError) as error:
        meeting_plan_year(
            actor=tree.bithu,
            unit_id=tree.cell_a1.pk,
            year=2026,
            schedule=_schedule(),
            thematic=TOPICS[:3],
        )
    assert error.value.messages == ["Quý 4 cần ít nhất 1 chuyên đề (quy định THEM-1)."]
    assert not Meeting.objects.exists()


def test_only_editors_plan(tree):
    with pytest.raises(PermissionDenied):
        meeting_plan_year(
            actor=tree.dangvien,
            unit_id=tree.cell_a1.pk,
            year=2026,
            schedule=_schedule(),
            thematic=TOPICS,
        )


def test_year_view_states(tree):
    """Held, missed (planned, date passed), cancelled and planned months."""
    meeting_plan_year(
        actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2026, schedule=_schedule(), thematic=TOPICS
    )
    regular = {
        m.date.month: m
        for m in Meeting.objects.filter(unit=tree.cell_a1, kind__in=["regular", "combined"])
    }
    Meeting.objects.filter(pk=regular[1].pk).update(status=MeetingStatus.ADOPTED)
    meeting_cancel(actor=tree.bithu, meeting_id=regular[2].pk, expected_version=1, reason="Mưa lũ")
    data = cell_year(cell=tree.cell_a1, year=2026, on=D(2026, 3, 15))
    states = [m.state for m in data["months"]]
    assert states == ["held", "cancelled", "missed"] + ["planned"] * 9
    quarters = [(q["quarter"], q["met"], len(q["thematic"])) for q in data["quarters"]]
    # Q1's thematic meeting (February, combined) was cancelled: none left, not met.
    assert quarters == [(1, False, 0), (2, False, 1), (3, False, 1), (4, False, 1)]


def test_move_needs_reason_and_current_version(tree):
    meeting_plan_year(
        actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2026, schedule=_schedule(), thematic=TOPICS
    )
    m = Meeting.objects.get(unit=tree.cell_a1, kind="regular", date__month=3)
    with pytest.raises(ValidationError):
        meeting_move(
            actor=tree.bithu,
            meeting_id=m.pk,
            expected_version=m.version,
            date=D(2026, 3, 8),
            start_time=None,
            place="X",
            reason=" ",
        )
    meeting_move(
        actor=tree.bithu,
        meeting_id=m.pk,
        expected_version=m.version,
        date=D(2026, 3, 8),
        start_time=None,
        place="Hội trường",
        reason="Trùng lịch",
    )
    m.refresh_from_db()
    assert (m.date, m.planned_date, m.change_reason) == (D(2026, 3, 8), D(2026, 3, 1), "Trùng lịch")
    with pytest.raises(StaleVersion):
        meeting_move(
            actor=tree.phobithu,
            meeting_id=m.pk,
            expected_version=1,
            date=D(2026, 3, 9),
            start_time=None,
            place="X",
            reason="Khác",
        )


def test_plan_page_keeps_input_on_error(tree, client_for):
    url = reverse("meetings:plan-year", args=[tree.cell_a1.pk, 2026])
    data = {
        "rule": "day",
        "day": "",
        "start_time": "19h30",
        "place": "Nhà văn hóa thôn",
        "committee_lead_days": 3,
        "t-TOTAL_FORMS": 4,
        "t-INITIAL_FORMS": 0,
    }
    for i, month in enumerate([2, 5, 8, 11]):
        data.update(
            {
                f"t-{i}-month": month,
                f"t-{i}-topic": f"Chuyên đề {i}",
                f"t-{i}-combined": "on",
                f"t-{i}-brief_writer": tree.an_a1.pk if i else "",  # the first one missing
            }
        )
    page = client_for(tree.bithu).post(url, data).content.decode()
    assert "Hãy chọn ngày trong tháng." in page
    assert "Chuyên đề 3" in page and "Nhà văn hóa thôn" in page
    assert "Hãy chọn đảng viên viết đề dẫn (PREP-4)." in page
    data["day"] = 5
    data["t-0-brief_writer"] = tree.bich_a1.pk
    response = client_for(tree.bithu).post(url, data)
    assert response.status_code == 302
    assert Meeting.objects.filter(unit=tree.cell_a1, kind=MeetingKind.COMBINED).count() == 4


def test_mistyped_years_are_refused_not_500(tree, client_for):
    """A year no rule set covers (2016 for 2026) or too far ahead is refused with a message;
    year URLs outside any plan answer 404; a year before the rule sets shows no quota."""
    client = client_for(tree.bithu)
    url = reverse("meetings:add", args=[tree.cell_a1.pk])
    page = client.post(url, {"kind": "regular", "date": "02/12/2016", "place": "Hội trường"})
    assert "Không có quy định nào trong chibo áp dụng cho ngày 02/12/2016" in page.content.decode()
    far = f"05/01/{datetime.date.today().year + 3}"
    page = client.post(url, {"kind": "regular", "date": far, "place": "Hội trường"})
    assert "Chỉ lập kế hoạch sinh hoạt đến hết năm" in page.content.decode()
    assert not Meeting.objects.exists()
    assert client.get(reverse("meetings:cell-year", args=[tree.cell_a1.pk, 0])).status_code == 404
    old = client.get(reverse("meetings:cell-year", args=[tree.cell_a1.pk, 2017]))
    assert old.status_code == 200
    assert "chưa có quy định áp dụng cho năm này" in old.content.decode()
    with pytest.raises(ValidationError):
        meeting_plan_year(
            actor=tree.bithu,
            unit_id=tree.cell_a1.pk,
            year=2017,
            schedule=_schedule(),
            thematic=TOPICS,
        )


def test_members_notified_of_a_meeting_hear_of_its_cancellation(tree):  # PREP-2
    from chibo.meetings.models import Notice
    from chibo.meetings.services.planning import meeting_add
    from chibo.meetings.services.preparation import meeting_notify

    later = meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind="regular",
        date=datetime.date.today() + datetime.timedelta(days=10),
        start_time=datetime.time(19, 30),
        place="Nhà văn hóa",
    )
    meeting_notify(actor=tree.bithu, meeting_id=later.pk)
    later.refresh_from_db()
    meeting_cancel(
        actor=tree.bithu, meeting_id=later.pk, expected_version=later.version, reason="Mưa lũ"
    )
    cancelled = Notice.objects.filter(message__contains="bị hủy. Lý do: Mưa lũ")
    assert sorted(cancelled.values_list("user__username", flat=True)) == ["dangvien"]


def test_moving_out_of_the_month_warns(tree, client_for):
    meeting_plan_year(
        actor=tree.bithu, unit_id=tree.cell_a1.pk, year=2026, schedule=_schedule(), thematic=TOPICS
    )
    m = Meeting.objects.get(unit=tree.cell_a1, kind="regular", date__month=3)
    page = (
        client_for(tree.bithu)
        .post(
            reverse("meetings:move", args=[m.pk]),
            {
                "version": m.version,
                "date": "30/04/2026",
                "place": "Hội trường",
                "reason": "Trùng lịch",
            },
            follow=True,
        )
        .content.decode()
    )
    assert "Tháng 3/2026 hiện không có buổi sinh hoạt thường kỳ nào (quy định FREQ-1)." in page
    assert "Ngày mới là ngày nghỉ lễ." in page  # 30/4


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2026, 9, 1), D(2026, 9, 3)),  # 1/9 and 2/9 National Day → the next day off them
        (D(2026, 8, 31), D(2026, 8, 30)),  # 31/8–2/9 off: the meeting stays in August
        (D(2026, 2, 16), D(2026, 2, 21)),  # Tết 16–20/2 → 21/2, still February
        (D(2026, 3, 10), D(2026, 3, 10)),  # not a holiday
    ],
)
def test_off_holidays_keeps_the_month(day, expected):  # rule FREQ-1
    assert off_holidays(day) == expected
