"""Who sees what: every page for every role, outsiders and anonymous users (issue 2).

The tree of tests.factories.make_tree:

    Đảng bộ tỉnh Tuyên Quang (province)
    ├── Đảng bộ xã Chiêm Hoá (commune_a)
    │   ├── Chi bộ thôn Bản Chợ (cell_a1): an_a1, bich_a1 (+ cuong_a1)
    │   │   └── Tổ đảng số 1 (group): lan_group
    │   └── Chi bộ Chiêm Hóa (cell_a2): dung_a2
    └── Đảng bộ xã Hòa An (commune_b)
        └── Chi bộ thôn Đồng Chùa (cell_b1): an_b1 (+ hoa_b1)

Outside its scope a page answers 404, exactly as for an object that does not exist.
"""

import pytest
from django.urls import reverse

from chibo.org.models import Role, RoleGrant
from chibo.org.permissions import can_edit_unit, can_view_unit
from chibo.org.selectors import forget_grants, scope_roots
from tests.factories import PASSWORD

UNITS = ["province", "commune_a", "cell_a1", "group", "cell_a2", "commune_b", "cell_b1"]
MEMBERS = ["an_a1", "bich_a1", "lan_group", "dung_a2", "an_b1"]
ALL_A = {"commune_a", "cell_a1", "group", "cell_a2"}

#: user → the units they may see. A cell member's grant has include_descendants=False: they
#: see their cell but not the party group inside it; a visiting official sees the two cells
#: assigned to them (one in each commune) and nothing above or beside them.
VISIBLE_UNITS = {
    "tinh": set(UNITS),  # province admin: the whole province
    "xa": ALL_A,  # unit admin of commune A: its subtree
    "bithu": {"cell_a1", "group"},  # cell secretary, include_descendants=True
    "phobithu": {"cell_a1", "group"},  # cell deputy, include_descendants=True
    "dangvien": {"cell_a1"},  # cell member, include_descendants=False
    "kiemtra": ALL_A,  # inspector of commune A: subtree, read only
    "giamsat": {"cell_a2", "cell_b1"},  # visiting official: only the assigned cells
    "ngoai": {"cell_b1"},  # secretary of a cell of the other commune
    "admin": set(UNITS),  # superuser
    "staff": set(),  # staff flag but no grant: sees nothing
}
#: member → the unit holding their roll entry.
ROLL_UNIT = {
    "an_a1": "cell_a1",
    "bich_a1": "cell_a1",
    "lan_group": "group",
    "dung_a2": "cell_a2",
    "an_b1": "cell_b1",
}
USERS = list(VISIBLE_UNITS)

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    """The <main> element of a page."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _statuses(client, url_name, targets, objects):
    return {
        name: client.get(reverse(url_name, args=[getattr(objects, name).pk])).status_code
        for name in targets
    }


@pytest.mark.parametrize("username", USERS)
def test_unit_pages_by_role(tree, client_for, username):
    client = client_for(getattr(tree, username))
    expected = {u: 200 if u in VISIBLE_UNITS[username] else 404 for u in UNITS}
    assert _statuses(client, "unit-detail", UNITS, tree) == expected


@pytest.mark.parametrize("username", USERS)
def test_branch_partials_by_role(tree, client_for, username):
    client = client_for(getattr(tree, username))
    expected = {u: 200 if u in VISIBLE_UNITS[username] else 404 for u in UNITS}
    assert _statuses(client, "unit-branch", UNITS, tree) == expected


@pytest.mark.parametrize("username", USERS)
def test_member_pages_by_role(tree, client_for, username):
    client = client_for(getattr(tree, username))
    expected = {m: 200 if ROLL_UNIT[m] in VISIBLE_UNITS[username] else 404 for m in MEMBERS}
    assert _statuses(client, "member-detail", MEMBERS, tree) == expected


def test_404_for_out_of_scope_looks_like_404_for_missing(tree, client_for):
    client = client_for(tree.bithu)
    outside = client.get(reverse("unit-detail", args=[tree.cell_b1.pk]))
    missing = client.get(reverse("unit-detail", args=[10**9]))
    assert outside.status_code == missing.status_code == 404
    assert _main(outside) == _main(missing)  # (the pages differ only by their CSRF token)


# --- which children, roots and members each role is shown ------------------------------------


def _branch_names(response):
    return [unit.name for unit in response.context["children"]]


@pytest.mark.parametrize(
    ("username", "unit", "children"),
    [
        ("tinh", "province", ["Đảng bộ xã Chiêm Hoá", "Đảng bộ xã Hòa An"]),
        ("xa", "commune_a", ["Chi bộ Chiêm Hóa", "Chi bộ thôn Bản Chợ"]),
        ("bithu", "cell_a1", ["Tổ đảng số 1"]),
        ("dangvien", "cell_a1", []),  # the party group is outside a cell member's scope
        ("kiemtra", "commune_a", ["Chi bộ Chiêm Hóa", "Chi bộ thôn Bản Chợ"]),
        ("giamsat", "cell_a2", []),
    ],
)
def test_branch_children_by_role(tree, client_for, username, unit, children):
    response = client_for(getattr(tree, username)).get(
        reverse("unit-branch", args=[getattr(tree, unit).pk])
    )
    assert response.status_code == 200
    assert _branch_names(response) == children
    assert b"<html" not in response.content


@pytest.mark.parametrize(
    ("username", "roots"),
    [
        ("tinh", ["Đảng bộ tỉnh Tuyên Quang"]),
        ("xa", ["Đảng bộ xã Chiêm Hoá"]),
        ("bithu", ["Chi bộ thôn Bản Chợ"]),
        ("dangvien", ["Chi bộ thôn Bản Chợ"]),
        ("kiemtra", ["Đảng bộ xã Chiêm Hoá"]),
        ("giamsat", ["Chi bộ Chiêm Hóa", "Chi bộ thôn Đồng Chùa"]),
        ("ngoai", ["Chi bộ thôn Đồng Chùa"]),
        ("admin", ["Đảng bộ tỉnh Tuyên Quang"]),
        ("staff", []),
    ],
)
def test_home_and_tree_show_the_roots_of_the_scope(tree, client_for, username, roots):
    client = client_for(getattr(tree, username))
    for url in (reverse("home"), reverse("tree")):
        response = client.get(url)
        assert response.status_code == 200
        assert [u.name for u in response.context["roots"]] == roots


def test_roots_merge_a_cell_inside_a_granted_subtree(tree):
    # The commune's administrator who is also secretary of one of its cells: one root.
    RoleGrant.objects.create(user=tree.xa, role=Role.CELL_SECRETARY, unit=tree.cell_a1)
    forget_grants(tree.xa)
    assert [u.name for u in scope_roots(actor=tree.xa)] == ["Đảng bộ xã Chiêm Hoá"]


@pytest.mark.parametrize(
    ("username", "children", "members"),
    [
        # Secretary (with descendants): the party group and its member Hoàng Thị Lan.
        (
            "bithu",
            ["Tổ đảng số 1"],
            ["Nguyễn Văn Ân", "Trần Thị Bích", "Lê Văn Cường", "Hoàng Thị Lan"],
        ),
        # Cell member (without descendants): the cell's own roll only.
        ("dangvien", [], ["Nguyễn Văn Ân", "Trần Thị Bích", "Lê Văn Cường"]),
        (
            "xa",
            ["Tổ đảng số 1"],
            ["Nguyễn Văn Ân", "Trần Thị Bích", "Lê Văn Cường", "Hoàng Thị Lan"],
        ),
    ],
)
def test_cell_page_content_by_role(tree, client_for, username, children, members):
    response = client_for(getattr(tree, username)).get(
        reverse("unit-detail", args=[tree.cell_a1.pk])
    )
    assert response.status_code == 200
    assert [u.name for u in response.context["children"]] == children
    assert [m.full_name for m, _cell in response.context["rows"]] == members
    assert response.context["counts"]["total"] == len(members)


def test_parent_unit_user_sees_the_child_cell_and_its_members(tree, client_for):
    client = client_for(tree.xa)
    response = client.get(reverse("unit-detail", args=[tree.commune_a.pk]))
    assert response.status_code == 200
    # The commune page lists the members of all its cells, with their cell.
    assert [(m.full_name, cell.name) for m, cell in response.context["rows"]] == [
        ("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ"),
        ("Trần Thị Bích", "Chi bộ thôn Bản Chợ"),
        ("Lê Văn Cường", "Chi bộ thôn Bản Chợ"),
        ("Phạm Văn Dũng", "Chi bộ Chiêm Hóa"),
        ("Hoàng Thị Lan", "Tổ đảng số 1"),
    ]
    assert client.get(reverse("unit-detail", args=[tree.cell_a1.pk])).status_code == 200
    assert client.get(reverse("member-detail", args=[tree.lan_group.pk])).status_code == 200


def test_breadcrumbs_show_only_visible_ancestors(tree, client_for):
    def crumbs(user):
        response = client_for(user).get(reverse("unit-detail", args=[tree.group.pk]))
        return [u.name for u in response.context["ancestors"]]

    assert crumbs(tree.tinh) == [
        "Đảng bộ tỉnh Tuyên Quang",
        "Đảng bộ xã Chiêm Hoá",
        "Chi bộ thôn Bản Chợ",
    ]
    assert crumbs(tree.xa) == ["Đảng bộ xã Chiêm Hoá", "Chi bộ thôn Bản Chợ"]
    assert crumbs(tree.bithu) == ["Chi bộ thôn Bản Chợ"]


# --- anonymous users ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "target"),
    [
        ("home", None),
        ("tree", None),
        ("search", None),
        ("password_change", None),
        ("password_change_done", None),
        ("unit-detail", "cell_a1"),
        ("unit-branch", "cell_a1"),
        ("member-detail", "an_a1"),
    ],
)
def test_anonymous_is_sent_to_login(tree, client, url_name, target):
    args = [getattr(tree, target).pk] if target else []
    url = reverse(url_name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_anonymous_outside_scope_and_missing_are_sent_to_login_too(tree, client):
    # Login comes first: an anonymous visitor learns nothing about which ids exist.
    for url in ("/units/999999/", "/units/abc/", "/members/12x/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


# --- password change ---------------------------------------------------------------------


def test_password_change_page_and_change(tree, client_for):
    client = client_for(tree.bithu)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Sinh-hoat-chi-bo-2027",
            "new_password2": "Sinh-hoat-chi-bo-2027",
        },
    )
    assert (response.status_code, response["Location"]) == (302, reverse("password_change_done"))
    tree.bithu.refresh_from_db()
    assert tree.bithu.check_password("Sinh-hoat-chi-bo-2027")
    # Still logged in (the session hash was updated) and the done page renders.
    assert client.get(reverse("password_change_done")).status_code == 200


def test_password_change_with_wrong_old_password_is_refused(tree, client_for):
    client = client_for(tree.bithu)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "sai-mat-khau",
            "new_password1": "Sinh-hoat-chi-bo-2027",
            "new_password2": "Sinh-hoat-chi-bo-2027",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["old_password"]
    tree.bithu.refresh_from_db()
    assert tree.bithu.check_password(PASSWORD)


# --- can_edit_unit / can_view_unit ----------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "unit", "can_view", "can_edit"),
    [
        ("tinh", "cell_b1", True, True),  # province admin: editor everywhere
        ("xa", "group", True, True),  # unit admin: editor in the subtree
        ("xa", "cell_b1", False, False),  # ... not in the other commune
        ("bithu", "cell_a1", True, True),  # secretary: editor of the cell
        ("bithu", "group", True, True),  # ... and of its party group
        ("bithu", "cell_a2", False, False),  # ... not of a sibling cell
        ("phobithu", "cell_a1", True, True),  # deputy secretary: editor
        ("dangvien", "cell_a1", True, False),  # cell member: reader
        ("dangvien", "group", False, False),  # ... of the cell only
        ("kiemtra", "cell_a1", True, False),  # inspector: reader of the subtree
        ("kiemtra", "commune_a", True, False),
        ("giamsat", "cell_a2", True, False),  # visiting official: reader of assigned cells
        ("giamsat", "commune_a", False, False),
        ("ngoai", "cell_a1", False, False),
        ("admin", "cell_a1", True, True),  # superuser
        ("staff", "cell_a1", False, False),
    ],
)
def test_can_view_and_edit_unit(tree, username, unit, can_view, can_edit):
    user, target = getattr(tree, username), getattr(tree, unit)
    assert (can_view_unit(user, target), can_edit_unit(user, target)) == (can_view, can_edit)


def test_anonymous_and_inactive_can_neither_view_nor_edit(tree):
    from django.contrib.auth.models import AnonymousUser

    assert (
        can_view_unit(AnonymousUser(), tree.cell_a1),
        can_edit_unit(AnonymousUser(), tree.cell_a1),
    ) == (False, False)
    tree.bithu.is_active = False
    forget_grants(tree.bithu)
    assert (can_view_unit(tree.bithu, tree.cell_a1), can_edit_unit(tree.bithu, tree.cell_a1)) == (
        False,
        False,
    )


@pytest.mark.parametrize(
    ("username", "can_edit"), [("bithu", True), ("dangvien", False), ("kiemtra", False)]
)
def test_unit_page_passes_can_edit(tree, client_for, username, can_edit):
    response = client_for(getattr(tree, username)).get(
        reverse("unit-detail", args=[tree.cell_a1.pk])
    )
    assert response.context["can_edit"] is can_edit


# --- Django admin: superusers only -------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/org/unit/",
        "/admin/org/rolegrant/",
        "/admin/members/member/",
        "/admin/core/auditentry/",
    ],
)
def test_admin_is_open_to_superusers(tree, client_for, path):
    assert client_for(tree.admin).get(path).status_code == 200


@pytest.mark.parametrize("username", ["staff", "tinh"])
def test_admin_refuses_non_superusers(tree, client_for, username):
    user = getattr(tree, username)
    user.is_staff = True  # even with the staff flag, a non-superuser gets the login page
    user.save()
    response = client_for(user).get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")
