"""The calendar page and the private iCalendar feed, parsed back with `icalendar`.

`dangvien` holds a cell-member grant on cell A1 (without descendants) and is linked to
Lê Văn Cường, on the roll of cell A1: the feed holds cell A1's meetings. Times are local
(Asia/Ho_Chi_Minh); durations come from the shipped rule sets (regular 90 min, combined 120).
"""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from chibo.core.rules import RuleBook, rules_in_force
from chibo.meetings.models import CalendarToken, Meeting, MeetingKind, MeetingStatus
from chibo.members.selectors import today

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
T = datetime.time


def vi(text: str) -> str:
    """`text` translated into Vietnamese (the catalogue as it is now)."""
    with translation.override("vi"):
        return gettext(text)


def _day(offset: int) -> datetime.date:
    """Today plus `offset` days."""
    return today() + datetime.timedelta(days=offset)


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """`day` at `time` in Vietnam's time zone."""
    return datetime.datetime.combine(day, time, TZ)


def _feed(client, user) -> icalendar.Calendar:
    """Fetch and parse the feed of `user` (a token is made when missing)."""
    token, _ = CalendarToken.objects.get_or_create(user=user)
    response = client.get(reverse("meetings:calendar-feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(cal) -> dict[str, icalendar.Event]:
    """The calendar's events by UID."""
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def meetings(tree):
    """Meetings of cell A1 (planned, combined without a time, held, cancelled, too old) and
    one of cell B1 (not in dangvien's feed). dangvien's member (Lê Văn Cường) sits on the
    cell committee, so the committee meeting is in their feed."""
    from chibo.members.models import Position, PositionKind

    Position.objects.create(
        member=tree.cuong_a1,
        unit=tree.cell_a1,
        kind=PositionKind.COMMITTEE_MEMBER,
        start_date=datetime.date(2020, 1, 1),
    )
    m = {
        "regular": Meeting.objects.create(
            unit=tree.cell_a1,
            kind=MeetingKind.REGULAR,
            date=_day(10),
            start_time=T(19, 30),
            place="Nhà văn hóa thôn Bản Chợ",
        ),
        "combined": Meeting.objects.create(
            unit=tree.cell_a1,
            kind=MeetingKind.COMBINED,
            date=_day(20),
            topic="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ),
        "held": Meeting.objects.create(
            unit=tree.cell_a1,
            kind=MeetingKind.REGULAR,
            status=MeetingStatus.DRAFT,
            date=_day(-5),
            start_time=T(19, 30),
            started_at=T(19, 45),
            ended_at=T(21, 50),
            place="Nhà bí thư",
        ),
        "cancelled": Meeting.objects.create(
            unit=tree.cell_a1,
            kind=MeetingKind.COMMITTEE,
            status=MeetingStatus.CANCELLED,
            date=_day(3),
            start_time=T(14, 0),
            change_reason="Mưa lũ",
        ),
        "old": Meeting.objects.create(
            unit=tree.cell_a1, kind=MeetingKind.REGULAR, date=_day(-91), start_time=T(8, 0)
        ),
        "other_cell": Meeting.objects.create(
            unit=tree.cell_b1, kind=MeetingKind.REGULAR, date=_day(10), start_time=T(8, 0)
        ),
    }
    return m


def test_feed_has_one_event_per_meeting_of_the_users_cells(tree, client_for, meetings):
    events = _events(_feed(client_for(), tree.dangvien))
    m = meetings
    assert sorted(events) == sorted(
        f"meeting-{m[k].pk}@chibo" for k in ("regular", "combined", "held", "cancelled")
    )


def test_feed_events_summary_times_place_and_description(tree, client_for, meetings):
    cal = _feed(client_for(), tree.dangvien)
    events = _events(cal)
    m = meetings
    with translation.override("vi"):
        kinds = {k: str(k.label) for k in MeetingKind}
    regular = events[f"meeting-{m['regular'].pk}@chibo"]
    assert str(regular["SUMMARY"]) == f"{kinds[MeetingKind.REGULAR]} — Chi bộ thôn Bản Chợ"
    assert regular.decoded("DTSTART") == _at(_day(10), T(19, 30))
    assert regular.decoded("DTEND") == _at(_day(10), T(21, 0))  # DUR-1: 90 minutes
    assert str(regular["DTSTART"].params["TZID"]) == "Asia/Ho_Chi_Minh"
    assert str(regular["LOCATION"]) == "Nhà văn hóa thôn Bản Chợ"
    assert str(regular["STATUS"]) == "CONFIRMED"
    assert str(regular["DESCRIPTION"]) == f"http://testserver/meetings/{m['regular'].pk}/"

    combined = events[f"meeting-{m['combined'].pk}@chibo"]
    assert str(combined["SUMMARY"]) == f"{kinds[MeetingKind.COMBINED]} — Chi bộ thôn Bản Chợ"
    assert combined.decoded("DTSTART") == _at(_day(20), T(8, 0))  # no time: 08:00
    assert combined.decoded("DTEND") == _at(_day(20), T(10, 0))  # DUR-2: 120 minutes
    assert "LOCATION" not in combined
    with translation.override("vi"):
        topic = gettext("Topic: %(topic)s") % {"topic": m["combined"].topic}
    assert str(combined["DESCRIPTION"]) == (
        f"{topic}\nhttp://testserver/meetings/{m['combined'].pk}/"
    )

    held = events[f"meeting-{m['held'].pk}@chibo"]
    assert held.decoded("DTSTART") == _at(_day(-5), T(19, 45))  # the actual times
    assert held.decoded("DTEND") == _at(_day(-5), T(21, 50))

    cancelled = events[f"meeting-{m['cancelled'].pk}@chibo"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == f"{kinds[MeetingKind.COMMITTEE]} — Chi bộ thôn Bản Chợ"
    assert cancelled.decoded("DTSTART") == _at(_day(3), T(14, 0))
    with translation.override("vi"):
        reason = gettext("Cancelled: %(reason)s") % {"reason": "Mưa lũ"}
    assert str(cancelled["DESCRIPTION"]).startswith(f"{reason}\n")

    assert str(cal["X-WR-CALNAME"]) == f"{vi('Party cell meetings')} — dangvien"
    assert str(cal["VERSION"]) == "2.0"
    # The time zone is described for calendar apps that need it.
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_feed_is_vietnamese_whatever_the_users_language(tree, client_for, meetings):
    client = client_for()
    client.cookies["django_language"] = "en"
    events = _events(_feed(client, tree.dangvien))
    with translation.override("vi"):
        label = str(MeetingKind.REGULAR.label)
    assert str(events[f"meeting-{meetings['regular'].pk}@chibo"]["SUMMARY"]).startswith(label)


def test_feed_sequence_follows_the_meeting_version(tree, client_for, meetings):
    Meeting.objects.filter(pk=meetings["regular"].pk).update(version=4)
    events = _events(_feed(client_for(), tree.dangvien))
    assert int(events[f"meeting-{meetings['regular'].pk}@chibo"]["SEQUENCE"]) == 3


def test_feed_of_a_user_without_cells_is_an_empty_calendar(tree, client_for, meetings):
    cal = _feed(client_for(), tree.staff)
    assert cal.walk("VEVENT") == []
    assert str(cal["X-WR-CALNAME"]) == f"{vi('Party cell meetings')} — staff"


def test_feed_durations_follow_the_rule_set_in_force(tree, client_for, meetings):
    """The feed chooses rule sets as rules_in_force does, without a query per meeting."""
    sets = RuleBook()
    for meeting in Meeting.objects.select_related("unit"):
        assert sets.get(meeting.date, meeting.unit) == rules_in_force(meeting.date, meeting.unit)
    assert sets.get(datetime.date(2019, 1, 1), tree.cell_a1) == rules_in_force(
        datetime.date(2019, 1, 1), tree.cell_a1
    )


def test_unknown_token_is_404(db, client):
    response = client.get(reverse("meetings:calendar-feed", args=["no-such-token"]))
    assert response.status_code == 404


def test_token_of_an_inactive_account_is_404(tree, client):
    token = CalendarToken.objects.create(user=tree.dangvien)
    tree.dangvien.is_active = False
    tree.dangvien.save()
    url = reverse("meetings:calendar-feed", args=[token.token])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("extra", [0, 6])
def test_feed_queries_do_not_grow(tree, client, meetings, django_assert_num_queries, extra):
    for i in range(extra):
        Meeting.objects.create(
            unit=tree.cell_a1, kind=MeetingKind.THEMATIC, date=_day(30 + i), topic=f"Chủ đề {i}"
        )
    token = CalendarToken.objects.create(user=tree.dangvien)
    # the token with its user, the user's cell grants, their roll entry, the meetings,
    # the rule sets = 5.
    with django_assert_num_queries(5):
        response = client.get(reverse("meetings:calendar-feed", args=[token.token]))
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 4 + extra


# --- the calendar page -----------------------------------------------------------------------


def test_calendar_page_shows_the_private_address(tree, client_for):
    client = client_for(tree.dangvien)
    response = client.get(reverse("meetings:calendar"))
    assert response.status_code == 200
    token = CalendarToken.objects.get(user=tree.dangvien).token
    url = f"http://testserver/meetings/calendar/{token}.ics"
    assert response.context["feed_url"] == url
    html = response.content.decode()
    assert f'value="{url}"' in html
    assert f'href="webcal://testserver/meetings/calendar/{token}.ics"' in html
    assert vi("Android phone (Google Calendar)") in html
    # Opening the page again keeps the address.
    client.get(reverse("meetings:calendar"))
    assert CalendarToken.objects.get(user=tree.dangvien).token == token


def test_calendar_page_queries(tree, client_for, django_assert_num_queries):
    client = client_for(tree.dangvien)
    client.get(reverse("meetings:calendar"))  # the token is made on the first visit
    # session, user, the token, the nav's unread count and the user's grants (the nav's
    # warnings link) = 5.
    with django_assert_num_queries(5):
        client.get(reverse("meetings:calendar"))


def test_a_new_token_revokes_the_old_address(tree, client_for):
    client = client_for(tree.dangvien)
    client.get(reverse("meetings:calendar"))
    old = CalendarToken.objects.get(user=tree.dangvien).token
    old_url = reverse("meetings:calendar-feed", args=[old])
    assert client.get(old_url).status_code == 200
    response = client.post(reverse("meetings:calendar"))
    assert (response.status_code, response["Location"]) == (302, reverse("meetings:calendar"))
    new = CalendarToken.objects.get(user=tree.dangvien).token
    assert new != old and len(new) == 32
    page = client.get(reverse("meetings:calendar")).content.decode()
    assert vi("A new calendar address has been issued; the old one no longer works.") in page
    assert new in page and old not in page
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("meetings:calendar-feed", args=[new])).status_code == 200


def test_a_new_token_on_first_use_works_too(tree, client_for):
    client = client_for(tree.dangvien)
    assert client.post(reverse("meetings:calendar")).status_code == 302
    assert CalendarToken.objects.filter(user=tree.dangvien).count() == 1


def test_the_calendar_page_is_linked_from_my_tasks(tree, client_for):
    html = client_for(tree.dangvien).get(reverse("meetings:my-tasks")).content.decode()
    assert re.search(rf'href="{reverse("meetings:calendar")}"', html)


def test_committee_meetings_only_for_the_committee(tree, client_for, meetings):
    """A member who holds no position in the cell does not get its committee meetings."""
    from chibo.members.models import Position

    Position.objects.filter(member=tree.cuong_a1).delete()
    events = _events(_feed(client_for(), tree.dangvien))
    assert f"meeting-{meetings['cancelled'].pk}@chibo" not in events
    assert f"meeting-{meetings['regular'].pk}@chibo" in events
