"""Checks shared by the meetings services: permission, lock state and optimistic locking."""

from django.core.exceptions import PermissionDenied
from django.db.models import F

from chibo.core.errors import StaleVersion
from chibo.meetings.models import Meeting
from chibo.meetings.permissions import can_edit_record


class IncompleteMinutes(Exception):
    """The minutes lack what rule MIN-2 requires; `missing` lists the items (translated)."""

    def __init__(self, missing: list[str]):
        super().__init__("; ".join(str(m) for m in missing))
        self.missing = missing


def check_version(meeting: Meeting, expected_version: int | None) -> None:
    """Raise StaleVersion when the record changed since `expected_version` (None: no check).

    The meeting must have been read with its row locked (meeting_get_for_update).
    """
    if expected_version is not None and int(expected_version) != meeting.version:
        raise StaleVersion(meeting.version)


def check_editable(actor, meeting: Meeting) -> None:
    """Raise PermissionDenied unless the actor may change the meeting's record now."""
    if not can_edit_record(actor, meeting):
        raise PermissionDenied("meeting record not editable")


def bump(meeting: Meeting, **fields) -> Meeting:
    """Save `fields` on the meeting and raise its version by one (every change to any part of
    the record does, so a second editor's stale form is detected). Records a history row."""
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.version = F("version") + 1
    meeting.save()
    meeting.refresh_from_db(fields=["version"])
    return meeting
