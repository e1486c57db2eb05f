"""The review report "BÁO CÁO Sơ kết thực hiện Đề án số 16-ĐA/TU … (Kết luận số 256-KL/TU)"
of a unit and period as DOCX, in the Hướng dẫn 36-HD/VPTW layout of
`meetings.documents.layout` (header table, Times New Roman 14, margins, page numbers).

Parts: the header (superior body, issuing committee, number left blank, place and date), the
title, the grounds and the report's scope, period and the time it was made; I. the results:
a table per indicator group (this period, its numerator/denominator, the previous period, the
province), a trend chart and a levels chart (PNG, `reports.charts`), the sub-units' key
figures (a cell: its meetings); II. strengths and shortcomings and III. proposed tasks, chosen
by rules on the figures (`exports.findings`); the recipients and the signature block
"T/M … / BÍ THƯ". Always marked "DỰ THẢO": a draft the organisation commission edits.

Every figure is `Figure.text` of the report the dashboard shows. Party documents are always
Vietnamese: the fixed text is Vietnamese, not gettext (the indicator labels are rendered in
Vietnamese by the export task).
"""

import io
import re

from docx.oxml import OxmlElement
from docx.shared import Mm

from chibo.evaluation.documents.annual import LEVEL_TEXT
from chibo.evaluation.selectors.annual import secretary_name, superior_name
from chibo.meetings.documents import layout
from chibo.org.models import CELL_KINDS, UnitKind
from chibo.reports.exports.common import (
    day_text,
    detail_text,
    moment_text,
    period_notes,
    short_name,
)
from chibo.reports.exports.findings import NO_SHORTCOMING, NO_STRENGTH, findings
from chibo.reports.indicators import GROUPS, INDICATORS

PROGRAMME = (
    "Đề án số 16-ĐA/TU ngày 03/01/2020 của Ban Thường vụ Tỉnh ủy về nâng cao chất lượng sinh "
    "hoạt chi bộ giai đoạn 2020-2025"
)
CONCLUSION = "Kết luận số 256-KL/TU ngày 06/7/2021 của Ban Thường vụ Tỉnh ủy"
SUMMARY = "Sơ kết thực hiện Đề án số 16-ĐA/TU\nvề nâng cao chất lượng sinh hoạt chi bộ"
DRAFT = "DỰ THẢO"
#: Key indicators of the sub-unit table, with their short headers (FREQ-1, THEM-1, ATT-1,
#: QUAL-3, QUAL-1, early warnings).
KEY_COLUMNS = (
    ("months_held", "Tháng sinh hoạt thường kỳ"),
    ("thematic_quota", "Quý đủ sinh hoạt chuyên đề"),
    ("attendance_mean", "Tỷ lệ dự sinh hoạt bình quân"),
    ("final_good", "Buổi sinh hoạt xếp loại Tốt"),
    ("tasks_on_time", "Nhiệm vụ xong đúng hạn"),
    ("warnings_open", "Cảnh báo sớm chưa xử lý"),
)
KEY_CODES = tuple(code for code, _header in KEY_COLUMNS)
#: Column widths (mm): a group table with and without the province column; the sub-units.
GROUP_MM = (63, 22, 28, 26, 26)
GROUP_MM_NO_PROVINCE = (75, 28, 32, 30)
UNITS_MM = (9, 48, 18, 18, 18, 18, 18, 18)
MEETINGS_MM = (10, 24, 45, 26, 30, 30)
CHART_MM = 150
#: Document symbol of the issuing body: TU (Tỉnh ủy), ĐU (Đảng ủy), CB (Chi bộ).
SYMBOL = {UnitKind.PROVINCE: "TU", UnitKind.DISTRICT: "HU"}

_PROVINCE_BODY = re.compile(r"^đảng bộ\s+tỉnh\s+", re.IGNORECASE)
_DISTRICT_BODY = re.compile(r"^đảng bộ\s+(huyện|thị xã|thành phố)\s+", re.IGNORECASE)
_PARTY_BODY = re.compile(r"^đảng bộ\s+", re.IGNORECASE)


def committee_name(name: str) -> str:
    """The committee that speaks for a party organisation: "Đảng bộ tỉnh Tuyên Quang" →
    "Tỉnh ủy Tuyên Quang", "Đảng bộ huyện Na Hang" → "Huyện ủy Na Hang", "Đảng bộ xã Chiêm
    Hoá" → "Đảng ủy xã Chiêm Hoá"; a cell's name unchanged."""
    if _PROVINCE_BODY.match(name):
        return _PROVINCE_BODY.sub("Tỉnh ủy ", name)
    district = _DISTRICT_BODY.match(name)
    if district:
        return _DISTRICT_BODY.sub(f"{district.group(1).capitalize()} ủy ", name)
    return _PARTY_BODY.sub("Đảng ủy ", name)


def authority(unit) -> str:
    """The signature's authority line: T/M BAN THƯỜNG VỤ (province, district), T/M CHI BỘ
    (a cell), T/M ĐẢNG ỦY (a commune or grassroots committee)."""
    if unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT):
        return "T/M BAN THƯỜNG VỤ"
    if unit.kind in CELL_KINDS:
        return "T/M CHI BỘ"
    return "T/M ĐẢNG ỦY"


def lower_first(text: str) -> str:
    """ "Năm 2026" → "năm 2026" (a period label inside a sentence)."""
    return text[:1].lower() + text[1:]


def _bold_last_row(table) -> None:
    """Print the table's last row (the totals) in bold."""
    for cell in table.rows[-1].cells:
        for par in cell.paragraphs:
            for r in par.runs:
                r.bold = True


def _note(doc, text: str):
    """A small italic paragraph (a table's or chart's note)."""
    return layout.para(doc, text, italic=True, size=12, indent=False, after=6)


def _chart(doc, png: bytes, caption: str) -> None:
    """A centred chart picture and its caption."""
    par = layout.para(doc, align=layout.CENTER, indent=False, before=6, after=0)
    par.add_run().add_picture(io.BytesIO(png), width=Mm(CHART_MM))
    par.paragraph_format.keep_with_next = True
    layout.para(doc, caption, italic=True, size=12, align=layout.CENTER, indent=False, after=8)


def _scope(report) -> str:
    """What the figures cover, in words."""
    if report.is_cell:
        return f"số liệu của {report.unit.name}"
    return (
        f"toàn bộ các chi bộ thuộc {report.unit.name} ({len(report.cells)} chi bộ có số liệu "
        "trong kỳ), không lọc thêm"
    )


def _opening(doc, report, rule_sets) -> None:
    """The grounds, then the period, scope and when the figures were made."""
    p = report.period
    bases = "; ".join(dict.fromkeys(rs.legal_basis for rs in rule_sets))
    grounds = f"; căn cứ {bases}" if bases else ""
    layout.para(
        doc,
        f"Thực hiện {PROGRAMME} và {CONCLUSION}{grounds}; "
        f"{committee_name(report.unit.name)} báo cáo sơ kết {lower_first(str(p.label))} như sau:",
    )
    computed = (
        f" (số liệu tổng hợp đến ngày {day_text(report.computed_on)})" if report.computed_on else ""
    )
    _note(
        doc,
        f"Kỳ báo cáo: {p.label} (từ ngày {day_text(p.first)} đến ngày {day_text(p.end)}), so "
        f"sánh với {lower_first(str(p.previous().label))}. Phạm vi: {_scope(report)}. Số liệu "
        f"lập tự động từ chibo lúc {moment_text(report.generated_at, 'ngày ')}{computed}; "
        f"cảnh báo sớm tính đến ngày {day_text(report.warnings_on)}. Bản dự thảo để cơ quan tổ "
        "chức hoàn thiện.",
    )
    for note in period_notes(report):
        _note(doc, note)


def _group_rows(report, group) -> list[tuple]:
    """The rows of a group's table: label, this period, n/d, previous (, province). Warnings
    of a kind that is zero now and before are left out, and so is a kind already printed
    as an indicator of its own (members to review for removal, MEM-5)."""
    rows = []
    printed = set()
    for ind in INDICATORS:
        if ind.group != group.code:
            continue
        now, before = report.figures[ind.code], report.previous[ind.code]
        if ind.code.startswith("warning_") and (
            ind.num in printed or (not now.value and not before.value)
        ):
            continue
        printed.add(ind.num)
        row = [str(ind.label), now.text, detail_text(now), before.text]
        if report.province is not None:
            row.append(report.province[ind.code].text)
        rows.append(tuple(row))
    return rows


def _results(doc, report) -> None:
    """Part I: a table per group, the charts, the sub-units or the meetings."""
    from chibo.reports.charts import levels_chart, trend_chart

    f = report.figures
    layout.heading(doc, "I. KẾT QUẢ THỰC HIỆN")
    held = f["assignments_per_meeting"].denominator or 0
    if report.is_cell:
        intro = f"Trong kỳ, chi bộ đã tổ chức {held} buổi sinh hoạt (thường kỳ và chuyên đề)."
    else:
        intro = (
            f"Trong kỳ, {len(report.cells)} chi bộ có số liệu sinh hoạt trên chibo; các chi bộ "
            f"đã tổ chức {held} buổi sinh hoạt (thường kỳ và chuyên đề)."
        )
    layout.para(doc, intro + " Kết quả các chỉ tiêu chủ yếu như sau:")
    headers = ["Chỉ tiêu", "Kỳ này", "Số liệu (tử số/mẫu số)", "Kỳ trước"]
    widths = GROUP_MM_NO_PROVINCE
    if report.province is not None:
        headers.append("Toàn tỉnh")
        widths = GROUP_MM
    number = 0
    for group in GROUPS:
        number += 1
        layout.heading(doc, f"{number}. {group.label}", before=6)
        layout.data_table(doc, headers, _group_rows(report, group), widths, size=12,
                          centred=tuple(range(1, len(headers))))  # fmt: skip
        if group.code == "attendance" and len(report.trend) > 1:
            _chart(doc, trend_chart(report.trend, fmt="png"),
                   "Biểu đồ 1. Diễn biến một số chỉ tiêu theo tháng")  # fmt: skip
        if group.code == "levels" and f["final_good"].denominator:
            _chart(doc, levels_chart(f, fmt="png"),
                   "Biểu đồ 2. Xếp loại chất lượng buổi sinh hoạt (kết quả cuối cùng)")  # fmt: skip
    number += 1
    if report.is_cell:
        _meetings(doc, report, number)
    elif report.rows:
        _units(doc, report, number)


def _units(doc, report, number: int) -> None:
    """The key figures of every visible sub-unit, then the unit's own (in bold)."""
    layout.heading(doc, f"{number}. Kết quả theo đơn vị trực thuộc", before=6)
    headers = ["TT", "Đơn vị", *(header for _code, header in KEY_COLUMNS)]
    rows = [
        (str(n), short_name(r.unit.name), *(r.figures[c].text for c in KEY_CODES))
        for n, r in enumerate(report.rows, start=1)
    ]
    rows.append(("", f"Toàn {short_name(report.unit.name)}",
                 *(report.figures[c].text for c in KEY_CODES)))  # fmt: skip
    table = layout.data_table(doc, headers, rows, UNITS_MM, size=11,
                              centred=(0, *range(2, len(headers))))  # fmt: skip
    _bold_last_row(table)


def _meetings(doc, report, number: int) -> None:
    """A cell's meetings of the period."""
    layout.heading(doc, f"{number}. Các buổi sinh hoạt trong kỳ", before=6)
    headers = ["TT", "Ngày", "Loại", "Tỷ lệ dự", "Chi bộ tự xếp loại", "Xếp loại cuối cùng"]
    rows = [
        (
            str(n),
            layout.short_date(line.meeting.date),
            f"{line.meeting.get_kind_display()} ({line.meeting.get_status_display().lower()})",
            line.attendance.text,
            LEVEL_TEXT.get(line.self_level, ""),
            LEVEL_TEXT.get(line.final_level, ""),
        )
        for n, line in enumerate(report.meetings, start=1)
    ]
    if rows:
        layout.data_table(doc, headers, rows, MEETINGS_MM, size=12, centred=(0, 1, 3, 4, 5))
    else:
        layout.para(doc, "Không có buổi sinh hoạt nào trong kỳ.")


def _assessment(doc, report, found) -> None:
    """Parts II and III."""
    layout.heading(doc, "II. ĐÁNH GIÁ CHUNG")
    layout.heading(doc, "1. Ưu điểm", before=4)
    for item in found.strengths or [None]:
        layout.para(doc, f"- {item.text if item else NO_STRENGTH}")
    layout.heading(doc, "2. Hạn chế, khuyết điểm", before=4)
    for item in found.shortcomings or [None]:
        layout.para(doc, f"- {item.text if item else NO_SHORTCOMING}")
    layout.heading(doc, "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI")
    for n, task in enumerate(found.tasks, start=1):
        layout.para(doc, f"{n}. {task}")


def _closing(doc, report, superior: str, signer: str) -> None:
    """The recipients (left) and the signature block (right)."""
    table = doc.add_table(rows=1, cols=2)
    layout.set_widths(table, (layout.TEXT_WIDTH_MM * 0.45, layout.TEXT_WIDTH_MM * 0.55))
    left, right = table.rows[0].cells
    layout.para(left, ("Nơi nhận:", "bi"), align=layout.LEFT, indent=False, before=12, after=0)
    lines = []
    if superior:
        lines.append(f"- {committee_name(superior)} (để báo cáo),")
    if not report.is_cell:
        lines.append("- Các cấp ủy, chi bộ trực thuộc,")
    lines.append("- Lưu.")
    for line in lines:
        layout.para(left, line, size=12, align=layout.LEFT, indent=False)
    layout.para(right, authority(report.unit), bold=True, align=layout.CENTER, indent=False,
                before=12)  # fmt: skip
    layout.para(right, "BÍ THƯ", bold=True, align=layout.CENTER, indent=False, after=0)
    layout.para(right, signer, bold=True, align=layout.CENTER, indent=False, before=60)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def report_docx(report, *, rule_sets=(), rule_set=None) -> bytes:
    """The review report of `report` (a `reports.report.Report`) as DOCX bytes; see the module
    docstring. `rule_sets` are named as its grounds; `rule_set` (in force at the end of the
    period) gives the values the findings quote. Dated `report.today`; always "DỰ THẢO"."""
    unit = report.unit
    superior = superior_name(unit)
    doc = layout.new_document(first_page_mark=DRAFT)
    issuer = unit.name if report.is_cell else committee_name(unit.name)
    place = layout.date_place("", superior if report.is_cell else unit.name)
    header = layout.header_block(
        doc, superior_name=superior, cell_name=issuer, place=place, day=report.today
    )
    symbol = "CB" if report.is_cell else SYMBOL.get(unit.kind, "ĐU")
    layout.para(header.rows[0].cells[0], f"Số      -BC/{symbol}", align=layout.CENTER,
                indent=False, after=0)  # fmt: skip
    layout.title_block(doc, "BÁO CÁO", f"{SUMMARY},\n{lower_first(str(report.period.label))}")
    layout.para(doc, f"(Theo {CONCLUSION})", italic=True, align=layout.CENTER, indent=False,
                after=12)  # fmt: skip
    _opening(doc, report, rule_sets)
    _results(doc, report)
    _assessment(doc, report, findings(report, rule_set))
    _closing(doc, report, superior, secretary_name(unit, report.warnings_on))
    return layout.to_bytes(doc)
