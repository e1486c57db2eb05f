"""Early warnings over time: created, kept, updated, resolved, reopened, acknowledged; the
refresh's scope; the signals that refresh a cell after a change; the daily command (issue 4
item 4)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.http import Http404

from chibo.core.models import AuditEntry
from chibo.evaluation import signals
from chibo.evaluation.models import EarlyWarning, WarningKind
from chibo.evaluation.services.warnings import warning_acknowledge, warnings_refresh
from chibo.meetings.models import MeetingKind
from chibo.meetings.services import planning, record
from chibo.members.models import Exemption
from chibo.members.selectors import today as real_today
from tests.evaluation.test_warnings_detect import WINDOW, absent, anchor, held_months, meet
from tests.factories import make_member

TODAY = datetime.date(2026, 5, 15)
D = datetime.date
W = WarningKind


def row(cell, kind, key) -> EarlyWarning:
    return EarlyWarning.objects.get(unit=cell, kind=kind, key=key)


@pytest.fixture
def february(tree):
    """Cell A1 held a combined meeting every month of the window but 02/2026: one
    missed-month warning (and enough thematic meetings)."""
    anchor(tree)
    held_months(tree.cell_a1, [m for m in WINDOW if m != (2026, 2)], kind="combined")
    return tree


def test_refresh_creates_then_keeps_then_resolves_then_reopens(february):
    tree = february
    counts = warnings_refresh(unit=tree.cell_a1, today=TODAY)
    assert counts == {"created": 1, "resolved": 0, "reopened": 0, "updated": 0, "open": 1}
    warning = row(tree.cell_a1, W.MISSED_MONTH, "2026-02")
    # the condition holds since the day after February (detect.condition_since)
    assert warning.detected_on == datetime.date(2026, 3, 1) and warning.resolved_on is None
    # Nothing changed: nothing written.
    assert warnings_refresh(unit=tree.cell_a1, today=TODAY)["created"] == 0
    # The month's meeting is recorded: resolved, not deleted.
    late = meet(tree.cell_a1, D(2026, 2, 20))
    counts = warnings_refresh(unit=tree.cell_a1, today=D(2026, 5, 16))
    assert counts["resolved"] == 1 and counts["open"] == 0
    warning.refresh_from_db()
    assert warning.resolved_on == D(2026, 5, 16)
    # Acknowledged earlier, then true again: reopened, acknowledgement cleared, note kept,
    # and the acknowledgement kept in the audit trail.
    EarlyWarning.objects.filter(pk=warning.pk).update(
        acknowledged_at=datetime.datetime(2026, 5, 16, 8, 0, tzinfo=datetime.UTC),
        acknowledged_by=tree.bithu,
        note="Đã họp bù",
    )
    late.status = "cancelled"
    late.save()
    counts = warnings_refresh(unit=tree.cell_a1, today=D(2026, 5, 20))
    assert counts["reopened"] == 1
    warning.refresh_from_db()
    assert (warning.resolved_on, warning.acknowledged_at, warning.acknowledged_by) == (
        None,
        None,
        None,
    )
    assert warning.note == "Đã họp bù" and warning.detected_on == D(2026, 3, 1)  # kept
    assert warning.facts["cancelled"] is True
    entry = AuditEntry.objects.get(action="warning.reopen", target_id=str(warning.pk))
    assert entry.data["note"] == "Đã họp bù" and entry.data["acknowledged_by"] == tree.bithu.pk
    assert EarlyWarning.objects.filter(pk=warning.pk).count() == 1


def test_changed_figures_update_the_open_warning(tree):
    for day in (D(2026, 1, 10), D(2026, 2, 10), D(2026, 3, 10)):
        absent(tree.bich_a1, day)
    warnings_refresh(unit=tree.cell_a1, today=TODAY)
    key = f"{tree.bich_a1.pk}:2026"
    assert row(tree.cell_a1, W.REMOVAL_REVIEW, key).facts["months"] == [1, 2, 3]
    absent(tree.bich_a1, D(2026, 5, 5))
    assert warnings_refresh(unit=tree.cell_a1, today=TODAY)["updated"] == 1
    assert row(tree.cell_a1, W.REMOVAL_REVIEW, key).facts["months"] == [1, 2, 3, 5]


def test_refresh_stays_in_its_subtree(tree):
    warnings_refresh(today=TODAY)  # every cell: A2 and B1 have too few full members
    assert set(EarlyWarning.objects.values_list("unit_id", "kind")) == {
        (tree.cell_a2.pk, W.FEW_FULL_MEMBERS),
        (tree.cell_b1.pk, W.FEW_FULL_MEMBERS),
    }
    make_member(tree.cell_b1, "Hà Văn Hai")
    warnings_refresh(unit=tree.commune_a, today=TODAY)  # commune A only: B1 untouched
    assert row(tree.cell_b1, W.FEW_FULL_MEMBERS, "cell").resolved_on is None
    warnings_refresh(unit=tree.group, today=TODAY)  # a party group refreshes its cell
    assert row(tree.cell_b1, W.FEW_FULL_MEMBERS, "cell").resolved_on is None
    warnings_refresh(unit=tree.cell_b1, today=TODAY)
    assert row(tree.cell_b1, W.FEW_FULL_MEMBERS, "cell").resolved_on == TODAY
    assert row(tree.cell_a2, W.FEW_FULL_MEMBERS, "cell").resolved_on is None


def test_acknowledge(tree):
    warnings_refresh(today=TODAY)
    warning = row(tree.cell_a2, W.FEW_FULL_MEMBERS, "cell")
    done = warning_acknowledge(actor=tree.xa, warning_id=warning.pk, note="  Đang kết nạp  ")
    assert (done.acknowledged_by, done.note) == (tree.xa, "Đang kết nạp")
    assert done.acknowledged_at is not None
    entry = AuditEntry.objects.get(action="warning.acknowledge", target_id=str(warning.pk))
    assert entry.actor == tree.xa and entry.data["note"] == "Đang kết nạp"


def test_acknowledge_refusals(tree):
    warnings_refresh(today=TODAY)
    warning = row(tree.cell_a2, W.FEW_FULL_MEMBERS, "cell")
    with pytest.raises(ValidationError) as refused:
        warning_acknowledge(actor=tree.xa, warning_id=warning.pk, note="   ")
    assert "note" in refused.value.message_dict
    with pytest.raises(PermissionDenied):  # the inspector sees it, may not acknowledge
        warning_acknowledge(actor=tree.kiemtra, warning_id=warning.pk, note="Đã xem")
    for outsider in (tree.ngoai, tree.dangvien, tree.staff):  # other commune, plain member
        with pytest.raises(Http404):
            warning_acknowledge(actor=outsider, warning_id=warning.pk, note="Đã xem")
    with pytest.raises(Http404):
        warning_acknowledge(actor=tree.xa, warning_id="abc", note="Đã xem")
    EarlyWarning.objects.filter(pk=warning.pk).update(resolved_on=TODAY)
    with pytest.raises(ValidationError):
        warning_acknowledge(actor=tree.xa, warning_id=warning.pk, note="Đã xem")
    assert not AuditEntry.objects.filter(action="warning.acknowledge").exists()


def test_acknowledged_exemption_comes_back_a_period_later(tree):
    # rule MEM-2: started 14/05/2025, reviewed every 12 months.
    exemption = Exemption.objects.create(
        member=tree.bich_a1, reason="health", start_date=D(2025, 5, 14)
    )
    warnings_refresh(unit=tree.cell_a1, today=TODAY)
    first = row(tree.cell_a1, W.EXEMPTION_OLD, f"{exemption.pk}:1")
    warning_acknowledge(actor=tree.bithu, warning_id=first.pk, note="Chi bộ đã xem xét lại")
    warnings_refresh(unit=tree.cell_a1, today=D(2027, 5, 14))
    assert row(tree.cell_a1, W.EXEMPTION_OLD, f"{exemption.pk}:1").resolved_on is None
    warnings_refresh(unit=tree.cell_a1, today=D(2027, 5, 15))
    assert row(tree.cell_a1, W.EXEMPTION_OLD, f"{exemption.pk}:1").resolved_on == D(2027, 5, 15)
    again = row(tree.cell_a1, W.EXEMPTION_OLD, f"{exemption.pk}:2")
    assert again.resolved_on is None and again.acknowledged_at is None


def forget_noted():
    """Forget the records noted so far: in a test the transaction never commits, so the
    signals' single callback for it would have been registered before the captured block
    (and `django_capture_on_commit_callbacks` would not see it)."""
    setattr(transaction.get_connection(), signals._PENDING, None)


def test_signal_adding_the_missing_months_meeting_resolves_it(
    tree, django_capture_on_commit_callbacks
):
    # Real dates: signals judge as of today. Records begin 13 months ago, so every month
    # of the window is missed by cell A1.
    on = real_today()
    previous = (on.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
    anchor(tree, day=on.replace(day=1) - datetime.timedelta(days=400))
    warnings_refresh(unit=tree.cell_a1)
    key = f"{previous:%Y-%m}"
    assert row(tree.cell_a1, W.MISSED_MONTH, key).resolved_on is None
    forget_noted()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting = planning.meeting_add(
            actor=tree.bithu,
            unit_id=tree.cell_a1.pk,
            kind=MeetingKind.REGULAR,
            date=previous,
            start_time=datetime.time(19, 30),
            place="Nhà văn hóa",
        )
        record.roll_call_record(
            actor=tree.bithu, meeting_id=meeting.pk, expected_version=None, entries={}
        )
    # One refresh for the test's transaction, however many rows were saved.
    assert sum(callback is signals._flush for callback in callbacks) == 1
    assert row(tree.cell_a1, W.MISSED_MONTH, key).resolved_on == on
    assert EarlyWarning.objects.filter(kind=W.MISSED_MONTH, resolved_on__isnull=True).count() == 11


def test_signal_on_a_member_refreshes_their_cell(tree, django_capture_on_commit_callbacks):
    warnings_refresh(today=real_today())
    assert row(tree.cell_a2, W.FEW_FULL_MEMBERS, "cell").facts["full"] == 1
    forget_noted()
    with django_capture_on_commit_callbacks(execute=True):
        make_member(tree.cell_a2, "Hà Văn Hai")
    assert row(tree.cell_a2, W.FEW_FULL_MEMBERS, "cell").facts["full"] == 2


def test_daily_command(tree):
    out = io.StringIO()
    call_command("warnings", "--date", "2026-05-15", stdout=out)
    assert "2 open, 2 new" in out.getvalue()
    call_command("warnings", "--unit", str(tree.cell_b1.pk), "--date", "2026-05-15", stdout=out)
    assert "1 open, 0 new" in out.getvalue()
