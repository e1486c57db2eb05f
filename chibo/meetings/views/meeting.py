"""The meeting page and the minutes' lifecycle: submit, adopt, return, addendum (MIN-2, MIN-3)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chibo.core.errors import StaleVersion
from chibo.meetings.forms import AddendumForm, DocumentForm, ReasonForm, VersionForm
from chibo.meetings.history import meeting_actions, meeting_history
from chibo.meetings.models import MeetingStatus
from chibo.meetings.permissions import (
    can_add_addendum,
    can_adopt,
    can_edit_record,
    can_manage_meetings,
)
from chibo.meetings.selectors import meeting_get, meeting_record
from chibo.meetings.services.common import IncompleteMinutes
from chibo.meetings.services.lifecycle import (
    addendum_add,
    minutes_adopt,
    minutes_missing,
    minutes_return,
    minutes_submit,
)
from chibo.meetings.services.preparation import documents_in_time
from chibo.meetings.views.common import apply_errors, breadcrumbs, stale_message
from chibo.members.selectors import today
from chibo.org.permissions import can_edit_unit


@login_required
def detail(request, pk):
    """The meeting page: plan, preparation, roll call, minutes, vote, assignments, review,
    completeness (MIN-2), lifecycle buttons, addenda and downloads. Read-only for readers;
    the edit links appear only while the user may change the record."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    record = meeting_record(meeting=meeting)
    can_edit = can_edit_record(request.user, meeting)
    context = {
        "meeting": meeting,
        "record": record,
        "ancestors": breadcrumbs(request, meeting),
        "can_edit": can_edit,
        "can_manage": can_manage_meetings(request.user, meeting.unit)
        and meeting.status == MeetingStatus.PLANNED,
        "can_adopt": can_adopt(request.user, meeting),
        "can_add_addendum": can_add_addendum(request.user, meeting),
        "missing": minutes_missing(record) if meeting.is_held else [],
        "may_record": meeting.date <= today(),
        "state": "missed"
        if meeting.status == MeetingStatus.PLANNED and meeting.date < today()
        else "",
        "documents_in_time": documents_in_time(meeting, record.rule_set),
        "document_form": DocumentForm() if can_edit else None,
        "addendum_form": AddendumForm() if can_add_addendum(request.user, meeting) else None,
        "return_form": ReasonForm(initial={"version": meeting.version}),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def history(request, pk):
    """Every change to the meeting's record, newest first (django-simple-history)."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    context = {
        "meeting": meeting,
        "rows": meeting_history(meeting),
        "actions": meeting_actions(meeting),
        "ancestors": breadcrumbs(request, meeting),
    }
    return render(request, "meetings/meeting_history.html", context)


def _version(request) -> int | None:
    """The record version posted with a lifecycle button (None when missing)."""
    form = VersionForm(request.POST)
    return form.cleaned_data.get("version") if form.is_valid() else None


@login_required
@require_POST
def submit(request, pk):
    """Submit the draft minutes; refused with the MIN-2 list while incomplete. A second
    press (the minutes already submitted or adopted) only says so."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if meeting.status in (MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED) and can_edit_unit(
        request.user, meeting.unit
    ):
        messages.info(request, _("The minutes were already submitted."))
        return redirect("meetings:detail", meeting.pk)
    try:
        minutes_submit(
            actor=request.user, meeting_id=meeting.pk, expected_version=_version(request)
        )
    except StaleVersion:
        stale_message(request)
    except IncompleteMinutes as error:
        messages.error(
            request,
            _("The minutes cannot be submitted yet. Missing: %(items)s.")
            % {"items": "; ".join(str(m) for m in error.missing)},
        )
    else:
        messages.success(request, _("The minutes were submitted for adoption."))
    return redirect("meetings:detail", meeting.pk)


@login_required
@require_POST
def adopt(request, pk):
    """Adopt submitted minutes: from now on they never change (MIN-3). A second press (by
    someone else on an open page) only says they are adopted."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if meeting.status == MeetingStatus.ADOPTED and can_edit_unit(request.user, meeting.unit):
        messages.info(
            request,
            _("The minutes were already adopted on %(d)s.")
            % {"d": timezone.localtime(meeting.adopted_at).strftime("%d/%m/%Y %H:%M")},
        )
        return redirect("meetings:detail", meeting.pk)
    if not can_adopt(request.user, meeting):
        raise PermissionDenied
    try:
        minutes_adopt(actor=request.user, meeting_id=meeting.pk, expected_version=_version(request))
    except StaleVersion:
        stale_message(request)
    except IncompleteMinutes as error:
        messages.error(
            request,
            _("The minutes cannot be adopted yet. Missing: %(items)s.")
            % {"items": "; ".join(str(m) for m in error.missing)},
        )
    else:
        messages.success(request, _("The minutes were adopted and are now locked."))
    return redirect("meetings:detail", meeting.pk)


@login_required
@require_POST
def return_to_draft(request, pk):
    """Send submitted minutes back to draft for a correction, with a reason."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if not can_adopt(request.user, meeting):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the change."))
        return redirect("meetings:detail", meeting.pk)
    try:
        minutes_return(
            actor=request.user,
            meeting_id=meeting.pk,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except StaleVersion:
        stale_message(request)
    else:
        messages.success(request, _("The minutes were returned to draft."))
    return redirect("meetings:detail", meeting.pk)


@login_required
def addendum(request, pk):
    """Add a correction to adopted minutes (MIN-3): the minutes themselves never change."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if not can_add_addendum(request.user, meeting):
        raise PermissionDenied
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            addendum_add(
                actor=request.user,
                meeting_id=meeting.pk,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The correction was added to the minutes."))
            return redirect("meetings:detail", meeting.pk)
    context = {"meeting": meeting, "form": form, "ancestors": breadcrumbs(request, meeting)}
    return render(request, "meetings/addendum_form.html", context)
