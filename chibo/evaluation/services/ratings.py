"""Writes of meeting ratings: one column of a meeting's score sheet, and the recomputation
of stored ratings when the meeting's record changes (rules QUAL-2, QUAL-3, QUAL-5; Hướng
dẫn 12-HD/BTCTW, 06/7/2018, part on rating the quality of cell meetings)."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.core.errors import StaleVersion
from chibo.core.services import audit_record
from chibo.core.text import person_name
from chibo.evaluation.checks import computed_points, meeting_checks
from chibo.evaluation.models import Rating, RatingColumn
from chibo.evaluation.permissions import (
    RATABLE_STATUSES,
    SUPERIOR_ROLES,
    can_rate_self,
    can_rate_superior,
)
from chibo.evaluation.scoring import PointsError, applicable, check_points, score, sheet_for
from chibo.evaluation.selectors.ratings import may_fill, official_user_ids, rating_blocker
from chibo.meetings.models import Meeting, MeetingKind
from chibo.meetings.selectors import meeting_get_for_update, meeting_record
from chibo.org.selectors import grants_of

logger = logging.getLogger(__name__)


def _rater_unit(actor, meeting: Meeting, column: str, guests) -> str:
    """The unit the actor rates for: the cell for its own column; for the superior column
    the nearest unit above the cell where the actor holds a superior role, else (a visiting
    official recorded as a guest) the organisation written on the guest row."""
    if column == RatingColumn.SELF:
        return meeting.unit.name
    nearest = None
    for grant in grants_of(actor):
        above = grant.unit_id != meeting.unit_id and meeting.unit.path.startswith(grant.unit.path)
        if grant.role in SUPERIOR_ROLES and grant.include_descendants and above:
            if nearest is None or len(grant.unit.path) > len(nearest.path):
                nearest = grant.unit
    if nearest is not None:
        return nearest.name
    guest = next((g for g in guests if g.is_official and g.user_id == actor.pk), None)
    return guest.organisation if guest else ""


def _check_version(current: Rating | None, expected_version: int | None) -> None:
    """Raise StaleVersion when the column changed since the form was opened: the form
    carries the rating's version, 0 when the column was empty; None skips the check."""
    stored = current.version if current else 0
    if expected_version is not None and int(expected_version) != stored:
        raise StaleVersion(stored)


def rating_save(
    *,
    actor,
    meeting_id: int,
    column: str,
    points: dict[str, int | None],
    note: str = "",
    expected_version: int | None,
) -> Rating:
    """Save one column of a meeting's score sheet and mark which rating is final.

    Args: `column` a RatingColumn value; `points` {criterion code: points} for the criteria
    scored by hand (values for computed criteria, or codes not on the sheet, are ignored:
    computed criteria always take `checks.computed_points`); `note` the comments;
    `expected_version` the column's rating version the form was opened at (0: it was empty;
    None: no check).

    The rule set is the one in force on the meeting's date for its cell; the sheet is the one
    it names. Total, maximum, level and cap come from `scoring.score` (rule QUAL-2: levels
    by the rule set's thresholds; QUAL-5: "Tốt" drops a level without full points on the
    gate criteria). The superior's rating is final when given, else the cell's (QUAL-3):
    both rows are updated in the same transaction. Returns the saved Rating.

    Raises NotInScope (404) outside the actor's scope; PermissionDenied when the actor may
    not fill the column (self: the cell's secretary or deputy; superior: a UNIT_ADMIN or
    VISITING_OFFICIAL above the cell, or a visiting official recorded as the meeting's
    guest — `evaluation.permissions`); ValidationError when the meeting
    cannot be rated now (committee, planned, draft or cancelled meeting; self column after
    adoption) or for points missing, not whole, above a criterion's maximum or below its
    floor ({criterion code: message}); StaleVersion when someone saved the column since.
    """
    if column not in RatingColumn.values:
        raise ValidationError(_("Choose the column to fill."))
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        record = meeting_record(meeting=meeting)
        officials = official_user_ids(record.guests)
        if not may_fill(actor, meeting, column, officials):
            raise PermissionDenied("may not fill this column")
        blocker = rating_blocker(meeting, column)
        if blocker:
            raise ValidationError(blocker)
        if column == RatingColumn.SELF:
            allowed = can_rate_self(actor, meeting)
        else:
            allowed = can_rate_superior(actor, meeting, officials)
        if not allowed:  # the predicates of evaluation.permissions have the last word
            raise PermissionDenied("may not rate this meeting")
        ratings = {r.column: r for r in Rating.objects.filter(meeting=meeting)}
        current = ratings.get(column)
        _check_version(current, expected_version)

        checks = meeting_checks(meeting=meeting, record=record)
        rule_set = checks.rule_set
        sheet = sheet_for(rule_set)
        criteria = applicable(sheet.criteria.all(), meeting.kind)
        computed = computed_points(criteria, checks)
        given = {c.code: points.get(c.code) for c in criteria if c.code not in computed}
        merged = {**given, **computed}
        try:
            check_points(criteria, merged)
        except PointsError as error:
            raise ValidationError(error.errors) from None
        result = score(criteria, merged, meeting.kind, rule_set)

        rating = current or Rating(meeting=meeting, column=column, version=0)
        rating.sheet = sheet
        rating.rule_set = rule_set
        rating.points = merged
        rating.total = result.total
        rating.maximum = result.maximum
        rating.level = result.level
        rating.capped = result.capped
        rating.note = (note or "").strip()
        rating.rated_by = actor
        name, unit = person_name(actor), _rater_unit(actor, meeting, column, record.guests)
        rating.rater_name = f"{name}, {unit}" if unit else name
        rating.rated_at = timezone.now()
        rating.version += 1
        rating.save()
        ratings[column] = rating

        final = RatingColumn.SUPERIOR if RatingColumn.SUPERIOR in ratings else RatingColumn.SELF
        Rating.objects.filter(meeting=meeting).update(
            is_final=Case(When(column=final, then=Value(True)), default=Value(False))
        )
        rating.is_final = column == final
        audit_record(
            actor=actor,
            action="rating.save",
            target=rating,
            data={
                "meeting": meeting.pk,
                "column": column,
                "total": rating.total,
                "maximum": rating.maximum,
                "level": rating.level,
                "capped": rating.capped,
                "rule_set": rule_set.code,
                "version": rating.version,
            },
        )
    return rating


def ratings_recompute(*, meeting: Meeting) -> int:
    """Bring the stored ratings of `meeting` in line with its record: called (after the
    commit) whenever a meeting with ratings is submitted again or adopted, so that a record
    corrected after rating (minutes returned to draft, end time changed, re-submitted) never
    leaves a score sheet showing "✗ DUR-1" beside full points (rules QUAL-2, QUAL-3,
    QUAL-5).

    A system action, no actor: `meeting` may come from anywhere (the signal reads it by
    id); its row is re-read and locked, so a concurrent `rating_save` waits. For every
    rating of a submitted or adopted cell meeting: the points given by hand are kept; the
    computed criteria take `checks.computed_points(criteria, meeting_checks(meeting=...))`;
    total, maximum, level and cap come from `scoring.score` under the rating's own sheet
    and rule set (the ones it was given under). A rating whose points, total or level
    change gets them saved, its version raised (an open form of it is then stale) and an
    audit entry "rating.recompute" with the old and new level; `is_final`, the rater and
    `rated_at` are kept. A rating missing points of a criterion scored by hand (the sheet
    changed) cannot be recomputed and is left as it is (logged).

    Returns the number of ratings changed. Committee, planned, draft and cancelled
    meetings: 0, nothing read beyond the meeting.
    """
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("unit")
            .filter(pk=meeting.pk)
            .first()
        )
        if (
            meeting is None
            or meeting.kind == MeetingKind.COMMITTEE
            or meeting.status not in RATABLE_STATUSES
        ):
            return 0
        ratings = list(
            Rating.objects.filter(meeting=meeting)
            .select_related("rule_set", "sheet")
            .prefetch_related("sheet__criteria")
            .order_by("pk")
        )
        if not ratings:
            return 0
        checks = meeting_checks(meeting=meeting)
        changed = 0
        for rating in ratings:
            changed += _recompute_one(rating, meeting, checks)
    return changed


def _recompute_one(rating: Rating, meeting: Meeting, checks) -> int:
    """Recompute one stored rating (see `ratings_recompute`); 1 if it changed, else 0."""
    criteria = applicable(rating.sheet.criteria.all(), meeting.kind)
    computed = computed_points(criteria, checks)
    manual = {c.code: rating.points.get(c.code) for c in criteria if c.code not in computed}
    merged = {**manual, **computed}
    try:
        check_points(criteria, merged)
    except PointsError:
        logger.warning("rating %s of meeting %s not recomputed: points", rating.pk, meeting.pk)
        return 0
    result = score(criteria, merged, meeting.kind, rating.rule_set)
    before = (rating.points, rating.total, rating.maximum, rating.level, rating.capped)
    if before == (merged, result.total, result.maximum, result.level, result.capped):
        return 0
    old_level, old_total = rating.level, rating.total
    rating.points = merged
    rating.total = result.total
    rating.maximum = result.maximum
    rating.level = result.level
    rating.capped = result.capped
    rating.version += 1
    rating.save()
    audit_record(
        actor=None,
        action="rating.recompute",
        target=rating,
        data={
            "meeting": meeting.pk,
            "column": rating.column,
            "old_level": old_level,
            "new_level": rating.level,
            "old_total": old_total,
            "new_total": rating.total,
            "maximum": rating.maximum,
            "rule_set": rating.rule_set.code,
            "version": rating.version,
        },
    )
    return 1
