"""The demo province's tree: real communes, cells by type, valid treebeard paths (rule CELL-4)."""

import datetime

import pytest

from chibo.demo.builder import ACCOUNT_CELL, SCALES, build_demo
from chibo.demo.models import DemoDataset
from chibo.members.models import Member, Membership
from chibo.org.models import CellType, Unit, UnitKind
from tests.demo.conftest import TODAY

NEW_ORDER = datetime.date(2025, 7, 1)  # rule CELL-4


def test_tiny_has_the_province_two_real_communes_and_three_cells_each(tiny):
    province = Unit.objects.get(kind=UnitKind.PROVINCE)
    assert (province.name, province.admin_code, province.depth) == (
        "Đảng bộ tỉnh Tuyên Quang",
        "08",
        1,
    )
    communes = {u.admin_code: u for u in Unit.objects.filter(kind=UnitKind.COMMUNE)}
    assert {code: u.name for code, u in communes.items()} == {
        "2287": "Đảng bộ xã Chiêm Hoá",
        "2215": "Đảng bộ phường Minh Xuân",
    }
    types = {
        code: sorted(c.cell_type for c in Unit.objects.get_children(commune))
        for code, commune in communes.items()
    }
    assert types == {
        "2287": sorted([CellType.RURAL, CellType.RURAL, CellType.AGENCY]),
        "2215": sorted([CellType.URBAN, CellType.URBAN, CellType.AGENCY]),
    }
    assert tiny["units"] == Unit.objects.count() == 1 + 2 + 6
    assert (tiny["provinces"], tiny["communes"], tiny["cells"]) == (1, 2, 6)
    assert tiny["members"] == Member.objects.count()


def test_communes_and_cells_are_in_force_from_the_new_two_level_government(tiny):
    units = Unit.objects.filter(kind__in=[UnitKind.COMMUNE, UnitKind.CELL])
    assert {u.valid_from for u in units} == {NEW_ORDER}
    assert all(u.in_force_on(TODAY) for u in units)


def test_village_cells_serve_their_village(tiny):
    cell = Unit.objects.get(name=ACCOUNT_CELL)
    assert cell.residential_area == "Thôn Nà Tâu"
    for cell in Unit.objects.filter(cell_type__in=[CellType.RURAL, CellType.URBAN]):
        area = cell.residential_area
        assert area and cell.name == f"Chi bộ {area[0].lower()}{area[1:]}"


def test_tree_is_valid_for_treebeard(tiny):
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    tree = Unit.objects.get_tree()
    assert len(tree) == Unit.objects.count()
    province = Unit.objects.get(kind=UnitKind.PROVINCE)
    assert Unit.objects.get_descendant_count(province) == Unit.objects.count() - 1
    # Treebeard can go on from the bulk-built tree.
    commune = Unit.objects.get(admin_code="2287")
    new = Unit.objects.add_child(
        commune, create_kwargs={"name": "Chi bộ mới", "kind": UnitKind.CELL}
    )
    assert new.path.startswith(commune.path)
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_derived_search_columns_are_filled(tiny):
    unit = Unit.objects.get(admin_code="2287")
    assert unit.search_text == "dang bo xa chiem hoa"
    assert Unit.objects.filter(sort_key="").count() == 0
    assert Member.objects.filter(search_text="").count() == 0
    assert Member.objects.filter(sort_key="").count() == 0


@pytest.mark.django_db
def test_small_scale_has_four_communes_one_a_ward_with_cells_of_every_kind():
    counts = build_demo(seed=7, scale="small", progress=False, today=TODAY)
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE))
    assert len(communes) == counts["communes"] == len(SCALES["small"].communes) == 4
    assert sum(c.name.startswith("Đảng bộ phường") for c in communes) == 1
    assert {"2287", "2215"} <= {c.admin_code for c in communes}
    for commune in communes:
        cells = list(Unit.objects.get_children(commune))
        assert 6 <= len(cells) <= 10, commune.name
        assert {CellType.AGENCY, CellType.POLICE, CellType.ARMY} <= {c.cell_type for c in cells}
        for cell in cells:
            size = Membership.objects.on(TODAY).filter(unit=cell).count()
            assert 10 <= size <= 40, (cell.name, size)
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert DemoDataset.objects.get().scale == "small"


@pytest.mark.django_db
def test_same_seed_gives_the_same_demo_and_another_seed_another():
    def snapshot():
        return sorted(
            Membership.objects.values_list(
                "unit__path",
                "unit__name",
                "member__full_name",
                "member__birth_date",
                "member__admitted_on",
                "member__card_number",
                "start_date",
                "end_date",
            )
        )

    build_demo(seed=11, scale="tiny", progress=False, today=TODAY)
    first = snapshot()
    build_demo(seed=11, scale="tiny", progress=False, today=TODAY)
    assert snapshot() == first
    assert DemoDataset.objects.count() == 1
    build_demo(seed=12, scale="tiny", progress=False, today=TODAY)
    assert snapshot() != first


@pytest.mark.django_db
def test_unknown_scale_is_refused():
    with pytest.raises(ValueError):
        build_demo(scale="huge", progress=False)
    assert not Unit.objects.exists()
