"""Helpers shared by the meetings views: scoped fetch with permission, error mapping."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from chibo.meetings.models import Meeting
from chibo.meetings.permissions import can_edit_record
from chibo.meetings.selectors import meeting_get
from chibo.org.selectors import unit_ancestors


def editable_meeting(request, pk) -> Meeting:
    """The meeting a form edits: 404 outside the user's scope, 403 when the user may see it
    but not change its record (not an editor of the cell, or the minutes are submitted,
    adopted or the meeting cancelled: rule MIN-3)."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if not can_edit_record(request.user, meeting):
        raise PermissionDenied
    return meeting


def breadcrumbs(request, meeting: Meeting) -> list:
    """The units above the meeting's cell the user may see, then the cell."""
    return unit_ancestors(actor=request.user, unit=meeting.unit) + [meeting.unit]


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on `form`: field errors on their fields (when the
    form has them), the rest as non-field errors. What the user typed stays in the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def stale_message(request) -> None:
    """Tell the user someone else saved this meeting since they opened the page."""
    messages.error(
        request,
        _(
            "Someone else saved this meeting after you opened the page, so your changes were "
            "not saved. What you typed is still below: check the record, then save again."
        ),
    )
