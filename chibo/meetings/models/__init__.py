"""Cell meetings (GLOSSARY "Meetings"): the plan, the agenda, the roll call, the minutes, the
resolution and its vote, the assignments followed up at the next meeting.

The meeting's lifecycle is `Meeting.status`: planned → draft (being recorded) → submitted →
adopted (locked, rule MIN-3); or cancelled (with a reason). A planned meeting whose date has
passed is "missed" (computed, not stored). Every record of a meeting keeps its history
(django-simple-history); `Meeting.version` is raised by every change to any part of the
record, for optimistic locking.
"""

from chibo.meetings.models.followup import (
    Addendum,
    AgendaTemplate,
    AgendaTemplateItem,
    Assignment,
    AssignmentStatus,
    CalendarToken,
    MeetingDocument,
    Notice,
    _document_path,
    _new_token,
)
from chibo.meetings.models.meeting import (
    EXPECTED_STATUSES,
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CellSchedule,
    Guest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Section,
    Speech,
    SpeechKind,
)

__all__ = [
    "MeetingKind",
    "REGULAR_KINDS",
    "THEMATIC_KINDS",
    "MeetingStatus",
    "HELD_STATUSES",
    "Section",
    "CellSchedule",
    "Meeting",
    "AgendaItem",
    "AttendanceStatus",
    "EXPECTED_STATUSES",
    "Attendance",
    "Guest",
    "SpeechKind",
    "Speech",
    "AssignmentStatus",
    "Assignment",
    "_document_path",
    "MeetingDocument",
    "Addendum",
    "Notice",
    "AgendaTemplate",
    "AgendaTemplateItem",
    "_new_token",
    "CalendarToken",
]
