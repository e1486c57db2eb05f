"""Printed documents of a meeting: the minutes and the attendance sheet as DOCX downloads
(Hướng dẫn 36-HD/VPTW layout; chibo.meetings.documents).

Readers of the meeting may download them (scope: meeting_get, 404 outside it) once the
meeting was held; a planned or cancelled meeting has no record and answers 404. A fixed
number of queries, whatever the number of members, items or assignments.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from chibo.core.text import fold
from chibo.meetings.documents import attendance, minutes
from chibo.meetings.documents.layout import DOCX_CONTENT_TYPE
from chibo.meetings.selectors import meeting_get, meeting_record
from chibo.org.models import Unit


def _superior_name(unit: Unit) -> str:
    """The name of the cell's parent unit, printed on its letterhead; "" for a root unit.

    Read directly rather than through org.selectors (whose reads are scoped): a cell
    secretary's scope is the cell alone, yet its documents must name the superior body.
    Only the name of the parent of a cell already in the actor's scope is read. One query.
    """
    if unit.depth <= 1:
        return ""
    parent_path = unit.path[: -Unit.steplen]
    return Unit.objects.filter(path=parent_path).values_list("name", flat=True).first() or ""


def _download(request, pk, build, prefix: str) -> HttpResponse:
    """Load a held meeting in the actor's scope, build the document with `build(record,
    superior_name=…)` and answer it as an attachment named "<prefix>-<date>-<cell>.docx"."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    if not meeting.is_held:
        raise Http404("meeting not held")
    record = meeting_record(meeting=meeting)
    content = build(record, superior_name=_superior_name(meeting.unit))
    cell = slugify(fold(meeting.unit.name)) or "chi-bo"
    filename = f"{prefix}-{meeting.date:%Y-%m-%d}-{cell}.docx"
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
@never_cache
def minutes_docx(request, pk):
    """Download the minutes (BIÊN BẢN) of meeting `pk` as DOCX (rules MIN-1, MIN-2, MIN-3).

    404 outside the actor's scope or for a meeting not held; anonymous users are sent to
    the login page. Filename like "bien-ban-2026-03-05-chi-bo-thon-ban-cho.docx".
    """
    return _download(request, pk, minutes.minutes_docx, "bien-ban")


@login_required
@require_safe
@never_cache
def attendance_docx(request, pk):
    """Download the attendance sheet (DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT) of meeting `pk` as
    DOCX (rules ATT-0, ATT-1). Same access rules as `minutes_docx`; filename like
    "danh-sach-du-sinh-hoat-2026-03-05-chi-bo-thon-ban-cho.docx"."""
    return _download(request, pk, attendance.attendance_docx, "danh-sach-du-sinh-hoat")
