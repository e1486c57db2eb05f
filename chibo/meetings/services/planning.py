"""Planning: the year's meetings of a cell, and moving, adding or cancelling one.

Rules FREQ-1 (a regular meeting every month), FREQ-2 (the committee meets before it),
THEM-1 (a thematic meeting every quarter, topics planned for the year), PREP-4 (a member
assigned to write each thematic brief). Public holidays come from the `holidays` package
(Vietnam's calendar, Tết by the lunar calendar).
"""

import calendar
import dataclasses
import datetime
from functools import cache

import holidays
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chibo.core.services import audit_record
from chibo.meetings.models import (
    REGULAR_KINDS,
    THEMATIC_KINDS,
    CellSchedule,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from chibo.meetings.permissions import can_manage_meetings
from chibo.meetings.selectors import cell_for, cell_roll, meeting_get_for_update
from chibo.meetings.services.common import bump, check_version


@cache
def _holidays(year: int) -> holidays.HolidayBase:
    """Vietnam's public holidays of `year` (cached per process)."""
    return holidays.country_holidays("VN", years=year)


def is_holiday(day: datetime.date) -> bool:
    """True if `day` is a public holiday in Vietnam."""
    return day in _holidays(day.year)


def off_holidays(day: datetime.date) -> datetime.date:
    """`day`, or the first later day of the same month that is not a public holiday; when
    the holidays run to the month's end, the last earlier such day (a month keeps its
    meeting, rule FREQ-1: 31/8/2026 → 30/8/2026, since 31/8–2/9 are days off)."""
    later = day
    while is_holiday(later):
        later += datetime.timedelta(days=1)
    if later.month == day.month:
        return later
    earlier = day
    while is_holiday(earlier) and earlier.day > 1:
        earlier -= datetime.timedelta(days=1)
    return earlier if not is_holiday(earlier) else later


def usual_day(schedule: CellSchedule, year: int, month: int) -> datetime.date:
    """The cell's usual meeting day in `month` of `year`, before moving off holidays.

    "day" rule: that day of the month (capped at the month's last day); "weekday" rule: the
    `week`-th `weekday` of the month (week -1: the last one).
    """
    last = calendar.monthrange(year, month)[1]
    if schedule.rule == CellSchedule.DAY:
        return datetime.date(year, month, min(schedule.day or 1, last))
    days = [
        datetime.date(year, month, d)
        for d in range(1, last + 1)
        if datetime.date(year, month, d).weekday() == schedule.weekday
    ]
    week = schedule.week or 1
    return days[-1] if week < 0 else days[min(week, len(days)) - 1]


@dataclasses.dataclass
class ThematicPlan:
    """One planned thematic topic: its `month` (1–12), `topic`, the member writing the
    brief (`brief_writer_id`, may be None) and whether it is held at the same sitting as
    that month's regular meeting (`combined`, rule DUR-2)."""

    month: int
    topic: str
    brief_writer_id: int | None = None
    combined: bool = True


def meeting_plan_year(
    *,
    actor,
    unit_id: int,
    year: int,
    schedule: dict,
    thematic: list[ThematicPlan],
) -> list[Meeting]:
    """Plan a cell's year: one regular and one committee meeting a month on its usual day,
    moved off public holidays, and the thematic topics (rules FREQ-1, FREQ-2, THEM-1, PREP-4).

    `schedule` holds CellSchedule fields (rule, day, week, weekday, start_time, place,
    committee_lead_days); it is saved as the cell's schedule. `thematic` lists the topics;
    every quarter must have at least the rule set's `thematic_per_quarter` (ValidationError
    otherwise, in Vietnamese). Months that already have a regular (or combined) meeting, or
    a committee meeting, keep it: planning twice adds only what is missing. Returns the new
    meetings. Raises NotInScope, PermissionDenied, ValidationError.
    """
    from chibo.core.rules import rules_in_force

    cell = cell_for(actor=actor, unit_id=unit_id)
    if not can_manage_meetings(actor, cell):
        raise PermissionDenied("may not plan meetings")
    check_meeting_date(datetime.date(year, 1, 1), field="__all__")
    check_meeting_date(datetime.date(year, 12, 31), field="__all__")
    rule_set = rules_in_force(datetime.date(year, 1, 1), cell)
    due = rule_set["thematic_per_quarter"]
    errors = []
    for quarter in range(1, 5):
        count = sum(1 for t in thematic if (t.month - 1) // 3 + 1 == quarter)
        existing = Meeting.objects.filter(
            unit=cell,
            date__year=year,
            date__month__in=range(quarter * 3 - 2, quarter * 3 + 1),
            kind__in=THEMATIC_KINDS,
        ).exclude(status=MeetingStatus.CANCELLED)
        if count + existing.count() < due:
            errors.append(
                _("Quarter %(q)s needs at least %(n)s thematic topic(s) (rule THEM-1).")
                % {"q": quarter, "n": due}
            )
    roll = {r["member_id"] for r in cell_roll(cell)}
    for plan in thematic:
        if not plan.topic.strip():
            errors.append(_("Every thematic meeting needs a topic."))
        if plan.brief_writer_id and plan.brief_writer_id not in roll:
            errors.append(_("The member writing the brief must be on the cell's roll."))
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        sched, _created = CellSchedule.objects.update_or_create(unit=cell, defaults=schedule)
        existing = list(
            Meeting.objects.filter(
                unit=cell,
                date__gte=datetime.date(year - 1, 12, 1),
                date__lte=datetime.date(year, 12, 31),
            )
        )
        has_regular = {
            m.date.month for m in existing if m.kind in REGULAR_KINDS and m.date.year == year
        }
        committee_dates = [m.date for m in existing if m.kind == MeetingKind.COMMITTEE]
        topics = {t.month: t for t in thematic}
        created = []
        for month in range(1, 13):
            date = off_holidays(usual_day(sched, year, month))
            common = {"unit": cell, "start_time": sched.start_time, "place": sched.place}
            plan = topics.get(month)
            if month not in has_regular:
                kind = MeetingKind.COMBINED if plan and plan.combined else MeetingKind.REGULAR
                created.append(
                    Meeting(kind=kind, date=date, planned_date=date, **common, **_topic(plan, kind))
                )
            if plan and not plan.combined:
                # A separate thematic sitting two weeks after the regular one (THEM-1).
                later = off_holidays(min(date + datetime.timedelta(days=14), _month_end(date)))
                created.append(
                    Meeting(
                        kind=MeetingKind.THEMATIC,
                        date=later,
                        planned_date=later,
                        **common,
                        **_topic(plan, MeetingKind.THEMATIC),
                    )
                )
            # The committee meets `lead` days before the cell meeting (FREQ-2), earlier
            # still when that day is a holiday; it may fall in the previous month.
            before = date - datetime.timedelta(days=sched.committee_lead_days)
            while is_holiday(before):
                before -= datetime.timedelta(days=1)
            window = before - datetime.timedelta(days=14)
            if not any(window <= d <= date for d in committee_dates):
                created.append(
                    Meeting(
                        kind=MeetingKind.COMMITTEE,
                        date=before,
                        planned_date=before,
                        **common,
                    )
                )
        for meeting in created:
            meeting.save()  # one by one: each gets its history row
        audit_record(
            actor=actor,
            action="meetings.plan_year",
            target=cell,
            data={"year": year, "created": len(created)},
        )
    return created


def _month_end(day: datetime.date) -> datetime.date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _topic(plan: ThematicPlan | None, kind: str) -> dict:
    """Topic fields for a new meeting of `kind` from the thematic `plan` (if any)."""
    if plan is None or kind not in THEMATIC_KINDS:
        return {}
    return {"topic": plan.topic.strip(), "brief_writer_id": plan.brief_writer_id}


def check_meeting_date(day: datetime.date, field: str = "date") -> None:
    """Refuse a meeting date no rule set covers (a mistyped year such as 2016 or 1900) or
    beyond the planning horizon (the end of the year after this one,
    settings.CHIBO_PLAN_YEARS_AHEAD). Raises ValidationError keyed by `field`."""
    from django.conf import settings

    from chibo.core.rules import RuleBook
    from chibo.members.selectors import today

    if RuleBook().get(day) is None:
        raise ValidationError(
            {
                field: _("No party rules in chibo cover %(date)s: check the year.")
                % {"date": day.strftime("%d/%m/%Y")}
            }
        )
    if day.year > today().year + settings.CHIBO_PLAN_YEARS_AHEAD:
        raise ValidationError(
            {
                field: _("Meetings can be planned up to the end of %(year)s.")
                % {"year": today().year + settings.CHIBO_PLAN_YEARS_AHEAD}
            }
        )


def meeting_add(
    *,
    actor,
    unit_id: int,
    kind: str,
    date: datetime.date,
    start_time: datetime.time | None,
    place: str,
    topic: str = "",
    brief_writer_id: int | None = None,
    reason: str = "",
) -> Meeting:
    """Add one meeting to a cell's plan (an extra or a re-scheduled sitting).

    A thematic or combined meeting needs a topic. Raises NotInScope, PermissionDenied,
    ValidationError (Vietnamese messages keyed by field).
    """
    cell = cell_for(actor=actor, unit_id=unit_id)
    if not can_manage_meetings(actor, cell):
        raise PermissionDenied("may not plan meetings")
    check_meeting_date(date)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Choose a kind of meeting.")})
    if kind in THEMATIC_KINDS and not topic.strip():
        raise ValidationError({"topic": _("A thematic meeting needs a topic.")})
    if brief_writer_id and not cell_roll(cell).filter(member_id=brief_writer_id).exists():
        raise ValidationError({"brief_writer": _("The member must be on the cell's roll.")})
    with transaction.atomic():
        meeting = Meeting(
            unit=cell,
            kind=kind,
            date=date,
            planned_date=date,
            start_time=start_time,
            place=place,
            topic=topic.strip() if kind in THEMATIC_KINDS else "",
            brief_writer_id=brief_writer_id if kind in THEMATIC_KINDS else None,
            change_reason=reason,
        )
        meeting.save()
        audit_record(actor=actor, action="meeting.add", target=meeting, data={"reason": reason})
    return meeting


def meeting_move(
    *,
    actor,
    meeting_id: int,
    expected_version: int | None,
    date: datetime.date,
    start_time: datetime.time | None,
    place: str,
    reason: str,
) -> Meeting:
    """Move a planned meeting to another date, time or place, with a reason.

    Only planned meetings move (a held one has its record). Raises NotInScope,
    PermissionDenied, StaleVersion, ValidationError ({"reason": …} when empty).
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    check_meeting_date(date)
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        _check_planned(actor, meeting)
        check_version(meeting, expected_version)
        before = {"date": meeting.date.isoformat(), "place": meeting.place}
        bump(meeting, date=date, start_time=start_time, place=place, change_reason=reason.strip())
        _tell_members(
            meeting,
            _("%(kind)s of %(cell)s moved to %(when)s, %(place)s. Reason: %(reason)s"),
            reason,
        )
        audit_record(
            actor=actor,
            action="meeting.move",
            target=meeting,
            data={"before": before, "date": date.isoformat(), "reason": reason.strip()},
        )
    return meeting


def meeting_cancel(*, actor, meeting_id: int, expected_version: int | None, reason: str) -> Meeting:
    """Cancel a planned meeting with a reason; the month stays visible as not held.

    Raises NotInScope, PermissionDenied, StaleVersion, ValidationError.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        _check_planned(actor, meeting)
        check_version(meeting, expected_version)
        bump(meeting, status=MeetingStatus.CANCELLED, change_reason=reason.strip())
        _tell_members(
            meeting,
            _("%(kind)s of %(cell)s on %(when)s is cancelled. Reason: %(reason)s"),
            reason,
        )
        audit_record(
            actor=actor, action="meeting.cancel", target=meeting, data={"reason": reason.strip()}
        )
    return meeting


def _tell_members(meeting: Meeting, template: str, reason: str) -> None:
    """After a move or cancellation, an in-app notice to everyone the meeting summons and the
    officials who follow the cell (PREP-2) — only when they had been notified of it."""
    from chibo.meetings.models import Notice
    from chibo.meetings.services.preparation import notice_recipients

    if meeting.notified_at is None:
        return
    members, superiors = notice_recipients(meeting)
    when = meeting.date.strftime("%d/%m/%Y")
    if meeting.start_time:
        when = f"{meeting.start_time:%H:%M} {when}"
    text = template % {
        "kind": meeting.get_kind_display(),
        "cell": meeting.unit.name,
        "when": when,
        "place": meeting.place or "—",
        "reason": reason.strip(),
    }
    Notice.objects.bulk_create(
        Notice(user=u, meeting=meeting, message=text[:500]) for u in members + superiors
    )


def _check_planned(actor, meeting: Meeting) -> None:
    """PermissionDenied unless the actor manages the cell and the meeting is only planned."""
    if not can_manage_meetings(actor, meeting.unit) or meeting.status != MeetingStatus.PLANNED:
        raise PermissionDenied("only planned meetings move or are cancelled")
