"""The DOCX review report, read back with python-docx: the party-document layout (HD 36:
header, "DỰ THẢO", Times New Roman 14, margins, signature), the figures in its tables are the
report's `Figure.text` and the hand-computed values of `tests.reports.dataset`, the charts,
and the sentences chosen by `exports.findings`.
"""

import io

import docx
import pytest
from django.utils import translation
from docx.shared import Pt

from chibo.core.rules import RuleBook
from chibo.reports.exports import rules_day
from chibo.reports.exports.docx import KEY_CODES, report_docx
from chibo.reports.exports.findings import findings
from chibo.reports.indicators import GROUPS, INDICATORS
from chibo.reports.report import unit_report
from chibo.reports.selectors import rule_sets_for
from tests.reports.dataset import EXPECTED, PERIODS, TODAY, make_report_dataset

pytestmark = pytest.mark.django_db

KEYS = (("commune_a", "2026-Q3"), ("cell_a1", "2026-Q3"), ("province", "2026-10"))


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker):
    """The dataset (built once) and, for each of KEYS, (report, findings, document)."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            t = make_report_dataset()
            found = {}
            with translation.override("vi"):
                for name, slug in KEYS:
                    report = unit_report(
                        actor=t.tinh, unit_id=getattr(t, name).pk, period=PERIODS[slug],
                        today=TODAY,
                    )  # fmt: skip
                    rule_sets = rule_sets_for(unit=report.unit, period=report.period)
                    rule_set = RuleBook(rule_sets).get(rules_day(report), report.unit)
                    content = report_docx(report, rule_sets=rule_sets, rule_set=rule_set)
                    found[(name, slug)] = (
                        report,
                        findings(report, rule_set),
                        docx.Document(io.BytesIO(content)),
                    )
            yield t, found
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def rows_of(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def group_tables(doc):
    """The tables of part I's groups (header "Chỉ tiêu")."""
    return [t for t in doc.tables if t.rows[0].cells[0].text == "Chỉ tiêu"]


def test_layout(documents):
    """HD 36: A4, margins, Times New Roman 14, "DỰ THẢO" on the first page, the header of
    the commune's committee under the province, the number left blank, place and date."""
    _t, found = documents
    _report, _found, doc = found[("commune_a", "2026-Q3")]
    section = doc.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin)
    assert [round(s.mm) for s in sizes] == [210, 297, 30, 15]
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size == Pt(14)
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == "DỰ THẢO"
    left, right = rows_of(doc.tables[0])[0]
    assert left.split("\n") == [
        "ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ CHIÊM HOÁ", "*", "Số      -BC/ĐU",
    ]  # fmt: skip
    assert right.split("\n")[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.split("\n")[-1] == "Chiêm Hoá, ngày 15 tháng 11 năm 2026"
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    summary = texts[texts.index("BÁO CÁO") + 1]
    assert summary.startswith("Sơ kết thực hiện Đề án số 16-ĐA/TU\nvề nâng cao chất lượng")
    closing = rows_of(doc.tables[-1])[0]
    assert "- Tỉnh ủy Tuyên Quang (để báo cáo)," in closing[0]
    assert closing[1].split("\n")[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]


def test_states_unit_period_scope_and_time_made(documents):
    t, found = documents
    report, _found, doc = found[("commune_a", "2026-Q3")]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "từ ngày 01/07/2026 đến ngày 30/09/2026" in text
    assert f"toàn bộ các chi bộ thuộc {t.commune_a.name} (2 chi bộ có số liệu trong kỳ)" in text
    assert f"lúc {report.generated_at.strftime('%H:%M ngày %d/%m/%Y')}" in text
    assert "cảnh báo sớm tính đến ngày 30/09/2026" in text
    assert "Hướng dẫn 42-HD/BTCTW" in text


@pytest.mark.parametrize("key", KEYS)
def test_group_tables_hold_the_report_figures(documents, key):
    """Each group's table: this period = Figure.text = the hand-computed text; previous and
    province columns likewise."""
    _t, found = documents
    report, _found, doc = found[key]
    tables = group_tables(doc)
    assert len(tables) == len(GROUPS)
    with translation.override("vi"):
        labels = {str(i.label): i.code for i in INDICATORS}
    seen = set()
    for table in tables:
        header, *rows = rows_of(table)
        assert header[:4] == ["Chỉ tiêu", "Kỳ này", "Số liệu (tử số/mẫu số)", "Kỳ trước"]
        assert (header[4:] == ["Toàn tỉnh"]) == (report.province is not None)
        for row in rows:
            code = labels[row[0]]
            seen.add(code)
            assert row[1] == report.figures[code].text == EXPECTED[key][code], code
            assert row[3] == report.previous[code].text, code
            if report.province is not None:
                assert row[4] == report.province[code].text, code
    # Every indicator is printed, except warnings of a kind zero now and before, and the
    # kind "removal_review", printed as the indicator "removal_review".
    left_out = {i.code for i in INDICATORS} - seen
    assert "warning_removal_review" in left_out
    assert all(
        c == "warning_removal_review"
        or (c.startswith("warning_") and report.figures[c].value == 0 == report.previous[c].value)
        for c in left_out
    )


def test_detail_column(documents):
    _t, found = documents
    _report, _found, doc = found[("commune_a", "2026-Q3")]
    rows = {r[0]: r for t in group_tables(doc) for r in rows_of(t)[1:]}
    with translation.override("vi"):
        label = {i.code: str(i.label) for i in INDICATORS}
    assert rows[label["months_held"]][1:3] == ["83,3%", "5/6"]
    assert rows[label["attendance_mean"]][1:3] == ["80,6%", "6 buổi"]
    assert rows[label["unexcused"]][1:3] == ["2", ""]


def test_sub_unit_table(documents):
    t, found = documents
    report, _found, doc = found[("commune_a", "2026-Q3")]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    header, *rows = rows_of(table)
    assert header[:2] == ["TT", "Đơn vị"]
    assert [r[1] for r in rows] == [t.cell_a2.name, t.cell_a1.name, "Toàn xã Chiêm Hoá"]
    for row, figures in zip(rows, [r.figures for r in report.rows] + [report.figures], strict=True):
        assert row[2:] == [figures[c].text for c in KEY_CODES]
    assert rows[-1][2:] == [EXPECTED[("commune_a", "2026-Q3")][c] for c in KEY_CODES]
    assert all(r.bold for p in table.rows[-1].cells[1].paragraphs for r in p.runs)


def test_a_cell_report_lists_its_meetings_and_is_signed_by_its_secretary(documents):
    t, found = documents
    _report, _found, doc = found[("cell_a1", "2026-Q3")]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    header, *rows = rows_of(table)
    assert header == ["TT", "Ngày", "Loại", "Tỷ lệ dự", "Chi bộ tự xếp loại", "Xếp loại cuối cùng"]
    assert [(r[1], r[3], r[4], r[5]) for r in rows] == [
        ("09/07/2026", "75,0%", "Tốt", "Khá"),
        ("13/08/2026", "—", "", ""),
        ("20/08/2026", "75,0%", "Trung bình", "Trung bình"),
        ("10/09/2026", "100,0%", "", ""),
    ]
    left = rows_of(doc.tables[0])[0][0].split("\n")
    assert left[:2] == ["ĐẢNG BỘ XÃ CHIÊM HOÁ", "CHI BỘ THÔN BẢN CHỢ"]
    closing = rows_of(doc.tables[-1])[0][1].split("\n")
    assert closing[:2] == ["T/M CHI BỘ", "BÍ THƯ"] and closing[-1] == "Nguyễn Văn Ân"


def test_charts(documents):
    """A trend chart when the period has several months, a levels chart when meetings are
    rated: Q3 has both; a single month only the levels chart."""
    _t, found = documents
    q3 = found[("commune_a", "2026-Q3")][2]
    m10 = found[("province", "2026-10")][2]
    assert len(q3.inline_shapes) == 2
    assert len(m10.inline_shapes) == 1
    texts = [p.text for p in q3.paragraphs]
    assert "Biểu đồ 1. Diễn biến một số chỉ tiêu theo tháng" in texts
    assert "Biểu đồ 2. Xếp loại chất lượng buổi sinh hoạt (kết quả cuối cùng)" in texts


@pytest.mark.parametrize("key", KEYS)
def test_parts_two_and_three_print_the_findings(documents, key):
    _t, found = documents
    _report, chosen, doc = found[key]
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("II. ĐÁNH GIÁ CHUNG")
    middle = texts.index("III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI")
    assert chosen.shortcomings  # the dataset has shortcomings everywhere
    for item in chosen.strengths + chosen.shortcomings:
        assert f"- {item.text}" in texts[start:middle]
    assert texts[middle + 1 : middle + 1 + len(chosen.tasks)] == [
        f"{n}. {task}" for n, task in enumerate(chosen.tasks, start=1)
    ]


def test_commune_a_findings_by_hand(documents):
    """Commune A, Q3/2026 (see the dataset): A1 missed 08/2026; A2 is a quarter short of
    thematic meetings; 4 of 6 meetings not above 85% (2 over: A1's 10/09, A2's 02/07)."""
    t, found = documents
    _report, chosen, _doc = found[("commune_a", "2026-Q3")]
    texts = [f.text for f in chosen.shortcomings]
    assert texts[0] == (
        "Còn 1 lượt tháng chi bộ không tổ chức sinh hoạt thường kỳ, ở 1 chi bộ: Chi bộ thôn "
        "Bản Chợ (1 tháng); tỷ lệ tháng sinh hoạt thường kỳ đạt 83,3%, thấp hơn kỳ trước "
        "(100,0%)."
    )
    assert texts[1] == (
        "1/2 lượt quý chưa bảo đảm số buổi sinh hoạt chuyên đề theo quy định (ít nhất 1 buổi "
        "mỗi quý), ở 1 chi bộ: Chi bộ Chiêm Hóa (1 quý)."
    )
    assert texts[2] == (
        "66,7% số buổi sinh hoạt (4/6 buổi) có tỷ lệ đảng viên dự chưa vượt mức 85% (điều "
        "kiện để xếp loại Tốt)."
    )
