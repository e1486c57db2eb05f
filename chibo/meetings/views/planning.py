"""Views of planning: the cell's year, planning it, adding, moving and cancelling meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chibo.core.errors import StaleVersion
from chibo.meetings.forms import CancelForm, MeetingAddForm, MoveForm, ScheduleForm, ThematicFormSet
from chibo.meetings.models import (
    REGULAR_KINDS,
    THEMATIC_KINDS,
    CellSchedule,
    Meeting,
    MeetingStatus,
)
from chibo.meetings.permissions import can_manage_meetings
from chibo.meetings.selectors import (
    cell_for,
    cell_overdue_assignments,
    cell_year,
    meeting_get,
)
from chibo.meetings.services import planning as services
from chibo.meetings.views.common import (
    RecordLocked,
    apply_errors,
    breadcrumbs,
    record_form,
    stale_message,
)
from chibo.members.selectors import today, unit_members
from chibo.org.selectors import unit_ancestors


def _check_year(year: int) -> None:
    """404 for a year no one plans in (a mistyped URL), instead of a server error."""
    if not 2000 <= year <= 2100:
        raise Http404


def _year_context(request, cell, year: int) -> dict:
    """Context of the year view of a cell (page and panel)."""
    on = today()
    return {
        "cell": cell,
        "year": year,
        "today": on,
        "data": cell_year(cell=cell, year=year, on=on),
        "overdue": cell_overdue_assignments(cell=cell, on=on),
        "can_manage": can_manage_meetings(request.user, cell),
    }


@login_required
def cell_year_page(request, unit_id, year):
    """The cell's year as twelve months: held / planned / missed / cancelled, thematic
    meetings per quarter, attendance rate per meeting, overdue assignments (FREQ-1, THEM-1,
    ATT-1)."""
    _check_year(year)
    cell = cell_for(actor=request.user, unit_id=unit_id)
    context = _year_context(request, cell, year)
    context["ancestors"] = unit_ancestors(actor=request.user, unit=cell) + [cell]
    return render(request, "meetings/cell_year.html", context)


@login_required
def cell_year_panel(request, unit_id, year):
    """The year view as a fragment, loaded by htmx into the cell's unit page."""
    _check_year(year)
    cell = cell_for(actor=request.user, unit_id=unit_id)
    return render(request, "meetings/_year_panel.html", _year_context(request, cell, year))


def _managed_cell(request, unit_id):
    """A cell the user may plan for: 404 outside scope, 403 without the right."""
    cell = cell_for(actor=request.user, unit_id=unit_id)
    if not can_manage_meetings(request.user, cell):
        raise PermissionDenied
    return cell


@login_required
def plan_year(request, unit_id, year):
    """Plan the cell's year: usual day, time and place, and the thematic topics (at least
    one a quarter, each with the member writing its brief)."""
    _check_year(year)
    cell = _managed_cell(request, unit_id)
    members = list(unit_members(actor=request.user, unit=cell))
    schedule = CellSchedule.objects.filter(unit=cell).first()
    if request.method == "POST":
        form = ScheduleForm(request.POST)
        topics = ThematicFormSet(request.POST, prefix="t", form_kwargs={"members": members})
        if form.is_valid() and topics.is_valid():
            plans = [
                services.ThematicPlan(
                    month=t["month"],
                    topic=t.get("topic") or "",
                    brief_writer_id=t.get("brief_writer"),
                    combined=t.get("combined", False),
                )
                for t in topics.cleaned_data
                if t and (t.get("topic") or "").strip()
            ]
            schedule_data = {
                k: form.cleaned_data.get(k)
                for k in ("rule", "day", "week", "weekday", "start_time", "place")
            }
            schedule_data["committee_lead_days"] = form.cleaned_data["committee_lead_days"]
            try:
                created = services.meeting_plan_year(
                    actor=request.user,
                    unit_id=cell.pk,
                    year=year,
                    schedule=schedule_data,
                    thematic=plans,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("%(n)s meetings were planned.") % {"n": len(created)})
                return redirect("meetings:cell-year", cell.pk, year)
    else:
        initial = {"rule": CellSchedule.DAY, "day": 5, "committee_lead_days": 3}
        if schedule:
            initial = {
                f: getattr(schedule, f)
                for f in ("rule", "day", "week", "weekday", "start_time", "place")
            }
            initial["committee_lead_days"] = schedule.committee_lead_days
        form = ScheduleForm(initial=initial)
        topics = ThematicFormSet(
            prefix="t",
            form_kwargs={"members": members},
            initial=[{"month": q * 3 - 1, "combined": True} for q in range(1, 5)],
        )
    planned_topics = Meeting.objects.filter(
        unit=cell, date__year=year, kind__in=THEMATIC_KINDS
    ).exclude(status=MeetingStatus.CANCELLED)
    context = {
        "cell": cell,
        "year": year,
        "form": form,
        "topics": topics,
        "planned_topics": planned_topics.select_related("brief_writer").order_by("date"),
        "ancestors": unit_ancestors(actor=request.user, unit=cell) + [cell],
    }
    return render(request, "meetings/plan_year.html", context)


@login_required
def meeting_add(request, unit_id):
    """Add one meeting to the cell's plan."""
    cell = _managed_cell(request, unit_id)
    form = MeetingAddForm(request.POST or None, initial={"date": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_add(
                actor=request.user,
                unit_id=cell.pk,
                kind=data["kind"],
                date=data["date"],
                start_time=data["start_time"],
                place=data["place"],
                topic=data["topic"],
                reason=data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting was added."))
            return redirect("meetings:detail", meeting.pk)
    context = {
        "cell": cell,
        "form": form,
        "ancestors": unit_ancestors(actor=request.user, unit=cell) + [cell],
    }
    return render(request, "meetings/meeting_add.html", context)


def _planned_meeting(request, pk):
    """A planned meeting the user may move or cancel (404 outside scope, 403 otherwise)."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if not can_manage_meetings(request.user, meeting.unit):
        raise PermissionDenied
    if meeting.status != MeetingStatus.PLANNED:
        raise RecordLocked(meeting)
    return meeting


def _warn_about_move(request, meeting) -> None:
    """Warn (not refuse) when a moved regular meeting leaves its planned month — that month
    then has none (FREQ-1) — or lands on a public holiday."""
    planned = meeting.planned_date
    if (
        meeting.kind in REGULAR_KINDS
        and planned
        and (planned.year, planned.month)
        != (
            meeting.date.year,
            meeting.date.month,
        )
    ):
        messages.warning(
            request,
            _("Month %(month)s/%(year)s now has no regular meeting (rule FREQ-1).")
            % {"month": planned.month, "year": planned.year},
        )
    if services.is_holiday(meeting.date):
        messages.warning(request, _("The new date is a public holiday."))


@login_required
@record_form
def meeting_move(request, pk):
    """Move a planned meeting to another date, time or place, with a reason."""
    meeting = _planned_meeting(request, pk)
    initial = {
        "version": meeting.version,
        "date": meeting.date,
        "start_time": meeting.start_time,
        "place": meeting.place,
    }
    form = MoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moved = services.meeting_move(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=data["version"],
                date=data["date"],
                start_time=data["start_time"],
                place=data["place"],
                reason=data["reason"],
            )
        except StaleVersion as stale:
            stale_message(request, stale, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting was moved."))
            _warn_about_move(request, moved)
            return redirect("meetings:detail", meeting.pk)
    context = {"meeting": meeting, "form": form, "ancestors": breadcrumbs(request, meeting)}
    return render(request, "meetings/meeting_move.html", context)


@login_required
@record_form
def meeting_cancel(request, pk):
    """Cancel a planned meeting, with a reason; the month shows it as not held."""
    meeting = _planned_meeting(request, pk)
    form = CancelForm(request.POST or None, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except StaleVersion as stale:
            stale_message(request, stale, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting was cancelled."))
            return redirect("meetings:detail", meeting.pk)
    context = {"meeting": meeting, "form": form, "ancestors": breadcrumbs(request, meeting)}
    return render(request, "meetings/meeting_cancel.html", context)


@login_required
def upcoming_panel(request):
    """The home page's fragment (htmx): the user's next meetings and their open tasks."""
    from chibo.meetings.selectors import member_tasks, upcoming_meetings

    on = today()
    tasks = member_tasks(actor=request.user, on=on)
    context = {
        "meetings": upcoming_meetings(actor=request.user, on=on),
        "today": on,
        "open_tasks": len(tasks["overdue"]) + len(tasks["due_soon"]) + len(tasks["open"]),
        "overdue_tasks": len(tasks["overdue"]),
        "has_member": tasks["member"] is not None,
    }
    return render(request, "meetings/_upcoming_panel.html", context)
