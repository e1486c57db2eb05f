"""The builder never touches real data without --force, and a rebuild wipes the old demo."""

import pytest
from django.contrib.auth import get_user_model

from chibo.core.models import AuditEntry
from chibo.demo.builder import build_demo
from chibo.demo.exceptions import DemoRefused
from chibo.demo.models import DemoDataset
from chibo.members.models import Member
from chibo.org.models import Role, RoleGrant, Unit, UnitKind
from tests.demo.conftest import TODAY

User = get_user_model()
pytestmark = pytest.mark.django_db


def _state():
    return (
        list(Unit.objects.values_list("pk", "name")),
        Member.objects.count(),
        list(User.objects.values_list("pk", "username", "password")),
        DemoDataset.objects.count(),
        AuditEntry.objects.count(),
    )


def test_refuses_a_database_with_real_units_and_changes_nothing():
    Unit.objects.add_root(create_kwargs={"name": "Đảng bộ thật", "kind": UnitKind.PROVINCE})
    before = _state()
    with pytest.raises(DemoRefused):
        build_demo(scale="tiny", progress=False, today=TODAY)
    assert _state() == before


def test_refuses_a_database_with_a_real_user_even_if_named_like_a_demo_account():
    User.objects.create_user("admin", "admin@example.org", "secret-123")
    before = _state()
    with pytest.raises(DemoRefused):
        build_demo(scale="tiny", progress=False, today=TODAY)
    assert _state() == before


def test_builds_beside_a_user_made_before_the_first_run():
    keeper = User.objects.create_superuser("quantri", "qt@example.org", "secret-123")
    build_demo(scale="tiny", progress=False, today=TODAY)
    assert User.objects.filter(pk=keeper.pk, is_superuser=True).exists()
    assert DemoDataset.objects.count() == 1


def test_force_builds_over_real_data_and_keeps_other_users():
    Unit.objects.add_root(create_kwargs={"name": "Đảng bộ thật", "kind": UnitKind.PROVINCE})
    keeper = User.objects.create_user("nguoidung", "nd@example.org", "secret-123")
    User.objects.create_user("admin", "admin@example.org", "secret-123")
    build_demo(scale="tiny", force=True, progress=False, today=TODAY)
    assert not Unit.objects.filter(name="Đảng bộ thật").exists()
    assert User.objects.filter(pk=keeper.pk).exists()
    assert User.objects.get(username="admin").is_superuser
    assert DemoDataset.objects.count() == 1


def test_refuses_to_rebuild_a_demo_that_someone_worked_on():
    build_demo(scale="tiny", progress=False, today=TODAY)
    Unit.objects.add_child(
        Unit.objects.get(kind=UnitKind.PROVINCE),
        create_kwargs={"name": "Chi bộ thật", "kind": UnitKind.CELL},
    )
    before = _state()
    with pytest.raises(DemoRefused):
        build_demo(scale="tiny", progress=False, today=TODAY)
    assert _state() == before


def test_refuses_to_rebuild_a_demo_whose_unit_was_renamed_in_the_admin():
    build_demo(scale="tiny", progress=False, today=TODAY)
    Unit.objects.filter(kind=UnitKind.CELL).order_by("pk").update(name="Chi bộ đã đổi tên")
    with pytest.raises(DemoRefused):
        build_demo(scale="tiny", progress=False, today=TODAY)
    assert Unit.objects.filter(name="Chi bộ đã đổi tên").exists()


def test_logging_in_to_a_demo_does_not_count_as_work(client):
    build_demo(scale="tiny", progress=False, today=TODAY)
    assert client.login(username="bithu", password="chibo2026")  # re-hashes the password
    build_demo(scale="tiny", progress=False, today=TODAY)  # no DemoRefused
    assert DemoDataset.objects.count() == 1


def test_refuses_to_rebuild_a_demo_with_an_edited_member():
    from chibo.members.services import member_update

    build_demo(scale="tiny", progress=False, today=TODAY)
    secretary = User.objects.get(username="bithu")
    member = Member.objects.get(user=secretary)
    member_update(
        actor=secretary,
        member_id=member.pk,
        expected_version=member.version,
        data={"phone": "0911111111"},
    )
    with pytest.raises(DemoRefused):
        build_demo(scale="tiny", progress=False, today=TODAY)
    assert Member.objects.get(pk=member.pk).phone == "0911111111"


def test_rebuild_wipes_the_previous_demo_history_and_audit():
    first = build_demo(scale="tiny", progress=False, today=TODAY)
    member = Member.objects.first()
    member.phone = "0900000000"
    member.save()  # one history row: the demo was worked on, so only --force rebuilds
    guest = User.objects.create_user("khach", "khach@example.org", "secret-123")
    RoleGrant.objects.create(
        user=guest, role=Role.INSPECTOR, unit=Unit.objects.get(kind=UnitKind.PROVINCE)
    )
    second = build_demo(scale="tiny", force=True, progress=False, today=TODAY)
    assert second == first
    assert Member.history.count() == 0
    assert AuditEntry.objects.count() == 1  # the new build's entry
    assert DemoDataset.objects.count() == 1
    assert User.objects.filter(pk=guest.pk).exists()  # not a demo user: kept
    assert not RoleGrant.objects.filter(user=guest).exists()  # its unit is gone
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_dataset_records_seed_scale_time_and_counts():
    counts = build_demo(seed=5, scale="tiny", progress=False, today=TODAY)
    dataset = DemoDataset.objects.get()
    assert (dataset.seed, dataset.scale, dataset.counts) == (5, "tiny", counts)
    assert dataset.seconds > 0
    entry = AuditEntry.objects.get()
    assert entry.action == "demo.build" and entry.actor is None


def test_an_edited_meeting_counts_as_work_and_its_history_is_wiped():
    """A meeting saved in chibo or the admin leaves a history row: no rebuild without --force,
    and a forced rebuild leaves no orphan history rows."""
    from chibo.meetings.models import Meeting

    build_demo(scale="tiny", progress=False, today=TODAY)
    meeting = Meeting.objects.filter(status="draft").first()
    meeting.place = "Hội trường mới"
    meeting.save()
    with pytest.raises(DemoRefused):
        build_demo(scale="tiny", progress=False, today=TODAY)
    build_demo(scale="tiny", force=True, progress=False, today=TODAY)
    assert Meeting.history.count() == 0
