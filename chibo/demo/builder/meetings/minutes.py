"""The record of each meeting of one cell: roll call, chair, times, vote, agenda and notes.

`CellMinutes.write(slot)` fills the unsaved Meeting of a `year.Slot` and queues its child
rows in a `save.Batch`. Held meetings get the roll call of every member on the cell's roll on
the date (flags from the dated records, rule ATT-0), members attached here (MEM-3), times
(DUR-1/2; ~5 % weak meetings), vote figures within the voting base of the rule set in
force (VOTE-1/2), speeches, guests and assignments (content.py); planned meetings only their
agenda, topic and, once the committee has met, the draft resolution (PREP-1).
"""

import datetime
import random

from chibo.core.rules import RuleBook
from chibo.demo.builder.meetings import content, texts
from chibo.demo.builder.meetings.roll import Records
from chibo.demo.builder.meetings.save import AgendaRow, AttendanceRow, Batch
from chibo.demo.builder.meetings.year import RESIDENTIAL, CellYear, Slot
from chibo.meetings.figures import attendance_figures, voting_base
from chibo.meetings.models import AttendanceStatus, Meeting, MeetingKind, MeetingStatus
from chibo.members.models import PositionKind

PRESENT = AttendanceStatus.PRESENT.value
EXCUSED = AttendanceStatus.EXCUSED.value
UNEXCUSED = AttendanceStatus.UNEXCUSED.value
EXEMPTED = AttendanceStatus.EXEMPTED.value
ATTACHED_ELSEWHERE = AttendanceStatus.ATTACHED_ELSEWHERE.value
SPECIAL_DUTY = AttendanceStatus.SPECIAL_DUTY.value
_ONE_DAY = datetime.timedelta(days=1)
_LEADERS = (PositionKind.DEPUTY_SECRETARY, PositionKind.COMMITTEE_MEMBER)


def add_minutes(start: datetime.time, minutes: int) -> datetime.time:
    """`start` plus `minutes` (the same day; capped at 23:59)."""
    total = min(start.hour * 60 + start.minute + minutes, 23 * 60 + 59)
    return datetime.time(total // 60, total % 60)


class Shared:
    """What every cell's writer shares: the data, the rule sets, the templates, today."""

    def __init__(
        self, *, records: Records, rules: RuleBook, templates: dict, today, tz, visitor=None
    ):
        """`rules` holds every rule set (core.rules.RuleBook, read once); `templates` maps
        (kind, cell type) → [(order, section, title, planned minutes)] (cell type "" for the
        default); `tz` is the site's time zone for timestamps; `visitor` the id of the demo
        user `giamsat` (a visiting official), if any."""
        self.visitor = visitor
        self.records = records
        self.rules = rules
        self.templates = templates
        self.today = today
        self.tz = tz

    def rule_set(self, day: datetime.date, unit):
        """The rule set in force on `day` for `unit`, chosen as `rules_in_force` chooses
        (RuleSet.DoesNotExist when none is)."""
        found = self.rules.get(day, unit)
        if found is None:
            from chibo.core.models import RuleSet

            raise RuleSet.DoesNotExist(f"no rule set in force on {day}")
        return found

    def template(self, kind: str, cell_type: str) -> list[tuple]:
        """The agenda template items of `kind` for `cell_type` (its own, else the default)."""
        return self.templates.get((kind, cell_type)) or self.templates.get((kind, ""), [])

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        """An aware datetime on `day` at hour:minute in the site's time zone."""
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)


class CellMinutes:
    """Writes the meetings of one cell in date order (assignments carry over, content.py)."""

    def __init__(self, shared: Shared, rng: random.Random, year: CellYear, commune, batch: Batch):
        """`commune` is the plan.CommunePlan; `batch` collects the rows."""
        self.shared = shared
        self.rng = rng
        self.year = year
        self.cell = year.cell
        self.cell_id = year.cell.unit.pk
        self.commune = commune
        self.batch = batch
        self.tasks = content.Tasks(self)
        self.propensity: dict[int, float] = {}
        self.topics = list(texts.TOPICS[self.cell.role])
        rng.shuffle(self.topics)
        self.visits: set[tuple[int, int]] = set()

    # --- people -------------------------------------------------------------------------------
    def leaders(self, day: int, roll: list[int]) -> tuple[int | None, list[int]]:
        """(secretary id, [deputy and committee member ids]) on the roll on `day`."""
        on_roll = set(roll)
        secretary, others = None, []
        for kind, member in self.shared.records.holders(self.cell_id, day):
            if member not in on_roll:
                continue
            if kind == PositionKind.SECRETARY:
                secretary = member
            elif kind in _LEADERS:
                others.append(member)
        return secretary, others

    def _topic(self, meeting: Meeting, roll: list[int]) -> None:
        """Give a thematic or combined meeting its topic and the member writing the brief."""
        if meeting.kind not in (MeetingKind.THEMATIC, MeetingKind.COMBINED):
            return
        meeting.topic = self.topics[0]
        self.topics.append(self.topics.pop(0))
        secretary, others = self.leaders(meeting.date.toordinal(), roll)
        pool = others or [m for m in roll if m != secretary][:8] or roll
        if pool:
            meeting.brief_writer_id = self.rng.choice(pool)

    # --- writing ------------------------------------------------------------------------------
    def write(self, slot: Slot) -> None:
        """Fill `slot.meeting` and queue its rows (the meeting is queued too)."""
        meeting = slot.meeting
        self.batch.meetings.append(meeting)
        if meeting.kind == MeetingKind.COMMITTEE:
            self._committee(slot)
        elif slot.held:
            self._held(slot)
        else:
            self._planned(slot)

    def _agenda(self, meeting: Meeting, notes: dict | None, presenters: dict) -> None:
        """Queue the agenda items of the meeting's template; `notes` maps an item's index to
        its minutes (None: not held), `presenters` a section to a member id."""
        items = self.shared.template(meeting.kind, self.cell.unit.cell_type)
        chair = presenters.get("")
        for index, (order, section, title, planned) in enumerate(items):
            self.batch.add(
                AgendaRow(
                    meeting,
                    order,
                    section,
                    title,
                    presenters.get(section, chair),
                    planned,
                    notes.get(index, "") if notes else "",
                )
            )

    def _notify(self, slot: Slot) -> None:
        """Members notified after the committee met (PREP-2), when that is already past."""
        meeting, today = slot.meeting, self.shared.today
        committee = slot.committee
        if committee is not None and committee.held:
            when = committee.meeting.date + _ONE_DAY * self.rng.choice((0, 0, 1))
            if when < today and when < meeting.date:
                meeting.notified_at = self.shared.at(when, 20, 30)

    def _planned(self, slot: Slot) -> None:
        """A planned (or missed, or cancelled) meeting: agenda, topic, draft resolution."""
        meeting = slot.meeting
        day = meeting.date.toordinal()
        roll = self.shared.records.roll(self.cell_id, day)
        self._topic(meeting, roll)
        secretary, _others = self.leaders(day, roll)
        self._notify(slot)
        if slot.committee is not None and slot.committee.held:
            meeting.draft_resolution = self.tasks.draft(meeting)
        self._agenda(meeting, None, {"": secretary, "thematic_brief": meeting.brief_writer_id})

    def _committee(self, slot: Slot) -> None:
        """The committee's preparatory meeting (FREQ-2, PREP-1): chair, times, agenda notes."""
        meeting, rng = slot.meeting, self.rng
        day = meeting.date.toordinal()
        roll = self.shared.records.roll(self.cell_id, day)
        secretary, others = self.leaders(day, roll)
        chair = secretary if secretary is not None else (roll[0] if roll else None)
        taker = others[0] if others else None
        notes = None
        if slot.held:
            meeting.chair_id, meeting.minute_taker_id = chair, taker
            meeting.started_at = add_minutes(meeting.start_time, rng.choice((0, 0, 5)))
            meeting.ended_at = add_minutes(meeting.started_at, rng.randint(40, 75))
            meeting.adopted_at = datetime.datetime.combine(
                meeting.date, meeting.ended_at, tzinfo=self.shared.tz
            )
            names = self.shared.records.names
            fields = {
                "month": f"{meeting.planned_date.month}/{meeting.planned_date.year}",
                "chair": names.get(chair, ""),
                "minute_taker": names.get(taker, names.get(chair, "")),
            }
            notes = {i: note.format(**fields) for i, note in enumerate(texts.COMMITTEE_NOTES)}
        self._agenda(meeting, notes, {"": chair})

    def _presence(self, meeting: Meeting, weak: bool) -> float:
        """The chance that an expected member attends this meeting (cell, season, jitter)."""
        p = self.year.presence + self.rng.uniform(-0.04, 0.03)
        month = meeting.date.month
        if self.cell.role in RESIDENTIAL and month in (1, 2, 6, 10):
            p -= 0.04  # Tết and harvest months
        if weak:
            p -= 0.1
        return min(max(p, 0.4), 0.995)

    def _status(self, member: int, status, p: float, weak: bool) -> tuple[str, str]:
        """(attendance status, reason) of a member expected at the meeting."""
        rng = self.rng
        if status.away:
            draw = rng.random()
            if draw < 0.1:
                return PRESENT, ""
            if draw < 0.88:
                return EXCUSED, f"Đi làm ăn xa tại {status.away}"
            return UNEXCUSED, ""
        factor = self.propensity.get(member)
        if factor is None:
            factor = self.propensity[member] = 0.65 if rng.random() < 0.05 else 1.0
        if rng.random() < p * factor:
            return PRESENT, ""
        if rng.random() < (0.35 if weak else 0.17):
            return UNEXCUSED, ""
        reasons = texts.EXCUSED_REASONS
        if self.cell.role in RESIDENTIAL:
            reasons = reasons + texts.RESIDENTIAL_REASONS
        return EXCUSED, rng.choice(reasons)

    def _roll_call(self, meeting: Meeting, roll: list[int], weak: bool) -> list[AttendanceRow]:
        """Attendance rows of every member on the roll and every member attached here; sets
        the chair and minute-taker (present)."""
        rng, records = self.rng, self.shared.records
        day = meeting.date.toordinal()
        statuses = {m: records.status(m, day) for m in roll}
        available = [
            m
            for m in roll
            if not (statuses[m].exempted or statuses[m].attached_elsewhere or statuses[m].away)
            and not statuses[m].special_duty
        ]
        secretary, others = self.leaders(day, roll)
        chair, absent = secretary, None
        if others and secretary is not None and rng.random() < 0.05:
            chair, absent = others[0], secretary  # the deputy chairs; the secretary is away
        if chair is None or chair not in available:
            chair = available[0] if available else (roll[0] if roll else None)
        takers = [m for m in others if m != chair and m in available] or [
            m for m in available if m != chair
        ]
        taker = None
        if takers:
            taker = takers[0] if others else rng.choice(takers)
        meeting.chair_id, meeting.minute_taker_id = chair, taker
        p = self._presence(meeting, weak)
        rows = []
        for member in roll:
            status = statuses[member]
            reason = ""
            if member in (chair, taker):
                value = PRESENT
            elif status.exempted:  # the order of meetings.services.record.roll_call_rows
                chance = 0.03 if status.temporary else 0.08
                value = PRESENT if rng.random() < chance else EXEMPTED
            elif status.attached_elsewhere:
                value = ATTACHED_ELSEWHERE
            elif status.special_duty:
                value = SPECIAL_DUTY
            elif member == absent:
                value, reason = EXCUSED, "Đi công tác"
            else:
                value, reason = self._status(member, status, p, weak)
            rows.append(
                AttendanceRow(
                    meeting,
                    member,
                    value,
                    reason,
                    status.full,
                    status.exempted,
                    status.attached_elsewhere,
                    status.special_duty,
                    False,
                )
            )
        on_roll = set(roll)
        for member in records.attached_here(self.cell_id, day):
            if member in on_roll:
                continue
            status = records.status(member, day)
            value, reason = PRESENT, ""
            if status.exempted:
                value = EXEMPTED
            elif status.special_duty:
                value = SPECIAL_DUTY
            elif rng.random() >= 0.85:
                value, reason = EXCUSED, rng.choice(texts.ATTACHED_HERE_REASONS)
            rows.append(
                AttendanceRow(
                    meeting,
                    member,
                    value,
                    reason,
                    status.full,
                    status.exempted,
                    False,
                    status.special_duty,
                    True,
                )
            )
        return rows

    def _times(self, slot: Slot) -> None:
        """Actual start and end (DUR-1/2), notice and documents (PREP-2/3), submission and
        adoption dates (never after today)."""
        meeting, rng, today, at = slot.meeting, self.rng, self.shared.today, self.shared.at
        meeting.started_at = add_minutes(meeting.start_time, rng.choice((0, 0, 0, 5, 5, 10, 15)))
        if slot.weak:
            length = rng.randint(45, 80)
        elif meeting.kind == MeetingKind.COMBINED:
            length = rng.randint(120, 175)
        elif meeting.kind == MeetingKind.THEMATIC:
            length = rng.randint(75, 120)
        else:
            length = rng.randint(90, 150)
        meeting.ended_at = add_minutes(meeting.started_at, length)
        self._notify(slot)
        draw = rng.random()
        if draw < 0.85:
            meeting.documents_published_at = at(meeting.date - _ONE_DAY * rng.randint(1, 3), 20)
        elif draw < 0.95:
            meeting.documents_published_at = at(meeting.date, 7)  # late (PREP-3)
        days_since = (today - meeting.date).days  # ≥ 1: held meetings are in the past
        if meeting.status in (MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED):
            submitted = meeting.date + _ONE_DAY * rng.randint(0, min(2, days_since - 1))
            meeting.submitted_at = at(submitted, 21, 30)
            if meeting.status == MeetingStatus.ADOPTED:
                left = (today - submitted).days - 1
                if left < 0:
                    meeting.status = MeetingStatus.SUBMITTED
                else:
                    adopted = submitted + _ONE_DAY * rng.randint(min(1, left), min(5, left))
                    meeting.adopted_at = at(adopted, 9)

    def _held(self, slot: Slot) -> None:
        """A held meeting: roll call, times, vote, speeches, guests, tasks, agenda notes."""
        meeting, rng, weak = slot.meeting, self.rng, slot.weak
        day = meeting.date.toordinal()
        roll = self.shared.records.roll(self.cell_id, day)
        self._topic(meeting, roll)
        rows = self._roll_call(meeting, roll, weak)
        for row in rows:
            self.batch.add(row)
        self._times(slot)
        if meeting.kind != MeetingKind.THEMATIC:
            meeting.study_document = content.study_document(rng, meeting.date, self.cell.role)
        rule_set = self.shared.rule_set(meeting.date, self.cell.unit)
        voters, present = voting_base(rows, rule_set)
        figures = attendance_figures(rows)
        reviewed = self.tasks.review(meeting) if meeting.kind != MeetingKind.THEMATIC else None
        assigned = self.tasks.assign(meeting, rows, weak)
        resolution = self.tasks.resolution(meeting, assigned)
        meeting.draft_resolution = resolution
        votes = None
        if meeting.status != MeetingStatus.DRAFT or rng.random() < 0.5:
            meeting.resolution = resolution
            against = 1 if present >= 6 and rng.random() < 0.03 else 0
            abstain = 1 if present - against >= 4 and rng.random() < 0.1 else 0
            votes = (present - against - abstain, against, abstain)
            meeting.votes_for, meeting.votes_against, meeting.votes_abstain = votes
        guests = content.guests(self, meeting, set(roll))
        speakers = content.speeches(self, meeting, rows, weak)
        _secretary, others = self.leaders(day, roll)
        presenters = {
            "": meeting.chair_id,
            "roll_call": meeting.minute_taker_id or meeting.chair_id,
            "study": next((m for m in others if m != meeting.chair_id), meeting.chair_id),
            "thematic_brief": meeting.brief_writer_id,
        }
        notes = content.agenda_notes(
            self,
            meeting,
            items=self.shared.template(meeting.kind, self.cell.unit.cell_type),
            figures=figures,
            rows=rows,
            voters=voters,
            votes=votes,
            guests=guests,
            speakers=speakers,
            reviewed=reviewed,
            assigned=assigned,
            weak=weak,
            presenters=presenters,
        )
        self._agenda(meeting, notes, presenters)

    def finish(self) -> None:
        """After the last meeting: assignments not reviewed yet are done or still open
        (content.Tasks.finish)."""
        self.tasks.finish()
