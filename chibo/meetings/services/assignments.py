"""Assignments: tasks given at a meeting, reported on by their members, reviewed at the next
meeting (RULES "Order of a regular meeting" items 5 and 9; Kết luận 256-KL/TU asks for clear
tasks for every member after each meeting)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chibo.core.errors import StaleVersion
from chibo.core.scoping import NotInScope
from chibo.core.services import audit_record
from chibo.meetings.models import Assignment, AssignmentStatus, MeetingStatus, Notice
from chibo.meetings.permissions import can_report_on
from chibo.meetings.selectors import (
    assignment_get,
    assignments_for_review,
    meeting_get_for_update,
    meeting_members,
)
from chibo.meetings.services.common import bump, check_editable, check_version
from chibo.meetings.services.record import start_if_planned
from chibo.members.selectors import today


def assignment_create(
    *,
    actor,
    meeting_id: int,
    expected_version: int | None,
    title: str,
    deadline: datetime.date | None,
    assignee_ids: list[int],
    to_committee: bool,
) -> Assignment:
    """Create an assignment at a meeting, to members of the meeting and/or the cell
    committee, with a deadline not in the past; notify the members in chibo.

    Raises NotInScope, PermissionDenied, StaleVersion, ValidationError (keyed "title",
    "deadline", "assignees").
    """
    errors = {}
    if not title.strip():
        errors["title"] = _("Write the task.")
    if deadline is None:
        errors["deadline"] = _("Give a deadline.")
    elif deadline < today():
        errors["deadline"] = _("The deadline has already passed.")
    if not assignee_ids and not to_committee:
        errors["assignees"] = _("Choose the members or the cell committee.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        fields = start_if_planned(meeting)  # tasks are given at the sitting, not before
        if deadline and deadline < meeting.date:
            errors["deadline"] = _("The deadline cannot be before the meeting.")
        members = {m.pk: m for m in meeting_members(meeting=meeting)}
        if any(pk not in members for pk in assignee_ids):
            errors["assignees"] = _("Choose members of the cell.")
        if errors:
            raise ValidationError(errors)
        assignment = Assignment.objects.create(
            unit=meeting.unit,
            meeting=meeting,
            title=title.strip(),
            deadline=deadline,
            to_committee=to_committee,
        )
        assignment.assignees.set(assignee_ids)
        message = _("New task from the meeting of %(date)s: %(task)s (deadline %(deadline)s).") % {
            "date": meeting.date.strftime("%d/%m/%Y"),
            "task": assignment.title[:300],
            "deadline": deadline.strftime("%d/%m/%Y"),
        }
        Notice.objects.bulk_create(
            Notice(user_id=members[pk].user_id, meeting=meeting, message=message[:500])
            for pk in assignee_ids
            if members[pk].user_id
        )
        bump(meeting, **fields)
        audit_record(actor=actor, action="assignment.create", target=assignment)
    return assignment


def assignment_delete(*, actor, meeting_id: int, assignment_id: int) -> None:
    """Delete an assignment made at a meeting whose record is still editable.

    Raises NotInScope, PermissionDenied."""
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        assignment = meeting.assignments.filter(pk=assignment_id).first()
        if assignment is None:
            raise NotInScope("assignment not in meeting")
        audit_record(
            actor=actor,
            action="assignment.delete",
            target=meeting,
            data={"title": assignment.title},
        )
        assignment.delete()
        bump(meeting)


def assignment_review(
    *,
    actor,
    meeting_id: int,
    expected_version: int | None,
    reviews: dict[int, dict],
) -> None:
    """Record at a meeting the review of earlier assignments (RULES "Order" item 5):
    `reviews` maps assignment id → {"status": AssignmentStatus value, "note": str}.

    Only assignments listed by `assignments_for_review` may be reviewed. An assignment
    marked done keeps the date its member gave, else gets the meeting's date. Raises
    NotInScope, PermissionDenied, StaleVersion, ValidationError.
    """
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        allowed = {a.pk: a for a in assignments_for_review(meeting=meeting)}
        if set(reviews) - set(allowed):
            raise ValidationError(_("Some tasks are not due for review at this meeting."))
        errors = {}
        for pk, review in reviews.items():
            if review.get("status") not in AssignmentStatus.values:
                errors[str(pk)] = _("Choose the outcome.")
        if errors:
            raise ValidationError(errors)
        for pk, review in reviews.items():
            a = allowed[pk]
            a.status = review["status"]
            a.review_note = (review.get("note") or "").strip()
            a.reviewed_in = meeting
            if a.status == AssignmentStatus.DONE and a.done_on is None:
                a.done_on = meeting.date
            a.version += 1
            a.save()
        bump(meeting)
        audit_record(
            actor=actor, action="assignment.review", target=meeting, data={"reviewed": len(reviews)}
        )


def assignment_report(
    *,
    actor,
    assignment_id: int,
    expected_version: int | None,
    status: str,
    progress: str,
    outcome: str,
    done_on: datetime.date | None = None,
) -> Assignment:
    """Record progress and outcome of an assignment, by a member it was given to or an
    editor of the cell. Marking it done needs an outcome; `done_on` defaults to today.

    Raises NotInScope, PermissionDenied, StaleVersion (someone reported since the form was
    opened), ValidationError.
    """
    assignment = assignment_get(actor=actor, assignment_id=assignment_id)
    assignee_ids = set(assignment.assignees.values_list("pk", flat=True))
    if not can_report_on(actor, assignment, assignee_ids):
        raise PermissionDenied("not an assignee")
    reviewed = assignment.reviewed_in
    if reviewed is not None and reviewed.status in (MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED):
        # Its outcome is part of those minutes now (MIN-3): it no longer changes.
        raise ValidationError(
            _("This task was reviewed at the meeting of %(date)s; its outcome is in the minutes.")
            % {"date": reviewed.date.strftime("%d/%m/%Y")}
        )
    errors = {}
    if status not in AssignmentStatus.values:
        errors["status"] = _("Choose the progress.")
    if status == AssignmentStatus.DONE and not outcome.strip():
        errors["outcome"] = _("Write the outcome of the task.")
    if done_on and done_on > today():
        errors["done_on"] = _("This date is in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if expected_version is not None and int(expected_version) != locked.version:
            raise StaleVersion(locked.version)
        locked.status = status
        locked.progress = progress.strip()
        locked.outcome = outcome.strip()
        locked.done_on = (done_on or today()) if status == AssignmentStatus.DONE else None
        locked.version += 1
        locked.save()
        audit_record(
            actor=actor, action="assignment.report", target=locked, data={"status": status}
        )
    return locked
