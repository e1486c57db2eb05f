"""Shared python-docx layout of a party document under Hướng dẫn 36-HD/VPTW (03/4/2018).

A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt body
(the East Asian font attribute is set too so that every Word build renders Vietnamese in it);
the two-column header (superior body / issuing cell / "*" on the left; "ĐẢNG CỘNG SẢN VIỆT NAM"
with a rule as long as the words, then the place and date, on the right); the document type and
summary line centred; page numbers from page 2, centred at the top (a different first-page
header, a PAGE field in the others); signature blocks side by side; ruled data tables.

Party documents are always Vietnamese: the fixed text here is Vietnamese, not gettext.
"""

import datetime
import io
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
#: MIME type of a Word document (what the download views answer with).
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: Text width of the page: 210 mm − 30 mm − 15 mm.
TEXT_WIDTH_MM = 165
#: Widths of the header's columns (left: superior body and cell; right: party name and date).
HEADER_COLUMNS_MM = (72, 93)
#: Width of "ĐẢNG CỘNG SẢN VIỆT NAM" in Times New Roman bold 15 pt (65.4 mm, measured from
#: the font's advance widths), rounded up: the length of the rule under it (HD 36).
PARTY_LINE_MM = 66
#: Word's default left + right cell padding (2 × 0.075 in).
CELL_PADDING_MM = 3.8
#: A meeting place this short is a locality fit for the date line (see `date_place`).
SHORT_PLACE = 20

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

_SUPERIOR_PREFIX = re.compile(
    r"^(đảng bộ|đảng ủy|đảng uỷ)\s+(xã|phường|thị trấn|đặc khu|huyện|thị xã|thành phố|tỉnh)?\s*",
    re.IGNORECASE,
)


# --- Text of dates, times and figures ---------------------------------------------------


def long_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 3 năm 2026": the date as written in a party document.

    Days below 10 and the months 1 and 2 take a leading zero (HD 36, as in Nghị định 30/2020:
    so that "tháng 1" cannot be changed into "tháng 11" by hand); other months do not.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: datetime.date | None) -> str:
    """dd/mm/yyyy ("31/03/2026"); "" for None."""
    return day.strftime("%d/%m/%Y") if day else ""


def clock(time: datetime.time | None) -> str:
    """ "19 giờ 30 phút" for a time; a dotted blank to fill by hand for None."""
    if time is None:
        return "…… giờ …… phút"
    return f"{time.hour} giờ {time.minute:02d} phút"


def percent(rate: Fraction | None) -> str:
    """A rate as a percentage with one decimal and a decimal comma ("66,7%"), rounded half
    up; "—" for None (nothing to divide by)."""
    if rate is None:
        return "—"
    value = (Decimal(rate.numerator * 100) / Decimal(rate.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"{value}%".replace(".", ",")


def rate_text(figures, rule_set) -> str:
    """The attendance rate sentence of rule ATT-1: "Tỷ lệ dự sinh hoạt: 4/6 = 66,7% (theo
    <legal basis of the rule set>)". Takes `AttendanceFigures` and the rule set in force."""
    basis = f" (theo {rule_set.legal_basis})" if getattr(rule_set, "legal_basis", "") else ""
    if not figures.expected:
        return f"Tỷ lệ dự sinh hoạt: không tính được, không có đảng viên phải dự{basis}"
    return (
        f"Tỷ lệ dự sinh hoạt: {figures.present}/{figures.expected} = {percent(figures.rate)}{basis}"
    )


def date_place(place: str, superior_name: str) -> str:
    """The place written before the date ("<place>, ngày … ").

    The commune or residential area of a cell is not stored on its own, so: the meeting's
    place when it is short (at most `SHORT_PLACE` characters, e.g. "Bản Chợ"), as a long place
    ("Nhà văn hóa thôn Bản Chợ") is an address rather than a locality; else the superior unit's
    name without its "Đảng bộ xã" / "Đảng bộ phường" / … prefix ("Đảng bộ xã Chiêm Hóa" →
    "Chiêm Hóa"); "" when neither is known.
    """
    place = (place or "").strip()
    if place and len(place) <= SHORT_PLACE:
        return place
    name = unicodedata.normalize("NFC", (superior_name or "").strip())
    return _SUPERIOR_PREFIX.sub("", name).strip()


# --- Document, paragraphs, runs ----------------------------------------------------------


def _set_fonts(r_pr) -> None:
    """Set Times New Roman on every script slot of an rPr (ascii, hAnsi, East Asian, complex)
    and drop theme-font attributes, which would win over the explicit names."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def new_document(*, first_page_mark: str = "") -> Document:
    """A blank A4 party document: margins, Times New Roman 14 pt (styles and defaults,
    Vietnamese language tag), page numbers centred at the top from page 2. `first_page_mark`
    (e.g. "DỰ THẢO") is printed small at the top right of the first page's header."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) is not None:
        _set_fonts(defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    r_pr = normal.element.get_or_add_rPr()
    _set_fonts(r_pr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    r_pr.append(lang)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(4), 1.1

    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    mark = first.paragraphs[0]
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if first_page_mark:
        run(mark, first_page_mark, bold=True, size=11)
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.alignment = CENTER
    _page_field(number)
    return doc


def _page_field(par) -> None:
    """Append a PAGE field (the page number) to paragraph `par`."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2")):
        r = run(par, "" if kind != "text" else text, size=13)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        elif kind != "text":
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run(par, "", size=13)._r.append(end)


def run(par, text: str, *, bold=False, italic=False, size: float | None = None):
    """Append a run of `text` to paragraph `par` in Times New Roman (every script slot), with
    the given weight, slant and size in points (None: the style's 14 pt). Returns the run."""
    r = par.add_run(text)
    r.font.name = FONT
    _set_fonts(r._r.get_or_add_rPr())
    r.bold, r.italic = bold or None, italic or None
    if size:
        r.font.size = Pt(size)
    return r


def para(
    container,
    *segments,
    align=JUSTIFY,
    indent: bool = True,
    bold=False,
    italic=False,
    size: float | None = None,
    before: float = 0,
    after: float | None = None,
):
    """Add a paragraph to a document or table cell and return it.

    `segments` are strings or (text, "b" | "i" | "bi") pairs for bold / italic parts; `bold`,
    `italic`, `size` apply to every plain segment. `indent` gives the body's 10 mm first-line
    indent; `before`/`after` are spacing in points. A table cell's first, empty paragraph is
    reused so that cells do not start with a blank line.
    """
    pars = getattr(container, "paragraphs", [])
    reuse = (
        hasattr(container, "merge")
        and len(pars) == 1
        and not pars[0].text
        and not pars[0].runs
        and not getattr(container, "_chibo_used", False)
    )
    par = pars[0] if reuse else container.add_paragraph()
    if hasattr(container, "merge"):
        container._chibo_used = True
    par.alignment = align
    fmt = par.paragraph_format
    fmt.first_line_indent = Mm(10) if indent else None
    fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    for segment in segments:
        text, style = (segment, "") if isinstance(segment, str) else segment
        run(par, text, bold=bold or "b" in style, italic=italic or "i" in style, size=size)
    return par


def heading(doc, text: str, *, before: float = 8):
    """A bold part heading of the body ("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"), kept with the
    paragraph after it."""
    par = para(doc, text, bold=True, indent=False, align=LEFT, before=before)
    par.paragraph_format.keep_with_next = True
    return par


def rule_paragraph(container, *, width_mm: float, available_mm: float):
    """Add a solid rule `width_mm` long, centred in the `available_mm` a paragraph of
    `container` spans: an empty 2 pt paragraph whose bottom border runs between indents. Kept
    apart from the words above it so that they never wrap for want of room. Returns it."""
    par = para(container, align=CENTER, indent=False, after=0)
    side = max(0.0, (available_mm - width_mm) / 2)
    fmt = par.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.line_spacing, fmt.line_spacing_rule = Pt(2), WD_LINE_SPACING.EXACTLY
    run(par, "", size=2)
    p_pr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    successors = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")
    p_pr.insert_element_before(borders, *successors)
    return par


# --- Tables ------------------------------------------------------------------------------


def set_widths(table, widths_mm) -> None:
    """Fix the table's column widths (grid and every cell, fixed layout) so that Word and
    LibreOffice draw the same columns; centre the table on the page."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        col.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def data_table(doc, headers, rows, widths_mm, *, size: float = 12, centred=(0,), row_mm=None):
    """A ruled table ("Table Grid") with a bold centred header row repeated on every page.

    `rows` are sequences of strings; `centred` the indexes of columns centred (STT, dates);
    `row_mm` a minimum row height (room for a signature). Returns the table.
    """
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        para(cell, text, bold=True, size=size, align=CENTER, indent=False, after=2)
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_pr.append(repeat)
    for values in rows:
        row = table.add_row()
        if row_mm:
            row.height, row.height_rule = Mm(row_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            align = CENTER if i in centred else LEFT
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para(cell, str(text), size=size, align=align, indent=False, after=2)
    set_widths(table, widths_mm)
    return table


# --- The parts of a party document -----------------------------------------------------------


def header_block(doc, *, superior_name: str, cell_name: str, place: str, day: datetime.date):
    """The HD 36 header as a borderless two-column table.

    Left: the superior body in capitals (14 pt, upright), the cell in capitals (bold), a
    centred "*". Right: "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold) with a rule under it as long
    as the words, then "<place>, ngày 05 tháng 3 năm 2026" in italics.
    """
    table = doc.add_table(rows=1, cols=2)
    set_widths(table, HEADER_COLUMNS_MM)
    left, right = table.rows[0].cells
    if superior_name:
        para(left, superior_name.upper(), align=CENTER, indent=False, after=0)
    para(left, cell_name.upper(), bold=True, align=CENTER, indent=False, after=0)
    para(left, "*", align=CENTER, indent=False, after=0)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15, align=CENTER, indent=False, after=0)
    rule_paragraph(
        right, width_mm=PARTY_LINE_MM, available_mm=HEADER_COLUMNS_MM[1] - CELL_PADDING_MM
    )
    date_text = f"{place}, {long_date(day)}" if place else long_date(day).capitalize()
    para(right, date_text, italic=True, align=CENTER, indent=False, before=8, after=0)
    return table


def title_block(doc, doc_type: str, summary: str) -> None:
    """The document type (capitals, 16 pt, bold) and the summary line (bold), centred."""
    para(doc, doc_type, bold=True, size=16, align=CENTER, indent=False, before=18, after=0)
    para(doc, summary, bold=True, align=CENTER, indent=False, after=12)


def signature_blocks(doc, left: tuple[str, str], right: tuple[str, str]):
    """Two signature blocks side by side: each (authority line, full name) — the authority in
    bold capitals, "(Ký, ghi rõ họ tên)", room to sign, the full name in bold. A block whose
    name is unknown leaves the line blank to fill by hand."""
    table = doc.add_table(rows=1, cols=2)
    set_widths(table, (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2))
    for cell, (title, name) in zip(table.rows[0].cells, (left, right), strict=True):
        para(cell, title, bold=True, align=CENTER, indent=False, before=12, after=0)
        para(cell, "(Ký, ghi rõ họ tên)", italic=True, size=12, align=CENTER, indent=False)
        para(cell, name or "", bold=True, align=CENTER, indent=False, before=60)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def to_bytes(doc) -> bytes:
    """The document saved as DOCX bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
