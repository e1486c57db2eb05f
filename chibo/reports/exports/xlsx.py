"""The statistics workbook (XLSX) of a report, written with openpyxl.

Sheets: "Thông tin" (the unit, period, scope, the rule sets' legal bases, when and by whom
it was made, and every indicator's definition); one sheet per indicator group
(`indicators.GROUPS`) with one row per visible sub-unit (a cell report: the cell), the
unit's own figures as the totals row (the report's figures, not a sum of the rows: shares
are not additive) and, for comparison, the previous period and the province; a sheet by
month; for a commune or above a sheet of every cell; for a cell a sheet of its meetings.

Every value is `Figure.number` (the page prints `Figure.text` of the same figure): shares as
percentages with the number format '0.0"%"', counts '#,##0', mean counts '0.0'; a figure
with nothing to divide by is written "—". Header rows are frozen. Text goes through gettext;
the export task renders it in Vietnamese.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chibo.core.text import person_name
from chibo.evaluation.models import Level
from chibo.reports.exports.common import (
    cell_parent,
    day_text,
    moment_text,
    parent_names,
    period_notes,
    period_range,
)
from chibo.reports.indicators import GROUPS, INDICATORS

#: MIME type of an XLSX workbook.
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Number formats by indicator kind.
FORMATS = {"percent": '0.0"%"', "count": "#,##0", "ratio": "0.0"}
#: Column widths (characters): row number, unit name, an indicator.
NUMBER_WIDTH, NAME_WIDTH, FIGURE_WIDTH = 6, 42, 15
#: The first row of a table (row 1: the sheet's title) — headers are frozen above TOP + 1.
TOP = 2
NONE_TEXT = "—"

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_ITALIC = Font(italic=True)
_HEAD_FILL = PatternFill("solid", fgColor="F2DCDB")
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_CENTER = Alignment(horizontal="center")


def header_text(ind) -> str:
    """An indicator's column header: its label and rule id, "Mean attendance rate (ATT-1)"."""
    return f"{ind.label} ({ind.rule})" if ind.rule else str(ind.label)


def sheet_title(text: str, used: set[str]) -> str:
    """A valid, unique sheet name from `text` (at most 31 characters, cut at a word; no
    []:*?/\\)."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in str(text)).strip()
    if len(clean) > 31:  # cut at a word, not inside one
        cut = clean[:32]
        clean = cut.rsplit(" ", 1)[0].rstrip(" ,-") if " " in cut else clean[:31]
    title, n = clean, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def put_figure(ws, row: int, col: int, figure, *, bold=False, italic=False):
    """Write `figure` (a Figure) into the cell: its number with the kind's number format, or
    "—" when there is nothing to divide by."""
    value = figure.number
    cell = ws.cell(row=row, column=col, value=NONE_TEXT if value is None else value)
    if value is None:
        cell.alignment = _CENTER
    else:
        cell.number_format = FORMATS[figure.kind]
    cell.border = _BORDER
    if bold or italic:
        cell.font = Font(bold=bold, italic=italic)
    return cell


def _header(ws, row: int, headers: list[str], widths: list[float]) -> None:
    """Write a bold, shaded, wrapped header row and set the column widths."""
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=col, value=str(text))
        cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEAD_FILL, _HEAD_ALIGN, _BORDER
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[row].height = 64


def _title(ws, report, text: str) -> None:
    """Row 1: "<text> — <unit> — <period>"."""
    ws.cell(
        row=1, column=1, value=f"{text} — {report.unit.name} — {report.period.label}"
    ).font = _TITLE


def _page_setup(ws, top: int) -> None:
    """Landscape A4, fit to the page width, the header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{top}"


def _figure_rows(ws, start: int, lines, indicators) -> int:
    """Write `lines` — (number, name, figures, style) — from row `start`; return the next
    free row. `style` is "" / "total" / "compare"."""
    row = start
    for number, name, figures, style in lines:
        bold, italic = style == "total", style == "compare"
        first = ws.cell(row=row, column=1, value=number)
        label = ws.cell(row=row, column=2, value=name)
        for cell in (first, label):
            cell.border = _BORDER
            cell.font = Font(bold=bold, italic=italic)
        label.alignment = _WRAP
        for col, ind in enumerate(indicators, start=3):
            cell = put_figure(ws, row, col, figures[ind.code], bold=bold, italic=italic)
            if style == "total":
                cell.fill = _TOTAL_FILL
        if style == "total":
            first.fill = label.fill = _TOTAL_FILL
        row += 1
    return row


def _comparison_lines(report) -> list[tuple]:
    """The previous period's and the province's lines (in italics, below the totals)."""
    lines = [
        ("", _("Previous period (%(period)s)") % {"period": report.period.previous().label},
         report.previous, "compare"),
    ]  # fmt: skip
    if report.province is not None and report.province_unit is not None:
        lines.append(
            ("", _("Province: %(unit)s") % {"unit": report.province_unit.name},
             report.province, "compare")
        )  # fmt: skip
    return lines


def _group_sheet(wb, report, group, used: set[str]) -> None:
    """One indicator group: a row per sub-unit (a cell report: the cell), the totals, then
    the previous period and the province."""
    indicators = [i for i in INDICATORS if i.group == group.code]
    ws = wb.create_sheet(sheet_title(group.label, used))
    _title(ws, report, str(group.label))
    headers = [_("No."), _("Unit"), *(header_text(i) for i in indicators)]
    _header(ws, TOP, headers, [NUMBER_WIDTH, NAME_WIDTH] + [FIGURE_WIDTH] * len(indicators))
    lines = [(n, r.unit.name, r.figures, "") for n, r in enumerate(report.rows, start=1)]
    total_name = (
        report.unit.name if report.is_cell else _("Total: %(unit)s") % {"unit": report.unit.name}
    )
    lines.append(("", total_name, report.figures, "total"))
    row = _figure_rows(ws, TOP + 1, lines, indicators)
    _figure_rows(ws, row + 1, _comparison_lines(report), indicators)
    ws.freeze_panes = ws.cell(row=TOP + 1, column=3)
    _page_setup(ws, TOP)


def _trend_sheet(wb, report, used: set[str]) -> None:
    """The figures of each month of the period (early warnings are counted at the end of
    the period only, so their group is left out)."""
    indicators = [i for i in INDICATORS if i.group != "warnings"]
    ws = wb.create_sheet(sheet_title(_("By month"), used))
    _title(ws, report, _("By month"))
    headers = [_("No."), _("Month"), *(header_text(i) for i in indicators)]
    _header(ws, TOP, headers, [NUMBER_WIDTH, 14] + [FIGURE_WIDTH] * len(indicators))
    lines = [
        (n, f"{month.month:02d}/{month.year}", figures, "")
        for n, (month, figures) in enumerate(report.trend, start=1)
    ]
    _figure_rows(ws, TOP + 1, lines, indicators)
    ws.freeze_panes = ws.cell(row=TOP + 1, column=3)
    _page_setup(ws, TOP)


def _cells_sheet(wb, report, used: set[str]) -> None:
    """Every cell of the subtree with figures in the period, under its sub-unit."""
    indicators = list(INDICATORS)
    ws = wb.create_sheet(sheet_title(_("Cells"), used))
    _title(ws, report, _("Cells"))
    headers = [_("No."), _("Cell"), _("Under"), *(header_text(i) for i in indicators)]
    _header(ws, TOP, headers, [NUMBER_WIDTH, NAME_WIDTH, 30] + [FIGURE_WIDTH] * len(indicators))
    parents = parent_names(report)
    for n, c in enumerate(report.cells, start=1):
        row = TOP + n
        ws.cell(row=row, column=1, value=n)
        ws.cell(row=row, column=2, value=c.unit.name)
        ws.cell(row=row, column=3, value=cell_parent(report, c.unit, parents))
        for col, ind in enumerate(indicators, start=4):
            figure = c.figures[ind.code]
            value = figure.number
            cell = ws.cell(row=row, column=col, value=NONE_TEXT if value is None else value)
            if value is not None:
                cell.number_format = FORMATS[figure.kind]
    ws.freeze_panes = ws.cell(row=TOP + 1, column=4)
    ws.auto_filter.ref = f"A{TOP}:{get_column_letter(3 + len(indicators))}{TOP + len(report.cells)}"
    _page_setup(ws, TOP)


def _meetings_sheet(wb, report, used: set[str]) -> None:
    """A cell's meetings of the period: date, kind, status, attendance and levels."""
    ws = wb.create_sheet(sheet_title(_("Meetings of the cell"), used))
    _title(ws, report, _("Meetings of the cell"))
    headers = [
        _("No."), _("Date"), _("Kind"), _("Status"), _("Present"), _("Expected"),
        _("Attendance rate (ATT-1)"), _("Self-rating (QUAL-3)"), _("Final level (QUAL-3)"),
    ]  # fmt: skip
    _header(ws, TOP, headers, [NUMBER_WIDTH, 12, 24, 18, 10, 10, 14, 16, 16])
    levels = dict(Level.choices)
    for n, line in enumerate(report.meetings, start=1):
        m, row = line.meeting, TOP + n
        values = [
            n, m.date, m.get_kind_display(), m.get_status_display(),
            line.attendance.numerator, line.attendance.denominator,
        ]  # fmt: skip
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = _BORDER
        ws.cell(row=row, column=2).number_format = "dd/mm/yyyy"
        put_figure(ws, row, 7, line.attendance)
        ws.cell(row=row, column=8, value=str(levels.get(line.self_level, ""))).border = _BORDER
        ws.cell(row=row, column=9, value=str(levels.get(line.final_level, ""))).border = _BORDER
    ws.freeze_panes = ws.cell(row=TOP + 1, column=3)
    _page_setup(ws, TOP)


def _info_sheet(ws, report, rule_sets, actor) -> None:
    """The first sheet: what the workbook is, the scope, the legal bases, the definitions."""
    ws.title = _("Information")
    ws.cell(row=1, column=1, value=_("Party cell meeting statistics")).font = _TITLE
    computed = day_text(report.computed_on) or _("no figures computed yet")
    facts = [
        (_("Unit"), report.unit.name),
        (_("Period"), f"{report.period.label} ({period_range(report.period)})"),
        (_("Compared with"),
         f"{report.period.previous().label} ({period_range(report.period.previous())})"),
        (_("Scope and filters"), scope_text(report)),
        (_("Early warnings open on"), day_text(report.warnings_on)),
        (_("Figures computed on"), computed),
        (_("Made at"), moment_text(report.generated_at)),
        (_("Made by"), person_name(actor) if actor is not None else ""),
        *((_("Note"), note) for note in period_notes(report)),
    ]  # fmt: skip
    row = 3
    for label, value in facts:
        ws.cell(row=row, column=1, value=str(label)).font = _BOLD
        ws.cell(row=row, column=2, value=value).alignment = _WRAP
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=_("Legal basis (rule sets in force)")).font = _BOLD
    row += 1
    for rs in rule_sets:
        until = day_text(rs.valid_to) or _("now")
        ws.cell(row=row, column=1, value=rs.code)
        ws.cell(row=row, column=2, value=rs.title).alignment = _WRAP
        basis = f"{rs.legal_basis} ({day_text(rs.valid_from)} – {until})"
        ws.cell(row=row, column=4, value=basis).alignment = _WRAP
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=_("Definitions of the indicators")).font = _BOLD
    row += 1
    for col, text in enumerate((_("Group"), _("Indicator"), _("Rule"), _("Definition")), 1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BORDER
    info_top = row
    groups = {g.code: g.label for g in GROUPS}
    for ind in INDICATORS:
        row += 1
        values = (str(groups[ind.group]), str(ind.label), ind.rule, str(ind.definition))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment, cell.border = _WRAP, _BORDER
    for col, width in zip("ABCD", (30, 48, 12, 90), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = None
    ws.print_title_rows = f"{info_top}:{info_top}"
    ws.page_setup.orientation = "landscape"


def scope_text(report) -> str:
    """The scope sentence: every cell under the unit is counted; which sub-units are listed."""
    if report.is_cell:
        return _("The cell's own records.")
    return _(
        "Every cell under %(unit)s is counted in its totals; the sub-units listed are those "
        "the person who made the file may see (%(rows)s), and %(cells)s cells have figures "
        "in the period. No other filter."
    ) % {"unit": report.unit.name, "rows": len(report.rows), "cells": len(report.cells)}


def report_xlsx(report, *, rule_sets=(), actor=None) -> bytes:
    """The statistics workbook of `report` (a `reports.report.Report`) as XLSX bytes; see the
    module docstring. `rule_sets`: the rule sets to name as the legal basis
    (`selectors.rule_sets_for`); `actor`: the person who asked for it (named as its maker)."""
    wb = Workbook()
    used = {_("Information").lower()}
    _info_sheet(wb.active, report, rule_sets, actor)
    for group in GROUPS:
        _group_sheet(wb, report, group, used)
    _trend_sheet(wb, report, used)
    if report.is_cell:
        _meetings_sheet(wb, report, used)
    else:
        _cells_sheet(wb, report, used)
    wb.properties.title = f"{report.unit.name} — {report.period.label}"
    wb.properties.creator = "chibo"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
