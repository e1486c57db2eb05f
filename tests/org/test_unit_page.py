"""The unit page: Vietnamese order of members and sub-units, pagination, filter, figures."""

import datetime
import re

import pytest
from django.urls import reverse

from chibo.members.models import Exemption, ExemptionReason
from chibo.org.models import CellType, UnitKind
from tests.factories import make_cell_with_members, make_member, make_unit

pytestmark = pytest.mark.django_db

_ROW_NAME = re.compile(r'<td><a href="/members/\d+/">([^<]+)</a>')
_ROW_NUMBER = re.compile(r"<tr>\s*<td>(\d+)</td>")


def _row_names(response) -> list[str]:
    """Names in the member table, in page order (read from the HTML, not the context)."""
    return _ROW_NAME.findall(response.content.decode())


def test_members_are_listed_in_vietnamese_order(tree, client_for):
    cell = make_unit("Chi bộ thôn Nà Mý", UnitKind.CELL, tree.commune_a, cell_type=CellType.RURAL)
    scrambled = [
        "Vũ Đức",
        "Lý Thị Ưng",
        "Đỗ Bình",
        "Phạm Văn Ân",
        "Hoàng Văn Ơn",
        "Trần Anh",
        "Mai Văn Ung",
        "Nguyễn Văn An",
        "Bùi Thị Ôn",
        "Ngô Thị Ánh",
        "Lê Thị An",
        "Đặng Văn On",
    ]
    for name in scrambled:
        make_member(cell, name)
    response = client_for(tree.xa).get(reverse("unit-detail", args=[cell.pk]))
    # By given name (An, An, Anh, Ánh, Ân, Bình, Đức, On, Ôn, Ơn, Ung, Ưng), then family name:
    # a < â, anh (no tone) < ánh (sắc), d < đ, o < ô < ơ, u < ư.
    assert _row_names(response) == [
        "Lê Thị An",
        "Nguyễn Văn An",
        "Trần Anh",
        "Ngô Thị Ánh",
        "Phạm Văn Ân",
        "Đỗ Bình",
        "Vũ Đức",
        "Đặng Văn On",
        "Bùi Thị Ôn",
        "Hoàng Văn Ơn",
        "Mai Văn Ung",
        "Lý Thị Ưng",
    ]


def test_sub_units_are_listed_in_vietnamese_order(tree, client_for):
    commune = make_unit("Đảng bộ xã Kim Bình", UnitKind.COMMUNE, tree.province)
    for name in [
        "Chi bộ thôn Ơn",
        "Chi bộ thôn Đông",
        "Chi bộ thôn Ân",
        "Chi bộ thôn On",
        "Chi bộ thôn Dương",
        "Chi bộ thôn Anh",
        "Chi bộ thôn Ôn",
        "Chi bộ thôn Ăn",
    ]:
        make_unit(name, UnitKind.CELL, commune, cell_type=CellType.RURAL)
    expected = [
        "Chi bộ thôn Anh",
        "Chi bộ thôn Ăn",
        "Chi bộ thôn Ân",
        "Chi bộ thôn Dương",
        "Chi bộ thôn Đông",
        "Chi bộ thôn On",
        "Chi bộ thôn Ôn",
        "Chi bộ thôn Ơn",
    ]
    client = client_for(tree.tinh)
    page = client.get(reverse("unit-detail", args=[commune.pk])).content.decode()
    assert (
        re.findall(
            r'<a class="list-group-item list-group-item-action" href="/units/\d+/">([^<\n]+)', page
        )
        == expected
    )
    branch = client.get(reverse("unit-branch", args=[commune.pk])).content.decode()
    assert re.findall(r'<a href="/units/\d+/">([^<]+)</a>', branch) == expected


# --- pagination -------------------------------------------------------------------------------


@pytest.fixture
def big_cell(tree):
    return make_cell_with_members(tree.commune_a, "Chi bộ thôn Nà Mý", 120)


@pytest.mark.parametrize(
    ("page", "number", "first", "last"),
    [
        pytest.param("1", 1, 1, 50, id="page-1"),
        pytest.param("2", 2, 51, 100, id="page-2"),
        pytest.param("3", 3, 101, 120, id="page-3"),
        pytest.param(None, 1, 1, 50, id="no-page"),
        pytest.param("abc", 1, 1, 50, id="not-a-number-first-page"),
        pytest.param("2.5", 1, 1, 50, id="not-an-integer-first-page"),
        pytest.param("999", 3, 101, 120, id="beyond-the-end-last-page"),
        pytest.param("0", 3, 101, 120, id="zero-last-page"),
        pytest.param("-1", 3, 101, 120, id="negative-last-page"),
    ],
)
def test_pagination_of_a_120_member_cell(tree, client_for, big_cell, page, number, first, last):
    params = {"page": page} if page is not None else {}
    response = client_for(tree.xa).get(reverse("unit-detail", args=[big_cell.pk]), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["page"].number == number
    assert _row_names(response) == [f"Đảng viên {i:03d}" for i in range(first, last + 1)]
    assert [int(n) for n in _ROW_NUMBER.findall(html)] == list(range(first, last + 1))
    assert f"Trang {number} / 3" in html
    assert '<div class="stat" data-count="total">120</div>' in html


def test_pagination_links_keep_the_filter(tree, client_for, big_cell):
    response = client_for(tree.xa).get(
        reverse("unit-detail", args=[big_cell.pk]), {"q": "dang vien", "page": "2"}
    )
    html = response.content.decode()
    assert len(_row_names(response)) == 50
    assert 'href="?q=dang%20vien&amp;page=1"' in html
    assert 'href="?q=dang%20vien&amp;page=3"' in html
    assert "120 đảng viên khớp với “dang vien”." in html


# --- filter and figures -------------------------------------------------------------------------


def test_filter_the_member_list_without_diacritics(tree, client_for):
    response = client_for(tree.bithu).get(
        reverse("unit-detail", args=[tree.cell_a1.pk]), {"q": "VAN"}
    )
    assert _row_names(response) == ["Nguyễn Văn Ân", "Lê Văn Cường"]
    assert "2 đảng viên khớp với “VAN”." in response.content.decode()


def test_unit_page_figures_leaders_and_headings(tree, client_for):
    Exemption.objects.create(
        member=tree.bich_a1, reason=ExemptionReason.HEALTH, start_date=datetime.date(2024, 1, 1)
    )
    make_member(
        tree.cell_a1, "Đinh Thị Mai", admitted_on=datetime.date(2025, 12, 1), full_member_on=None
    )
    response = client_for(tree.bithu).get(reverse("unit-detail", args=[tree.cell_a1.pk]))
    html = response.content.decode()
    figures = dict(re.findall(r'<div class="stat" data-count="(\w+)">(\d+)</div>', html))
    assert figures == {
        "total": "5",
        "full": "4",
        "probationary": "1",
        "exempted": "1",
        "attached_elsewhere": "0",
        "working_away": "0",
        "temporarily_exempted": "0",
        "special_duty": "0",
    }
    assert '<h1 class="h3 mb-1">Chi bộ thôn Bản Chợ</h1>' in html
    assert "Lãnh đạo" in html and "Tổ chức trực thuộc" in html
    assert (
        '<small class="text-muted">Bí thư</small>'
        f'<br><a href="/members/{tree.an_a1.pk}/">Nguyễn Văn Ân</a>'
    ) in html
