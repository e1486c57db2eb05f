"""Scope of the report definition (`unit_report`): a commune never sees another commune's
numbers — not in its figures, its sub-unit rows, its cells, its trend, nor its weakest and
exemplary lists; the province column is the province's totals only. Units outside the
actor's scope answer 404 (NotInScope)."""

import pytest

from chibo.core.scoping import NotInScope
from chibo.reports.report import unit_report
from tests.reports.dataset import EXPECTED, M10, PERIODS, Q3, TODAY, make_report_dataset


@pytest.fixture
def data(db):
    return make_report_dataset()


def report(data, user, unit, period=Q3):
    return unit_report(actor=user, unit_id=unit.pk, period=period, today=TODAY)


@pytest.mark.parametrize("user", ["xa", "kiemtra"])
@pytest.mark.parametrize("unit", ["commune_b", "cell_b1", "province"])
def test_a_commune_cannot_open_other_units(data, user, unit):
    with pytest.raises(NotInScope):
        report(data, getattr(data, user), getattr(data, unit))


@pytest.mark.parametrize("unit", ["commune_a", "cell_a1", "cell_a2", "province"])
def test_an_unrelated_secretary_cannot_open_commune_a(data, unit):
    with pytest.raises(NotInScope):
        report(data, data.ngoai, getattr(data, unit))


def test_unknown_and_malformed_units_are_not_found(data):
    for unit_id in (999999, "abc", None):
        with pytest.raises(NotInScope):
            unit_report(actor=data.tinh, unit_id=unit_id, period=Q3, today=TODAY)


@pytest.mark.parametrize("slug", ["2026-Q3", "2026-10"])
def test_a_commune_report_holds_only_its_own_units(data, slug):
    commune_a_units = {data.commune_a.pk, data.cell_a1.pk, data.cell_a2.pk, data.group.pk}
    r = report(data, data.xa, data.commune_a, PERIODS[slug])
    assert r.unit == data.commune_a
    assert {row.unit.pk for row in r.rows} == {data.cell_a1.pk, data.cell_a2.pk}
    assert {c.unit.pk for c in r.cells} == {data.cell_a1.pk, data.cell_a2.pk}
    listed = {c.unit.pk for c in r.weakest} | {c.unit.pk for c in r.exemplary}
    assert listed <= commune_a_units
    # B1 is weak in both periods (09 missed; an unexcused absence in 10) but never listed.
    assert data.cell_b1.pk not in listed
    assert {k: f.text for k, f in r.figures.items()} == EXPECTED[("commune_a", slug)]
    # The comparison column: the province's totals, nothing per commune.
    assert r.province_unit == data.province
    assert {k: f.text for k, f in r.province.items()} == EXPECTED[("province", slug)]


def test_the_weakest_and_exemplary_cells_of_a_commune(data):
    q3 = report(data, data.xa, data.commune_a, Q3)
    # A1 (1 missed month) before A2 (1 quarter short); none exemplary.
    assert [c.unit for c in q3.weakest] == [data.cell_a1, data.cell_a2]
    assert q3.exemplary == []
    m10 = report(data, data.xa, data.commune_a, M10)
    # A1's only problem in 10/2026 is an unexcused absence: not weak, and exemplary.
    assert [c.unit for c in m10.weakest] == [data.cell_a2]
    assert [c.unit for c in m10.exemplary] == [data.cell_a1]


def test_the_trend_of_a_commune_is_its_own(data):
    r = report(data, data.xa, data.commune_a, Q3)
    # 07: A1 ✓ A2 ✓ → 2/2; 08: A1 ✗ A2 ✓ → 1/2; 09: A1 ✓ A2 ✓ → 2/2 (B1's 08 ✓ and 09 ✗
    # left out).
    assert [f["months_held"].text for _m, f in r.trend] == ["100,0%", "50,0%", "100,0%"]


def test_a_cell_secretary_sees_their_cell(data):
    r = report(data, data.ngoai, data.cell_b1, M10)
    assert r.is_cell and r.rows == [] and r.cells == []
    assert {k: f.text for k, f in r.figures.items()} == EXPECTED[("cell_b1", "2026-10")]
    assert {k: f.text for k, f in r.province.items()} == EXPECTED[("province", "2026-10")]
    assert [line.meeting for line in r.meetings] == [data.b1_10]


def test_a_visiting_official_sees_only_the_cells_granted(data):
    assert report(data, data.giamsat, data.cell_a2).unit == data.cell_a2
    assert report(data, data.giamsat, data.cell_b1).unit == data.cell_b1
    for unit in (data.cell_a1, data.commune_a, data.commune_b):
        with pytest.raises(NotInScope):
            report(data, data.giamsat, unit)


def test_the_province_sees_both_communes(data):
    r = report(data, data.tinh, data.province, Q3)
    assert [row.unit for row in r.rows] == [data.commune_a, data.commune_b]
    assert r.province is None
