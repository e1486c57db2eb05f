"""Search of units and members: no diacritics, no case, within the actor's scope; htmx partial.

Tree of tests.factories.make_tree; "Nguyễn Văn Ân" is on the roll of cell A1 (commune Chiêm
Hoá) and a namesake on the roll of cell B1 (commune Hòa An).
"""

import pytest
from django.urls import reverse

from tests.factories import make_member

pytestmark = pytest.mark.django_db


def _search(client, q, **extra):
    response = client.get(reverse("search"), {"q": q}, **extra)
    assert response.status_code == 200
    return response


def _units(response):
    return [u.name for u in response.context["units"]]


def _members(response):
    return [(m.full_name, cell.name) for m, cell in response.context["members"]]


def test_member_found_without_diacritics(tree, client_for):
    make_member(tree.cell_a1, "Nguyễn Văn Anh")  # also contains "nguyen van an"
    make_member(tree.cell_a1, "Nguyễn Thị An")  # does not
    response = _search(client_for(tree.bithu), "nguyen van an")
    # The whole name matching comes first (search_rank 1), then the partial match "Anh".
    assert _members(response) == [
        ("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ"),
        ("Nguyễn Văn Anh", "Chi bộ thôn Bản Chợ"),
    ]
    html = response.content.decode()
    assert (
        f'href="/members/{tree.an_a1.pk}/">Nguyễn Văn Ân'
        '<br><small class="text-muted">Chi bộ thôn Bản Chợ</small></a>'
    ) in html


@pytest.mark.parametrize("q", ["NGUYEN", "Nguyễn", "nGuYeN vĂn", "  nguyen   van  "])
def test_search_ignores_case_diacritics_and_spaces(tree, client_for, q):
    assert _members(_search(client_for(tree.bithu), q)) == [
        ("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ")
    ]


def test_search_by_card_number(tree, client_for):
    assert _members(_search(client_for(tree.tinh), "08009999")) == [
        ("Nguyễn Văn Ân", "Chi bộ thôn Đồng Chùa")
    ]


@pytest.mark.parametrize(
    ("username", "units"),
    [
        ("tinh", ["Chi bộ Chiêm Hóa", "Đảng bộ xã Chiêm Hoá"]),  # c < đ
        ("xa", ["Chi bộ Chiêm Hóa", "Đảng bộ xã Chiêm Hoá"]),
        ("giamsat", ["Chi bộ Chiêm Hóa"]),
        ("bithu", []),
        ("ngoai", []),
    ],
)
def test_units_found_under_both_spellings_of_chiem_hoa(tree, client_for, username, units):
    # "Đảng bộ xã Chiêm Hoá" and "Chi bộ Chiêm Hóa" put the accent on different letters.
    response = _search(client_for(getattr(tree, username)), "chiem hoa")
    assert _units(response) == units


@pytest.mark.parametrize(
    ("username", "members"),
    [
        ("bithu", [("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ")]),
        ("dangvien", [("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ")]),
        ("xa", [("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ")]),
        ("ngoai", [("Nguyễn Văn Ân", "Chi bộ thôn Đồng Chùa")]),
        ("giamsat", [("Nguyễn Văn Ân", "Chi bộ thôn Đồng Chùa")]),
        ("kiemtra", [("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ")]),
        ("staff", []),
    ],
)
def test_search_is_scoped_the_namesake_of_another_commune_is_not_found(
    tree, client_for, username, members
):
    response = _search(client_for(getattr(tree, username)), "nguyen van an")
    assert _members(response) == members


def test_province_admin_finds_both_namesakes(tree, client_for):
    response = _search(client_for(tree.tinh), "nguyen van an")
    # Same name, same sort key: the order between the two is not specified; the set is.
    assert sorted(_members(response)) == [
        ("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ"),
        ("Nguyễn Văn Ân", "Chi bộ thôn Đồng Chùa"),
    ]
    assert {m.pk for m, _cell in response.context["members"]} == {tree.an_a1.pk, tree.an_b1.pk}


@pytest.mark.parametrize(
    ("username", "units"),
    [
        ("tinh", ["Chi bộ thôn Bản Chợ", "Chi bộ thôn Đồng Chùa"]),
        ("xa", ["Chi bộ thôn Bản Chợ"]),
        ("ngoai", ["Chi bộ thôn Đồng Chùa"]),
    ],
)
def test_unit_search_is_scoped(tree, client_for, username, units):
    assert _units(_search(client_for(getattr(tree, username)), "thon")) == units


def test_member_who_left_the_cell_is_not_found(tree, client_for):
    import datetime

    make_member(tree.cell_a1, "Nguyễn Văn Ẩn", roll_until=datetime.date(2020, 12, 31))
    assert _members(_search(client_for(tree.bithu), "nguyen van")) == [
        ("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ")
    ]


def test_htmx_request_returns_only_the_results_partial(tree, client_for):
    client = client_for(tree.xa)
    full = _search(client, "chiem hoa")
    partial = _search(client, "chiem hoa", headers={"HX-Request": "true"})
    assert "<html" in full.content.decode()
    html = partial.content.decode()
    assert "<html" not in html and "<body" not in html and "<nav" not in html
    assert [t.name for t in partial.templates] == ["org/_search_results.html"]
    assert html.count('class="list-group-item list-group-item-action"') == 2
    assert (
        f'href="/units/{tree.cell_a2.pk}/">Chi bộ Chiêm Hóa'
        '<br><small class="text-muted">Đảng bộ xã Chiêm Hoá</small></a>'
    ) in html
    assert f'href="/units/{tree.commune_a.pk}/">Đảng bộ xã Chiêm Hoá</a>' in html
    assert "Không tìm thấy đảng viên nào." in html


def test_no_result_messages_in_vietnamese(tree, client_for):
    html = _search(client_for(tree.xa), "khong co ai").content.decode()
    assert "Không tìm thấy tổ chức đảng nào." in html
    assert "Không tìm thấy đảng viên nào." in html


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_empty_search_searches_nothing(tree, client_for, params):
    response = client_for(tree.xa).get(reverse("search"), params)
    assert response.status_code == 200
    assert (response.context["units"], response.context["members"]) == ([], [])
    assert "Không tìm thấy" not in response.content.decode()


def test_search_finds_at_most_20_members(tree, client_for):
    for i in range(25):
        make_member(tree.cell_a1, f"Trần Văn Hùng {i:02d}")
    response = _search(client_for(tree.bithu), "tran van hung")
    assert [name for name, _cell in _members(response)] == [
        f"Trần Văn Hùng {i:02d}" for i in range(20)
    ]


def test_exact_spelling_ranks_first_and_namesakes_show_their_commune(tree, client_for):
    make_member(tree.cell_b1, "Nguyễn Văn An")  # folds like "Nguyễn Văn Ân"
    response = _search(client_for(tree.tinh), "Nguyễn Văn Ân")
    # Typed with its accents: the two "Ân" first (Vietnamese order: cell A1 before B1 by pk),
    # then "An"; each with its cell and commune.
    assert _members(response) == [
        ("Nguyễn Văn Ân", "Chi bộ thôn Bản Chợ"),
        ("Nguyễn Văn Ân", "Chi bộ thôn Đồng Chùa"),
        ("Nguyễn Văn An", "Chi bộ thôn Đồng Chùa"),
    ]
    html = response.content.decode()
    assert "Chi bộ thôn Đồng Chùa · Đảng bộ xã Hòa An" in html
    assert 'data-total="members">3<' in html


def test_many_results_are_counted_and_paginated(tree, client_for):
    from tests.factories import make_cell_with_members

    make_cell_with_members(tree.commune_a, "Chi bộ thôn Nà Mý", 45)
    client = client_for(tree.xa)
    first = _search(client, "dang vien")
    assert first.context["page"].paginator.count == 45
    assert len(first.context["members"]) == 20
    assert 'data-total="members">45<' in first.content.decode()
    last = client.get(reverse("search"), {"q": "dang vien", "page": 3})
    assert [m.full_name for m, _cell in last.context["members"]] == [
        f"Đảng viên {i:03d}" for i in range(41, 46)
    ]
