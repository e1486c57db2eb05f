"""Receivers that keep the monthly roll-ups (`CellMonth`) fresh when records change.

On post_save / post_delete of a meeting, a roll-call row, a rating, a speech, an assignment
or a roll entry, the cell concerned is noted; once the transaction commits, each noted cell's
rows are rebuilt once (`rollup.rollups_refresh(root_path=cell.path)`, a dozen queries over
that cell's records). As in `evaluation.signals` the receivers run no query themselves. Bulk
statements (the demo builder, `QuerySet.update`) send no signals: the builder refreshes the
roll-ups itself, and the daily `chibo reports` run catches up with the rest.
"""

import logging

from django.db.models.signals import post_delete, post_save

from chibo.core.aftercommit import CommitBatch
from chibo.evaluation.models import Rating
from chibo.evaluation.signals import cells_of
from chibo.meetings.models import Assignment, Attendance, Meeting, Speech
from chibo.members.models import Membership

logger = logging.getLogger(__name__)


def _refresh_later(refs) -> None:
    refresh_cells(refs)


#: The records noted in the open transaction, their cells rebuilt once after it commits
#: (`core.aftercommit`, as the warnings are).
_BATCH = CommitBatch("rollup", _refresh_later)
_note = _BATCH.note
_PENDING = _BATCH.attr
_flush = _BATCH.callback


def refresh_cells(refs) -> None:
    """Rebuild the roll-ups of the cells of `refs` (a set of ("unit" | "meeting", id)). A
    failure is logged, not raised: the change itself is committed and the daily run repairs
    the roll-ups."""
    if not refs:
        return
    from chibo.reports.rollup import rollups_refresh

    try:
        for cell in cells_of(refs):
            rollups_refresh(root_path=cell.path)
    except Exception:  # noqa: BLE001 (never undo or hide the user's saved change)
        logger.exception("roll-up refresh failed for %s", sorted(refs))


def _by_unit(sender, instance, **kwargs):
    _note(("unit", instance.unit_id))


def _by_meeting(sender, instance, **kwargs):
    _note(("meeting", instance.meeting_id))


_WATCHED = (
    (Meeting, _by_unit),
    (Attendance, _by_meeting),
    (Rating, _by_meeting),
    (Speech, _by_meeting),
    (Assignment, _by_unit),
    (Membership, _by_unit),
)
for _model, _receiver in _WATCHED:
    for _name, _signal in (("save", post_save), ("delete", post_delete)):
        _uid = f"reports-rollups-{_model._meta.label_lower}-{_name}"
        _signal.connect(_receiver, sender=_model, dispatch_uid=_uid)
