"""The minutes of a meeting (BIÊN BẢN) as DOCX, holding what rule MIN-2 asks for.

Parts: I. time, place, chair and minute-taker, roll call as one sentence with absentees'
names and reasons and the attendance rate (ATT-1), members attached here, guests; II. the
content, one numbered heading per agenda item with its notes, the structured records placed
under the item of their part (review of last month's assignments, the document studied,
self-criticism and criticism, visiting officials' comments, opinions) or after the agenda when
no item has that part; III. the resolution and its vote (VOTE-1/2); IV. the assignments; the
end time; corrections of adopted minutes (MIN-3); the two signature blocks (MIN-1). Minutes not
yet adopted carry a "DỰ THẢO" mark. Layout: `layout` (Hướng dẫn 36-HD/VPTW).

Party documents are always Vietnamese: the fixed text is Vietnamese, not gettext.
"""

from django.utils import timezone

from chibo.core.text import person_name
from chibo.meetings.documents import layout
from chibo.meetings.documents.attendance import chair_side_blocks, status_text
from chibo.meetings.models import (
    AssignmentStatus,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    Section,
    SpeechKind,
)

#: A blank to fill by hand where the record has no value.
BLANK = "……………………"

#: Outcome of an assignment as the review writes it.
ASSIGNMENT_STATUS_TEXT = {
    AssignmentStatus.OPEN: "Đang thực hiện",
    AssignmentStatus.DONE: "Hoàn thành",
    AssignmentStatus.NOT_DONE: "Không hoàn thành",
}

#: Title of a structured part written after the agenda when no agenda item has its section.
PART_TITLES = {
    Section.REVIEW: "Kiểm điểm việc thực hiện nhiệm vụ được phân công kỳ trước",
    Section.STUDY: "Học tập, quán triệt tài liệu",
    Section.CRITICISM: "Tự phê bình và phê bình",
    Section.OFFICIALS: "Ý kiến của đại biểu, khách mời",
    Section.DISCUSSION: "Ý kiến thảo luận",
}


def minutes_summary(meeting) -> str:
    """The summary line: "Sinh hoạt chi bộ tháng 3 năm 2026", "Sinh hoạt chuyên đề: <topic>",
    both joined for a combined meeting, "Họp chi ủy tháng 3 năm 2026" for the committee."""
    month = f"tháng {meeting.date.month} năm {meeting.date.year}"
    topic = meeting.topic or BLANK
    if meeting.kind == MeetingKind.THEMATIC:
        return f"Sinh hoạt chuyên đề: {topic}"
    if meeting.kind == MeetingKind.COMBINED:
        return f"Sinh hoạt chi bộ {month} và sinh hoạt chuyên đề: {topic}"
    if meeting.kind == MeetingKind.COMMITTEE:
        return f"Họp chi ủy {month}"
    return f"Sinh hoạt chi bộ {month}"


def roll_call_sentence(record) -> str:
    """The roll call as one sentence (MIN-2, ATT-0): "Tổng số đảng viên: 7; chính thức 6, dự
    bị 1; miễn sinh hoạt 1; sinh hoạt tạm thời nơi khác 1; có mặt 4; vắng 2 (có lý do 1:
    Mai Thị Hạnh — ốm; không lý do 1: Lê Văn Cường)".

    Counts come from `record.figures` (exempted: those absent, rule ATT-1); members on special
    duty and members attached here from other cells are named only when there are any.
    """
    f = record.figures
    parts = [
        f"Tổng số đảng viên: {f.on_roll}",
        f"chính thức {f.full}, dự bị {f.probationary}",
        f"miễn sinh hoạt {f.exempted}",
        f"sinh hoạt tạm thời nơi khác {f.attached_elsewhere}",
    ]
    if f.special_duty:
        parts.append(f"làm nhiệm vụ đặc biệt {f.special_duty}")
    if f.attached_here:
        parts.append(f"đảng viên nơi khác sinh hoạt tạm thời tại chi bộ {f.attached_here}")
    parts.append(f"có mặt {f.present}")
    absent = f"vắng {f.excused + f.unexcused}"
    excused = [r for r in record.attendance if r.status == AttendanceStatus.EXCUSED]
    unexcused = [r for r in record.attendance if r.status == AttendanceStatus.UNEXCUSED]
    details = []
    if excused:
        names = ", ".join(
            f"{r.member.full_name} — {r.reason}" if r.reason else r.member.full_name
            for r in excused
        )
        details.append(f"có lý do {len(excused)}: {names}")
    if unexcused:
        details.append(
            f"không lý do {len(unexcused)}: " + ", ".join(r.member.full_name for r in unexcused)
        )
    parts.append(f"{absent} ({'; '.join(details)})" if details else absent)
    return "; ".join(parts)


def vote_sentence(vote) -> str:
    """The vote on the resolution (VOTE-1/2): "Tán thành 2/3, đạt 66,7%; không tán thành 0;
    không biểu quyết 0. Nghị quyết được thông qua." from a `VoteResult`; None (no vote
    recorded, or more votes than voters) gives a blank to fill."""
    if vote is None:
        return BLANK
    verdict = "Nghị quyết được thông qua." if vote.passed else "Nghị quyết không được thông qua."
    return (
        f"Tán thành {vote.votes_for}/{vote.denominator}, đạt {layout.percent(vote.share_for)}; "
        f"không tán thành {vote.votes_against}; không biểu quyết {vote.votes_abstain}. {verdict}"
    )


def _speaker(speech) -> str:
    """Who spoke: the member's full name, else the name written in."""
    return speech.member.full_name if speech.member else speech.speaker_name


def _text(doc, text: str) -> None:
    """Body paragraphs of a multi-line text, one per non-empty line."""
    for line in (text or "").splitlines():
        if line.strip():
            layout.para(doc, line.strip())


def _general(doc, record) -> None:
    """Part I: time and place, chair and minute-taker, roll call, rate, guests."""
    meeting = record.meeting
    layout.heading(doc, "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", before=0)
    start = meeting.started_at or meeting.start_time
    when = f"bắt đầu lúc {layout.clock(start)}, " if start else ""
    layout.para(doc, ("Thời gian: ", "b"), f"{when}{layout.long_date(meeting.date)}.")
    layout.para(doc, ("Địa điểm: ", "b"), f"{meeting.place or BLANK}.")
    chair = meeting.chair.full_name if meeting.chair else BLANK
    taker = meeting.minute_taker.full_name if meeting.minute_taker else BLANK
    layout.para(doc, ("Chủ trì: ", "b"), f"đồng chí {chair}.")
    layout.para(doc, ("Thư ký: ", "b"), f"đồng chí {taker}.")
    layout.para(doc, ("Thành phần: ", "b"), f"{roll_call_sentence(record)}.")
    layout.para(doc, f"{layout.rate_text(record.figures, record.rule_set)}.")
    attached = [r for r in record.attendance if r.attached_here]
    if attached:
        names = "; ".join(f"{r.member.full_name} ({status_text(r).lower()})" for r in attached)
        layout.para(doc, ("Đảng viên nơi khác sinh hoạt tạm thời tại chi bộ: ", "b"), f"{names}.")
    if not record.guests:
        layout.para(doc, ("Đại biểu, khách mời: ", "b"), "không có.")
        return
    layout.para(doc, ("Đại biểu, khách mời:", "b"))
    for guest in record.guests:
        details = ", ".join(x for x in (guest.position, guest.organisation) if x)
        role = " (cấp ủy viên cấp trên dự, theo dõi chi bộ)" if guest.is_official else ""
        layout.para(doc, f"- Đồng chí {guest.name}{', ' + details if details else ''}{role}.")


def _review(doc, record, labelled: bool) -> bool:
    """The review of earlier assignments as a table (after a label when `labelled`); False
    when there is none."""
    if not record.review:
        return False
    if labelled:
        layout.para(doc, "Kết quả thực hiện nhiệm vụ được phân công kỳ trước:", italic=True)
    rows = []
    for i, a in enumerate(record.review, start=1):
        outcome = ASSIGNMENT_STATUS_TEXT.get(a.status, a.status)
        rows.append(
            (
                str(i),
                a.title,
                _assignees(a),
                f"{outcome}: {a.outcome}" if a.outcome else outcome,
                a.review_note,
            )
        )
    headers = ("STT", "Nhiệm vụ", "Người thực hiện", "Kết quả", "Nhận xét của chi bộ")
    layout.data_table(doc, headers, rows, (13, 45, 35, 36, 36))
    return True


def _study(doc, record) -> bool:
    """The document studied; False when none is recorded."""
    if not record.meeting.study_document:
        return False
    layout.para(doc, ("Tài liệu học tập, quán triệt: ", "b"), f"{record.meeting.study_document}.")
    return True


def _speeches(doc, speeches, label: str) -> bool:
    """A list of speeches ("- Đồng chí X (tự phê bình): …") after `label` unless it is "";
    False when empty."""
    if not speeches:
        return False
    if label:
        layout.para(doc, label, italic=True)
    kinds = {SpeechKind.SELF_CRITICISM: "tự phê bình", SpeechKind.CRITICISM: "phê bình"}
    for s in speeches:
        tags = [kinds[s.kind]] if s.kind in kinds else []
        if s.about:
            tags.append(f"về: {s.about}")
        tag = f" ({'; '.join(tags)})" if tags else ""
        layout.para(doc, (f"- Đồng chí {_speaker(s)}{tag}: ", "b"), s.content)
    return True


def _officials(doc, record, labelled: bool) -> bool:
    """Comments of visiting officials and guests (VIS-3), after a label when `labelled`;
    False when none commented."""
    commenting = [g for g in record.guests if g.comments]
    if not commenting:
        return False
    if labelled:
        layout.para(doc, "Ý kiến phát biểu của đại biểu, khách mời:", italic=True)
    for g in commenting:
        position = f" ({g.position})" if g.position else ""
        layout.para(doc, (f"- Đồng chí {g.name}{position}: ", "b"), g.comments)
    return True


def _content(doc, record) -> None:
    """Part II: each agenda item as a numbered heading with its notes; each structured record
    under the first item of its part, the rest after the agenda."""
    opinions = [s for s in record.speeches if s.kind == SpeechKind.OPINION]
    criticism = [s for s in record.speeches if s.kind != SpeechKind.OPINION]
    blocks = {
        Section.REVIEW: lambda labelled: _review(doc, record, labelled),
        Section.STUDY: lambda labelled: _study(doc, record),
        Section.CRITICISM: lambda labelled: _speeches(
            doc, criticism, "Tự phê bình và phê bình:" if labelled else ""
        ),
        Section.OFFICIALS: lambda labelled: _officials(doc, record, labelled),
        Section.DISCUSSION: lambda labelled: _speeches(
            doc, opinions, "Ý kiến thảo luận:" if labelled else ""
        ),
    }
    layout.heading(doc, "II. NỘI DUNG")
    number = 0
    for item in record.agenda:
        number += 1
        layout.heading(doc, f"{number}. {item.title}", before=4)
        if item.presenter:
            layout.para(doc, f"Trình bày: đồng chí {item.presenter.full_name}.", italic=True)
        _text(doc, item.notes)
        block = blocks.pop(item.section, None)
        if block:
            block(bool(item.notes.strip()))
    for section, block in blocks.items():
        probe = _has_content(record, section, opinions, criticism)
        if probe:
            number += 1
            layout.heading(doc, f"{number}. {PART_TITLES[section]}", before=4)
            block(False)
    if not record.agenda and number == 0:
        layout.para(doc, BLANK)


def _has_content(record, section, opinions, criticism) -> bool:
    """Whether the structured record of `section` has anything to write."""
    return bool(
        {
            Section.REVIEW: record.review,
            Section.STUDY: record.meeting.study_document,
            Section.CRITICISM: criticism,
            Section.OFFICIALS: [g for g in record.guests if g.comments],
            Section.DISCUSSION: opinions,
        }[section]
    )


def _assignees(assignment) -> str:
    """Who an assignment is given to: the members' names, and "Chi ủy" for the committee."""
    names = [m.full_name for m in assignment.assignees.all()]
    if assignment.to_committee:
        names.insert(0, "Chi ủy")
    return ", ".join(names)


def _resolution(doc, record) -> None:
    """Part III: the resolution (or conclusion) and its vote."""
    layout.heading(doc, "III. NGHỊ QUYẾT (KẾT LUẬN) VÀ BIỂU QUYẾT")
    if record.meeting.resolution:
        _text(doc, record.meeting.resolution)
    else:
        layout.para(doc, BLANK)
    layout.para(doc, ("Kết quả biểu quyết: ", "b"), vote_sentence(record.vote))


def _assignments(doc, record) -> None:
    """Part IV: the tasks given at this meeting (No., task, assigned to, deadline)."""
    layout.heading(doc, "IV. PHÂN CÔNG NHIỆM VỤ")
    if not record.assignments:
        layout.para(doc, "Không có nhiệm vụ phân công.")
        return
    rows = [
        (str(i), a.title, _assignees(a), layout.short_date(a.deadline))
        for i, a in enumerate(record.assignments, start=1)
    ]
    headers = ("STT", "Nhiệm vụ", "Người thực hiện", "Thời hạn")
    layout.data_table(doc, headers, rows, (13, 80, 44, 28), centred=(0, 3))


def _addenda(doc, record) -> None:
    """Corrections of adopted minutes (MIN-3): date, author, reason, text, numbered."""
    if record.meeting.status != MeetingStatus.ADOPTED or not record.addenda:
        return
    layout.para(doc, "PHỤ LỤC ĐÍNH CHÍNH", bold=True, align=layout.CENTER, indent=False, before=12)
    for i, a in enumerate(record.addenda, start=1):
        day = layout.short_date(timezone.localtime(a.created_at).date())
        author = person_name(a.author) or BLANK
        layout.para(doc, (f"{i}. Ngày {day}, đồng chí {author}. ", "b"), f"Lý do: {a.reason}.")
        layout.para(doc, ("Nội dung đính chính: ", "i"), a.text)


#: Functions `(record) -> list[str]` whose lines close the minutes, before the end time. The
#: evaluation app registers the meeting's rating here (RULES "Order" item 11, QUAL-3), so that
#: meetings never imports evaluation (ARCHITECTURE: the higher app calls the lower one).
CLOSING_LINES: list = []


def register_closing_lines(provider):
    """Add `provider(record) -> list[str]` to the closing lines of every minutes; returns it."""
    if provider not in CLOSING_LINES:
        CLOSING_LINES.append(provider)
    return provider


def minutes_docx(record, *, superior_name: str) -> bytes:
    """The minutes of a held meeting as DOCX bytes (rules MIN-1, MIN-2, MIN-3).

    Takes a `MeetingRecord` (selectors.meeting_record) and the name of the cell's superior
    unit ("Đảng bộ xã Chiêm Hóa"; "" when unknown). Missing values are printed as dotted
    blanks to fill by hand; minutes not adopted are marked "DỰ THẢO" at the top of page 1.
    The chair's block stands on the side given by settings.CHIBO_MINUTES_CHAIR_SIDE.
    """
    meeting = record.meeting
    draft = meeting.status != MeetingStatus.ADOPTED
    doc = layout.new_document(first_page_mark="DỰ THẢO" if draft else "")
    layout.header_block(
        doc,
        superior_name=superior_name,
        cell_name=meeting.unit.name,
        place=layout.date_place(meeting.place, superior_name),
        day=meeting.date,
    )
    layout.title_block(doc, "BIÊN BẢN", minutes_summary(meeting))
    _general(doc, record)
    _content(doc, record)
    _resolution(doc, record)
    _assignments(doc, record)
    for provider in CLOSING_LINES:
        for line in provider(record):
            layout.para(doc, line)
    what = "Cuộc họp" if meeting.kind == MeetingKind.COMMITTEE else "Buổi sinh hoạt"
    end = f"{what} kết thúc lúc {layout.clock(meeting.ended_at)} cùng ngày."
    layout.para(doc, end, before=8).paragraph_format.keep_with_next = True
    _addenda(doc, record)
    left, right = chair_side_blocks(record)
    layout.signature_blocks(doc, left, right)
    return layout.to_bytes(doc)
