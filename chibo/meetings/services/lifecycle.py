"""The minutes' lifecycle: draft → submitted → adopted (locked), and addenda after that.

Rules MIN-2 (what complete minutes hold) and MIN-3 (adopted minutes are never edited; a
correction is a dated, signed addendum). Hướng dẫn 12-HD/BTCTW (2018), part on minutes.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from chibo.core.services import audit_record
from chibo.meetings.models import Addendum, AttendanceStatus, Meeting, MeetingKind, MeetingStatus
from chibo.meetings.permissions import can_add_addendum, can_adopt
from chibo.meetings.selectors import MeetingRecord, meeting_get_for_update, meeting_record
from chibo.meetings.services.common import IncompleteMinutes, bump, check_editable, check_version


def minutes_missing(record: MeetingRecord) -> list[str]:
    """What the minutes still lack under rule MIN-2, as translated sentences (empty: complete).

    Checked: time and place; chair and minute-taker; the roll call, with a reason for every
    excused absence; the content of every agenda item; opinions (who spoke); the
    resolution with its vote figures; assignments (not for a committee meeting); start and
    end time. Guests are recorded when there were any: none is not a gap.
    """
    m = record.meeting
    missing = []
    if not m.place:
        missing.append(_("the place"))
    if not m.chair_id:
        missing.append(_("the chair"))
    if not m.minute_taker_id:
        missing.append(_("the minute-taker"))
    absent = {a.member_id for a in record.attendance if a.status != AttendanceStatus.PRESENT}
    if m.chair_id in absent or m.minute_taker_id in absent:
        missing.append(_("a chair and minute-taker who are present"))
    if not record.attendance:
        missing.append(_("the roll call"))
    elif any(a.status == AttendanceStatus.EXCUSED and not a.reason for a in record.attendance):
        missing.append(_("the reasons of excused absences"))
    if not record.agenda:
        missing.append(_("the agenda"))
    empty = [i.title for i in record.agenda if not i.notes.strip()]
    if empty:
        missing.append(
            _("the content of: %(items)s")
            % {"items": "; ".join(Truncator(t).words(10) for t in empty)}
        )
    if not record.speeches:
        missing.append(_("the opinions (who spoke)"))
    if not m.resolution.strip():
        missing.append(_("the resolution or conclusion"))
    if m.votes_for is None:
        missing.append(_("the vote figures"))
    elif record.vote is None:  # more votes than members present who may vote (VOTE-2)
        missing.append(_("vote figures that fit the roll call"))
    if m.kind != MeetingKind.COMMITTEE and not record.assignments:
        missing.append(_("the assignments"))
    if not m.started_at or not m.ended_at:
        missing.append(_("the start and end time"))
    return missing


def minutes_submit(*, actor, meeting_id: int, expected_version: int | None) -> Meeting:
    """Submit draft minutes for adoption once complete (MIN-2).

    Raises NotInScope, PermissionDenied, StaleVersion, IncompleteMinutes (with the list).
    """
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        if meeting.status != MeetingStatus.DRAFT:
            raise PermissionDenied("only draft minutes are submitted")
        missing = minutes_missing(meeting_record(meeting=meeting))
        if missing:
            raise IncompleteMinutes(missing)
        bump(meeting, status=MeetingStatus.SUBMITTED, submitted_at=timezone.now())
        audit_record(actor=actor, action="minutes.submit", target=meeting)
    return meeting


def minutes_return(*, actor, meeting_id: int, expected_version: int | None, reason: str) -> Meeting:
    """Send submitted minutes back to draft for a correction, with a reason.

    Raises NotInScope, PermissionDenied, StaleVersion, ValidationError.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        if not can_adopt(actor, meeting):
            raise PermissionDenied("may not return these minutes")
        check_version(meeting, expected_version)
        bump(meeting, status=MeetingStatus.DRAFT, submitted_at=None)
        audit_record(
            actor=actor, action="minutes.return", target=meeting, data={"reason": reason.strip()}
        )
    return meeting


def minutes_adopt(*, actor, meeting_id: int, expected_version: int | None) -> Meeting:
    """Adopt submitted minutes; after this they never change (rule MIN-3).

    Raises NotInScope, PermissionDenied (not an editor, or not submitted), StaleVersion,
    IncompleteMinutes (re-checked: MIN-2).
    """
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        if not can_adopt(actor, meeting):
            raise PermissionDenied("may not adopt these minutes")
        check_version(meeting, expected_version)
        missing = minutes_missing(meeting_record(meeting=meeting))
        if missing:
            raise IncompleteMinutes(missing)
        bump(meeting, status=MeetingStatus.ADOPTED, adopted_at=timezone.now(), adopted_by=actor)
        audit_record(actor=actor, action="minutes.adopt", target=meeting)
    return meeting


def addendum_add(*, actor, meeting_id: int, reason: str, text: str) -> Addendum:
    """Add a correction to adopted minutes (rule MIN-3): who, when, why, what.

    Raises NotInScope, PermissionDenied (minutes not adopted, or not an editor),
    ValidationError (empty reason or text).
    """
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason for the correction.")
    if not text.strip():
        errors["text"] = _("Write the correction.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        if not can_add_addendum(actor, meeting):
            raise PermissionDenied("addenda only to adopted minutes")
        addendum = Addendum.objects.create(
            meeting=meeting, author=actor, reason=reason.strip(), text=text.strip()
        )
        audit_record(
            actor=actor, action="minutes.addendum", target=meeting, data={"reason": reason.strip()}
        )
    return addendum
