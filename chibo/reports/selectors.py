"""Reads of the reports app's exports: a user's exports, one export, a file to download, and
the rule sets a report names as its legal basis.

An export belongs to the user who asked for it: nobody else sees it, not even a superior or
a superuser (the file holds what its owner's scope allowed them to read). Out-of-scope or
someone else's export answers NotInScope (404), exactly as one that does not exist.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from chibo.core.models import RuleSet
from chibo.core.scoping import NotInScope
from chibo.org.models import Unit
from chibo.org.selectors import unit_get
from chibo.reports.models import ExportStatus, ReportExport
from chibo.reports.periods import Period


def exports_of(*, actor) -> QuerySet[ReportExport]:
    """The exports `actor` asked for, newest first, with their units (one query when
    evaluated). An anonymous actor has none."""
    if not getattr(actor, "pk", None):
        return ReportExport.objects.none()
    return (
        ReportExport.objects.filter(user=actor)
        .select_related("unit")
        .order_by("-created_at", "-id")
    )


def export_get(*, actor, export_id) -> ReportExport:
    """One export of `actor` by id, with its unit.

    Raises NotInScope (404) when the id is malformed, the export does not exist or belongs
    to someone else. One query.
    """
    try:
        export_id = int(export_id)
    except (TypeError, ValueError):
        raise NotInScope("malformed export id") from None
    export = exports_of(actor=actor).filter(pk=export_id).first()
    if export is None:
        raise NotInScope("export not found")
    return export


class ExportExpired(NotInScope):
    """The export is the actor's own and its unit is still in their scope, but the file is
    no longer available (`expires_at` passed); answers 404 with a message saying so."""

    def __init__(self, export: ReportExport):
        super().__init__("export expired")
        self.export = export


def export_download_get(*, actor, export_id, now: datetime.datetime | None = None) -> ReportExport:
    """The export whose file `actor` may download now: their own, finished with a file, its
    unit still in their scope (`org.selectors.unit_get`: a grant withdrawn or a unit moved
    out of it closes the file too) and not expired.

    Raises NotInScope (404) otherwise; ExportExpired (a NotInScope) when only the expiry
    stands in the way. Two queries.
    """
    now = now or timezone.now()
    export = export_get(actor=actor, export_id=export_id)
    unit_get(actor=actor, unit_id=export.unit_id)
    if export.status != ExportStatus.DONE or not export.file:
        raise NotInScope("export not ready")
    if export.expires_at <= now:
        raise ExportExpired(export)
    return export


def rule_sets_for(*, unit: Unit, period: Period) -> list[RuleSet]:
    """The rule sets that judged the records of `unit`'s subtree in `period`: in force on a
    day of the period, national or scoped to the unit, an ancestor or a unit under it; oldest
    first. The reports print their codes and legal bases ("Căn cứ"). One query."""
    ancestors = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return list(
        RuleSet.objects.select_related("unit")
        .filter(valid_from__lte=period.end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.first))
        .filter(
            Q(unit__isnull=True) | Q(unit__path__in=ancestors) | Q(unit__path__startswith=unit.path)
        )
        .order_by("valid_from", "code")
    )
