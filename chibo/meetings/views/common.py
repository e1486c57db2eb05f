"""Helpers shared by the meetings views: scoped fetch with permission, error mapping."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chibo.core.errors import StaleVersion
from chibo.meetings.forms import VersionForm
from chibo.meetings.models import Meeting
from chibo.meetings.permissions import can_add_addendum, can_edit_record
from chibo.meetings.selectors import meeting_get
from chibo.org.permissions import can_edit_unit
from chibo.org.selectors import unit_ancestors


class RecordLocked(Exception):
    """An editor tried to change a record that no longer changes (submitted, adopted or
    cancelled); `record_form` turns it into an explanatory page."""

    def __init__(self, meeting: Meeting):
        super().__init__(f"meeting {meeting.pk} is {meeting.status}")
        self.meeting = meeting


def editable_meeting(request, pk) -> Meeting:
    """The meeting a form edits: 404 outside the user's scope, 403 when the user may see it
    but not edit the cell's records; `RecordLocked` for an editor when the minutes are
    submitted or adopted or the meeting cancelled (rule MIN-3)."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if not can_edit_record(request.user, meeting):
        if can_edit_unit(request.user, meeting.unit):
            raise RecordLocked(meeting)
        raise PermissionDenied
    return meeting


#: POST keys that are not the user's own text (formset bookkeeping, tokens, versions).
_NOT_TYPED = ("csrfmiddlewaretoken", "version", "from_template")
_BOOKKEEPING = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def record_form(view):
    """Decorator of the record's edit views: when the record is locked (`RecordLocked`),
    answer 409 with a page that says why (adopted on …, submitted, cancelled), links to the
    addendum form, and shows back every text the user had typed, so nothing is lost."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RecordLocked as locked:
            typed = [
                value.strip()
                for key, value in request.POST.items()
                if key not in _NOT_TYPED
                and not key.endswith(_BOOKKEEPING)
                and len(value.strip()) > 3
                and not value.strip().isdigit()
            ]
            context = {
                "meeting": locked.meeting,
                "ancestors": breadcrumbs(request, locked.meeting),
                "typed": typed,
                "can_add_addendum": can_add_addendum(request.user, locked.meeting),
            }
            return render(request, "meetings/locked.html", context, status=409)

    return wrapper


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


def stale_message(request, stale=None, form=None) -> None:
    """Tell the user someone else saved this meeting since they opened the page.

    With `form` (bound) and the `StaleVersion` error, the form's hidden version becomes the
    stored one: the user reads the message, checks the record (the link opens it in a new
    tab) and saves again on purpose, replacing the other person's text with theirs. Nothing
    they typed is lost on the way.
    """
    if form is not None and stale is not None and form.is_bound:
        data = form.data.copy()
        data[form.add_prefix("version")] = stale.current_version
        form.data = data
    messages.error(
        request,
        _(
            "Someone else saved this meeting after you opened the page, so your changes were "
            "not saved. What you typed is still below: check the record, then save again."
        ),
    )


def formset_page(
    request,
    meeting: Meeting,
    *,
    formset_class,
    prefix: str,
    form_kwargs: dict,
    initial: list[dict],
    to_row,
    save,
    saved_message: str,
):
    """The shared flow of the pages that edit a list of a meeting's rows (agenda items,
    guests, speeches) with a formset and a replace-all service.

    `to_row(cleaned_data) -> dict` turns a kept form into the service's row; `save(rows,
    expected_version)` calls the service. Returns (response or None, formset, version_form):
    a redirect after a successful save; otherwise the bound or initial forms to render, with
    a stale save or a service's ValidationError shown and everything typed kept.
    """
    version_form = VersionForm(request.POST or None, initial={"version": meeting.version})
    if request.method != "POST":
        formset = formset_class(prefix=prefix, initial=initial, form_kwargs=form_kwargs)
        return None, formset, version_form
    formset = formset_class(request.POST, prefix=prefix, form_kwargs=form_kwargs)
    if formset.is_valid() and version_form.is_valid():
        rows = [
            to_row(f.cleaned_data)
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            save(rows, version_form.cleaned_data["version"])
        except StaleVersion as stale:
            stale_message(request, stale, version_form)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, saved_message)
            return redirect("meetings:detail", meeting.pk), formset, version_form
    return None, formset, version_form
