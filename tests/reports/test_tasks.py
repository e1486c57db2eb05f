"""The export task (progress, status, file, the FAILED path with a Vietnamese message), a
queue that refuses the task, and the daily command `chibo reports` (roll-ups, purge).
"""

import datetime
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chibo.org.models import RoleGrant
from chibo.reports import tasks
from chibo.reports.models import CellMonth, ExportStatus, ReportExport
from chibo.reports.periods import Period
from chibo.reports.services import export_request, exports_purge

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = Period("year", D(2026, 1, 1), D(2026, 12, 1))


def queued(tree, fmt="docx"):
    """An export of commune A by xa, queued (its task not run: no commit in a test)."""
    return export_request(actor=tree.xa, unit_id=tree.commune_a.pk, period=YEAR, fmt=fmt)


def test_progress_goes_10_40_80_100(tree, monkeypatch):
    steps = []
    update = tasks._update

    def recording(export_id, **fields):
        steps.append((fields.get("status"), fields.get("progress")))
        update(export_id, **fields)

    monkeypatch.setattr(tasks, "_update", recording)
    export = queued(tree)
    assert export.status == ExportStatus.QUEUED and export.progress == 0
    result = tasks.export_build.enqueue(export.pk)
    assert result.return_value == ExportStatus.DONE
    assert steps == [
        (ExportStatus.RUNNING, 10),
        (None, 40),
        (None, 80),
        (ExportStatus.DONE, 100),
    ]
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.finished_at is not None
    assert export.file.read()[:2] == b"PK"  # a zip: the DOCX
    # A finished export is left alone when its task runs again.
    assert tasks.export_build.enqueue(export.pk).return_value == ExportStatus.DONE


def test_a_failure_is_reported_in_vietnamese_and_logged(tree, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("chibo.reports.exports.build_report_file", broken)
    export = queued(tree)
    with caplog.at_level(logging.ERROR, logger="chibo.reports.tasks"):
        assert tasks.export_build.enqueue(export.pk).return_value == ExportStatus.FAILED
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and not export.file
    with translation.override("vi"):
        expected = _("The report could not be made because of an error. Please try again later.")
    assert export.error == expected
    assert "report export" in caplog.text and "disk full" in caplog.text


def test_a_unit_gone_out_of_scope_fails_the_export(tree):
    export = queued(tree)
    RoleGrant.objects.filter(user=tree.xa).delete()
    assert tasks.export_build.enqueue(export.pk).return_value == ExportStatus.FAILED
    export.refresh_from_db()
    with translation.override("vi"):
        assert export.error == _("The unit is no longer in your scope; the report was not made.")


def test_a_queue_that_refuses_the_task_fails_the_export(
    tree, monkeypatch, django_capture_on_commit_callbacks
):
    class Refusing:
        def enqueue(self, *args, **kwargs):
            raise ConnectionError("queue down")

    monkeypatch.setattr(tasks, "export_build", Refusing())
    with django_capture_on_commit_callbacks(execute=True):
        export = queued(tree, "xlsx")
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    with translation.override("vi"):
        assert export.error == _("The export could not be queued. Please try again later.")


def test_a_deleted_export_is_skipped(tree):
    export = queued(tree)
    export_id = export.pk
    export.delete()
    assert tasks.export_build.enqueue(export_id).return_value == "missing"


def _export(tree, user, *, expires_at, name):
    export = ReportExport.objects.create(
        user=user, unit=tree.commune_a, period={"period": "year", "year": "2026"},
        period_label="Năm 2026", format="xlsx", status=ExportStatus.DONE, progress=100,
        expires_at=expires_at,
    )  # fmt: skip
    export.file.save(name, ContentFile(b"PK"), save=True)
    return export


def test_purge_deletes_expired_exports_and_their_files(tree):
    now = timezone.now()
    old = _export(tree, tree.xa, expires_at=now - datetime.timedelta(seconds=1), name="old.xlsx")
    fresh = _export(tree, tree.xa, expires_at=now + datetime.timedelta(days=1), name="new.xlsx")
    storage, old_name = old.file.storage, old.file.name
    assert storage.exists(old_name)
    assert exports_purge(now=now) == 1
    assert not storage.exists(old_name)
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert storage.exists(fresh.file.name)


def test_the_command_refreshes_roll_ups_and_purges(db, capsys):
    from tests.reports.dataset import make_report_dataset

    t = make_report_dataset()
    CellMonth.objects.all().delete()
    _export(t, t.xa, expires_at=timezone.now() - datetime.timedelta(days=1), name="a.xlsx")
    call_command("reports", "--date", "2026-11-15")
    out = capsys.readouterr().out
    rows = CellMonth.objects.count()
    assert rows > 0
    with translation.override("vi"):
        first = _("Report roll-ups: %(rows)s cell-month rows rebuilt (%(seconds).1f s).") % {
            "rows": rows, "seconds": 0.0,
        }  # fmt: skip
        second = _("Expired exports: %(n)d deleted.") % {"n": 1}
    assert out.splitlines()[0].split("(")[0] == first.split("(")[0]
    assert out.splitlines()[1] == second
    assert not ReportExport.objects.exists()


def test_the_command_purge_only(tree, capsys):
    _export(tree, tree.xa, expires_at=timezone.now() - datetime.timedelta(days=1), name="b.xlsx")
    call_command("reports", "--purge-only")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and not ReportExport.objects.exists()
    assert CellMonth.objects.count() == 0


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reports", "--date", "15/11/2026")
