"""Demo accounts: one per role, with the grants and members the rest of the app relies on."""

import pytest
from django.contrib.auth import get_user_model

from chibo.core.text import fold, person_name
from chibo.demo.builder import (
    ACCOUNT_AN_NAME,
    ACCOUNT_CELL,
    ACCOUNT_COMMUNE,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    VISIT_CELLS,
    VISIT_COMMUNE,
)
from chibo.members.models import (
    Exemption,
    Membership,
    Position,
    PositionKind,
    TemporaryAttachment,
    WorkingAway,
)
from chibo.org.models import Role, RoleGrant, Unit
from tests.demo.conftest import TODAY

User = get_user_model()


def _account_cell() -> Unit:
    commune = Unit.objects.get(name=ACCOUNT_COMMUNE)
    return Unit.objects.get_children(commune).get(name=ACCOUNT_CELL)


def test_every_account_exists_with_exactly_its_grants(tiny):
    assert User.objects.count() == len(DEMO_ACCOUNTS) == tiny["users"] == 8
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account["username"])
        grants = {
            (g.role, g.unit.name, g.include_descendants)
            for g in RoleGrant.objects.filter(user=user).select_related("unit")
        }
        expected = {
            (account["role"], name, account["include_descendants"]) for name in account["units"]
        }
        assert grants == expected, account["username"]
        # Every account shows a Vietnamese name (family names first, see core.text.person_name).
        assert person_name(user) != user.username
        if account["username"] == "admin":
            assert person_name(user) == "Quản trị viên"


def test_role_grants_point_at_the_documented_units(tiny):
    xa = RoleGrant.objects.get(user__username="xa")
    assert (xa.role, xa.unit.admin_code) == (Role.UNIT_ADMIN, "2287")
    bithu = RoleGrant.objects.get(user__username="bithu")
    assert bithu.unit == _account_cell()
    visits = RoleGrant.objects.filter(user__username="giamsat").select_related("unit")
    assert sorted(g.unit.name for g in visits) == sorted(VISIT_CELLS)
    minh_xuan = Unit.objects.get(name=VISIT_COMMUNE)
    assert all(g.unit.path.startswith(minh_xuan.path) and not g.include_descendants for g in visits)


def test_admin_is_a_superuser_without_grants(tiny):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert not RoleGrant.objects.filter(user=admin).exists()
    assert not User.objects.exclude(username="admin").filter(is_staff=True).exists()


@pytest.mark.parametrize("username", [a["username"] for a in DEMO_ACCOUNTS])
def test_accounts_log_in_with_the_demo_password(tiny, client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)


def test_cell_accounts_are_linked_to_the_secretary_deputy_and_a_plain_member(tiny):
    cell = _account_cell()
    current = Position.objects.on(TODAY).filter(unit=cell)
    assert current.get(kind=PositionKind.SECRETARY).member.user.username == "bithu"
    assert current.get(kind=PositionKind.DEPUTY_SECRETARY).member.user.username == "phobithu"
    plain = User.objects.get(username="dangvien").member
    assert Membership.objects.on(TODAY).get(member=plain).unit == cell
    assert not plain.positions.exists()
    assert not Exemption.objects.filter(member=plain).exists()
    assert not TemporaryAttachment.objects.filter(member=plain).exists()
    assert not WorkingAway.objects.filter(member=plain).exists()
    assert plain.full_member_on is not None


def test_account_cell_has_the_members_browser_tests_rely_on(tiny):
    cell = _account_cell()
    roll = Membership.objects.on(TODAY).filter(unit=cell).select_related("member")
    members = [m.member for m in roll]
    assert len(members) >= 20
    assert sum(m.full_member_on is not None for m in members) >= 9
    ids = [m.pk for m in members]
    assert Exemption.objects.on(TODAY).filter(member_id__in=ids).exists()
    attached = TemporaryAttachment.objects.on(TODAY).filter(member_id__in=ids)
    assert attached.exclude(host_unit=None).exclude(host_unit=cell).exists()
    matches = [m for m in members if fold("nguyen van an") in m.search_text]
    assert [m.full_name for m in matches] == [ACCOUNT_AN_NAME]
    assert Membership.objects.filter(member_id__in=ids, end_date__isnull=False).exists()
