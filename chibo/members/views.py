"""Views of party members: the member page, the member file form, dated status records."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chibo.core.errors import StaleVersion
from chibo.members import services
from chibo.members.forms import STATUS_RECORD_FORMS, AttachmentForm, EndRecordForm, MemberForm
from chibo.members.models import Member
from chibo.members.permissions import can_edit_member
from chibo.members.selectors import (
    member_changes,
    member_get,
    member_roll_unit,
    member_status_on,
    member_timeline,
    member_with_records,
    open_status_records,
    today,
)
from chibo.members.services import EDITABLE_FIELDS, member_update
from chibo.org.models import CELL_KINDS
from chibo.org.permissions import can_edit_unit
from chibo.org.selectors import parent_names, unit_ancestors, units_visible


@login_required
def member_detail(request, member_id):
    """A member: file details, status today and the history of statuses and cells."""
    member = member_with_records(member_get(actor=request.user, member_id=member_id))
    status = member_status_on(member, today())
    context = {
        "member": member,
        "status": status,
        "timeline": member_timeline(member),
        "ancestors": unit_ancestors(actor=request.user, unit=status.unit) + [status.unit]
        if status.unit
        else [],
        "can_edit": status.unit is not None and can_edit_unit(request.user, status.unit),
        "open_records": open_status_records(member, today()),
        "record_kinds": [
            (k, f._meta.model._meta.verbose_name) for k, f in STATUS_RECORD_FORMS.items()
        ],
        "changes": member_changes(member)[:10],
    }
    return render(request, "members/member_detail.html", context)


def _member_context(request, member) -> dict:
    """Breadcrumb context shared by the member's forms."""
    unit = member_roll_unit(member)
    return {
        "member": member,
        "ancestors": unit_ancestors(actor=request.user, unit=unit) + [unit] if unit else [],
    }


def _editable_member(request, member_id, kind: str | None = None) -> Member:
    """The member a form edits: 404 for an unknown record kind or outside the scope (checked
    in that order, so an unknown kind never reveals whether the member exists), 403 when the
    user may see but not edit them."""
    if kind is not None and kind not in STATUS_RECORD_FORMS:
        raise Http404
    member = member_get(actor=request.user, member_id=member_id)
    if not can_edit_member(request.user, member):
        raise PermissionDenied
    return member


def _as_form_value(value) -> str:
    """A stored value as the member form's text boxes show it (dates as dd/mm/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _merged_form(post, member: Member, stale: StaleVersion) -> MemberForm:
    """The form after a conflicting save: what the user typed, the other person's changes to
    fields the user left alone, and on each conflicting field the value stored now."""
    data = post.copy()
    data["version"] = stale.current_version
    for field, value in stale.theirs.items():
        if field not in stale.conflicts:
            data[field] = _as_form_value(value)
    form = MemberForm(data, instance=Member.objects.get(pk=member.pk))
    form.is_valid()
    for field in stale.conflicts:
        stored = _as_form_value(stale.theirs.get(field)) or "—"
        form.add_error(field, _("Someone else saved: %(value)s") % {"value": stored})
    return form


@login_required
def member_edit(request, member_id):
    """Edit the member file. Refuses a save when someone saved in between (optimistic
    locking): the form keeps what the user typed and says what happened."""
    member = _editable_member(request, member_id)
    if request.method == "POST":
        form = MemberForm(request.POST, instance=Member.objects.get(pk=member.pk))
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in EDITABLE_FIELDS}
            try:
                member_update(
                    actor=request.user,
                    member_id=member.pk,
                    expected_version=form.cleaned_data["version"],
                    data=data,
                )
            except StaleVersion as stale:
                form = _merged_form(request.POST, member, stale)
                messages.error(
                    request,
                    _(
                        "Someone else saved this member's file after you opened it, changing "
                        "some of the same fields. Nothing is saved yet: the marked fields show "
                        "what is stored now; keep or correct your values, then save again."
                    ),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The member file has been saved."))
                return redirect("member-detail", member.pk)
    else:
        form = MemberForm(instance=member, initial={"version": member.version})
    context = _member_context(request, member) | {
        "form": form,
        "changes": member_changes(member)[:5],
    }
    return render(request, "members/member_form.html", context)


@login_required
def record_add(request, member_id, kind):
    """Record a dated status (exemption, attachment, …) for a member."""
    member = _editable_member(request, member_id, kind)
    form_class = STATUS_RECORD_FORMS[kind]
    extra = {}
    if kind == "attachment":
        own = member_roll_unit(member)
        cells = units_visible(actor=request.user).filter(kind__in=CELL_KINDS)
        cells = cells.exclude(pk=own.pk) if own else cells
        small = cells.count() <= AttachmentForm.MAX_HOST_CHOICES
        parents = parent_names(actor=request.user, units=list(cells)) if small else {}
        extra = {"host_units": cells, "parents": parents}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            services.status_record_add(
                actor=request.user, member_id=member.pk, kind=kind, data=data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record has been saved."))
            return redirect("member-detail", member.pk)
    title = form_class._meta.model._meta.verbose_name
    context = _member_context(request, member) | {"form": form, "title": title, "kind": kind}
    return render(request, "members/status_record_form.html", context)


@login_required
@require_POST
def record_end(request, member_id, kind, record_id):
    """End an open dated record on the given day."""
    member = _editable_member(request, member_id, kind)
    form = EndRecordForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the last day of the record as dd/mm/yyyy."))
        return redirect("member-detail", member.pk)
    try:
        services.status_record_end(
            actor=request.user,
            member_id=member.pk,
            kind=kind,
            record_id=record_id,
            end_date=form.cleaned_data["end_date"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The record has been ended."))
    return redirect("member-detail", member.pk)


@login_required
@require_POST
def record_delete(request, member_id, kind, record_id):
    """Delete a dated record entered by mistake (the page asks for confirmation first)."""
    member = _editable_member(request, member_id, kind)
    services.status_record_delete(
        actor=request.user, member_id=member.pk, kind=kind, record_id=record_id
    )
    messages.success(request, _("The record has been deleted."))
    return redirect("member-detail", member.pk)
