"""Small plain-function factories for tests: units, members with a roll entry, users with a role.

No factory library: every value a test depends on is passed explicitly or has an obvious
default documented here. Units are created through treebeard 7's manager API
(`Unit.objects.add_root(create_kwargs=...)`, `Unit.objects.add_child(parent, create_kwargs=...)`).
"""

import datetime
import itertools
from types import SimpleNamespace

from django.contrib.auth import get_user_model

from chibo.members.models import Gender, Member, Membership, Position, PositionKind
from chibo.org.models import CellType, Role, RoleGrant, Unit, UnitKind

#: Password of every user made by `make_user` (tests use the fast MD5 hasher, see conftest).
PASSWORD = "Mat-khau-thu-2026"
#: Default dates: admitted on 10/03/2015, full member a year later, on the roll since admission.
ADMITTED_ON = datetime.date(2015, 3, 10)
FULL_MEMBER_ON = datetime.date(2016, 3, 10)

_counter = itertools.count(1)


def make_unit(name: str, kind: str, parent: Unit | None = None, **fields) -> Unit:
    """Create a unit named `name` of `kind` under `parent` (a root when parent is None)."""
    create_kwargs = {"name": name, "kind": kind, **fields}
    if parent is None:
        return Unit.objects.add_root(create_kwargs=create_kwargs)
    unit = Unit.objects.add_child(parent, create_kwargs=create_kwargs)
    return unit


def make_member(
    cell: Unit,
    name: str,
    *,
    admitted_on: datetime.date = ADMITTED_ON,
    full_member_on: datetime.date | None = FULL_MEMBER_ON,
    roll_from: datetime.date | None = None,
    roll_until: datetime.date | None = None,
    gender: str = Gender.MALE,
    birth_year: int = 1970,
    **fields,
) -> Member:
    """Create a member named `name` on the roll of `cell` from `roll_from` (default: admission).

    `roll_until` ends the roll entry (inclusive); None leaves it open.
    """
    member = Member.objects.create(
        full_name=name,
        gender=gender,
        birth_year=birth_year,
        admitted_on=admitted_on,
        full_member_on=full_member_on,
        **fields,
    )
    Membership.objects.create(
        member=member, unit=cell, start_date=roll_from or admitted_on, end_date=roll_until
    )
    return member


def make_user(
    role: str | None = None,
    unit: Unit | None = None,
    include_descendants: bool = True,
    *,
    username: str | None = None,
    password: str = PASSWORD,
    **fields,
):
    """Create an active user (password `PASSWORD`) and, when `role` is given, a grant on `unit`."""
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    if role is not None:
        RoleGrant.objects.create(
            user=user, role=role, unit=unit, include_descendants=include_descendants
        )
    return user


def make_tree() -> SimpleNamespace:
    """A small province with two communes, used by the permission, search and page tests.

    ```
    Đảng bộ tỉnh Tuyên Quang                    province
    ├── Đảng bộ xã Chiêm Hoá                    commune A  (spelled "Hoá")
    │   ├── Chi bộ thôn Bản Chợ                 cell A1: Nguyễn Văn Ân (secretary),
    │   │   │                                            Trần Thị Bích, Lê Văn Cường
    │   │   └── Tổ đảng số 1                    party group G: Hoàng Thị Lan
    │   └── Chi bộ Chiêm Hóa                    cell A2 (spelled "Hóa"): Phạm Văn Dũng
    └── Đảng bộ xã Hòa An                       commune B
        └── Chi bộ thôn Đồng Chùa               cell B1: Nguyễn Văn Ân, Vũ Thị Hoa
    ```
    Users (username = role in the demo's spirit): tinh (province admin), xa (unit admin of A),
    bithu / phobithu (secretary / deputy of A1, with descendants), dangvien (cell member of A1,
    without descendants; linked to Lê Văn Cường), kiemtra (inspector of A), giamsat (visiting
    official of A2 and B1, without descendants), ngoai (secretary of B1: an unrelated
    commune), admin (superuser), staff (staff, not superuser, no grant).
    """
    t = SimpleNamespace()
    t.province = make_unit("Đảng bộ tỉnh Tuyên Quang", UnitKind.PROVINCE, admin_code="08")
    t.commune_a = make_unit("Đảng bộ xã Chiêm Hoá", UnitKind.COMMUNE, t.province)
    t.cell_a1 = make_unit(
        "Chi bộ thôn Bản Chợ",
        UnitKind.CELL,
        t.commune_a,
        cell_type=CellType.RURAL,
        residential_area="Thôn Bản Chợ",
    )
    t.group = make_unit("Tổ đảng số 1", UnitKind.PARTY_GROUP, t.cell_a1)
    t.cell_a2 = make_unit("Chi bộ Chiêm Hóa", UnitKind.CELL, t.commune_a, cell_type=CellType.AGENCY)
    t.commune_b = make_unit("Đảng bộ xã Hòa An", UnitKind.COMMUNE, t.province)
    t.cell_b1 = make_unit(
        "Chi bộ thôn Đồng Chùa", UnitKind.CELL, t.commune_b, cell_type=CellType.RURAL
    )
    for unit in (t.province, t.commune_a, t.cell_a1, t.commune_b):
        unit.refresh_from_db()  # numchild changed after the children were added

    t.an_a1 = make_member(t.cell_a1, "Nguyễn Văn Ân", card_number="08001234")
    t.bich_a1 = make_member(t.cell_a1, "Trần Thị Bích", gender=Gender.FEMALE)
    t.cuong_a1 = make_member(t.cell_a1, "Lê Văn Cường")
    t.lan_group = make_member(t.group, "Hoàng Thị Lan", gender=Gender.FEMALE)
    t.dung_a2 = make_member(t.cell_a2, "Phạm Văn Dũng")
    t.an_b1 = make_member(t.cell_b1, "Nguyễn Văn Ân", card_number="08009999")
    t.hoa_b1 = make_member(t.cell_b1, "Vũ Thị Hoa", gender=Gender.FEMALE)
    Position.objects.create(
        member=t.an_a1,
        unit=t.cell_a1,
        kind=PositionKind.SECRETARY,
        start_date=datetime.date(2020, 10, 1),
    )

    t.tinh = make_user(Role.PROVINCE_ADMIN, t.province, username="tinh")
    t.xa = make_user(Role.UNIT_ADMIN, t.commune_a, username="xa")
    t.bithu = make_user(Role.CELL_SECRETARY, t.cell_a1, username="bithu")
    t.phobithu = make_user(Role.CELL_DEPUTY, t.cell_a1, username="phobithu")
    t.dangvien = make_user(Role.CELL_MEMBER, t.cell_a1, False, username="dangvien")
    t.kiemtra = make_user(Role.INSPECTOR, t.commune_a, username="kiemtra")
    t.giamsat = make_user(Role.VISITING_OFFICIAL, t.cell_a2, False, username="giamsat")
    RoleGrant.objects.create(
        user=t.giamsat, role=Role.VISITING_OFFICIAL, unit=t.cell_b1, include_descendants=False
    )
    t.ngoai = make_user(Role.CELL_SECRETARY, t.cell_b1, username="ngoai")
    t.admin = get_user_model().objects.create_superuser(
        username="admin", password=PASSWORD, email="admin@example.org"
    )
    t.staff = make_user(username="staff", is_staff=True)
    Member.objects.filter(pk=t.cuong_a1.pk).update(user=t.dangvien)
    return t


def make_cell_with_members(parent: Unit, name: str, count: int) -> Unit:
    """A cell under `parent` with `count` members named "Đảng viên 001"… (zero-padded).

    Bulk-created (two INSERTs) so that a 120-member cell costs milliseconds; every member is a
    full member on the roll since 10/03/2015, as `make_member` would make them.
    """
    cell = make_unit(name, UnitKind.CELL, parent, cell_type=CellType.RURAL)
    members = []
    for i in range(1, count + 1):
        member = Member(
            full_name=f"Đảng viên {i:03d}",
            gender=Gender.MALE,
            birth_year=1970,
            admitted_on=ADMITTED_ON,
            full_member_on=FULL_MEMBER_ON,
        )
        member.refresh_derived()
        members.append(member)
    members = Member.objects.bulk_create(members)
    Membership.objects.bulk_create(
        Membership(member=m, unit=cell, start_date=ADMITTED_ON) for m in members
    )
    return cell
