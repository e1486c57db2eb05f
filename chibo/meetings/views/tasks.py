"""A member's own pages: my tasks (assignments given at meetings), reporting on a task, and
the in-app notices.

Thin views: they parse the request, call a selector or services.assignments, and render.
Reads are scoped (selectors answer 404 outside the user's scope); reporting on a task is for
its members and the editors of its cell (permissions.can_report_on, else 403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.core.errors import StaleVersion
from chibo.meetings.forms_tasks import TaskReportForm
from chibo.meetings.models import Assignment, AssignmentStatus, Notice
from chibo.meetings.permissions import can_report_on
from chibo.meetings.selectors import assignment_get, member_tasks, notices_for
from chibo.meetings.services.assignments import assignment_report

#: The groups of the "my tasks" page, in display order: (key of member_tasks, CSS tone).
TASK_GROUPS = (
    ("overdue", "danger"),
    ("due_soon", "warning"),
    ("open", "primary"),
    ("closed", "secondary"),
)


def _group_title(key: str, due_soon_days: int) -> str:
    """The translated heading of a group of tasks."""
    if key == "overdue":
        return _("Overdue")
    if key == "due_soon":
        return _("Due within %(days)s days") % {"days": due_soon_days}
    if key == "open":
        return _("In progress")
    return _("Recently closed")


def _with_others(rows: list[Assignment], member) -> list[Assignment]:
    """Give each assignment `others`: its assignees other than `member` (prefetched)."""
    for row in rows:
        row.others = [m for m in row.assignees.all() if member is None or m.pk != member.pk]
    return rows


@login_required
def my_tasks(request):
    """The tasks of the member linked to the user, grouped overdue / due soon / in progress /
    recently closed (selectors.member_tasks). A user whose account has no member record (or
    whose record lies outside their scope) gets an explanation instead of an empty list."""
    data = member_tasks(actor=request.user)
    member = data["member"]
    groups = []
    for key, tone in TASK_GROUPS:
        rows = _with_others(data[key], member)
        groups.append(
            {
                "key": key,
                "title": _group_title(key, data["due_soon_days"]),
                "tone": tone,
                "rows": rows,
            }
        )
    context = {
        "member": member,
        "groups": groups,
        "total": sum(len(g["rows"]) for g in groups),
        "due_soon_days": data["due_soon_days"],
    }
    return render(request, "meetings/tasks.html", context)


def _apply_errors(form: TaskReportForm, error: ValidationError) -> None:
    """Put the service's refusal on the form: messages keyed by a field of the form on that
    field, the others above the form. What the user typed stays in the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _stale_form(post, current: Assignment) -> TaskReportForm:
    """The form after a conflicting save: what the user typed, at the version stored now (so
    that saving again overwrites on purpose)."""
    data = post.copy()
    data["version"] = current.version
    form = TaskReportForm(data)
    form.is_valid()
    return form


@login_required
def task_report(request, assignment_id):
    """Report on a task: progress, outcome, the day it was done (assignment_report).

    404 outside the user's scope; 403 for a user who may see the cell but is neither a
    member given the task nor an editor of the cell. A save refused because someone else
    reported in between re-shows the form with what the user typed and what is stored now;
    refused values are marked on their fields. Success returns to "my tasks".
    """
    assignment = assignment_get(actor=request.user, assignment_id=assignment_id)
    assignees = list(assignment.assignees.order_by("sort_key", "pk"))
    if not can_report_on(request.user, assignment, {m.pk for m in assignees}):
        raise PermissionDenied("not an assignee")
    stored = None
    if request.method == "POST":
        form = TaskReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assignment_report(
                    actor=request.user,
                    assignment_id=assignment.pk,
                    expected_version=data["version"],
                    status=data["status"],
                    progress=data["progress"],
                    outcome=data["outcome"],
                    done_on=data["done_on"],
                )
            except StaleVersion:
                stored = assignment_get(actor=request.user, assignment_id=assignment.pk)
                form = _stale_form(request.POST, stored)
                messages.error(
                    request,
                    _(
                        "Someone else reported on this task after you opened it. Nothing is "
                        "saved yet: what is stored now is shown below the form; check your "
                        "report, then save again."
                    ),
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Your report on the task has been saved."))
                return redirect("meetings:my-tasks")
    else:
        form = TaskReportForm.for_assignment(assignment)
    context = {
        "assignment": assignment,
        "meeting": assignment.meeting,
        "assignees": assignees,
        "form": form,
        "stored": stored,
        "statuses": AssignmentStatus,
    }
    return render(request, "meetings/task_form.html", context)


@login_required
def notices(request):
    """The user's latest notices, newest first, each linking to its meeting.

    Opening the page marks every unread notice read (one UPDATE after the list is read):
    the notices unread until now are flagged "new" on this page only, and the nav badge
    shows none. Reading a page is how a member acknowledges a notice; no extra button.
    """
    rows = notices_for(actor=request.user)
    unread = sum(1 for n in rows if n.read_at is None)
    Notice.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    context = {
        "notices": rows,
        "new_count": unread,
        "unread_notices": 0,  # all read now: the nav badge needs no query
    }
    return render(request, "meetings/notices.html", context)
