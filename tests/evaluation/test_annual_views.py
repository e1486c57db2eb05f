"""The annual self-assessment page and its DOCX report (evaluation.views.annual): content,
scope, the report read back with python-docx, pinned query counts. The year is the one of
tests/evaluation/test_annual.py (`year_2025`), whose values are worked out there by hand:
11 of 12 months held (July missed), 10 Tốt + 1 Khá + July as Kém, average
(10 × 95 + 80 + 0) / 12 = 85,8% → Khá (rule QUAL-6)."""

import datetime
import io
import os
import tempfile

import pytest
from django.urls import reverse
from docx import Document

from chibo.evaluation.models import Level
from chibo.meetings.models import AttendanceStatus, MeetingKind
from tests.e2e.render import office_binary, render_first_page
from tests.evaluation.test_annual import ON, meeting, rate, roll, task, year_2025
from tests.factories import make_member

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The pages are seen on 15/03/2026."""
    monkeypatch.setattr("chibo.evaluation.selectors.annual.today", lambda: ON)


def _page(tree, year=2025):
    return reverse("evaluation:cell-assessment", args=[tree.cell_a1.pk, year])


def _docx(tree, year=2025):
    return reverse("evaluation:cell-assessment-docx", args=[tree.cell_a1.pk, year])


def _text(doc) -> str:
    """Every paragraph and table cell of a document, one per line."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def test_page_shows_months_figures_and_level(tree, client_for):
    """The secretary's page: the proposed level Khá with its rule and legal basis, July not
    held, December's two columns, the figures (rules FREQ-1, THEM-1, ATT-1, QUAL-6)."""
    by_month = year_2025(tree)
    response = client_for(tree.bithu).get(_page(tree))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-level="fair"' in html and "Khá" in html
    assert "data-provisional" not in html  # 2025 is over on 15/03/2026
    assert "Hướng dẫn 42-HD/BTCTW" in html  # legal basis of HD42-2025
    assert 'data-month="7" data-state="missed"' in html
    assert 'data-month="12" data-state="rated"' in html
    assert reverse("meetings:detail", args=[by_month[1].pk]) in html
    a = response.context["a"]
    assert (a.regular_held, a.regular_due, a.missed) == (11, 12, 1)
    assert "95,1%" in html  # average attendance, one decimal, decimal comma
    assert "85,8%" in html  # average score: the rated months and July at 0% (QUAL-6)
    assert "93,6%" not in html  # the old average over the rated months alone
    counts = html.split("data-level-counts>")[1].split("</p>")[0]
    assert "Kém: <strong>1</strong>" in counts  # July, not held, counts as Kém
    assert "50,0%" in html  # assignments on time: 2 of 4
    assert reverse("evaluation:cell-assessment", args=[tree.cell_a1.pk, 2024]) in html
    assert reverse("evaluation:cell-assessment", args=[tree.cell_a1.pk, 2026]) in html
    assert _docx(tree) in html


def test_current_year_is_provisional(tree, client_for):
    """2026 seen on 15/03/2026: provisional; April–December are "not yet", not missed."""
    meeting(tree, datetime.date(2026, 1, 5))
    html = client_for(tree.bithu).get(_page(tree, 2026)).content.decode()
    assert "data-provisional" in html
    assert 'data-month="2" data-state="missed"' in html
    assert 'data-month="4" data-state="not_yet"' in html
    assert 'data-month="12" data-state="not_yet"' in html


@pytest.mark.parametrize("view", ["cell-assessment", "cell-assessment-docx"])
def test_scope(tree, client_for, view):
    """Members of the cell see it; an unrelated secretary gets 404; anonymous users go to
    the login page; a year outside 2000–2100 and a unit that is not a cell answer 404."""
    url = reverse(f"evaluation:{view}", args=[tree.cell_a1.pk, 2025])
    assert client_for(tree.dangvien).get(url).status_code == 200
    assert client_for(tree.kiemtra).get(url).status_code == 200
    assert client_for(tree.ngoai).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login")
    bad_year = reverse(f"evaluation:{view}", args=[tree.cell_a1.pk, 1999])
    assert client_for(tree.bithu).get(bad_year).status_code == 404
    commune = reverse(f"evaluation:{view}", args=[tree.commune_a.pk, 2025])
    assert client_for(tree.xa).get(commune).status_code == 404


def test_docx_report(tree, client_for):
    """The report opens with python-docx: HD 36 header, title, the month rows, the figures,
    the proposed level with its rule, the secretary's block; not a draft for 2025."""
    year_2025(tree)
    response = client_for(tree.dangvien).get(_docx(tree))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        'attachment; filename="tu-danh-gia-sinh-hoat-2025-chi-bo-thon-ban-cho.docx"'
    )
    doc = Document(io.BytesIO(response.content))
    text = _text(doc)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG BỘ XÃ CHIÊM HOÁ" in text and "CHI BỘ THÔN BẢN CHỢ" in text
    assert "Chiêm Hoá, ngày 15 tháng 3 năm 2026" in text
    assert "BÁO CÁO" in text
    assert "Tự đánh giá chất lượng sinh hoạt chi bộ năm 2025" in text
    month_table = doc.tables[1]
    rows = [[c.text for c in row.cells] for row in month_table.rows]
    assert [r[0] for r in rows[1:]] == [f"Tháng {m}" for m in range(1, 13)]
    assert rows[7] == ["Tháng 7", "Đã hủy", "", "", "", "Không sinh hoạt"]
    assert rows[12] == ["Tháng 12", "05/12", "75,0%", "Tốt (92/100)", "Khá (80/100)", "Khá (80,0%)"]
    assert rows[1][5] == "Tốt (95,0%)"
    assert "đã sinh hoạt 11/12 tháng đến kỳ; không sinh hoạt 1 tháng (tháng 7)" in text
    assert "95,1%" in text and "85,8%" in text and "(50,0%)" in text
    assert "Tốt 10, Khá 1, Trung bình 0, Kém 1 tháng (trong đó 1 tháng không sinh hoạt)" in text
    assert "Điểm bình quân: 85,8% (trên 12 tháng: 11 tháng đã xếp loại, 1 tháng không" in text
    assert "năm 2025: KHÁ." in text
    assert "Tốt: điểm bình quân ≥ 90, ít nhất 10 tháng Tốt, không tháng nào Trung bình/Kém" in text
    assert "Hướng dẫn 42-HD/BTCTW" in text
    assert "T/M CHI BỘ" in text and "BÍ THƯ" in text and "Nguyễn Văn Ân" in text
    header = doc.sections[0].first_page_header.paragraphs[0].text
    assert header == ""
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size.pt == 14


def test_docx_draft_for_current_year(tree, client_for):
    """A year not over is marked "DỰ THẢO" and said to be provisional."""
    rate(meeting(tree, datetime.date(2026, 1, 5)), Level.GOOD, 95)
    doc = Document(io.BytesIO(client_for(tree.bithu).get(_docx(tree, 2026)).content))
    assert doc.sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"
    assert "Kết quả tạm tính đến ngày 15 tháng 3 năm 2026; năm 2026 chưa kết thúc." in _text(doc)


def test_years_before_the_first_record(tree, client_for):
    """Rule FREQ-1 as the warnings apply it: the cell's first meeting record is of 05/12/2024,
    so 2018 has no judged month — the page and the DOCX say "no data" for every month, count
    none as missed, propose no level and say why; 2024 judges December alone (held, not rated
    yet: still no level)."""
    year_2025(tree)
    html = client_for(tree.bithu).get(_page(tree, 2018)).content.decode()
    assert html.count('data-state="no_data"') == 12
    assert 'data-state="missed"' not in html
    assert 'data-level="" data-no-level="before_records"' in html
    assert "12/2024" in html  # the month chibo's records of the cell begin
    assert 'data-judged="0"' in html and 'data-judged="1"' not in html
    assert client_for(tree.bithu).get(_page(tree, 2024)).context["a"].no_data_months == 11
    doc = Document(io.BytesIO(client_for(tree.bithu).get(_docx(tree, 2018)).content))
    rows = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert {r[5] for r in rows[1:]} == {"Chưa có dữ liệu trên chibo"}
    text = _text(doc)
    assert "Không sinh hoạt" not in text
    assert "đã sinh hoạt 0/0 tháng đến kỳ; không sinh hoạt 0 tháng; 12 tháng chưa có" in text
    assert (
        "Chưa đánh giá được tháng nào của năm 2018: dữ liệu sinh hoạt của chi bộ trên chibo "
        "chỉ có từ tháng 12/2024."
    ) in text
    assert "đề nghị xếp loại" not in text


def test_page_and_docx_agree(tree, client_for):
    """The page and the DOCX show the same figures of the same `Assessment` (rule QUAL-6):
    a cell whose records begin in September 2025 (see test_annual
    .test_months_before_the_first_record_are_not_judged): held 2 of 4 due, 2 missed, level
    counts Tốt 1, Khá 1, Trung bình 0, Kém 2, average 175/4 = 43,8% → Kém."""
    from chibo.meetings.models import MeetingStatus

    meeting(tree, datetime.date(2025, 9, 10), status=MeetingStatus.CANCELLED)
    rate(meeting(tree, datetime.date(2025, 10, 5)), Level.GOOD, 95)
    rate(meeting(tree, datetime.date(2025, 12, 5)), Level.FAIR, 80)
    client = client_for(tree.bithu)
    html = client.get(_page(tree)).content.decode()
    text = _text(Document(io.BytesIO(client.get(_docx(tree)).content)))
    assert 'data-level="poor"' in html and "năm 2025: KÉM." in text
    assert ">2/4<" in html and "đã sinh hoạt 2/4 tháng đến kỳ; không sinh hoạt 2 tháng" in text
    assert "(tháng 9, 11); 8 tháng chưa có dữ liệu trên chibo." in text
    counts = html.split("data-level-counts>")[1].split("</p>")[0]
    for label, n in (("Tốt", 1), ("Khá", 1), ("Trung bình", 0), ("Kém", 2)):
        assert f"{label}: <strong>{n}</strong>" in counts
    assert "Tốt 1, Khá 1, Trung bình 0, Kém 2 tháng (trong đó 2 tháng không sinh hoạt)" in text
    assert "43,8%" in html and "Điểm bình quân: 43,8% (trên 4 tháng" in text
    assert html.count('data-state="no_data"') == 8
    assert text.count("Chưa có dữ liệu trên chibo") == 8
    assert "quý I: 0 (chưa có dữ liệu trên chibo, không đánh giá)" in text


def test_cell_year_links_to_the_assessment(tree, client_for):
    """The cell's year page links to the self-assessment of the same year."""
    html = (
        client_for(tree.dangvien)
        .get(reverse("meetings:cell-year", args=[tree.cell_a1.pk, 2025]))
        .content.decode()
    )
    assert reverse("evaluation:cell-assessment", args=[tree.cell_a1.pk, 2025]) in html


def _grow(tree, n):
    """n more members, and n more held meetings (thematic, with a roll call, a rating and an
    assignment) in 2025."""
    for i in range(n):
        make_member(tree.cell_a1, f"Đảng viên Thêm {i}")
    for i in range(n):
        m = meeting(tree, datetime.date(2025, 1 + i, 20), MeetingKind.THEMATIC)
        roll(tree, m, [AttendanceStatus.PRESENT] * 4)
        rate(m, Level.GOOD, 95)
        task(tree, m, datetime.date(2025, 12, 1))


@pytest.mark.parametrize("extra", [0, 5])
def test_query_counts(tree, client_for, django_assert_num_queries, extra):
    """Fixed queries whatever the number of members, meetings, ratings and assignments: page
    11 (session, user, notice badge, grants, cell, first meeting date, meetings, ratings,
    rule sets, assignments, breadcrumbs); DOCX 11 (no badge, no breadcrumbs; superior name
    and secretary)."""
    year_2025(tree)
    _grow(tree, extra)
    client = client_for(tree.bithu)
    client.get(_page(tree))
    with django_assert_num_queries(11):
        assert client.get(_page(tree)).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(_docx(tree)).status_code == 200


@pytest.mark.e2e
@pytest.mark.skipif(office_binary() is None, reason="LibreOffice is not installed")
def test_render_first_page(tree, client_for):
    """LibreOffice opens the report; its first page is saved as PNG for reviewers
    (`CHIBO_SCREENSHOTS=docs/screenshots` refreshes the committed one)."""
    year_2025(tree)
    folder = os.environ.get("CHIBO_SCREENSHOTS") or tempfile.gettempdir() + "/chibo-screenshots"
    response = client_for(tree.bithu).get(_docx(tree))
    png = render_first_page(response.content, f"{folder}/annual-assessment-docx.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
