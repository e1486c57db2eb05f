"""Background tasks of the reports app: building an export's file (django-tasks; the
database backend's worker `chibo db_worker` runs them, `make run` starts one).

`export_build(export_id)` reads the report as the export's owner may see it, writes the file
and stores it in `ReportExport.file`, moving `progress` through PROGRESS and `status` from
QUEUED to RUNNING to DONE, or to FAILED with a Vietnamese message when anything goes wrong
(the exception is logged with its traceback).
"""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from chibo.core.scoping import NotInScope
from chibo.reports.models import ExportFormat, ExportStatus, ReportExport
from chibo.reports.periods import PeriodError

logger = logging.getLogger(__name__)

#: Progress (%) after each step: started, report read, file written, stored.
PROGRESS = {"started": 10, "read": 40, "written": 80, "stored": 100}


def _update(export_id: int, **fields) -> None:
    """Save `fields` on the export row (one UPDATE, so a page polling it sees each step)."""
    ReportExport.objects.filter(pk=export_id).update(**fields)


def build_export(export: ReportExport) -> None:
    """Build and store the file of `export` (see the module docstring). Raises whatever the
    report or the writers raise; `export_build` turns that into FAILED."""
    from chibo.reports.exports import build_report_file
    from chibo.reports.exports.common import file_stem
    from chibo.reports.periods import period_from_params
    from chibo.reports.report import unit_report

    _update(export.pk, status=ExportStatus.RUNNING, progress=PROGRESS["started"], error="")
    today = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        period = period_from_params(export.period, today)
        report = unit_report(actor=export.user, unit_id=export.unit_id, period=period, today=today)
        _update(export.pk, progress=PROGRESS["read"])
        content = build_report_file(report, export.format, actor=export.user)
    _update(export.pk, progress=PROGRESS["written"])
    name = f"{file_stem(report.unit.name, period, export.format)}.{export.format}"
    export.file.save(name, ContentFile(content), save=False)
    _update(
        export.pk,
        file=export.file.name,
        status=ExportStatus.DONE,
        progress=PROGRESS["stored"],
        finished_at=timezone.now(),
    )


def failure_message(exc: BaseException) -> str:
    """The Vietnamese text stored on a failed export for the exception `exc`."""
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(exc, NotInScope):
            return _("The unit is no longer in your scope; the report was not made.")
        if isinstance(exc, PeriodError):
            return str(exc)
        return _("The report could not be made because of an error. Please try again later.")


@task()
def export_build(export_id: int) -> str:
    """Build the file of export `export_id` (see the module docstring). Returns the final
    status; an export already finished or deleted is left alone."""
    export = ReportExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status in (ExportStatus.DONE, ExportStatus.FAILED):
        return export.status if export else "missing"
    if export.format not in ExportFormat.values:
        _update(export_id, status=ExportStatus.FAILED, error=failure_message(ValueError()))
        return ExportStatus.FAILED
    try:
        build_export(export)
    except Exception as exc:  # noqa: BLE001 (any failure is reported on the export)
        logger.exception("report export %s failed", export_id)
        if export.file:
            export.file.delete(save=False)
        _update(
            export_id,
            status=ExportStatus.FAILED,
            error=failure_message(exc)[:500],
            file="",
            finished_at=timezone.now(),
        )
        return ExportStatus.FAILED
    return ExportStatus.DONE
