"""Views of preparation: agenda, draft resolution, documents, the notice (PREP-1..4)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chibo.core.errors import StaleVersion
from chibo.meetings.forms import AgendaFormSet, DocumentForm, PreparationForm
from chibo.meetings.selectors import meeting_get, meeting_members
from chibo.meetings.services import preparation as services
from chibo.meetings.views.common import (
    apply_errors,
    breadcrumbs,
    editable_meeting,
    formset_page,
    record_form,
    stale_message,
)


@login_required
@record_form
def agenda(request, pk):
    """Edit the agenda (items, presenters, planned minutes); an empty agenda can be filled
    from the default template of the meeting kind and cell type."""
    meeting = editable_meeting(request, pk)
    if request.method == "POST" and "from_template" in request.POST:
        try:
            services.agenda_from_template(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=request.POST.get("version") or None,
            )
        except StaleVersion:
            stale_message(request)
        return redirect("meetings:agenda", meeting.pk)
    response, formset, version_form = formset_page(
        request,
        meeting,
        formset_class=AgendaFormSet,
        prefix="a",
        form_kwargs={"members": meeting_members(meeting=meeting)},
        initial=[
            {
                "id": i.pk,
                "title": i.title,
                "section": i.section,
                "presenter": i.presenter_id,
                "planned_minutes": i.planned_minutes,
            }
            for i in meeting.agenda_items.order_by("order", "id")
        ],
        to_row=lambda data: {
            "id": data.get("id"),
            "title": data["title"],
            "section": data["section"],
            "presenter_id": data.get("presenter"),
            "planned_minutes": data.get("planned_minutes"),
        },
        save=lambda rows, version: services.agenda_save(
            actor=request.user, meeting_id=meeting.pk, expected_version=version, items=rows
        ),
        saved_message=_("The agenda was saved."),
    )
    if response:
        return response
    context = {
        "meeting": meeting,
        "formset": formset,
        "version_form": version_form,
        "ancestors": breadcrumbs(request, meeting),
        "total_minutes": sum(i.planned_minutes or 0 for i in meeting.agenda_items.all()),
    }
    return render(request, "meetings/agenda_form.html", context)


@login_required
@record_form
def preparation(request, pk):
    """Draft resolution, document to study, thematic topic and brief writer."""
    meeting = editable_meeting(request, pk)
    members = meeting_members(meeting=meeting)
    initial = {
        "version": meeting.version,
        "topic": meeting.topic,
        "brief_writer": meeting.brief_writer_id,
        "study_document": meeting.study_document,
        "draft_resolution": meeting.draft_resolution,
    }
    form = PreparationForm(
        request.POST or None, initial=initial, members=members, thematic=meeting.is_thematic
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.preparation_save(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=data["version"],
                draft_resolution=data["draft_resolution"],
                study_document=data["study_document"],
                topic=data.get("topic") if meeting.is_thematic else None,
                brief_writer_id=data.get("brief_writer"),
            )
        except StaleVersion as stale:
            stale_message(request, stale, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The preparation was saved."))
            return redirect("meetings:detail", meeting.pk)
    context = {"meeting": meeting, "form": form, "ancestors": breadcrumbs(request, meeting)}
    return render(request, "meetings/preparation_form.html", context)


@login_required
@record_form
def document_upload(request, pk):
    """Attach a document (size and type checked); a refused file shows why, on this page."""
    meeting = editable_meeting(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_attach(
                actor=request.user,
                meeting_id=meeting.pk,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The document was attached."))
            return redirect("meetings:detail", meeting.pk)
    context = {"meeting": meeting, "form": form, "ancestors": breadcrumbs(request, meeting)}
    return render(
        request, "meetings/document_form.html", context, status=400 if form.errors else 200
    )


@login_required
def document_download(request, pk, doc_id):
    """Download a meeting's document: only for users who may see the meeting (404
    otherwise)."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    document = meeting.documents.filter(pk=doc_id).first()
    if document is None:
        raise Http404
    name = document.file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=name, content_type=document.content_type or None
    )


@login_required
@record_form
@require_POST
def document_delete(request, pk, doc_id):
    """Remove a document from a meeting whose record is still editable."""
    meeting = editable_meeting(request, pk)
    services.document_remove(actor=request.user, meeting_id=meeting.pk, document_id=doc_id)
    messages.success(request, _("The document was removed."))
    return redirect("meetings:detail", meeting.pk)


@login_required
@record_form
@require_POST
def notify(request, pk):
    """Send the meeting notice to members and the assigned superior committee member
    (PREP-2), publishing the documents (PREP-3)."""
    meeting = editable_meeting(request, pk)
    counts = services.meeting_notify(
        actor=request.user,
        meeting_id=meeting.pk,
        message=request.POST.get("message", ""),
        site_url=request.build_absolute_uri("/").rstrip("/"),
    )
    messages.success(
        request,
        _(
            "The notice was sent to %(members)s members and %(superiors)s superior committee "
            "members (%(emails)s e-mails)."
        )
        % counts,
    )
    return redirect("meetings:detail", meeting.pk)
