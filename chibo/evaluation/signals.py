"""Receivers that keep early warnings fresh when the records they watch change.

On post_save / post_delete of a meeting, a roll-call row, an assignment, a rating, a roll
entry, an exemption or a member, the cell concerned is noted; once the transaction commits,
each noted cell is refreshed once (`services.warnings.warnings_refresh(unit=cell)`, a dozen
queries). The receivers themselves run no query: the records are turned into cells after
the commit. Bulk statements (the demo builder, `QuerySet.update`) send no signals; the daily
`chibo warnings` run catches up with them.

A second receiver keeps stored ratings in line with the record: when a cell meeting is
saved submitted or adopted (a re-submission after the minutes were returned to draft and
corrected, an adoption), its ratings are recomputed once the transaction commits
(`services.ratings.ratings_recompute`; rules QUAL-2, QUAL-5). Its receiver runs no query
either; the recomputation's own saves then note the cell for the warnings refresh.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from chibo.core.aftercommit import CommitBatch
from chibo.evaluation.models import Rating
from chibo.meetings.models import Assignment, Attendance, Meeting, MeetingKind, MeetingStatus
from chibo.members.models import Exemption, Member, Membership

logger = logging.getLogger(__name__)


def _refresh_later(refs) -> None:
    _refresh(refs)  # resolved at call time: tests and callers may replace `_refresh`


#: The records noted in the open transaction, refreshed once after it commits.
_BATCH = CommitBatch("warning", _refresh_later)
_note = _BATCH.note
#: Attribute of the database connection holding the noted records; the commit callback.
_PENDING = _BATCH.attr
_flush = _BATCH.callback


def cells_of(refs) -> list:
    """The cells (Units) the noted records belong to: the unit of a meeting, the cell of a
    unit (a party group's cell), the cells holding a member's roll entries today. At most
    four queries."""
    from chibo.members.selectors import today
    from chibo.org.models import Unit, UnitKind

    unit_ids = {pk for kind, pk in refs if kind == "unit"}
    meeting_ids = [pk for kind, pk in refs if kind == "meeting"]
    member_ids = [pk for kind, pk in refs if kind == "member"]
    if meeting_ids:
        unit_ids |= set(
            Meeting.objects.filter(pk__in=meeting_ids).values_list("unit_id", flat=True)
        )
    if member_ids:
        unit_ids |= set(
            Membership.objects.on(today())
            .filter(member_id__in=member_ids)
            .values_list("unit_id", flat=True)
        )
    units = list(Unit.objects.filter(pk__in=unit_ids)) if unit_ids else []
    cells = {u.path: u for u in units if u.kind != UnitKind.PARTY_GROUP}
    above = {u.path[: -Unit.steplen] for u in units if u.kind == UnitKind.PARTY_GROUP}
    if above - set(cells):
        cells.update({u.path: u for u in Unit.objects.filter(path__in=above - set(cells))})
    return [cells[path] for path in sorted(cells)]


def _refresh(refs) -> None:
    """Refresh the warnings of the cells of `refs`. A failure is logged, not raised: the
    change itself is committed, and the daily run repairs the warnings."""
    if not refs:
        return
    from chibo.evaluation.services.warnings import warnings_refresh

    try:
        for cell in cells_of(refs):
            warnings_refresh(unit=cell)
    except Exception:  # noqa: BLE001 (never undo or hide the user's saved change)
        logger.exception("early warnings refresh failed for %s", sorted(refs))


def _meeting_changed(sender, instance, **kwargs):
    _note(("unit", instance.unit_id))


def _by_meeting(sender, instance, **kwargs):
    _note(("meeting", instance.meeting_id))


def _by_unit(sender, instance, **kwargs):
    _note(("unit", instance.unit_id))


def _by_member(sender, instance, **kwargs):
    _note(("member", instance.member_id))


def _member_changed(sender, instance, **kwargs):
    _note(("member", instance.pk))


#: (model, receiver) pairs: every save and delete of the model notes its cell.
_WATCHED = (
    (Meeting, _meeting_changed),
    (Attendance, _by_meeting),
    (Rating, _by_meeting),
    (Assignment, _by_unit),
    (Membership, _by_unit),
    (Exemption, _by_member),
    (Member, _member_changed),
)
for _model, _receiver in _WATCHED:
    for _name, _signal in (("save", post_save), ("delete", post_delete)):
        _uid = f"evaluation-warnings-{_model._meta.label_lower}-{_name}"
        _signal.connect(_receiver, sender=_model, dispatch_uid=_uid)


def _recompute_after_commit(meeting_id: int) -> None:
    """Commit callback: recompute the ratings of one meeting. A failure is logged, not
    raised: the meeting's change is committed; the next submission or adoption retries."""
    from chibo.evaluation.services.ratings import ratings_recompute

    try:
        ratings_recompute(meeting=Meeting(pk=meeting_id))
    except Exception:  # noqa: BLE001 (never undo or hide the user's saved change)
        logger.exception("ratings recompute failed for meeting %s", meeting_id)


def _meeting_rated_state(sender, instance, raw=False, **kwargs):
    """post_save of a Meeting: a cell meeting saved submitted or adopted may have ratings
    computed from an older record; recompute them after the commit (rule QUAL-5)."""
    if raw or instance.kind == MeetingKind.COMMITTEE:
        return
    if instance.status not in (MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED):
        return
    meeting_id = instance.pk
    transaction.on_commit(lambda: _recompute_after_commit(meeting_id))


post_save.connect(_meeting_rated_state, sender=Meeting, dispatch_uid="evaluation-ratings-recompute")
