"""Writes of the reports app: asking for an export and clearing expired ones.

An export is a report file (XLSX statistics or the DOCX review report) of one unit and
period, built in the background by `reports.tasks.export_build` from the same report the
dashboard shows (`reports.report.unit_report`), then downloadable by its owner until
`expires_at` (settings.CHIBO_EXPORT_DAYS days after the request).
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chibo.core.services import audit_record
from chibo.org.selectors import unit_get
from chibo.reports.models import ExportFormat, ExportStatus, ReportExport
from chibo.reports.periods import Period
from chibo.reports.permissions import can_view_reports

logger = logging.getLogger(__name__)


def export_request(*, actor, unit_id, period: Period, fmt: str) -> ReportExport:
    """Ask for the report of unit `unit_id` over `period` as a file of format `fmt`
    ("xlsx" or "docx", ExportFormat) and return the export row.

    Check, then do: the unit is fetched through the scoped selector (NotInScope, 404, outside
    the actor's scope); the actor must be allowed to read its reports (`can_view_reports`,
    else PermissionDenied, 403); an unknown format raises ValidationError. When the actor
    already has the same export waiting or being prepared, that one is returned and nothing
    is queued again. Otherwise the row is created (status QUEUED, available until now +
    settings.CHIBO_EXPORT_DAYS days) with an audit entry "report.export" in one transaction,
    and the task `reports.tasks.export_build` is queued once it commits.
    """
    unit = unit_get(actor=actor, unit_id=unit_id)
    if not can_view_reports(actor, unit):
        raise PermissionDenied("may not read the reports of this unit")
    if fmt not in ExportFormat.values:
        raise ValidationError(_("Choose the XLSX statistics table or the DOCX review report."))
    params = period.params()
    pending = (
        ReportExport.objects.filter(
            user=actor,
            unit=unit,
            format=fmt,
            status__in=(ExportStatus.QUEUED, ExportStatus.RUNNING),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if pending is not None and pending.period == params:
        return pending
    with translation.override(settings.LANGUAGE_CODE):
        label = str(period.label)
    with transaction.atomic():
        export = ReportExport.objects.create(
            user=actor,
            unit=unit,
            period=params,
            period_label=label,
            format=fmt,
            expires_at=timezone.now() + datetime.timedelta(days=settings.CHIBO_EXPORT_DAYS),
        )
        audit_record(
            actor=actor,
            action="report.export",
            target=export,
            data={"unit": unit.pk, "period": params, "format": fmt},
        )
        transaction.on_commit(lambda: _enqueue(export.pk))
    return export


def _enqueue(export_id: int) -> None:
    """Queue the build of export `export_id`; when the queue cannot take it, mark the export
    FAILED with a message rather than leave it waiting for ever."""
    from chibo.reports.tasks import export_build

    try:
        export_build.enqueue(export_id)
    except Exception:  # noqa: BLE001 (the request has committed; say so on the export)
        logger.exception("could not queue report export %s", export_id)
        with translation.override(settings.LANGUAGE_CODE):
            message = _("The export could not be queued. Please try again later.")
        ReportExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
        )


def exports_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete every export whose `expires_at` has passed (at `now`, default: now), its file
    first, then its row. Returns the number of exports deleted. A file already missing from
    the storage is not an error."""
    now = now or timezone.now()
    expired = list(ReportExport.objects.filter(expires_at__lte=now).only("pk", "file"))
    for export in expired:
        if export.file:
            try:
                export.file.delete(save=False)
            except OSError:  # pragma: no cover (a storage that refuses a delete)
                logger.exception("could not delete the file of export %s", export.pk)
    ReportExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    return len(expired)
