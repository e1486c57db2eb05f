"""Views of holding the meeting: roll call, minutes, guests, speeches, review of last month's
assignments, vote and new assignments. Each form keeps what was typed when refused."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chibo.core.errors import StaleVersion
from chibo.meetings.figures import attendance_figures, voting_base
from chibo.meetings.forms import (
    REVIEW_CHOICES,
    AssignmentForm,
    GuestFormSet,
    MinutesForm,
    SpeechFormSet,
    VersionForm,
    VoteForm,
)
from chibo.meetings.models import AttendanceStatus
from chibo.meetings.selectors import assignments_for_review, meeting_members, officials_for
from chibo.meetings.services import assignments as assignment_services
from chibo.meetings.services import record as services
from chibo.meetings.views.common import (
    apply_errors,
    breadcrumbs,
    editable_meeting,
    formset_page,
    record_form,
    stale_message,
)
from chibo.members.selectors import today

#: Statuses offered for every member; the flagged ones add their own (ATT-0).
_BASIC = [AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED]


def _context(request, meeting, **extra) -> dict:
    """The context every record form shares."""
    return {"meeting": meeting, "ancestors": breadcrumbs(request, meeting), **extra}


@login_required
@record_form
def roll_call(request, pk):
    """The roll call, fast on a phone: everyone pre-marked (present, or exempted / attached
    elsewhere / special duty from their records), then the secretary changes the exceptions
    and gives a reason for each excused absence (ATT-0)."""
    meeting = editable_meeting(request, pk)
    rows = services.roll_call_rows(meeting)
    version_form = VersionForm(request.POST or None, initial={"version": meeting.version})
    errors = {}
    if request.method == "POST":
        version_form.is_valid()
        entries = {
            r.member_id: {
                "status": request.POST.get(f"status-{r.member_id}", r.status),
                "reason": request.POST.get(f"reason-{r.member_id}", ""),
            }
            for r in rows
        }
        try:
            services.roll_call_record(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=version_form.cleaned_data.get("version"),
                entries=entries,
            )
        except StaleVersion as stale:
            stale_message(request, stale, version_form)
        except ValidationError as error:
            errors = (
                {int(k): v[0] for k, v in error.message_dict.items()}
                if hasattr(error, "error_dict")
                else {}
            )
            if not errors:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The roll call was saved."))
            return redirect("meetings:detail", meeting.pk)
        for r in rows:  # show what was typed
            r.status, r.reason = entries[r.member_id]["status"], entries[r.member_id]["reason"]
    for r in rows:
        flagged = [
            s
            for s, flag in (
                (AttendanceStatus.EXEMPTED, r.exempted),
                (AttendanceStatus.ATTACHED_ELSEWHERE, r.attached_elsewhere),
                (AttendanceStatus.SPECIAL_DUTY, r.special_duty),
            )
            if flag
        ]
        r.choices = [
            (s, AttendanceStatus(s).label) for s in ([_BASIC[0], *flagged] if flagged else _BASIC)
        ]
        r.error = errors.get(r.member_id)
    context = _context(
        request,
        meeting,
        rows=rows,
        version_form=version_form,
        figures=attendance_figures(rows),
        has_errors=bool(errors),
    )
    return render(request, "meetings/roll_call.html", context, status=400 if errors else 200)


@login_required
@record_form
def minutes(request, pk):
    """Times, chair, minute-taker, document studied, and the minutes of each agenda item."""
    meeting = editable_meeting(request, pk)
    members = meeting_members(meeting=meeting)
    items = list(meeting.agenda_items.order_by("order", "id"))
    initial = {
        "version": meeting.version,
        "started_at": meeting.started_at,
        "ended_at": meeting.ended_at,
        "place": meeting.place,
        "chair": meeting.chair_id,
        "minute_taker": meeting.minute_taker_id,
        "study_document": meeting.study_document,
    }
    form = MinutesForm(request.POST or None, initial=initial, members=members, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_save(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=data["version"],
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                place=data["place"],
                chair_id=data["chair"],
                minute_taker_id=data["minute_taker"],
                study_document=data["study_document"],
                item_notes={i.pk: data.get(f"item_{i.pk}", "") for i in items},
            )
        except StaleVersion as stale:
            stale_message(request, stale, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/minutes_form.html", _context(request, meeting, form=form))


@login_required
@record_form
def guests(request, pk):
    """Guests and visiting officials, with the officials' comments (VIS-3)."""
    meeting = editable_meeting(request, pk)
    response, formset, version_form = formset_page(
        request,
        meeting,
        formset_class=GuestFormSet,
        prefix="g",
        form_kwargs={"officials": officials_for(meeting.unit)},
        initial=[
            {
                "name": g.name,
                "position": g.position,
                "organisation": g.organisation,
                "is_official": g.is_official,
                "comments": g.comments,
                "official": g.user_id,
            }
            for g in meeting.guests.all()
        ],
        to_row=lambda data: {**data, "user_id": data.get("official")},
        save=lambda rows, version: services.guests_save(
            actor=request.user, meeting_id=meeting.pk, expected_version=version, guests=rows
        ),
        saved_message=_("The guests were saved."),
    )
    if response:
        return response
    context = _context(request, meeting, formset=formset, version_form=version_form)
    return render(request, "meetings/guests_form.html", context)


@login_required
@record_form
def speeches(request, pk):
    """Who spoke and what they said; self-criticism and criticism (who, about what)."""
    meeting = editable_meeting(request, pk)
    response, formset, version_form = formset_page(
        request,
        meeting,
        formset_class=SpeechFormSet,
        prefix="s",
        form_kwargs={"members": meeting_members(meeting=meeting)},
        initial=[
            {
                "kind": s.kind,
                "member": s.member_id,
                "speaker_name": s.speaker_name,
                "about": s.about,
                "content": s.content,
            }
            for s in meeting.speeches.all()
        ],
        to_row=lambda data: {
            "kind": data["kind"],
            "member_id": data.get("member"),
            "speaker_name": data.get("speaker_name", ""),
            "about": data.get("about", ""),
            "content": data["content"],
        },
        save=lambda rows, version: services.speeches_save(
            actor=request.user, meeting_id=meeting.pk, expected_version=version, speeches=rows
        ),
        saved_message=_("The contributions were saved."),
    )
    if response:
        return response
    context = _context(request, meeting, formset=formset, version_form=version_form)
    return render(request, "meetings/speeches_form.html", context)


@login_required
@record_form
def review(request, pk):
    """Review of last month: each earlier assignment with its outcome to record."""
    meeting = editable_meeting(request, pk)
    rows = assignments_for_review(meeting=meeting)
    version_form = VersionForm(request.POST or None, initial={"version": meeting.version})
    errors = {}
    if request.method == "POST":
        version_form.is_valid()
        reviews = {}
        for a in rows:
            status = request.POST.get(f"status-{a.pk}", "")
            note = request.POST.get(f"note-{a.pk}", "")
            a.posted_status, a.posted_note = status, note
            if status:
                reviews[a.pk] = {"status": status, "note": note}
        try:
            assignment_services.assignment_review(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=version_form.cleaned_data.get("version"),
                reviews=reviews,
            )
        except StaleVersion as stale:
            stale_message(request, stale, version_form)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {}
            if not errors:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The review of last month was saved."))
            return redirect("meetings:detail", meeting.pk)
    else:
        for a in rows:
            reviewed = a.reviewed_in_id == meeting.pk
            a.posted_status = a.status if reviewed else ""
            a.posted_note = a.review_note if reviewed else ""
    for a in rows:
        a.error = (errors.get(str(a.pk)) or [None])[0]
    context = _context(
        request, meeting, rows=rows, version_form=version_form, choices=REVIEW_CHOICES
    )
    return render(request, "meetings/review_form.html", context)


@login_required
@record_form
def vote(request, pk):
    """The resolution and its vote, with the voting base computed by VOTE-2."""
    from chibo.core.rules import rules_in_force

    meeting = editable_meeting(request, pk)
    rows = list(meeting.attendance.all())
    rule_set = rules_in_force(meeting.date, meeting.unit)
    denominator, voters = voting_base(rows, rule_set)
    initial = {
        "version": meeting.version,
        "resolution": meeting.resolution or meeting.draft_resolution,
        "votes_for": meeting.votes_for,
        "votes_against": meeting.votes_against or 0,
        "votes_abstain": meeting.votes_abstain or 0,
    }
    form = VoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.vote_record(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=data["version"],
                resolution=data["resolution"],
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                votes_abstain=data["votes_abstain"],
            )
        except StaleVersion as stale:
            stale_message(request, stale, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The resolution and its vote were saved."))
            return redirect("meetings:detail", meeting.pk)
    context = _context(
        request,
        meeting,
        form=form,
        denominator=denominator,
        voters=voters,
        rule_set=rule_set,
        has_roll_call=bool(rows),
    )
    return render(request, "meetings/vote_form.html", context)


@login_required
@record_form
def assignment_add(request, pk):
    """The meeting's assignments, and a form to give a new one to members or the committee."""
    meeting = editable_meeting(request, pk)
    members = meeting_members(meeting=meeting)
    form = AssignmentForm(
        request.POST or None, initial={"version": meeting.version}, members=members
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment_services.assignment_create(
                actor=request.user,
                meeting_id=meeting.pk,
                expected_version=data["version"],
                title=data["title"],
                deadline=data["deadline"],
                assignee_ids=data["assignees"],
                to_committee=data["to_committee"],
            )
        except StaleVersion as stale:
            stale_message(request, stale, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The task was assigned."))
            if "another" in request.POST:
                return redirect("meetings:assignment-add", meeting.pk)
            return redirect("meetings:detail", meeting.pk)
    assignments = list(meeting.assignments.prefetch_related("assignees").order_by("deadline", "id"))
    context = _context(request, meeting, form=form, assignments=assignments, today=today())
    return render(request, "meetings/assignment_form.html", context)


@login_required
@record_form
@require_POST
def assignment_delete(request, pk, assignment_id):
    """Delete an assignment of a meeting whose record is still editable."""
    meeting = editable_meeting(request, pk)
    assignment_services.assignment_delete(
        actor=request.user, meeting_id=meeting.pk, assignment_id=assignment_id
    )
    messages.success(request, _("The task was deleted."))
    return redirect("meetings:assignment-add", meeting.pk)
