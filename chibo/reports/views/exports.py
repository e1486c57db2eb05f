"""Export views: ask for a report file, list "my exports", poll one export's progress (an
htmx partial) and download its file.

Asking runs `services.export_request` (scoped; readers of reports only) and answers a
redirect to "my exports" with a message; the file is built in the background
(`reports.tasks.export_build`). Only the owner sees an export; the file downloads while the
unit stays in the owner's scope and until it expires, else 404 (an expired one says so).
"""

import datetime
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from chibo.meetings.documents.layout import DOCX_CONTENT_TYPE
from chibo.reports.exports.common import display_file_name, file_stem
from chibo.reports.exports.xlsx import XLSX_CONTENT_TYPE
from chibo.reports.models import ExportFormat, ExportStatus, ReportExport
from chibo.reports.periods import Period, PeriodError, period_from_params
from chibo.reports.selectors import ExportExpired, export_download_get, export_get, exports_of
from chibo.reports.services import export_request

#: Exports listed per page of "my exports".
PER_PAGE = 20
#: A file still waiting this long after it was asked for has no worker to prepare it.
STUCK_AFTER = datetime.timedelta(minutes=2)
#: The query parameters that name a period (`Period.params`).
PERIOD_KEYS = ("period", "year", "month", "quarter", "half", "from", "to")
CONTENT_TYPES = {ExportFormat.XLSX: XLSX_CONTENT_TYPE, ExportFormat.DOCX: DOCX_CONTENT_TYPE}


def _period_of(export: ReportExport) -> Period | None:
    """The export's period read back from its stored parameters (None when they no longer
    read as a period)."""
    try:
        return period_from_params(export.period, export.created_at.date())
    except PeriodError:
        return None


def decorate(export: ReportExport, now: datetime.datetime) -> ReportExport:
    """Add what the row shows: `is_pending` (queued or running: the row polls), `is_stuck`
    (still queued after STUCK_AFTER),
    `is_expired`, `can_download`, `period_text` (in the reader's language) and
    `dashboard_query` (the period's query string for the dashboard link)."""
    period = _period_of(export)
    export.is_pending = export.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
    export.is_expired = export.expires_at <= now
    export.can_download = (
        export.status == ExportStatus.DONE and bool(export.file) and not export.is_expired
    )
    export.period_text = str(period.label) if period else export.period_label
    # Still waiting long after the request: no task worker is running (docs/operations.md).
    export.is_stuck = (
        export.status == ExportStatus.QUEUED and export.created_at <= now - STUCK_AFTER
    )
    export.dashboard_query = urlencode(export.period)
    return export


@login_required
@require_POST
def export_create(request, unit_id):
    """Ask for the XLSX or DOCX report of unit `unit_id` over the period in the POSTed
    parameters (those of `_export_buttons.html`). 404 outside the actor's scope, 403 for a
    user who may not read reports; a malformed period or format is said in a message on the
    dashboard it came from (with the period typed). Else redirects to "my exports"."""
    try:
        period = period_from_params(request.POST, timezone.localdate())
        export_request(
            actor=request.user,
            unit_id=unit_id,
            period=period,
            fmt=request.POST.get("format", ""),
        )
    except (PeriodError, ValidationError) as exc:
        if isinstance(exc, ValidationError):  # the dashboard's period form says a bad period
            messages.error(request, " ".join(exc.messages))
        # Back to the dashboard the buttons were on, with the period the user had chosen.
        keep = {k: request.POST[k] for k in PERIOD_KEYS if request.POST.get(k)}
        return redirect(reverse("reports:dashboard", args=[unit_id]) + "?" + urlencode(keep))
    else:
        messages.success(
            request,
            _("The file is being prepared; it will be ready to download here in a moment."),
        )
    return redirect("reports:exports")


@login_required
@require_safe
@never_cache
def exports_page(request):
    """ "My exports": the user's exports, newest first, PER_PAGE a page, each with its unit,
    period, format, status and progress (polled while pending) and a download link while
    available. A fixed number of queries."""
    now = timezone.now()
    page = Paginator(exports_of(actor=request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = [decorate(export, now) for export in page.object_list]
    return render(
        request,
        "reports/exports.html",
        {"page": page, "rows": rows, "days": settings.CHIBO_EXPORT_DAYS},
    )


@login_required
@require_safe
@never_cache
def export_status(request, export_id):
    """One row of "my exports" (htmx partial, polled every 2 s while the export is queued or
    running). 404 for someone else's export."""
    export = decorate(export_get(actor=request.user, export_id=export_id), timezone.now())
    return render(request, "reports/_export_row.html", {"e": export})


@login_required
@require_safe
@never_cache
def export_download(request, export_id):
    """The export's file as an attachment, with its content type and a Vietnamese file name
    (RFC 5987 `filename*`, an ASCII `filename` for old browsers). 404 unless it is the
    user's own, ready, its unit still in their scope and not expired (an expired one says
    so)."""
    try:
        export = export_download_get(actor=request.user, export_id=export_id)
    except ExportExpired as exc:
        until = formats.date_format(timezone.localtime(exc.export.expires_at), "d/m/Y H:i")
        return render(
            request,
            "core/error.html",
            {
                "status": 404,
                "title": _("This file has expired"),
                "message": _(
                    "The file was available until %(until)s. Ask for the report again from "
                    "the unit's dashboard."
                )
                % {"until": until},
            },
            status=404,
        )
    period = _period_of(export)
    unit_name = export.unit.name
    if period is not None:
        ascii_name = f"{file_stem(unit_name, period, export.format)}.{export.format}"
        full_name = display_file_name(unit_name, period, export.format)
    else:
        ascii_name = full_name = export.file.name.rsplit("/", 1)[-1]
    response = FileResponse(export.file.open("rb"), content_type=CONTENT_TYPES[export.format])
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(full_name)}"
    )
    return response


urlpatterns = [
    path("unit/<int:unit_id>/export/", export_create, name="export-create"),
    path("exports/", exports_page, name="exports"),
    path("exports/<int:export_id>/", export_status, name="export-status"),
    path("exports/<int:export_id>/download/", export_download, name="export-download"),
]
