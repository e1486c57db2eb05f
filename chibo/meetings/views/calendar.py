"""The private iCalendar feed of a user's cell meetings, and the page that gives its address.

The feed (`calendar_feed`) needs no login: phones' calendar apps fetch it on their own, so
the secret random token in its address is the credential. A new token revokes the old
address (`calendar_page`, POST). Unknown tokens, and tokens of inactive accounts, answer 404.
The feed is Vietnamese whatever the language of the user's last page.
"""

import datetime
import secrets
from zoneinfo import ZoneInfo

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chibo.core.rules import RuleBook
from chibo.core.services import audit_record
from chibo.core.text import person_name
from chibo.meetings.models import CalendarToken, Meeting, MeetingKind, MeetingStatus
from chibo.meetings.selectors import calendar_meetings
from chibo.members.selectors import today

#: Time zone of every event (the meetings' times are local times in Vietnam).
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
#: Start time of a meeting planned without one.
DEFAULT_START = datetime.time(8, 0)
#: How far back the feed goes.
PAST_DAYS = 90


def _token_for(user) -> CalendarToken:
    """The user's calendar token, created on first use."""
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def _feed_url(request, token: CalendarToken) -> str:
    """The absolute https (or http) address of the feed of `token`."""
    return request.build_absolute_uri(reverse("meetings:calendar-feed", args=[token.token]))


@login_required
def calendar_page(request):
    """The user's private feed address (its token is made on the first visit), how to add it
    to a phone's calendar, and (POST) a button issuing a new address, which stops the old one
    from working at once."""
    if request.method == "POST":
        with transaction.atomic():
            token = _token_for(request.user)
            token.token = secrets.token_urlsafe(24)
            token.created_at = timezone.now()
            token.save(update_fields=["token", "created_at"])
            audit_record(actor=request.user, action="calendar.new_token", target=token)
        messages.success(
            request,
            _("A new calendar address has been issued; the old one no longer works."),
        )
        return redirect("meetings:calendar")
    token = _token_for(request.user)
    url = _feed_url(request, token)
    context = {
        "token": token,
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
    }
    return render(request, "meetings/calendar.html", context)


def meeting_times(meeting: Meeting, rule_set) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of a meeting as aware datetimes in Asia/Ho_Chi_Minh.

    A held meeting with its actual start and end recorded uses them. Otherwise it starts at
    its planned time (08:00 when none) and lasts the shortest sitting of the rule set:
    `combined_min_minutes` for a regular and thematic meeting (DUR-2), else
    `regular_min_minutes` (DUR-1); 90 minutes when no rule set is in force.
    """
    if meeting.is_held and meeting.started_at and meeting.ended_at:
        if meeting.ended_at > meeting.started_at:
            start = datetime.datetime.combine(meeting.date, meeting.started_at, TZ)
            return start, datetime.datetime.combine(meeting.date, meeting.ended_at, TZ)
    begins = (meeting.is_held and meeting.started_at) or meeting.start_time or DEFAULT_START
    start = datetime.datetime.combine(meeting.date, begins, TZ)
    key = "combined_min_minutes" if meeting.kind == MeetingKind.COMBINED else "regular_min_minutes"
    minutes = rule_set[key] if rule_set is not None else 90
    return start, start + datetime.timedelta(minutes=minutes)


def _event(request, meeting: Meeting, rule_set, stamp: datetime.datetime) -> icalendar.Event:
    """One VEVENT for `meeting` (the Vietnamese translation active)."""
    start, end = meeting_times(meeting, rule_set)
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@chibo")
    event.add("dtstamp", stamp)
    event.add("sequence", max(meeting.version - 1, 0))
    event.add("summary", f"{meeting.get_kind_display()} — {meeting.unit.name}")
    event.add("dtstart", start)
    event.add("dtend", end)
    if meeting.place:
        event.add("location", meeting.place)
    link = request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk]))
    lines = []
    if meeting.topic:
        lines.append(_("Topic: %(topic)s") % {"topic": meeting.topic})
    if meeting.status == MeetingStatus.CANCELLED and meeting.change_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": meeting.change_reason})
    lines.append(link)
    event.add("description", "\n".join(lines))
    event.add("url", link)
    if meeting.status == MeetingStatus.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def calendar_feed(request, token):
    """The iCalendar (RFC 5545) feed of the token's user: one event per meeting of their
    cells from 90 days ago on (selectors.calendar_meetings), cancelled ones marked
    STATUS:CANCELLED. In Vietnamese. Five queries, however many meetings."""
    row = CalendarToken.objects.select_related("user").filter(token=token).first()
    if row is None or not row.user.is_active:
        raise Http404
    user = row.user
    with translation.override("vi"):
        meetings = list(calendar_meetings(user=user, start=today() - datetime.timedelta(PAST_DAYS)))
        rules = RuleBook()
        cal = icalendar.Calendar()
        cal.add("prodid", "-//chibo//Party cell meetings//VI")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        name = person_name(user)
        title = _("Party cell meetings")
        cal.add("x-wr-calname", f"{title} — {name}" if name else title)
        cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
        stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
        for meeting in meetings:
            cal.add_component(
                _event(request, meeting, rules.get(meeting.date, meeting.unit), stamp)
            )
        if meetings:
            cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="chibo.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
