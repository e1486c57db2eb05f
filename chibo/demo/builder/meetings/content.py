"""What was said and decided at a held meeting: document studied, tasks and their review,
resolution, guests, speeches and the notes of each agenda item (RULES "Order of a regular
meeting", MIN-2, VIS-3)."""

import datetime
import random

from chibo.demo.builder.accounts import DEMO_ACCOUNTS, VISIT_CELLS, VISIT_COMMUNE
from chibo.demo.builder.meetings import texts
from chibo.demo.builder.meetings.save import GuestRow, SpeechRow
from chibo.demo.builder.meetings.year import lower_first
from chibo.meetings.models import (
    Assignment,
    AssignmentStatus,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Section,
    SpeechKind,
)

PRESENT = AttendanceStatus.PRESENT.value
OPINION = SpeechKind.OPINION.value
SELF_CRITICISM = SpeechKind.SELF_CRITICISM.value
CRITICISM = SpeechKind.CRITICISM.value

_DAY = datetime.timedelta(days=1)
#: The demo account of a visiting official (VIS-1) and its entry in DEMO_ACCOUNTS.
VISITOR = "giamsat"
_VISITOR = next(a for a in DEMO_ACCOUNTS if a["username"] == VISITOR)
#: The demo account `giamsat` attends this many meetings a year of each cell it follows
#: (VIS-2: commune-level committee members ≥ 6 a year).
VISITS_A_YEAR = 7


def study_document(rng: random.Random, day: datetime.date, role: str) -> str:
    """A party document issued before `day` that suits a cell of `role` (rule "Order" 6);
    recent documents are twice as likely."""
    pool = []
    for title, issued, roles in texts.STUDY_DOCUMENTS:
        if issued < day and (not roles or role in roles):
            pool.extend([title] * (2 if (day - issued).days < 400 else 1))
    return rng.choice(pool)


class Tasks:
    """The assignments of one cell: given at held meetings, reviewed at the next held regular
    meeting (rule "Order" items 5 and 9); those not reviewed by the end are done or open
    (`finish`)."""

    def __init__(self, writer):
        """`writer` is the cell's minutes.CellMinutes."""
        self.writer = writer
        self.pending: list[tuple[Assignment, Meeting]] = []
        self.titles = list(texts.TASKS.get(writer.cell.role, ()) + texts.TASKS_COMMON)

    def assign(self, meeting: Meeting, rows: list, weak: bool) -> list[Assignment]:
        """Queue 1–3 assignments (1 at a weak meeting) to present members or the committee."""
        rng, batch = self.writer.rng, self.writer.batch
        present = [r.member_id for r in rows if r.status == PRESENT]
        count = 1 if weak else rng.randint(1, 3)
        made = []
        for title in rng.sample(self.titles, min(count, len(self.titles))):
            to_committee = not present or rng.random() < 0.2
            assignment = Assignment(
                unit_id=self.writer.cell_id,
                title=title,
                deadline=meeting.date + _DAY * rng.randint(10, 35),
                to_committee=to_committee,
                status=AssignmentStatus.OPEN.value,
            )
            members = []
            if not to_committee:
                members = rng.sample(present, min(len(present), rng.choice((1, 1, 2))))
            batch.add_assignment(meeting, assignment, members)
            self.pending.append((assignment, meeting))
            made.append(assignment)
        return made

    def review(self, meeting: Meeting) -> tuple[int, int, int]:
        """Review the pending assignments at `meeting`: mostly done, a few not done or still
        going; returns (reviewed, done, not done)."""
        rng = self.writer.rng
        done = not_done = 0
        for assignment, given in self.pending:
            draw = rng.random()
            assignment.reviewed_in = meeting
            if draw < 0.9:
                first = given.date + _DAY * 3
                last = min(assignment.deadline, meeting.date - _DAY)
                assignment.done_on = (
                    first + _DAY * rng.randint(0, (last - first).days) if last > first else last
                )
                assignment.status = AssignmentStatus.DONE.value
                assignment.outcome = rng.choice(texts.OUTCOMES)
                assignment.review_note = rng.choice(texts.DONE_NOTES)
                done += 1
            elif draw < 0.95:
                assignment.status = AssignmentStatus.NOT_DONE.value
                assignment.progress = "Chưa thực hiện được."
                assignment.review_note = rng.choice(texts.NOT_DONE_NOTES)
                not_done += 1
            else:
                assignment.progress = "Đang thực hiện."
                assignment.review_note = rng.choice(texts.CONTINUE_NOTES)
        reviewed = len(self.pending)
        self.pending = []
        return reviewed, done, not_done

    def finish(self) -> None:
        """Assignments not reviewed yet: most of those past their deadline are done (to be
        reviewed at the next meeting), the others open, some of them overdue."""
        rng, today = self.writer.rng, self.writer.shared.today
        for assignment, given in self.pending:
            first = given.date + _DAY
            if first < today and rng.random() < (0.75 if assignment.deadline < today else 0.3):
                last = min(assignment.deadline, today - _DAY)
                span = max((last - first).days, 0)
                assignment.done_on = first + _DAY * rng.randint(0, span)
                assignment.status = AssignmentStatus.DONE.value
                assignment.outcome = rng.choice(texts.OUTCOMES)
            elif rng.random() < 0.5:
                assignment.progress = "Đang triển khai thực hiện."
        self.pending = []

    def draft(self, meeting: Meeting) -> str:
        """A draft resolution prepared by the committee (PREP-1) for a planned meeting."""
        picked = self.writer.rng.sample(self.titles, min(3, len(self.titles)))
        return self._text(meeting, picked)

    def resolution(self, meeting: Meeting, assigned: list[Assignment]) -> str:
        """The resolution of a held meeting: its tasks, numbered."""
        if meeting.kind == MeetingKind.THEMATIC:
            return texts.NOTES["thematic_resolution"][0].format(topic=meeting.topic)
        return self._text(meeting, [a.title for a in assigned])

    @staticmethod
    def _text(meeting: Meeting, titles: list[str]) -> str:
        """Numbered resolution text for the month of `meeting`."""
        head = f"Nghị quyết sinh hoạt chi bộ tháng {meeting.date.month}/{meeting.date.year}."
        lines = ["Lãnh đạo đảng viên thực hiện tốt nhiệm vụ chính trị tháng tới", *titles]
        return "\n".join([head] + [f"{i}. {line}." for i, line in enumerate(lines, start=1)])


def guests(writer, meeting: Meeting, roll: set[int]) -> list[GuestRow]:
    """Queue the visiting officials of a held meeting (VIS-1, VIS-3): now and then a member of
    the commune's committee; the demo account `giamsat` at the cells it follows."""
    rng, records = writer.rng, writer.shared.records
    made = []
    commune = writer.commune.unit
    chance = 0.15 if writer.cell.role in ("village", "urban") else 0.06
    if meeting.kind != MeetingKind.THEMATIC and rng.random() < chance:
        holders = [
            (kind, member)
            for kind, member in records.holders(commune.pk, meeting.date.toordinal())
            if member not in roll
        ]
        if holders:
            kind, member = rng.choice(holders)
            made.append(
                GuestRow(
                    meeting,
                    records.names[member],
                    texts.COMMITTEE_TITLES.get(kind, ""),
                    commune.name,
                    True,
                    member,
                    rng.choice(texts.GUEST_COMMENTS),
                    None,
                )
            )
    if commune.name == VISIT_COMMUNE and writer.cell.unit.name in VISIT_CELLS:
        if not writer.visits:
            months = writer.year.months  # 13 by default: VISITS_A_YEAR; more for --months
            visits = max(VISITS_A_YEAR, round(VISITS_A_YEAR * len(months) / 13))
            writer.visits = set(rng.sample(months, min(visits, len(months))))
        if (meeting.date.year, meeting.date.month) in writer.visits and not made:
            made.append(
                GuestRow(
                    meeting,
                    f"{_VISITOR['last_name']} {_VISITOR['first_name']}",
                    "Đảng ủy viên",
                    VISIT_COMMUNE,
                    True,
                    None,
                    rng.choice(texts.GUEST_COMMENTS),
                    writer.shared.visitor,
                )
            )
    for guest in made:
        writer.batch.add(guest)
    return made


def speeches(writer, meeting: Meeting, rows: list, weak: bool) -> int:
    """Queue 1–3 opinions and, at most meetings that are not weak, a self-criticism and a
    criticism (section CRITICISM); returns the number of speeches."""
    rng, names = writer.rng, writer.shared.records.names
    present = [r.member_id for r in rows if r.status == PRESENT and r.member_id != meeting.chair_id]
    if not present:
        return 0
    made = [
        SpeechRow(meeting, OPINION, member, "", "", rng.choice(texts.OPINIONS))
        for member in rng.sample(present, min(len(present), 1 if weak else rng.randint(1, 3)))
    ]
    if not weak and len(present) >= 2 and rng.random() < 0.8:
        critic, subject = rng.sample(present, 2)
        made.append(
            SpeechRow(meeting, SELF_CRITICISM, subject, "", "", rng.choice(texts.SELF_CRITICISM))
        )
        about = names[subject]
        content = rng.choice(texts.CRITICISM).format(about=about)
        made.append(SpeechRow(meeting, CRITICISM, critic, "", about, content))
    for speech in made:
        writer.batch.add(speech)
    return len(made)


def _roll_call_note(figures, rows: list, names: dict) -> str:
    """The roll-call report (MIN-2): figures, absentees by name with their reasons."""
    excused = [f"{names[r.member_id]} ({r.reason})" for r in rows if r.status == "excused"]
    unexcused = [names[r.member_id] for r in rows if r.status == "unexcused"]
    parts = [
        f"Tổng số đảng viên: {figures.on_roll} (chính thức {figures.full}, dự bị "
        f"{figures.probationary}); miễn sinh hoạt vắng mặt {figures.exempted}; sinh hoạt "
        f"tạm thời nơi khác {figures.attached_elsewhere}; làm nhiệm vụ đặc biệt "
        f"{figures.special_duty}.",
        f"Có mặt {figures.present}/{figures.expected} đảng viên phải dự.",
        f"Vắng có lý do {figures.excused}" + (f": {', '.join(excused)}." if excused else "."),
        f"Vắng không lý do {figures.unexcused}"
        + (f": {', '.join(unexcused)}." if unexcused else "."),
    ]
    if figures.attached_here:
        parts.append(f"Đảng viên sinh hoạt tạm thời tại chi bộ: {figures.attached_here}.")
    return " ".join(parts)


def agenda_notes(
    writer,
    meeting: Meeting,
    *,
    items,
    figures,
    rows,
    voters,
    votes,
    guests,
    speakers,
    reviewed,
    assigned,
    weak,
    presenters,
) -> dict[int, str]:
    """The minutes of each agenda item (index → text); a weak meeting has no criticism and
    leaves some other parts empty.
    `presenters` maps a section to the member presenting it (the chair otherwise)."""
    rng, names = writer.rng, writer.shared.records.names
    guest = guests[0] if guests else None
    reviewed = reviewed or (0, 0, 0)
    votes_for, against, abstain = votes or (0, 0, 0)
    fields = {
        "chair": names.get(meeting.chair_id, ""),
        "minute_taker": names.get(meeting.minute_taker_id, ""),
        "brief_writer": names.get(meeting.brief_writer_id, ""),
        "presenter": names.get(presenters.get(Section.STUDY, meeting.chair_id), ""),
        "guests": f"; giới thiệu đồng chí {guest.name}, {guest.position} dự" if guest else "",
        "month": f"{meeting.date.month}/{meeting.date.year}",
        "paid": sum(1 for r in rows if r.status == PRESENT and not r.attached_here),
        "members": figures.on_roll,
        "voters": voters,
        "ward": lower_first(writer.commune.ward_name),
        "assigned": reviewed[0],
        "done": reviewed[1],
        "not_done": reviewed[2],
        "document": meeting.study_document,
        "guest": f"{guest.name} ({guest.position})" if guest else "",
        "comment": guest.comments if guest else "",
        "speakers": speakers,
        "assignments": len(assigned),
        "votes_for": votes_for,
        "votes_against": against,
        "votes_abstain": abstain,
        "rating": "Trung bình" if weak else rng.choice(texts.RATINGS),
        "ended": meeting.ended_at.strftime("%H:%M"),
        "topic": meeting.topic,
    }
    skip = {Section.CURRENT_AFFAIRS, Section.OFFICIALS, Section.STUDY} if weak else set()
    thematic = meeting.kind == MeetingKind.THEMATIC
    notes = {}
    for index, (_order, section, _title, _minutes) in enumerate(items):
        if weak and (section == Section.CRITICISM or (section in skip and rng.random() < 0.6)):
            continue  # a weak meeting: no criticism, some parts left empty
        if section == Section.ROLL_CALL:
            notes[index] = _roll_call_note(figures, rows, names)
            continue
        if section == Section.THEMATIC_BRIEF:
            thematic = True  # the items after the brief are the thematic part
        key = section
        if section == Section.OFFICIALS and guest is None:
            key = "no_officials"
        elif section == Section.DISCUSSION and thematic:
            key = "thematic_discussion"
        elif section == Section.RESOLUTION and meeting.kind == MeetingKind.THEMATIC:
            key = "thematic_resolution"
        elif section == Section.REVIEW and not reviewed[0]:
            notes[index] = "Tháng trước không có nhiệm vụ phân công cần kiểm điểm."
            continue
        elif section == Section.RESOLUTION and votes is None:
            continue  # the vote is not recorded yet (minutes in draft)
        pool = texts.NOTES.get(key)
        if pool:
            notes[index] = rng.choice(pool).format(**fields)
    if meeting.status in (MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED):
        # Submitted minutes are complete (MIN-2): what a weak meeting skipped is said so.
        for index, (_order, section, _title, _minutes) in enumerate(items):
            if index not in notes and section != Section.RESOLUTION:
                notes[index] = texts.SKIPPED.get(section, texts.SKIPPED["other"])
    return notes
