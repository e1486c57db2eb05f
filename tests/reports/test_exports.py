"""Export requests, "my exports", the progress partial and downloads: permissions (scope,
readers of reports only, the owner only, expiry, a unit gone out of scope), redirects and
messages, content types and file names, and the pinned query count of the list page.

Tasks run inside the request in tests (ImmediateBackend, tests/settings.py) once the
request's transaction commits: `django_capture_on_commit_callbacks(execute=True)`.
"""

import datetime
import io
from urllib.parse import quote

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chibo.core.models import AuditEntry
from chibo.core.scoping import NotInScope
from chibo.org.models import RoleGrant
from chibo.reports.exports.xlsx import XLSX_CONTENT_TYPE
from chibo.reports.models import ExportStatus, ReportExport
from chibo.reports.periods import Period
from chibo.reports.services import export_request

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = Period("year", D(2026, 1, 1), D(2026, 12, 1))
PARAMS = {"period": "quarter", "year": "2026", "quarter": "3"}


def create_url(unit):
    return reverse("reports:export-create", args=[unit.pk])


def post_export(client, unit, fmt="xlsx", capture=None, **params):
    """POST an export request (running the task on commit when `capture` is given)."""
    data = {**PARAMS, **params, "format": fmt}
    if capture is None:
        return client.post(create_url(unit), data)
    with capture(execute=True):
        return client.post(create_url(unit), data)


def messages_of(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_request_builds_the_file_and_redirects_to_my_exports(
    tree, client_for, django_capture_on_commit_callbacks
):
    client = client_for(tree.xa)
    response = post_export(client, tree.commune_a, "xlsx", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("reports:exports")
    export = ReportExport.objects.get()
    assert (export.user, export.unit, export.format) == (tree.xa, tree.commune_a, "xlsx")
    assert export.period == PARAMS
    assert (export.status, export.progress, export.error) == (ExportStatus.DONE, 100, "")
    assert export.file.name.endswith("so-lieu-dang-bo-xa-chiem-hoa-2026-Q3.xlsx")
    days = (export.expires_at - export.created_at).total_seconds() / 86400
    assert round(days, 3) == 7
    entry = AuditEntry.objects.get(action="report.export")
    assert entry.actor == tree.xa and entry.target_id == str(export.pk)
    assert entry.data == {"unit": tree.commune_a.pk, "period": PARAMS, "format": "xlsx"}
    page = client.get(response["Location"])
    assert _("The file is being prepared; it will be ready to download here in a moment.") in (
        messages_of(page)
    )


def test_download_gives_the_file_with_a_vietnamese_name(
    tree, client_for, django_capture_on_commit_callbacks
):
    client = client_for(tree.xa)
    post_export(client, tree.commune_a, "xlsx", django_capture_on_commit_callbacks)
    export = ReportExport.objects.get()
    response = client.get(reverse("reports:export-download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    label = str(Period("quarter", D(2026, 7, 1), D(2026, 9, 1)).label)
    name = f"Số liệu sinh hoạt chi bộ - Đảng bộ xã Chiêm Hoá - {label}.xlsx".replace("/", "-")
    assert response["Content-Disposition"] == (
        'attachment; filename="so-lieu-dang-bo-xa-chiem-hoa-2026-Q3.xlsx"; '
        f"filename*=UTF-8''{quote(name)}"
    )
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(wb.sheetnames) == 8  # information, 5 groups, by month, cells


def test_docx_download(tree, client_for, django_capture_on_commit_callbacks):
    client = client_for(tree.bithu)
    post_export(client, tree.cell_a1, "docx", django_capture_on_commit_callbacks)
    export = ReportExport.objects.get()
    response = client.get(reverse("reports:export-download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.w")
    assert (
        'filename="bao-cao-so-ket-chi-bo-thon-ban-cho-2026-Q3.docx"'
        in (response["Content-Disposition"])
    )


def test_outside_the_scope_is_not_found(tree, client_for):
    """ngoai (secretary of B1, commune B) cannot ask for commune A's report."""
    response = post_export(client_for(tree.ngoai), tree.commune_a)
    assert response.status_code == 404
    assert not ReportExport.objects.exists()


def test_a_plain_member_is_refused(tree, client_for):
    """dangvien sees cell A1 but may not read reports: 403."""
    response = post_export(client_for(tree.dangvien), tree.cell_a1)
    assert response.status_code == 403
    assert not ReportExport.objects.exists()
    with pytest.raises(PermissionDenied):
        export_request(actor=tree.dangvien, unit_id=tree.cell_a1.pk, period=YEAR, fmt="xlsx")
    with pytest.raises(NotInScope):
        export_request(actor=tree.dangvien, unit_id=tree.commune_a.pk, period=YEAR, fmt="xlsx")


def test_anonymous_and_get_are_refused(tree, client_for):
    response = client_for(None).post(create_url(tree.commune_a), {**PARAMS, "format": "xlsx"})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client_for(tree.xa).get(create_url(tree.commune_a)).status_code == 405


@pytest.mark.parametrize(
    ("fmt", "params", "message", "quarter"),
    [
        ("pdf", {}, "Choose the XLSX statistics table or the DOCX review report.", "3"),
        ("xlsx", {"quarter": "5"}, "Choose a quarter from I to IV.", "5"),
    ],
)
def test_a_bad_format_or_period_is_said(tree, client_for, fmt, params, message, quarter):
    response = post_export(client_for(tree.xa), tree.commune_a, fmt, **params)
    # Back on the dashboard the buttons were on, with the period as typed.
    back = reverse("reports:dashboard", args=[tree.commune_a.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{back}?period=quarter&year=2026&quarter={quarter}"
    # A bad format is said in a message; a bad period by the dashboard's period form, once.
    if "quarter" in params:
        page = client_for(tree.xa).get(response["Location"]).content.decode()
        assert page.count(_(message)) == 1 and messages_of(response) == []
    else:
        assert messages_of(response) == [_(message)]
    assert not ReportExport.objects.exists()


def test_the_same_request_while_waiting_is_not_queued_twice(tree):
    first = export_request(actor=tree.xa, unit_id=tree.commune_a.pk, period=YEAR, fmt="docx")
    again = export_request(actor=tree.xa, unit_id=tree.commune_a.pk, period=YEAR, fmt="docx")
    other = export_request(actor=tree.xa, unit_id=tree.commune_a.pk, period=YEAR, fmt="xlsx")
    assert again.pk == first.pk and other.pk != first.pk
    assert ReportExport.objects.count() == 2


def make_done(tree, user, unit, **fields):
    """A finished export of `user` with a small file (no task run)."""
    from django.core.files.base import ContentFile

    export = ReportExport.objects.create(
        user=user, unit=unit, period=PARAMS, period_label="Quý III/2026", format="xlsx",
        status=ExportStatus.DONE, progress=100,
        expires_at=fields.pop("expires_at", timezone.now() + datetime.timedelta(days=7)),
        **fields,
    )  # fmt: skip
    export.file.save("so-lieu.xlsx", ContentFile(b"PK test"), save=True)
    return export


def test_only_the_owner_downloads_or_sees_the_status(tree, client_for):
    export = make_done(tree, tree.xa, tree.commune_a)
    for user in (tree.tinh, tree.kiemtra, tree.admin, tree.ngoai):
        client = client_for(user)
        assert client.get(reverse("reports:export-download", args=[export.pk])).status_code == 404
        assert client.get(reverse("reports:export-status", args=[export.pk])).status_code == 404
    owner = client_for(tree.xa)
    assert owner.get(reverse("reports:export-download", args=[export.pk])).status_code == 200
    assert owner.get(reverse("reports:export-status", args=[export.pk])).status_code == 200
    assert owner.get(reverse("reports:export-download", args=[999999])).status_code == 404


def test_an_expired_file_is_not_found_with_a_message(tree, client_for):
    export = make_done(
        tree, tree.xa, tree.commune_a, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client_for(tree.xa).get(reverse("reports:export-download", args=[export.pk]))
    assert response.status_code == 404
    assert _("This file has expired") in response.content.decode()
    page = client_for(tree.xa).get(reverse("reports:exports")).content.decode()
    assert 'class="text-muted export-expired"' in page
    assert reverse("reports:export-download", args=[export.pk]) not in page


def test_a_unit_gone_out_of_scope_closes_the_file(tree, client_for):
    export = make_done(tree, tree.xa, tree.commune_a)
    RoleGrant.objects.filter(user=tree.xa).delete()
    response = client_for(tree.xa).get(reverse("reports:export-download", args=[export.pk]))
    assert response.status_code == 404


def test_a_file_not_ready_is_not_found(tree, client_for):
    export = ReportExport.objects.create(
        user=tree.xa, unit=tree.commune_a, period=PARAMS, period_label="Quý III/2026",
        format="docx", expires_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    response = client_for(tree.xa).get(reverse("reports:export-download", args=[export.pk]))
    assert response.status_code == 404


def test_a_pending_row_polls_and_a_finished_one_does_not(tree, client_for):
    pending = export_request(actor=tree.xa, unit_id=tree.commune_a.pk, period=YEAR, fmt="docx")
    ReportExport.objects.filter(pk=pending.pk).update(status=ExportStatus.RUNNING, progress=40)
    done = make_done(tree, tree.xa, tree.commune_a)
    client = client_for(tree.xa)
    row = client.get(reverse("reports:export-status", args=[pending.pk])).content.decode()
    assert f'hx-get="{reverse("reports:export-status", args=[pending.pk])}"' in row
    assert 'hx-trigger="every 2s"' in row and 'aria-valuenow="40"' in row
    row = client.get(reverse("reports:export-status", args=[done.pk])).content.decode()
    assert "hx-trigger" not in row
    assert reverse("reports:export-download", args=[done.pk]) in row


def test_my_exports_lists_only_mine(tree, client_for):
    mine = make_done(tree, tree.xa, tree.commune_a)
    theirs = make_done(tree, tree.tinh, tree.commune_a)
    page = client_for(tree.xa).get(reverse("reports:exports")).content.decode()
    assert f'id="export-{mine.pk}"' in page and f'id="export-{theirs.pk}"' not in page
    with translation.override("vi"):
        label = str(Period("quarter", D(2026, 7, 1), D(2026, 9, 1)).label)
    assert label in client_for(tree.xa).get(reverse("reports:exports")).content.decode()


def test_my_exports_query_count_does_not_grow(tree, client_for, django_assert_num_queries):
    client = client_for(tree.xa)
    make_done(tree, tree.xa, tree.commune_a)
    client.get(reverse("reports:exports"))  # warm the session
    with django_assert_num_queries(QUERIES):
        client.get(reverse("reports:exports"))
    for unit in (tree.cell_a1, tree.cell_a2, tree.commune_a, tree.cell_a1):
        make_done(tree, tree.xa, unit)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("reports:exports"))
    assert response.content.decode().count('class="export-row"') == 5


#: Queries of "my exports": session, user, the navigation's warning check and unread
#: notices, the count and the page of exports (with their units).
QUERIES = 6


def test_admin_lists_exports_read_only(tree, client_for):
    export = make_done(tree, tree.xa, tree.commune_a)
    client = client_for(tree.admin)
    page = client.get(reverse("admin:reports_reportexport_changelist"))
    assert page.status_code == 200 and "Quý III/2026" in page.content.decode()
    assert client.get(reverse("admin:reports_reportexport_add")).status_code == 403
    view = client.get(reverse("admin:reports_reportexport_change", args=[export.pk]))
    assert view.status_code == 200 and 'name="status"' not in view.content.decode()
    assert (
        client.get(reverse("admin:reports_reportexport_delete", args=[export.pk])).status_code
        == 403
    )


def test_a_file_waiting_for_long_says_the_worker_is_not_running(tree, client_for):
    """Without a task worker a file stays queued: after two minutes its row says so."""
    now = timezone.now()
    waiting = ReportExport.objects.create(
        user=tree.xa, unit=tree.commune_a, period=YEAR.params(), period_label="Năm 2026",
        format="xlsx", expires_at=now + datetime.timedelta(days=7),
    )  # fmt: skip
    page = client_for(tree.xa).get(reverse("reports:exports")).content.decode()
    assert "data-stuck" not in page
    ReportExport.objects.filter(pk=waiting.pk).update(
        created_at=now - datetime.timedelta(minutes=2, seconds=1)
    )
    page = client_for(tree.xa).get(reverse("reports:exports")).content.decode()
    assert page.count("data-stuck") == 1
