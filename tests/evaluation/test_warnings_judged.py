"""Per-cell judging of months and quarters (rules FREQ-1, THEM-1): a cell is judged from the
later of its start and the first month of its own first meeting record of any status
(committee meetings aside); a cell without records from its province's first record. As
tests/evaluation/test_warnings_detect.py, as of TODAY = 15/05/2026 (window 05/2025–04/2026).
"""

from chibo.evaluation.detect import detect_conditions
from chibo.org.models import UnitKind
from tests.evaluation.test_warnings_detect import TODAY, WINDOW, D, W, found, held_months, meet
from tests.factories import make_member, make_unit


def test_a_back_dated_meeting_makes_no_other_cell_warn(tree):
    # rule FREQ-1, judged per cell: A2 records meetings from 02/2026 and held every month.
    held_months(tree.cell_a1, WINDOW)
    held_months(tree.cell_a2, [(2026, 2), (2026, 3), (2026, 4)])
    assert found(tree, W.MISSED_MONTH, tree.cell_a2) == {}
    # A1 back-dates one meeting to 10/01/2024: A2's months and quarters before 02/2026 stay
    # unjudged (rule THEM-1: 2026-Q1 began before A2's records), and A1 held every month.
    meet(tree.cell_a1, D(2024, 1, 10))
    assert found(tree, W.MISSED_MONTH, tree.cell_a2) == {}
    assert found(tree, W.THEMATIC_QUARTER, tree.cell_a2) == {}
    # Only B1, with no record at all, is judged from the province's (new) first record.
    everything = detect_conditions(None, TODAY)
    missed = [c for c in everything.values() if c.kind == W.MISSED_MONTH]
    assert {c.unit_id for c in missed} == {tree.cell_b1.pk} and len(missed) == 12


def test_a_planned_first_record_starts_the_judging_month(tree):
    # A2's first record is a meeting planned for 20/03/2026 and never held: 03/2026 is
    # judged (the cell planned but did not meet), 02/2026 is not — nor is it by the
    # committee meeting of 25/02/2026 that prepared March's (rule FREQ-2: not a record).
    meet(tree.cell_a2, D(2026, 2, 25), kind="committee")
    meet(tree.cell_a2, D(2026, 3, 20), status="planned")
    assert set(found(tree, W.MISSED_MONTH, tree.cell_a2)) == {"2026-03", "2026-04"}
    # A cancelled first record counts the same.
    meet(tree.cell_b1, D(2026, 4, 2), status="cancelled")
    assert set(found(tree, W.MISSED_MONTH, tree.cell_b1)) == {"2026-04"}


def test_a_cell_without_records_is_judged_from_its_provinces_first(tree):
    other = make_unit("Đảng bộ tỉnh Hà Giang", UnitKind.PROVINCE)
    commune = make_unit("Đảng bộ xã Mèo Vạc", UnitKind.COMMUNE, other)
    quiet = make_unit("Chi bộ thôn Pả Vi", UnitKind.CELL, commune)
    busy = make_unit("Chi bộ thôn Sủng Là", UnitKind.CELL, commune)
    for cell in (quiet, busy):
        cell.refresh_from_db()
        make_member(cell, f"Đảng viên {cell.name}")
    # Only Tuyên Quang has records (A1 from 10/08/2025): Hà Giang's cells are not judged.
    meet(tree.cell_a1, D(2025, 8, 10))
    assert found(tree, W.MISSED_MONTH, quiet) == {}
    # Hà Giang's first record, 10/12/2025 (mid-month): the quiet cell from 01/2026 on.
    meet(busy, D(2025, 12, 10))
    expected = {"2026-01", "2026-02", "2026-03", "2026-04"}
    assert set(found(tree, W.MISSED_MONTH, quiet)) == expected
    # The same over the whole tree (the province's first read from the grouped query).
    everything = detect_conditions(None, TODAY)
    kinds = (W.MISSED_MONTH, W.THEMATIC_QUARTER)
    keys = {c.key for c in everything.values() if c.unit_id == quiet.pk and c.kind in kinds}
    assert keys == expected | {"2026-Q1"}  # and rule THEM-1's quarter
    # Tuyên Quang's cells without records still start from 10/08/2025 (09/2025 on).
    assert len(found(tree, W.MISSED_MONTH, tree.cell_b1)) == 8
    # A cell under no province: from the first record of the whole database.
    lone = make_unit("Chi bộ Cơ quan", UnitKind.CELL)
    make_member(lone, "Đảng viên Cơ quan")
    assert len(found(tree, W.MISSED_MONTH, lone)) == 8
