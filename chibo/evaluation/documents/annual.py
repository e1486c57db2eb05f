"""The annual self-assessment report of a cell (BÁO CÁO tự đánh giá chất lượng sinh hoạt chi
bộ năm …) as DOCX, in the Hướng dẫn 36-HD/VPTW layout of `meetings.documents.layout`.

Parts: the grounds (the rule set's legal basis); I. the twelve months as a table (date held,
attendance rate, the cell's and the superior's rating, the rating that counts); II. the
figures (regular meetings held and missed, FREQ-1; thematic meetings per quarter, THEM-1;
average attendance and unexcused absences, ATT-1; assignments done on time; monthly levels and
their average, QUAL-4); III. the proposed annual level and the rule it follows, or why none
is proposed (QUAL-6); the recipients and the signature block "T/M CHI BỘ – BÍ THƯ". A year
not over is marked "DỰ THẢO" and its figures are said to be provisional. Months before the
cell's first meeting record in chibo are written "Chưa có dữ liệu trên chibo" and not judged.
Every figure is the page's (`views.annual`): both read the same `Assessment`.

Party documents are always Vietnamese: the fixed text is Vietnamese, not gettext.
"""

import re
from decimal import Decimal
from fractions import Fraction

from docx.oxml import OxmlElement

from chibo.evaluation.models import Level
from chibo.evaluation.selectors.annual import (
    BEFORE_RECORDS,
    MISSED,
    NO_DATA,
    NO_RECORDS,
    NONE_RATED,
    NOT_OVER,
    NOT_RATED,
    NOT_YET,
    RATED,
)
from chibo.meetings.documents import layout

#: Level names as written in party documents (rule QUAL-2).
LEVEL_TEXT = {
    Level.GOOD: "Tốt",
    Level.FAIR: "Khá",
    Level.AVERAGE: "Trung bình",
    Level.POOR: "Kém",
}
#: What the month table writes for a month without a rating that counts.
STATE_TEXT = {
    MISSED: "Không sinh hoạt",
    NOT_YET: "Chưa đến kỳ",
    NOT_RATED: "Chưa xếp loại",
    NO_DATA: "Chưa có dữ liệu trên chibo",
}
#: Said when the cell has no meeting recorded in chibo at all.
NO_RECORDS_TEXT = (
    "Chi bộ chưa có buổi sinh hoạt nào được ghi trên chibo nên chưa đánh giá được tháng nào."
)
#: Roman numerals of the quarters.
QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
#: Column widths (mm) of the month table: month, date, attendance, self, superior, result.
COLUMNS_MM = (21, 25, 24, 32, 31, 32)

_PARTY_BODY = re.compile(r"^đảng bộ\s+", re.IGNORECASE)


def number(value) -> str:
    """A number as written in Vietnamese: "90", "92,5" (decimal comma)."""
    if value is None:
        return ""
    return format(Decimal(str(value)).normalize(), "f").replace(".", ",")


def percent(value: Fraction | None) -> str:
    """A percentage (Fraction, 0..100) with one decimal: "93,6%"; "—" for None."""
    return layout.percent(None if value is None else value / 100)


def rule_words(rule) -> str:
    """One annual level's conditions (a `LevelRule`) in Vietnamese: "điểm bình quân ≥ 90, ít
    nhất 10 tháng Tốt, không tháng nào Trung bình/Kém" (rule QUAL-6)."""
    if rule.otherwise:
        return "các trường hợp còn lại"
    parts = []
    if rule.min_average is not None:
        parts.append(f"điểm bình quân ≥ {number(rule.min_average)}")
    if rule.min_good_months is not None:
        parts.append(f"ít nhất {rule.min_good_months} tháng Tốt")
    if rule.max_below_fair_months == 0:
        parts.append("không tháng nào Trung bình/Kém")
    elif rule.max_below_fair_months is not None:
        parts.append(f"không quá {rule.max_below_fair_months} tháng Trung bình/Kém")
    return ", ".join(parts) or "không có điều kiện"


def _month_year(day) -> str:
    """ "3/2025" for a date."""
    return f"{day.month}/{day.year}"


def no_level_text(assessment) -> str:
    """Why no level is proposed, in Vietnamese (as `views.annual.no_level_text`); "" when
    one is proposed or no rule set is in force (rules FREQ-1, QUAL-6)."""
    a = assessment
    reason = a.no_level_reason
    since = _month_year(a.records_from) if a.records_from else ""
    if reason == NO_RECORDS:
        return NO_RECORDS_TEXT
    if reason == BEFORE_RECORDS:
        return (
            f"Chưa đánh giá được tháng nào của năm {a.year}: dữ liệu sinh hoạt của chi bộ "
            f"trên chibo chỉ có từ tháng {since}."
        )
    if reason == NOT_OVER and a.no_data_months:
        return (
            f"Chưa có gì để đánh giá: dữ liệu sinh hoạt của chi bộ trên chibo có từ tháng "
            f"{since} và từ đó đến nay chưa tháng nào kết thúc."
        )
    if reason == NOT_OVER:
        return f"Năm {a.year} chưa có tháng nào đến kỳ đánh giá."
    if reason == NONE_RATED:
        return "Chưa có gì để đánh giá: các tháng đến kỳ đã sinh hoạt nhưng chưa được xếp loại."
    return ""


def _no_data_note(assessment) -> str:
    """The sentence on the months before the cell's first record; "" when there are none."""
    a = assessment
    if not a.no_data_months:
        return ""
    if a.records_from is None:
        return " " + NO_RECORDS_TEXT
    return (
        f" Dữ liệu sinh hoạt của chi bộ trên chibo có từ tháng {_month_year(a.records_from)} "
        "(tháng có buổi sinh hoạt đầu tiên được ghi): các tháng trước đó chưa có dữ liệu, không "
        "tính là tháng đến kỳ, không tính là tháng không sinh hoạt và không tính vào số tháng Tốt."
    )


def _rating_text(rating) -> str:
    """ "Tốt (95/100)" for a rating, "" for None."""
    if rating is None:
        return ""
    return f"{LEVEL_TEXT[rating.level]} ({rating.total}/{rating.maximum})"


def _month_rows(assessment) -> list[tuple]:
    """The rows of the month table."""
    rows = []
    for row in assessment.months:
        dates = ", ".join(layout.short_date(m.date)[:5] for m in row.held)
        if row.state == RATED:
            result = f"{LEVEL_TEXT[row.level]} ({percent(row.percent)})"
        else:
            result = STATE_TEXT[row.state]
        if row.state == MISSED and row.cancelled:
            dates = "Đã hủy"
        rows.append(
            (
                f"Tháng {row.month}",
                dates,
                percent(None if row.rate is None else row.rate * 100) if row.held else "",
                _rating_text(row.self_rating),
                _rating_text(row.superior_rating),
                result,
            )
        )
    return rows


def _months(doc, assessment) -> None:
    """Part I: the month table."""
    layout.heading(doc, "I. KẾT QUẢ SINH HOẠT VÀ XẾP LOẠI HẰNG THÁNG")
    headers = (
        "Tháng",
        "Ngày sinh hoạt",
        "Tỷ lệ dự sinh hoạt",
        "Chi bộ tự xếp loại",
        "Cấp trên xếp loại",
        "Kết quả xếp loại",
    )
    layout.data_table(
        doc, headers, _month_rows(assessment), COLUMNS_MM, size=12, centred=(0, 1, 2, 5)
    )
    layout.para(
        doc,
        "Kết quả xếp loại là xếp loại của cấp trên khi đã có, nếu không là xếp loại của chi bộ; "
        "điểm tính theo phần trăm số điểm tối đa của phiếu chấm điểm." + _no_data_note(assessment),
        italic=True,
        size=12,
        before=4,
    )


def _missed_months(assessment) -> str:
    """ " (tháng 3, 7)" naming the missed months; "" when none."""
    missed = [str(r.month) for r in assessment.months if r.state == MISSED]
    return f" (tháng {', '.join(missed)})" if missed else ""


def _quarter_text(quarter) -> str:
    """ "quý I: 1/1", "quý IV: 0/1 (chưa hết quý)"; a quarter not judged (rule THEM-1, before
    the cell's first record): "quý I: 0 (chưa có dữ liệu trên chibo, không đánh giá)"."""
    name = f"quý {QUARTERS[quarter.quarter]}"
    if not quarter.judged:
        return f"{name}: {quarter.held} (chưa có dữ liệu trên chibo, không đánh giá)"
    return f"{name}: {quarter.held}/{quarter.due}" + ("" if quarter.ended else " (chưa hết quý)")


def _figures(doc, assessment) -> None:
    """Part II: the figures of the year, one numbered paragraph each."""
    a = assessment
    layout.heading(doc, "II. CÁC CHỈ TIÊU CHỦ YẾU")
    layout.para(
        doc,
        ("1. Sinh hoạt thường kỳ: ", "b"),
        f"đã sinh hoạt {a.regular_held}/{a.regular_due} tháng đến kỳ; "
        f"không sinh hoạt {a.missed} tháng{_missed_months(a)}"
        + (f"; {a.no_data_months} tháng chưa có dữ liệu trên chibo." if a.no_data_months else "."),
    )
    quota = a.rule_set["thematic_per_quarter"] if a.rule_set else None
    by_quarter = "; ".join(_quarter_text(q) for q in a.quarters)
    rule = f" (quy định ít nhất {quota} buổi mỗi quý)" if quota is not None else ""
    layout.para(
        doc,
        ("2. Sinh hoạt chuyên đề: ", "b"),
        f"đã sinh hoạt {a.thematic_held}/{a.thematic_due} buổi phải thực hiện{rule}; {by_quarter}.",
    )
    layout.para(
        doc,
        ("3. Tỷ lệ đảng viên dự sinh hoạt bình quân: ", "b"),
        f"{percent(a.attendance_average)} (bình quân {a.attendance_meetings} buổi sinh hoạt "
        f"có điểm danh); số lượt đảng viên vắng không lý do: {a.unexcused}.",
    )
    layout.para(
        doc,
        ("4. Phân công nhiệm vụ cho đảng viên: ", "b"),
        f"giao {a.assignments_made} nhiệm vụ; trong {a.assignments_assessed} nhiệm vụ đã "
        f"đến hạn hoặc đã kết thúc, hoàn thành đúng hạn {a.assignments_on_time} "
        f"({percent(a.on_time_percent)}).",
    )
    counts = ", ".join(f"{LEVEL_TEXT[level]} {n}" for level, _label, n in a.level_counts)
    of_which = f" (trong đó {a.missed} tháng không sinh hoạt)" if a.missed else ""
    left_out = (
        f"; {a.not_rated_months} tháng đã sinh hoạt nhưng chưa xếp loại không tính"
        if a.not_rated_months
        else ""
    )
    over = (
        f"(trên {a.averaged_months} tháng: {a.rated_months} tháng đã xếp loại, {a.missed} "
        f"tháng không sinh hoạt tính 0%{left_out})."
        if a.averaged_months
        else f"(chưa có tháng nào đã xếp loại hoặc không sinh hoạt để tính{left_out})."
    )
    layout.para(
        doc,
        ("5. Xếp loại hằng tháng: ", "b"),
        f"{counts} tháng{of_which}; chưa xếp loại {a.not_rated_months} tháng. "
        f"Điểm bình quân: {percent(a.average)} " + over,
    )


def _level(doc, assessment) -> None:
    """Part III: the proposed level, its rule and legal basis."""
    a = assessment
    layout.heading(doc, "III. CHI BỘ TỰ ĐÁNH GIÁ, ĐỀ NGHỊ XẾP LOẠI")
    if a.rule_set is None:
        layout.para(doc, "Chưa có quy định xếp loại áp dụng cho năm này.")
        return
    if a.proposed_level:
        layout.para(
            doc,
            f"Chi bộ tự đánh giá, đề nghị xếp loại chất lượng sinh hoạt chi bộ năm {a.year}: ",
            (LEVEL_TEXT[a.proposed_level].upper(), "b"),
            ".",
        )
    else:
        layout.para(doc, no_level_text(a))
    layout.para(
        doc,
        (f"Căn cứ xếp loại ({a.rule_set.code}, theo {a.rule_set.legal_basis}): ", "i"),
        "; ".join(f"{LEVEL_TEXT[r.level]}: {rule_words(r)}" for r in a.rules)
        + ". Tháng đến kỳ mà không sinh hoạt được tính là tháng Kém và 0% khi tính điểm bình "
        "quân; tháng đã sinh hoạt nhưng chưa xếp loại không tính vào điểm bình quân.",
    )
    if a.provisional:
        layout.para(
            doc,
            f"Kết quả tạm tính đến {layout.long_date(a.on)}; năm {a.year} chưa kết thúc.",
            italic=True,
        )


def _closing(doc, superior: str, secretary: str) -> None:
    """The recipients (left) and the signature block T/M CHI BỘ – BÍ THƯ (right)."""
    table = doc.add_table(rows=1, cols=2)
    layout.set_widths(table, (layout.TEXT_WIDTH_MM * 0.45, layout.TEXT_WIDTH_MM * 0.55))
    left, right = table.rows[0].cells
    layout.para(left, ("Nơi nhận:", "bi"), align=layout.LEFT, indent=False, before=12, after=0)
    if superior:
        committee = _PARTY_BODY.sub("Đảng ủy ", superior)
        layout.para(left, f"- {committee} (để báo cáo),", size=12, align=layout.LEFT, indent=False)
    layout.para(left, "- Lưu chi bộ.", size=12, align=layout.LEFT, indent=False)
    layout.para(right, "T/M CHI BỘ", bold=True, align=layout.CENTER, indent=False, before=12)
    layout.para(right, "BÍ THƯ", bold=True, align=layout.CENTER, indent=False, after=0)
    layout.para(right, secretary, bold=True, align=layout.CENTER, indent=False, before=60)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def assessment_docx(assessment, *, superior_name: str, secretary: str) -> bytes:
    """The annual self-assessment of a cell as DOCX bytes (rules QUAL-4, QUAL-6).

    Takes an `Assessment` (evaluation.selectors.annual.cell_assessment), the name of the
    cell's superior unit ("" when unknown) and the secretary's full name ("" leaves the line
    to fill by hand). Dated `assessment.on`; marked "DỰ THẢO" while the year is not over.
    """
    a = assessment
    doc = layout.new_document(first_page_mark="DỰ THẢO" if a.provisional else "")
    layout.header_block(
        doc,
        superior_name=superior_name,
        cell_name=a.cell.name,
        place=layout.date_place("", superior_name),
        day=a.on,
    )
    layout.title_block(doc, "BÁO CÁO", f"Tự đánh giá chất lượng sinh hoạt chi bộ năm {a.year}")
    basis = f"{a.rule_set.legal_basis}; " if a.rule_set else ""
    layout.para(
        doc,
        f"Căn cứ {basis}căn cứ kết quả sinh hoạt và xếp loại chất lượng sinh hoạt hằng tháng, "
        f"{a.cell.name} tự đánh giá chất lượng sinh hoạt chi bộ năm {a.year} như sau:",
    )
    _months(doc, a)
    _figures(doc, a)
    _level(doc, a)
    _closing(doc, superior_name, secretary)
    return layout.to_bytes(doc)
