"""The XLSX statistics workbook, read back with openpyxl: its figures are the report's
(`Figure.number`, the page's `Figure.text` in numbers) and the hand-computed values of
`tests.reports.dataset`; one sheet per indicator group, frozen header rows, number formats,
the information sheet.
"""

import io

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from chibo.reports.exports.xlsx import FORMATS, header_text, report_xlsx, sheet_title
from chibo.reports.indicators import GROUPS, INDICATORS
from chibo.reports.report import unit_report
from chibo.reports.selectors import rule_sets_for
from tests.reports.dataset import EXPECTED, PERIODS, TODAY, make_report_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def books(django_db_setup, django_db_blocker):
    """The dataset (built once) and the workbooks of commune A and cell A1 for Q3/2026 and
    of the province for 10/2026, read back, with their reports."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            t = make_report_dataset()
            found = {}
            with translation.override("vi"):
                for name, slug in (("commune_a", "2026-Q3"), ("cell_a1", "2026-Q3"),
                                   ("province", "2026-10")):  # fmt: skip
                    report = unit_report(
                        actor=t.tinh, unit_id=getattr(t, name).pk, period=PERIODS[slug],
                        today=TODAY,
                    )  # fmt: skip
                    rule_sets = rule_sets_for(unit=report.unit, period=report.period)
                    content = report_xlsx(report, rule_sets=rule_sets, actor=t.tinh)
                    found[(name, slug)] = (report, openpyxl.load_workbook(io.BytesIO(content)))
            yield t, found
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def number_of(text: str):
    """A printed figure as the workbook stores it: "66,7%" → 66.7, "1.234" → 1234, "—"."""
    if text == "—":
        return "—"
    value = text.rstrip("%").replace(".", "").replace(",", ".")
    return float(value) if "." in value or text.endswith("%") else int(value)


def group_names():
    """The group sheets' names as the workbook writes them."""
    with translation.override("vi"):
        used = {_("Information").lower()}
        return [sheet_title(g.label, used) for g in GROUPS]


def test_one_sheet_per_group_after_the_information_sheet(books):
    _t, found = books
    _report, wb = found[("commune_a", "2026-Q3")]
    with translation.override("vi"):
        assert wb.sheetnames == [
            _("Information"), *group_names(), sheet_title(_("By month"), set()),
            sheet_title(_("Cells"), set()),
        ]  # fmt: skip
    _report, wb = found[("cell_a1", "2026-Q3")]
    with translation.override("vi"):
        assert wb.sheetnames[-1] == sheet_title(_("Meetings of the cell"), set())


@pytest.mark.parametrize("key", [("commune_a", "2026-Q3"), ("province", "2026-10")])
def test_group_sheets_hold_the_report_figures(books, key):
    """A row per sub-unit (in the report's order), then the unit's own figures (not a sum of
    the rows), the previous period and the province: every cell is Figure.number, and the
    totals equal the hand-computed texts."""
    t, found = books
    report, wb = found[key]
    names = group_names()
    for group, name in zip(GROUPS, names, strict=True):
        ws = wb[name]
        indicators = [i for i in INDICATORS if i.group == group.code]
        with translation.override("vi"):
            headers = [_("No."), _("Unit"), *(header_text(i) for i in indicators)]
        assert [c.value for c in ws[2]] == headers
        assert ws.freeze_panes == "C3"
        lines = [r.figures for r in report.rows] + [report.figures]
        for offset, figures in enumerate(lines):
            row = 3 + offset
            for col, ind in enumerate(indicators, start=3):
                cell = ws.cell(row=row, column=col)
                figure = figures[ind.code]
                expected = "—" if figure.number is None else figure.number
                assert cell.value == expected, (name, row, ind.code)
                assert cell.value == number_of(figure.text)
                if figure.number is not None:
                    assert cell.number_format == FORMATS[ind.kind]
        total_row = 3 + len(report.rows)
        for col, ind in enumerate(indicators, start=3):
            assert ws.cell(row=total_row, column=col).value == number_of(EXPECTED[key][ind.code]), (
                ind.code
            )
        assert [ws.cell(row=3 + n, column=2).value for n in range(len(report.rows))] == [
            r.unit.name for r in report.rows
        ]
        with translation.override("vi"):
            assert ws.cell(row=total_row, column=2).value == _("Total: %(unit)s") % {
                "unit": report.unit.name
            }
        # A blank line, then the previous period.
        previous_row = total_row + 2
        for col, ind in enumerate(indicators, start=3):
            assert ws.cell(row=previous_row, column=col).value == number_of(
                report.previous[ind.code].text
            )


def test_hand_computed_values_of_commune_a(books):
    """A few cells checked against the dataset's hand-computed values directly."""
    _t, found = books
    _report, wb = found[("commune_a", "2026-Q3")]
    ws = wb[group_names()[0]]
    # Rows: A2 (Chiêm Hóa), A1 (Bản Chợ), total. Months held: A2 3/3, A1 2/3, A 5/6.
    assert [ws.cell(row=r, column=3).value for r in (3, 4, 5)] == [100.0, 66.7, 83.3]
    assert ws.cell(row=5, column=3).number_format == '0.0"%"'
    ws = wb[group_names()[1]]
    # Mean attendance: A2 7/9 = 77,8%; A1 83,3%; A 29/36 = 80,6%; unexcused 1, 1, 2.
    assert [ws.cell(row=r, column=3).value for r in (3, 4, 5)] == [77.8, 83.3, 80.6]
    assert [ws.cell(row=r, column=5).value for r in (3, 4, 5)] == [1, 1, 2]
    assert ws.cell(row=5, column=5).number_format == "#,##0"
    ws = wb[group_names()[3]]
    ratio = [i.code for i in INDICATORS if i.group == "content"].index("assignments_per_meeting")
    assert ws.cell(row=5, column=3 + ratio).value == 0.7
    assert ws.cell(row=5, column=3 + ratio).number_format == "0.0"


def test_a_cell_has_one_row_and_a_sheet_of_meetings(books):
    t, found = books
    report, wb = found[("cell_a1", "2026-Q3")]
    ws = wb[group_names()[0]]
    assert ws.cell(row=3, column=2).value == t.cell_a1.name
    assert ws.cell(row=3, column=3).value == 66.7  # months held 2/3
    assert ws.cell(row=4, column=3).value is None  # then a blank line
    meetings = wb.worksheets[-1]
    assert meetings.freeze_panes == "C3"
    dates = [meetings.cell(row=r, column=2).value.date() for r in range(3, 7)]
    assert dates == [line.meeting.date for line in report.meetings]
    assert [meetings.cell(row=r, column=7).value for r in range(3, 7)] == [75.0, "—", 75.0, 100.0]


def test_cells_sheet_lists_every_cell_with_its_commune(books):
    t, found = books
    report, wb = found[("province", "2026-10")]
    ws = wb.worksheets[-1]
    assert ws.freeze_panes == "D3"
    assert [ws.cell(row=r, column=2).value for r in (3, 4, 5)] == [
        t.cell_a2.name, t.cell_a1.name, t.cell_b1.name,
    ]  # fmt: skip
    assert [ws.cell(row=r, column=3).value for r in (3, 4, 5)] == [
        t.commune_a.name, t.commune_a.name, t.commune_b.name,
    ]  # fmt: skip
    months_held = [i.code for i in INDICATORS].index("months_held")
    # 10/2026: A2 0/1, A1 1/1, B1 1/1.
    assert [ws.cell(row=r, column=4 + months_held).value for r in (3, 4, 5)] == [0.0, 100.0, 100.0]


def test_information_sheet(books):
    """Unit, period, scope, the rule set and its legal basis, when it was made and by whom,
    and every indicator's definition with its rule id."""
    t, found = books
    report, wb = found[("commune_a", "2026-Q3")]
    ws = wb.worksheets[0]
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    text = "\n".join(values)
    assert t.commune_a.name in text
    with translation.override("vi"):
        assert str(report.period.label) in text
    assert "01/07/2026 – 30/09/2026" in text
    assert "HD42-2025" in text and "Hướng dẫn 42-HD/BTCTW" in text
    assert report.generated_at.strftime("%H:%M %d/%m/%Y") in text
    assert "tinh" in text
    with translation.override("vi"):
        for ind in INDICATORS:
            assert str(ind.definition) in values, ind.code
    assert "ATT-1" in values and "FREQ-1" in values
