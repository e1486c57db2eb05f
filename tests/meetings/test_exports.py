"""Printed documents of a meeting (views.exports, documents.*): the minutes and the attendance
sheet downloaded as DOCX and read back with python-docx.

The held meeting of 05/03/2026 of "Chi bộ thôn Bản Chợ" (tests.factories.make_tree, cell A1)
has its roll-call rows, guests, speeches, vote and assignments created as model rows (the
services are tested elsewhere; here the figures matter). Its roll, worked out by hand:

| member              | flags                 | status                 |
|---------------------|-----------------------|------------------------|
| Nguyễn Văn Ân       | full                  | present (chair)        |
| Trần Thị Bích       | full                  | present (minute-taker) |
| Lê Văn Cường        | full                  | unexcused              |
| Đỗ Thị Dung         | probationary          | present                |
| Hà Văn Em           | full, exempted        | exempted (absent)      |
| Lương Văn Giang     | full, attached elsewh.| attached elsewhere     |
| Mai Thị Hạnh        | full                  | excused: "ốm"          |
| Phạm Văn Dũng (A2)  | full, attached here   | present                |

ATT-1: on the roll 7 (full 6, probationary 1); expected = the 6 rows present / excused /
unexcused (Dũng included, attached here); present 4 → 4/6 = 66,7%.
VOTE-2: full members of the cell present or absent without reason = Ân, Bích, Cường → 3;
votes 2 for, 0 against, 0 abstaining → "Tán thành 2/3, đạt 66,7%", passed (VOTE-1: 2 > 1,5).
"""

import datetime
import io
import os
import tempfile
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from chibo.meetings.documents import layout
from chibo.meetings.models import (
    Addendum,
    AgendaItem,
    Assignment,
    AssignmentStatus,
    Attendance,
    AttendanceStatus,
    Guest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Section,
    Speech,
    SpeechKind,
)
from tests.e2e.render import office_binary, render_first_page
from tests.factories import make_member

S = AttendanceStatus
DAY = datetime.date(2026, 3, 5)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _held_meeting(t, *, status=MeetingStatus.DRAFT) -> Meeting:
    """The meeting of the module docstring, with its record."""
    m = Meeting.objects.create(
        unit=t.cell_a1,
        kind=MeetingKind.REGULAR,
        status=status,
        date=DAY,
        start_time=datetime.time(19, 30),
        started_at=datetime.time(19, 35),
        ended_at=datetime.time(21, 15),
        place="Nhà văn hóa thôn Bản Chợ",
        chair=t.an_a1,
        minute_taker=t.bich_a1,
        study_document="Chỉ thị 05-CT/TW",
        resolution="Chi bộ thống nhất tập trung thu quỹ.\nHoàn thành sửa đường trước 30/4.",
        votes_for=2,
        votes_against=0,
        votes_abstain=0,
    )
    dung = make_member(t.cell_a1, "Đỗ Thị Dung", full_member_on=None)
    em = make_member(t.cell_a1, "Hà Văn Em")
    giang = make_member(t.cell_a1, "Lương Văn Giang")
    hanh = make_member(t.cell_a1, "Mai Thị Hạnh")
    rows = [
        (t.an_a1, S.PRESENT, "", {}),
        (t.bich_a1, S.PRESENT, "", {}),
        (t.cuong_a1, S.UNEXCUSED, "", {}),
        (dung, S.PRESENT, "", {"full": False}),
        (em, S.EXEMPTED, "", {"exempted": True}),
        (giang, S.ATTACHED_ELSEWHERE, "", {"attached_elsewhere": True}),
        (hanh, S.EXCUSED, "ốm", {}),
        (t.dung_a2, S.PRESENT, "", {"attached_here": True}),
    ]
    for member, status, reason, flags in rows:
        Attendance.objects.create(meeting=m, member=member, status=status, reason=reason, **flags)
    for order, section, title, notes in [
        (1, Section.OPENING, "Khai mạc", "Đồng chí Bí thư tuyên bố lý do."),
        (2, Section.REVIEW, "Kiểm điểm nghị quyết tháng 2", "Chi bộ đã hoàn thành phần lớn."),
        (3, Section.STUDY, "Học tập chuyên đề", ""),
        (4, Section.CRITICISM, "Tự phê bình và phê bình", ""),
        (5, Section.OFFICIALS, "Đại biểu cấp trên phát biểu", ""),
        (6, Section.DISCUSSION, "Thảo luận nhiệm vụ tháng 4", ""),
    ]:
        AgendaItem.objects.create(meeting=m, order=order, section=section, title=title, notes=notes)
    Guest.objects.create(
        meeting=m,
        name="Hoàng Văn Minh",
        position="Phó Bí thư Đảng ủy xã",
        organisation="Đảng bộ xã Chiêm Hoá",
        is_official=True,
        comments="Chi bộ cần khắc phục vắng không lý do.",
    )
    Speech.objects.create(meeting=m, member=t.bich_a1, content="Đề nghị thu quỹ sớm.")
    Speech.objects.create(
        meeting=m,
        kind=SpeechKind.CRITICISM,
        member=t.an_a1,
        about="đồng chí Lê Văn Cường",
        content="Vắng sinh hoạt không lý do.",
    )
    earlier = Meeting.objects.create(
        unit=t.cell_a1,
        kind=MeetingKind.REGULAR,
        status=MeetingStatus.ADOPTED,
        date=DAY.replace(month=2),
    )
    road = Assignment.objects.create(
        unit=t.cell_a1,
        meeting=earlier,
        title="Tu sửa đường liên thôn",
        deadline=datetime.date(2026, 3, 1),
        status=AssignmentStatus.DONE,
        outcome="Đã sửa 200 m",
        reviewed_in=m,
        review_note="Hoàn thành đúng hạn",
    )
    road.assignees.set([t.cuong_a1])
    fund = Assignment.objects.create(
        unit=t.cell_a1, meeting=m, title="Vận động nộp quỹ", deadline=datetime.date(2026, 3, 31)
    )
    fund.assignees.set([t.bich_a1, t.an_a1])
    Assignment.objects.create(
        unit=t.cell_a1,
        meeting=m,
        title="Chuẩn bị sinh hoạt chuyên đề quý II",
        deadline=datetime.date(2026, 4, 5),
        to_committee=True,
    )
    return m


@pytest.fixture
def held(tree):
    """The held meeting of the module docstring."""
    return _held_meeting(tree)


def _download(client, name, meeting) -> Document:
    """GET a document view and read the answer back with python-docx."""
    response = client.get(reverse(f"meetings:{name}", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    return Document(io.BytesIO(response.content))


def _lines(doc) -> list[str]:
    """Text of every paragraph of the body (tables included), in order."""
    body = doc.element.body
    return ["".join(t.text for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


def _table(doc, first_header: str, second_header: str):
    """The rows (lists of cell texts) of the table whose header starts with the two given."""
    for table in doc.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[:2] == [first_header, second_header]:
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table {first_header}/{second_header}")


def test_minutes_content(held, tree, client_for):
    """The minutes hold the MIN-2 items with the figures worked out by hand (ATT-1, VOTE-2)."""
    client = client_for(tree.bithu)
    response = client.get(reverse("meetings:minutes-docx", args=[held.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="bien-ban-2026-03-05-chi-bo-thon-ban-cho.docx"'
    )
    doc = Document(io.BytesIO(response.content))
    lines = _lines(doc)
    text = "\n".join(lines)
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[0] == "ĐẢNG BỘ XÃ CHIÊM HOÁ\nCHI BỘ THÔN BẢN CHỢ\n*"
    # Long place → the superior unit's name without "Đảng bộ xã" (layout.date_place).
    assert header[1] == "ĐẢNG CỘNG SẢN VIỆT NAM\n\nChiêm Hoá, ngày 05 tháng 3 năm 2026"
    assert "BIÊN BẢN" in lines and "Sinh hoạt chi bộ tháng 3 năm 2026" in lines
    assert "Thời gian: bắt đầu lúc 19 giờ 35 phút, ngày 05 tháng 3 năm 2026." in lines
    assert "Chủ trì: đồng chí Nguyễn Văn Ân." in lines
    assert "Thư ký: đồng chí Trần Thị Bích." in lines
    assert (  # rule ATT-0 / MIN-2
        "Thành phần: Tổng số đảng viên: 7; chính thức 6, dự bị 1; miễn sinh hoạt 1; "
        "sinh hoạt tạm thời nơi khác 1; đảng viên nơi khác sinh hoạt tạm thời tại chi bộ 1; "
        "có mặt 4; vắng 2 (có lý do 1: Mai Thị Hạnh — ốm; không lý do 1: Lê Văn Cường)."
    ) in lines
    assert (  # rule ATT-1
        "Tỷ lệ dự sinh hoạt: 4/6 = 66,7% (theo Hướng dẫn 42-HD/BTCTW, 28/10/2025; "
        "Chỉ thị 50-CT/TW; Quy định 294-QĐ/TW)."
    ) in lines
    assert "Đảng viên nơi khác sinh hoạt tạm thời tại chi bộ: Phạm Văn Dũng (có mặt)." in lines
    assert (
        "- Đồng chí Hoàng Văn Minh, Phó Bí thư Đảng ủy xã, Đảng bộ xã Chiêm Hoá "
        "(cấp ủy viên cấp trên dự, theo dõi chi bộ)."
    ) in lines
    for heading in (
        "1. Khai mạc",
        "2. Kiểm điểm nghị quyết tháng 2",
        "6. Thảo luận nhiệm vụ tháng 4",
    ):
        assert heading in lines
    assert "Tài liệu học tập, quán triệt: Chỉ thị 05-CT/TW." in lines
    assert "- Đồng chí Lê Văn Cường" not in text  # absent: spoke of, not speaking
    assert "- Đồng chí Nguyễn Văn Ân (phê bình; về: đồng chí Lê Văn Cường): " in text
    assert "- Đồng chí Trần Thị Bích: Đề nghị thu quỹ sớm." in lines
    assert "- Đồng chí Hoàng Văn Minh (Phó Bí thư Đảng ủy xã): Chi bộ cần khắc phục" in text
    assert _table(doc, "STT", "Nhiệm vụ")[1] == [
        "1",
        "Tu sửa đường liên thôn",
        "Lê Văn Cường",
        "Hoàn thành: Đã sửa 200 m",
        "Hoàn thành đúng hạn",
    ]
    assert "Chi bộ thống nhất tập trung thu quỹ." in lines  # one paragraph per line
    assert (  # rules VOTE-1, VOTE-2
        "Kết quả biểu quyết: Tán thành 2/3, đạt 66,7%; không tán thành 0; "
        "không biểu quyết 0. Nghị quyết được thông qua."
    ) in lines
    tasks = [t for t in doc.tables if [c.text for c in t.rows[0].cells][-1] == "Thời hạn"][0]
    assert [[c.text for c in r.cells] for r in tasks.rows[1:]] == [
        ["1", "Vận động nộp quỹ", "Nguyễn Văn Ân, Trần Thị Bích", "31/03/2026"],
        ["2", "Chuẩn bị sinh hoạt chuyên đề quý II", "Chi ủy", "05/04/2026"],
    ]
    assert "Buổi sinh hoạt kết thúc lúc 21 giờ 15 phút cùng ngày." in lines
    # Two signature blocks; the chair on the right by default (CHIBO_MINUTES_CHAIR_SIDE).
    signatures = [c.text.split("\n") for c in doc.tables[-1].rows[0].cells]
    assert [s[0] for s in signatures] == ["THƯ KÝ", "CHỦ TRÌ"]
    assert [s[-1] for s in signatures] == ["Trần Thị Bích", "Nguyễn Văn Ân"]
    # Not adopted: a draft mark on the first page's header; page numbers from page 2.
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == "DỰ THẢO"
    assert "PAGE" in section.header._element.xml


def test_fonts_and_page(held, tree, client_for):
    """A4, HD 36 margins, Times New Roman 14 pt (East Asian slot too) on the style and on
    every run of the body; the rule under "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    doc = _download(client_for(tree.bithu), "minutes-docx", held)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin)
    assert [round(m.mm) for m in (*margins, section.right_margin)] == [20, 20, 30, 15]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    runs = [r for p in doc.element.body.iter(qn("w:p")) for r in p.iter(qn("w:r"))]
    assert runs
    for r in runs:
        assert r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    party, rule = doc.tables[0].rows[0].cells[1].paragraphs[:2]
    assert party.runs[0].bold and party.runs[0].font.size.pt == 15
    assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    width = 89.2 - rule.paragraph_format.left_indent.mm - rule.paragraph_format.right_indent.mm
    assert round(width) == layout.PARTY_LINE_MM  # as long as the words (65.4 mm)


def test_attendance_sheet(held, tree, client_for):
    """The sheet lists the roll (ATT-0), members attached here apart, the totals and rate."""
    client = client_for(tree.bithu)
    response = client.get(reverse("meetings:attendance-docx", args=[held.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-du-sinh-hoat-2026-03-05-chi-bo-thon-ban-cho.docx"'
    )
    doc = Document(io.BytesIO(response.content))
    lines = _lines(doc)
    assert "DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT" in lines
    assert "Buổi sinh hoạt chi bộ thường kỳ ngày 05 tháng 3 năm 2026" in lines
    own, attached = [
        [[c.text for c in r.cells] for r in t.rows]
        for t in doc.tables
        if t.rows[0].cells[0].text == "STT"
    ]
    assert own[0] == ["STT", "Họ và tên", "Chính thức/ Dự bị", "Tình trạng", "Ký tên"]
    assert own[1:] == [  # Vietnamese name order: by given name
        ["1", "Nguyễn Văn Ân", "Chính thức", "Có mặt", ""],
        ["2", "Trần Thị Bích", "Chính thức", "Có mặt", ""],
        ["3", "Lê Văn Cường", "Chính thức", "Vắng không lý do", ""],
        ["4", "Đỗ Thị Dung", "Dự bị", "Có mặt", ""],
        ["5", "Hà Văn Em", "Chính thức", "Miễn sinh hoạt", ""],
        ["6", "Lương Văn Giang", "Chính thức", "Sinh hoạt tạm thời nơi khác", ""],
        ["7", "Mai Thị Hạnh", "Chính thức", "Vắng có lý do: ốm", ""],
    ]
    assert attached[1:] == [["1", "Phạm Văn Dũng", "Chính thức", "Có mặt", ""]]
    for line in [
        "- Tổng số đảng viên của chi bộ: 7 (chính thức 6, dự bị 1).",
        "- Miễn sinh hoạt: 1.",
        "- Sinh hoạt tạm thời nơi khác: 1.",
        "- Đảng viên nơi khác sinh hoạt tạm thời tại chi bộ: 1.",
        "- Số đảng viên phải dự sinh hoạt: 6.",
        "- Có mặt: 4.",
        "- Vắng có lý do: 1.",
        "- Vắng không lý do: 1.",
        "- Tỷ lệ dự sinh hoạt: 4/6 = 66,7% (theo Hướng dẫn 42-HD/BTCTW, 28/10/2025; "
        "Chỉ thị 50-CT/TW; Quy định 294-QĐ/TW).",
    ]:
        assert line in lines
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[0].split("\n")[1] == "CHI BỘ THÔN BẢN CHỢ"
    assert header[1].startswith("ĐẢNG CỘNG SẢN VIỆT NAM\n")
    assert not doc.sections[0].first_page_header.paragraphs[0].text  # no draft mark here


def test_adopted_minutes_with_addendum_and_chair_left(tree, client_for, settings):
    """Adopted minutes: no draft mark, the corrections listed (MIN-3); the chair's block on
    the left when CHIBO_MINUTES_CHAIR_SIDE is "left"."""
    settings.CHIBO_MINUTES_CHAIR_SIDE = "left"
    meeting = _held_meeting(tree, status=MeetingStatus.ADOPTED)
    tree.bithu.last_name, tree.bithu.first_name = "Nguyễn Văn", "Ân"
    tree.bithu.save()
    addendum = Addendum.objects.create(
        meeting=meeting, author=tree.bithu, reason="Ghi sai số phiếu", text="Sửa thành 2 phiếu."
    )
    Addendum.objects.filter(pk=addendum.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0))
    )
    doc = _download(client_for(tree.xa), "minutes-docx", meeting)
    lines = _lines(doc)
    assert not doc.sections[0].first_page_header.paragraphs[0].text
    assert "PHỤ LỤC ĐÍNH CHÍNH" in lines
    assert "1. Ngày 10/03/2026, đồng chí Nguyễn Văn Ân. Lý do: Ghi sai số phiếu." in lines
    assert "Nội dung đính chính: Sửa thành 2 phiếu." in lines
    signatures = [c.text.split("\n") for c in doc.tables[-1].rows[0].cells]
    assert [s[0] for s in signatures] == ["CHỦ TRÌ", "THƯ KÝ"]


@pytest.mark.parametrize("name", ["minutes-docx", "attendance-docx"])
def test_scope(held, tree, client_for, name):
    """Readers in scope download; another commune's secretary gets 404; anonymous users are
    sent to the login page; a meeting not held (planned) answers 404."""
    url = reverse(f"meetings:{name}", args=[held.pk])
    assert client_for(tree.xa).get(url).status_code == 200
    assert client_for(tree.dangvien).get(url).status_code == 200
    assert client_for(tree.ngoai).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    planned = Meeting.objects.create(
        unit=tree.cell_a1, kind=MeetingKind.REGULAR, date=datetime.date(2026, 12, 5)
    )
    assert (
        client_for(tree.bithu).get(reverse(f"meetings:{name}", args=[planned.pk])).status_code
        == 404
    )
    cancelled = Meeting.objects.create(
        unit=tree.cell_a1,
        kind=MeetingKind.REGULAR,
        date=datetime.date(2026, 1, 5),
        status=MeetingStatus.CANCELLED,
    )
    url = reverse(f"meetings:{name}", args=[cancelled.pk])
    assert client_for(tree.bithu).get(url).status_code == 404


#: Queries of one download: session, user, grants, meeting, agenda, attendance, rule set,
#: assignments + assignees, review + assignees, guests, speeches, documents, addenda, parent;
#: the minutes add the meeting's ratings (evaluation's closing lines).
QUERIES = {"minutes-docx": 17, "attendance-docx": 16}


@pytest.mark.parametrize("name", ["minutes-docx", "attendance-docx"])
def test_query_count_is_fixed(held, tree, client_for, django_assert_num_queries, name):
    """The number of queries does not grow with the members or the assignments."""
    client = client_for(tree.bithu)
    url = reverse(f"meetings:{name}", args=[held.pk])
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(url).status_code == 200
    for i in range(5):
        member = make_member(tree.cell_a1, f"Vũ Văn Thêm {i}")
        Attendance.objects.create(meeting=held, member=member, status=S.PRESENT)
        task = Assignment.objects.create(
            unit=tree.cell_a1, meeting=held, title=f"Việc {i}", deadline=datetime.date(2026, 4, 1)
        )
        task.assignees.set([member, tree.an_a1])
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(url).status_code == 200


def test_text_helpers():
    """Dates (leading zero for days < 10 and months 1–2), times, percentages, the place."""
    assert layout.long_date(datetime.date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert layout.long_date(datetime.date(2026, 2, 15)) == "ngày 15 tháng 02 năm 2026"
    assert layout.long_date(datetime.date(2026, 11, 9)) == "ngày 09 tháng 11 năm 2026"
    assert layout.clock(datetime.time(7, 5)) == "7 giờ 05 phút"
    assert layout.percent(Fraction(18, 20)) == "90,0%"
    assert layout.percent(Fraction(2, 3)) == "66,7%"
    assert layout.percent(Fraction(1, 8)) == "12,5%"  # half up
    assert layout.date_place("Bản Chợ", "Đảng bộ xã Chiêm Hoá") == "Bản Chợ"
    assert layout.date_place("Nhà văn hóa thôn Bản Chợ", "Đảng bộ xã Chiêm Hóa") == "Chiêm Hóa"
    assert layout.date_place("", "Đảng bộ phường Minh Xuân") == "Minh Xuân"


@pytest.mark.e2e
@pytest.mark.skipif(office_binary() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("name", ["minutes-docx", "attendance-docx"])
def test_render_first_page(held, tree, client_for, name):
    """LibreOffice opens both documents; their first pages are saved as PNG for reviewers
    (`CHIBO_SCREENSHOTS=docs/screenshots` refreshes the committed ones, as in test_browser)."""
    folder = os.environ.get("CHIBO_SCREENSHOTS") or tempfile.gettempdir() + "/chibo-screenshots"
    response = client_for(tree.bithu).get(reverse(f"meetings:{name}", args=[held.pk]))
    png = render_first_page(response.content, f"{folder}/{name}.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
