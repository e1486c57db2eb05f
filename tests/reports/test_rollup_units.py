"""The roll-ups of units above cells (`UnitMonth`) stay equal to the sums of their cells'
rows (`CellMonth`) after a full refresh, a refresh from a month on, and the refresh of one
cell that signals run after a change (issue 5: "precomputed roll-ups … kept correct when
records change"). The expected sums are added up here from the CellMonth rows, row by row.
"""

import datetime
from collections import defaultdict

import pytest

from chibo.meetings.models import Attendance, AttendanceStatus
from chibo.members.selectors import today as real_today
from chibo.org.models import CELL_KINDS, Unit, UnitKind
from chibo.reports.models import SUM_FIELDS, CellMonth, UnitMonth
from chibo.reports.rollup import rollups_refresh
from tests.reports.dataset import TODAY, make_report_dataset, meeting
from tests.reports.test_rollup import forget_noted

D = datetime.date


def cell_sums_by_unit() -> dict[tuple[int, datetime.date], dict]:
    """(unit id, month) → the sums of the CellMonth rows of the unit's subtree, for every
    unit above cells (computed in Python from the stored cell rows)."""
    units = list(Unit.objects.exclude(kind__in=[*CELL_KINDS, UnitKind.PARTY_GROUP]))
    found: dict = defaultdict(lambda: dict.fromkeys(SUM_FIELDS, 0))
    for row in CellMonth.objects.values("path", "month", *SUM_FIELDS):
        for unit in units:
            if row["path"].startswith(unit.path):
                sums = found[(unit.pk, row["month"])]
                for f in SUM_FIELDS:
                    sums[f] += row[f]
    return dict(found)


def unit_rows() -> dict[tuple[int, datetime.date], dict]:
    """(unit id, month) → the stored UnitMonth sums."""
    return {
        (r["unit_id"], r["month"]): {f: r[f] for f in SUM_FIELDS}
        for r in UnitMonth.objects.values("unit_id", "month", *SUM_FIELDS)
    }


def assert_units_match_cells():
    expected, stored = cell_sums_by_unit(), unit_rows()
    assert stored.keys() == expected.keys()
    for key, sums in expected.items():
        assert stored[key] == pytest.approx(sums), key


@pytest.fixture
def data(db):
    return make_report_dataset()


def test_after_a_full_refresh_every_unit_is_the_sum_of_its_cells(data):
    assert_units_match_cells()
    # The province's September of the dataset, by hand: A1, A2 and B1 each have a row.
    province = UnitMonth.objects.get(unit=data.province, month=D(2026, 9, 1))
    cells = CellMonth.objects.filter(month=D(2026, 9, 1))
    assert province.held == sum(c.held for c in cells) and province.held > 0
    assert not UnitMonth.objects.filter(unit__kind__in=[*CELL_KINDS, UnitKind.PARTY_GROUP])


def test_a_refresh_from_a_month_on_keeps_units_equal_to_cells(data):
    CellMonth.objects.filter(unit=data.cell_b1).delete()  # pretend B1 lost its rows
    rollups_refresh(today=TODAY, since=D(2026, 9, 1))
    # From 09/2026 on units and cells agree again; before it the units keep B1's old figures.
    expected, stored = cell_sums_by_unit(), unit_rows()
    for key, sums in expected.items():
        if key[1] >= D(2026, 9, 1):
            assert stored[key] == pytest.approx(sums), key
    rollups_refresh(today=TODAY)
    assert_units_match_cells()


def test_a_change_in_one_cell_updates_its_commune_and_province(
    tree, django_capture_on_commit_callbacks
):
    on = real_today()
    month = (on.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    m = meeting(tree.cell_a1, month.replace(day=10), roll=[(tree.an_a1, "P"), (tree.bich_a1, "P")])
    meeting(tree.cell_b1, month.replace(day=12), roll=[(tree.an_b1, "U")])
    rollups_refresh()
    assert UnitMonth.objects.get(unit=tree.province, month=month).unexcused == 1
    forget_noted()
    with django_capture_on_commit_callbacks(execute=True):
        row = Attendance.objects.get(meeting=m, member=tree.bich_a1)
        row.status = AttendanceStatus.UNEXCUSED
        row.save()
    # B1's absence and now Bích's: 2 in the province, 1 in each commune.
    assert UnitMonth.objects.get(unit=tree.province, month=month).unexcused == 2
    assert UnitMonth.objects.get(unit=tree.commune_a, month=month).unexcused == 1
    assert UnitMonth.objects.get(unit=tree.commune_b, month=month).unexcused == 1
    assert_units_match_cells()


def test_a_refresh_that_changes_nothing_rewrites_no_unit(data):
    before = {(r.unit_id, r.month): r.pk for r in UnitMonth.objects.all()}
    # Cell A1's own refresh: its rows are computed again but equal the stored ones, so no
    # unit above it is touched (the rows keep their ids).
    rollups_refresh(root_path=data.cell_a1.path, today=TODAY)
    assert {(r.unit_id, r.month): r.pk for r in UnitMonth.objects.all()} == before
    assert_units_match_cells()
