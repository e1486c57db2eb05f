"""The automatic checks of the demo's held cell meetings, computed in bulk from the rows the
builder holds in memory (no query per meeting).

The same verdicts as `chibo.evaluation.checks.meeting_checks` (rules ATT-2, DUR-1/2/3, MIN-2,
PREP-1..4 and the Đề án 16 items), grouped by `CriterionSource` as `MeetingChecks.by_source()`
gives them, so that a computed criterion gets exactly the points
`evaluation.checks.computed_points` would give. Each helper names the function of checks.py
or meetings.services.lifecycle it mirrors; tests/demo/test_evaluation.py compares the two.
"""

import datetime
from fractions import Fraction

from chibo.evaluation.models import CriterionSource
from chibo.meetings.models import (
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    AttendanceStatus,
    MeetingKind,
    SpeechKind,
)

PRESENT = AttendanceStatus.PRESENT.value
EXCUSED = AttendanceStatus.EXCUSED.value
UNEXCUSED = AttendanceStatus.UNEXCUSED.value
_ABSENT = frozenset({EXCUSED, UNEXCUSED})
_CRITICISM = frozenset({SpeechKind.SELF_CRITICISM.value, SpeechKind.CRITICISM.value})
#: How far back a committee meeting prepares a cell meeting (checks.COMMITTEE_LOOKBACK).
_LOOKBACK = datetime.timedelta(days=31)


def _grouped(rows) -> dict[int, list]:
    """{id(meeting): its rows} for rows whose first item is the (unsaved) Meeting; the
    builder queues a meeting's rows one after another, so a run is looked up once."""
    groups: dict[int, list] = {}
    current = bucket = None
    for row in rows:
        if row[0] is not current:
            current = row[0]
            bucket = groups.setdefault(id(current), [])
        bucket.append(row)
    return groups


class CommuneRows:
    """The child rows of one commune's batch (save.Batch), grouped by meeting (`id()` of the
    unsaved Meeting): attendance, agenda items, speech kinds, the number of assignments given;
    and the assignments of each cell (unit id → [(meeting given at, meeting reviewed in)])."""

    def __init__(self, batch, agenda_type, attendance_type, speech_type):
        """Index `batch.rows` (row types from save.py) and `batch.assignments` once."""
        self.attendance = _grouped(batch.rows[attendance_type])
        self.agenda = _grouped(batch.rows[agenda_type])
        self.speech_kinds = {
            key: {row.kind for row in speeches}
            for key, speeches in _grouped(batch.rows[speech_type]).items()
        }
        self.assigned: dict[int, int] = {}
        self.given: dict[int, list] = {}
        for assignment in batch.assignments:
            given = assignment.meeting
            self.assigned[id(given)] = self.assigned.get(id(given), 0) + 1
            self.given.setdefault(assignment.unit_id, []).append((given, assignment.reviewed_in))


def absence_runs(meetings: list, rows: CommuneRows) -> dict[int, dict[int, int]]:
    """{id(meeting): {member id: consecutive absences up to and including it}} for the
    members absent (with or without reason) at each held non-committee meeting of ONE cell
    (`meetings` in the order they are saved, hence of their ids), counted within the calendar
    year in date order (rule ATT-2; mirrors checks.absence_runs). A present status ends a
    run; other statuses neither count nor end one."""
    held = [
        (m.date, index, m)
        for index, m in enumerate(meetings)
        if m.kind != MeetingKind.COMMITTEE and m.status in HELD_STATUSES
    ]
    held.sort(key=lambda item: item[:2])
    result: dict[int, dict[int, int]] = {}
    runs: dict[int, int] = {}
    year = None
    for day, _index, meeting in held:
        if day.year != year:
            year, runs = day.year, {}
        absent_now = {}
        for row in rows.attendance.get(id(meeting), ()):
            status = row.status
            if status == PRESENT:
                runs[row.member_id] = 0
            elif status in _ABSENT:
                runs[row.member_id] = count = runs.get(row.member_id, 0) + 1
                absent_now[row.member_id] = count
        result[id(meeting)] = absent_now
    return result


class CellFacts:
    """What the checks of one cell's meeting need from the cell's other meetings: the
    absence runs (`absence_runs`), the dates of its held committee meetings (PREP-1), its
    assignments and the order of its meetings (their ids follow it)."""

    def __init__(self, meetings: list, rows: CommuneRows, unit_id: int):
        """`meetings`: the cell's meetings in the order they are saved."""
        self.runs = absence_runs(meetings, rows)
        self.committees = [
            m.date
            for m in meetings
            if m.kind == MeetingKind.COMMITTEE and m.status in HELD_STATUSES
        ]
        self.order = {id(m): index for index, m in enumerate(meetings)}
        self.assignments = rows.given.get(unit_id, [])

    def review_passed(self, meeting) -> bool | None:
        """Last month's tasks reviewed (checks.review_due): of the assignments made at the
        cell's earlier meetings and not reviewed at a meeting before this one, are all
        reviewed here? None when there is none."""
        day, position = meeting.date, self.order[id(meeting)]
        due = done = 0
        for given, later in self.assignments:
            if given is meeting or not given.date < day:
                continue
            if later is meeting:
                due += 1
                done += 1
            elif later is None or later.date > day:
                due += 1
            elif later.date == day and self.order[id(later)] > position:
                due += 1
        return done == due if due else None


class Roll:
    """What the checks read from a meeting's roll call, in one pass over its rows: the ATT-1
    figures (expected, present), whether anyone is absent without reason or excused without
    a reason, who is absent, and the full members present who may vote (VOTE-2)."""

    __slots__ = ("expected", "present", "unexcused", "unexplained", "absent", "voters", "all")

    def __init__(self, attendance: list):
        """Count `attendance` (save.AttendanceRow)."""
        self.expected = self.present = self.voters = self.all = 0
        self.unexcused = self.unexplained = False
        self.absent = set()
        for row in attendance:
            status = row.status
            if status == PRESENT:
                self.expected += 1
                self.present += 1
                if row.full:
                    self.all += 1  # attached here or not
                    self.voters += not row.attached_here
                continue
            self.absent.add(row.member_id)
            if status == UNEXCUSED:
                self.expected += 1
                self.unexcused = True
            elif status == EXCUSED:
                self.expected += 1
                self.unexplained = self.unexplained or not row.reason


def _attendance_ok(roll: Roll, runs: dict[int, int], rule_set) -> bool:
    """ATT-2: rate above `attendance_good_percent`, nobody absent without reason, nobody
    absent more than `consecutive_absence_limit` times in a row (checks.attendance_checks;
    no roll call fails the rate)."""
    if roll.unexcused or not roll.expected:
        return False
    threshold = Fraction(str(rule_set["attendance_good_percent"]))
    if not roll.present * 100 > threshold * roll.expected:
        return False
    limit = rule_set["consecutive_absence_limit"]
    return not any(count > limit for count in runs.values())


def duration_minutes(meeting) -> int | None:
    """Minutes between start and end, across midnight if needed (checks.duration_minutes)."""
    if not meeting.started_at or not meeting.ended_at:
        return None
    start = datetime.datetime.combine(meeting.date, meeting.started_at)
    end = datetime.datetime.combine(meeting.date, meeting.ended_at)
    if end < start:
        end += datetime.timedelta(days=1)
    return int((end - start).total_seconds() // 60)


def _duration_ok(meeting, rule_set) -> bool | None:
    """DUR-1/2 (checks._duration_check): None for a separate thematic meeting. The demo makes
    no DUR-3 decision (a rebuild wipes them with the units), so none shortens the limit."""
    if meeting.kind not in REGULAR_KINDS:
        return None
    key = "combined_min_minutes" if meeting.kind == MeetingKind.COMBINED else "regular_min_minutes"
    minutes = duration_minutes(meeting)
    return minutes is not None and minutes >= rule_set[key]


def _minutes_complete(meeting, roll: Roll, attendance, agenda, speeches, assigned, rule_set):
    """MIN-2 (meetings.services.lifecycle.minutes_missing): True when nothing is missing."""
    m = meeting
    if not m.place or not m.chair_id or not m.minute_taker_id:
        return False
    if m.chair_id in roll.absent or m.minute_taker_id in roll.absent:
        return False
    if not attendance or roll.unexplained:
        return False
    if not agenda or any(not row.notes.strip() for row in agenda):
        return False
    if not speeches or not m.resolution.strip() or m.votes_for is None:
        return False
    # VOTE-2: more votes cast than members present who may vote leaves no valid vote.
    voters = roll.all if rule_set["attached_in_vote_denominator"] else roll.voters
    if m.votes_for + (m.votes_against or 0) + (m.votes_abstain or 0) > voters:
        return False
    if m.kind != MeetingKind.COMMITTEE and not assigned:
        return False
    return bool(m.started_at and m.ended_at)


def by_source(meeting, rows: CommuneRows, cell: CellFacts, rule_set, tz) -> dict:
    """{CriterionSource value: passed} for `meeting` (a held cell meeting of the batch, not a
    committee meeting) — what `MeetingChecks.by_source()` returns: True when every check
    feeding the source passed or does not apply.

    `cell`: the facts of its cell's other meetings; `tz`: the site's time zone (PREP-2/3
    compare local times).
    """
    key = id(meeting)
    attendance = rows.attendance.get(key, [])
    agenda = rows.agenda.get(key, [])
    kinds = rows.speech_kinds.get(key, set())
    assigned = rows.assigned.get(key, 0)
    regular = meeting.kind in REGULAR_KINDS
    roll = Roll(attendance)
    result = {
        CriterionSource.ATTENDANCE: _attendance_ok(roll, cell.runs[key], rule_set),
        CriterionSource.DURATION: _duration_ok(meeting, rule_set) is not False,
        CriterionSource.MINUTES: _minutes_complete(
            meeting, roll, attendance, agenda, kinds, assigned, rule_set
        ),
    }
    if regular:  # PREP-1: agenda, draft resolution, a committee meeting within the month
        committee = any(meeting.date - _LOOKBACK <= d <= meeting.date for d in cell.committees)
        result[CriterionSource.CONTENT_PREPARED] = bool(
            agenda and meeting.draft_resolution.strip() and committee
        )
    start = datetime.datetime.combine(
        meeting.date, meeting.start_time or datetime.time(0, 0), tzinfo=tz
    )
    result[CriterionSource.NOTIFIED] = meeting.notified_at is not None and (
        meeting.notified_at < start
    )
    lead = rule_set["documents_lead_days"]
    published = meeting.documents_published_at
    result[CriterionSource.DOCUMENTS_IN_TIME] = lead is None or (
        published is not None
        and published.astimezone(tz).date() <= meeting.date - datetime.timedelta(days=lead)
    )
    if meeting.kind in THEMATIC_KINDS:
        result[CriterionSource.BRIEF] = bool(meeting.topic.strip()) and (
            meeting.brief_writer_id is not None
        )
    result[CriterionSource.ASSIGNMENTS_MADE] = assigned > 0
    if regular:
        result[CriterionSource.PREVIOUS_REVIEWED] = cell.review_passed(meeting) is not False
    # checks._followup_checks: a separate thematic meeting has no self-criticism in its
    # order (RULES "A thematic meeting"): the check does not apply, full points
    result[CriterionSource.SELF_CRITICISM] = meeting.kind == MeetingKind.THEMATIC or bool(
        kinds & _CRITICISM
    )
    if regular:
        result[CriterionSource.DOCUMENT_STUDY] = bool(meeting.study_document.strip())
    return result


def computed_points(criteria, verdicts: dict) -> dict[str, int]:
    """{code: points} of the computed criteria (checks.computed_points): the maximum when the
    source passed (or has no check), else the floor."""
    return {
        c.code: c.max_points if verdicts.get(c.source, True) else c.min_points
        for c in criteria
        if c.source != CriterionSource.MANUAL
    }
