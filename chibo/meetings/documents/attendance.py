"""The attendance sheet of a meeting (DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT) as DOCX.

One row per member of the roll call (rule ATT-0 statuses), members of other cells attached to
this one in a second part, an empty "Ký tên" column to sign on paper, the totals and the
attendance rate of rule ATT-1, and signature blocks. Layout: `layout` (Hướng dẫn 36-HD/VPTW).
Party documents are always Vietnamese: the fixed text is Vietnamese, not gettext.
"""

from django.conf import settings

from chibo.meetings.documents import layout
from chibo.meetings.models import AttendanceStatus, MeetingKind

#: What the sheet writes in "Tình trạng" for each status (rule ATT-0).
STATUS_TEXT = {
    AttendanceStatus.PRESENT: "Có mặt",
    AttendanceStatus.EXCUSED: "Vắng có lý do",
    AttendanceStatus.UNEXCUSED: "Vắng không lý do",
    AttendanceStatus.EXEMPTED: "Miễn sinh hoạt",
    AttendanceStatus.ATTACHED_ELSEWHERE: "Sinh hoạt tạm thời nơi khác",
    AttendanceStatus.SPECIAL_DUTY: "Làm nhiệm vụ đặc biệt",
}

#: How each kind of meeting is named in a sentence ("buổi sinh hoạt chuyên đề").
KIND_TEXT = {
    MeetingKind.REGULAR: "sinh hoạt chi bộ thường kỳ",
    MeetingKind.THEMATIC: "sinh hoạt chuyên đề",
    MeetingKind.COMBINED: "sinh hoạt chi bộ thường kỳ và chuyên đề",
    MeetingKind.COMMITTEE: "họp chi ủy",
}

#: Column widths (mm) of the sheet's table: STT, name, full/probationary, status, signature.
COLUMNS_MM = (14, 48, 28, 45, 30)


def status_text(row) -> str:
    """A roll-call row's status as written on the sheet: "Có mặt", "Vắng có lý do: ốm", …"""
    text = STATUS_TEXT.get(row.status, row.status)
    if row.status == AttendanceStatus.EXCUSED and row.reason:
        return f"{text}: {row.reason}"
    return text


def chair_side_blocks(record) -> tuple[tuple[str, str], tuple[str, str]]:
    """(left, right) signature blocks "THƯ KÝ" and "CHỦ TRÌ" with the minute-taker's and the
    chair's full names; the chair stands on the side named by settings
    CHIBO_MINUTES_CHAIR_SIDE ("right", the default, or "left")."""
    meeting = record.meeting
    taker = ("THƯ KÝ", meeting.minute_taker.full_name if meeting.minute_taker else "")
    chair = ("CHỦ TRÌ", meeting.chair.full_name if meeting.chair else "")
    side = getattr(settings, "CHIBO_MINUTES_CHAIR_SIDE", "right")
    return (chair, taker) if side == "left" else (taker, chair)


def _table(doc, rows) -> None:
    """The members' table: STT, Họ và tên, Chính thức/Dự bị, Tình trạng, Ký tên (empty)."""
    layout.data_table(
        doc,
        ("STT", "Họ và tên", "Chính thức/ Dự bị", "Tình trạng", "Ký tên"),
        [
            (
                str(i),
                row.member.full_name,
                "Chính thức" if row.full else "Dự bị",
                status_text(row),
                "",
            )
            for i, row in enumerate(rows, start=1)
        ],
        COLUMNS_MM,
        size=13,
        centred=(0, 2),
        row_mm=9,
    )


def totals_lines(figures, rule_set) -> list[str]:
    """The totals under the table, one line each (rule ATT-1): on the roll (full and
    probationary), exempted, attached elsewhere, special duty (when any), attached here (when
    any), expected (the denominator), present, excused, unexcused, and the rate sentence."""
    lines = [
        f"Tổng số đảng viên của chi bộ: {figures.on_roll} "
        f"(chính thức {figures.full}, dự bị {figures.probationary})",
        f"Miễn sinh hoạt: {figures.exempted}",
        f"Sinh hoạt tạm thời nơi khác: {figures.attached_elsewhere}",
    ]
    if figures.special_duty:
        lines.append(f"Làm nhiệm vụ đặc biệt: {figures.special_duty}")
    if figures.attached_here:
        lines.append(f"Đảng viên nơi khác sinh hoạt tạm thời tại chi bộ: {figures.attached_here}")
    lines += [
        f"Số đảng viên phải dự sinh hoạt: {figures.expected}",
        f"Có mặt: {figures.present}",
        f"Vắng có lý do: {figures.excused}",
        f"Vắng không lý do: {figures.unexcused}",
        layout.rate_text(figures, rule_set),
    ]
    return lines


def attendance_docx(record, *, superior_name: str) -> bytes:
    """The attendance sheet of a held meeting as DOCX bytes.

    Takes a `MeetingRecord` (selectors.meeting_record) and the name of the cell's superior
    unit ("Đảng bộ xã Chiêm Hóa"; "" when unknown). Members of the cell are listed first,
    members attached here from other cells in a second part (rule ATT-1: they are expected
    here); the totals and the rate come from `record.figures`, the legal basis from the
    rule set in force on the meeting date.
    """
    meeting = record.meeting
    doc = layout.new_document()
    layout.header_block(
        doc,
        superior_name=superior_name,
        cell_name=meeting.unit.name,
        place=layout.date_place(meeting.place, superior_name),
        day=meeting.date,
    )
    kind = KIND_TEXT.get(meeting.kind, "sinh hoạt chi bộ")
    layout.title_block(
        doc, "DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT", f"Buổi {kind} {layout.long_date(meeting.date)}"
    )
    own = [r for r in record.attendance if not r.attached_here]
    attached = [r for r in record.attendance if r.attached_here]
    if attached:
        layout.heading(doc, "I. ĐẢNG VIÊN CỦA CHI BỘ", before=0)
    _table(doc, own)
    if attached:
        layout.heading(doc, "II. ĐẢNG VIÊN NƠI KHÁC SINH HOẠT TẠM THỜI TẠI CHI BỘ")
        _table(doc, attached)
    layout.heading(doc, "TỔNG HỢP")
    for line in totals_lines(record.figures, record.rule_set):
        last = layout.para(doc, f"- {line}.", indent=False, after=2)
    last.paragraph_format.keep_with_next = True  # the rate stays with the signatures
    left, right = chair_side_blocks(record)
    layout.signature_blocks(doc, left, right)
    return layout.to_bytes(doc)
