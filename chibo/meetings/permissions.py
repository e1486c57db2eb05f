"""Pure predicates: what an actor may do with a meeting or an assignment.

Readers of a meeting are everyone whose scope holds its cell (members of the cell, the
superior committees, inspectors, visiting officials); editors are the cell's secretary and
deputy and the administrators above it (org.permissions.EDITOR_ROLES).
"""

from chibo.meetings.models import Assignment, Meeting, MeetingStatus
from chibo.org.permissions import can_edit_unit


def can_manage_meetings(actor, unit) -> bool:
    """True if the actor may plan, prepare and record the meetings of cell `unit`."""
    return can_edit_unit(actor, unit)


def can_edit_record(actor, meeting: Meeting) -> bool:
    """True if the actor may change the meeting's record now: an editor of its cell, and the
    minutes not yet submitted, adopted or cancelled (rule MIN-3)."""
    return can_edit_unit(actor, meeting.unit) and meeting.status in (
        MeetingStatus.PLANNED,
        MeetingStatus.DRAFT,
    )


def can_adopt(actor, meeting: Meeting) -> bool:
    """True if the actor may adopt (or return for correction) submitted minutes."""
    return can_edit_unit(actor, meeting.unit) and meeting.status == MeetingStatus.SUBMITTED


def can_add_addendum(actor, meeting: Meeting) -> bool:
    """True if the actor may add a correction (addendum) to adopted minutes (rule MIN-3)."""
    return can_edit_unit(actor, meeting.unit) and meeting.status == MeetingStatus.ADOPTED


def can_report_on(actor, assignment: Assignment, assignee_ids: set[int]) -> bool:
    """True if the actor may record progress and outcome of `assignment`: a member it was
    given to (their user account) or an editor of its cell. `assignee_ids` are the ids of
    its assigned members."""
    if can_edit_unit(actor, assignment.unit):
        return True
    member = getattr(actor, "member", None) if getattr(actor, "is_authenticated", False) else None
    return member is not None and member.pk in assignee_ids
