"""The year of meetings of one cell: its schedule, the dates, kinds and statuses.

For the months built — the 12 (or `--months`) ending with the month of `today` — and the next
month: one regular meeting a
month (FREQ-1) — in one month per quarter a regular and thematic meeting at one sitting, or
now and then a separate thematic meeting (THEM-1; a few cells skip one quarter) — and a cell
committee meeting a few days before each regular meeting (FREQ-2). Past months are held and
adopted, with ~2 % missed (a regular meeting left planned with a past date) and ~1 %
cancelled; this month's meetings before today are being recorded; later ones are planned.
"""

import calendar
import datetime
import random

from chibo.demo.builder.meetings import texts
from chibo.meetings.models import CellSchedule, Meeting, MeetingKind, MeetingStatus
from chibo.meetings.services.planning import is_holiday, off_holidays, usual_day

#: Quality tiers of a cell: (share of cells, weak-meeting chance, missed-month chance,
#: (low, high) of its usual attendance). Average attendance comes to ~90 %.
TIERS = {
    "good": (0.85, 0.03, 0.015, (0.92, 0.99)),
    "fair": (0.12, 0.10, 0.03, (0.85, 0.93)),
    "weak": (0.03, 0.40, 0.12, (0.70, 0.85)),
}
RESIDENTIAL = frozenset({"village", "urban"})
#: Start times (hour, minute, weight) by kind of cell.
_EVENING = ((19, 30, 10), (8, 0, 5), (14, 0, 4), (7, 30, 1))
_OFFICE = ((14, 0, 9), (7, 30, 6), (8, 0, 3), (19, 30, 1))
_DAYS = (1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 10)


#: Months of meetings the demo holds by default (`chibo demo --months`).
DEFAULT_MONTHS = 12


def month_list(today: datetime.date, months: int = DEFAULT_MONTHS) -> list[tuple[int, int]]:
    """The (year, month 1–12) pairs built: the `months` months ending with today's, then the
    next one. Raises ValueError when `months` < 1."""
    if months < 1:
        raise ValueError(f"months must be at least 1, not {months}")
    index = today.year * 12 + today.month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - months + 1, index + 2)]


def usual_date(schedule: CellSchedule, year: int, month: int) -> datetime.date:
    """The date of the month's meeting under `schedule` (rule "day" or "weekday"), moved off
    public holidays as "plan the year" does (meetings.services.planning)."""
    return off_holidays(usual_day(schedule, year, month))


def lower_first(text: str) -> str:
    """`text` with its first letter in lower case ("Xã Chiêm Hoá" → "xã Chiêm Hoá")."""
    return text[:1].lower() + text[1:]


def _weighted(rng: random.Random, options):
    """Pick (hour, minute) from (hour, minute, weight) options."""
    total = sum(w for *_, w in options)
    pick = rng.random() * total
    for hour, minute, weight in options:
        pick -= weight
        if pick < 0:
            return datetime.time(hour, minute)
    return datetime.time(options[-1][0], options[-1][1])


def make_schedule(rng: random.Random, cell, ward_name: str) -> CellSchedule:
    """A usual day, time and place for `cell` (a plan.CellPlan), not saved."""
    residential = cell.role in RESIDENTIAL or cell.role == "retirees"
    if rng.random() < 0.8:
        rule, day, week, weekday = CellSchedule.DAY, rng.choice(_DAYS), None, None
    else:
        rule, day = CellSchedule.WEEKDAY, None
        week = rng.choice((1, 1, 2, 2, 3, -1))
        weekday = rng.choice((5, 6, 6, 0, 2) if residential else (0, 1, 2, 3, 4))
    area = cell.area_label or cell.unit.name.removeprefix("Chi bộ ")
    place = rng.choice(texts.PLACES[cell.role]).format(
        area=lower_first(area),
        ward=lower_first(ward_name),
        name=cell.unit.name.removeprefix("Chi bộ "),
    )
    return CellSchedule(
        unit_id=cell.unit.pk,
        rule=rule,
        day=day,
        week=week,
        weekday=weekday,
        start_time=_weighted(rng, _EVENING if residential else _OFFICE),
        place=place,
        committee_lead_days=rng.choice((2, 3, 3, 3, 4, 5)),
    )


class Slot:
    """One planned meeting of the year before its record is written: the unsaved Meeting and
    what the minutes writer needs to know about it."""

    __slots__ = ("meeting", "held", "weak", "committee")

    def __init__(self, meeting: Meeting, held: bool, weak: bool = False, committee=None):
        """`held`: its record is written (draft, submitted or adopted); `weak`: a short, thin
        meeting; `committee`: the Slot of the committee meeting that prepared it."""
        self.meeting = meeting
        self.held = held
        self.weak = weak
        self.committee = committee


class CellYear:
    """Plans the meetings of one cell: `slots()` returns them in date order."""

    def __init__(
        self,
        rng: random.Random,
        cell,
        ward_name: str,
        today: datetime.date,
        months: int = DEFAULT_MONTHS,
    ):
        """Draw the cell's schedule, quality tier and thematic plan from `rng`; the meetings
        cover `months` months ending with today's (`month_list`) and the next one."""
        self.rng = rng
        self.cell = cell
        self.today = today
        self.schedule = make_schedule(rng, cell, ward_name)
        draw, self.tier = rng.random(), "good"
        for name, (share, *_rest) in TIERS.items():
            if draw < share:
                self.tier = name
                break
            draw -= share
        _share, self.weak_chance, self.miss_chance, (low, high) = TIERS[self.tier]
        self.presence = rng.uniform(low, high)
        self.months = month_list(today, months)
        self.current = (today.year, today.month)
        self.thematic = self._thematic_plan()

    def _thematic_plan(self) -> dict[tuple[int, int], str]:
        """(year, month) → "combined" or "separate" for one month of each quarter (THEM-1);
        a few cells (~5 %) skip one past quarter."""
        plan, quarters = {}, {}
        for year, month in self.months:
            quarters.setdefault((year, (month - 1) // 3), []).append((year, month))
        for (year, quarter), _months in quarters.items():
            month = quarter * 3 + 1 + self.rng.randrange(3)
            plan[(year, month)] = "separate" if self.rng.random() < 0.2 else "combined"
        past = [key for key in plan if key < self.current and key in self.months]
        if past and self.rng.random() < 0.05:
            del plan[self.rng.choice(past)]
        return plan

    def slots(self) -> list[Slot]:
        """The cell's meetings of every month covered, committee meetings included."""
        slots = []
        valid_from = self.cell.unit.valid_from or datetime.date.min
        for year, month in self.months:
            planned = usual_date(self.schedule, year, month)
            if planned - datetime.timedelta(days=self.schedule.committee_lead_days) < valid_from:
                continue  # the cell did not exist yet (rule CELL-4: cells since 01/7/2025)
            slots.extend(self._month(year, month, planned))
        return slots

    def _meeting(self, kind: str, day: datetime.date, planned: datetime.date) -> Meeting:
        """An unsaved meeting of the cell with the schedule's time and place."""
        return Meeting(
            unit_id=self.cell.unit.pk,
            kind=kind,
            status=MeetingStatus.PLANNED,
            date=day,
            planned_date=planned,
            start_time=self.schedule.start_time,
            place=self.schedule.place,
        )

    def _month(self, year: int, month: int, planned: datetime.date) -> list[Slot]:
        """The committee, regular (or combined) and separate thematic meetings of a month."""
        rng, today = self.rng, self.today
        day, reason = planned, ""
        if rng.random() < 0.05:  # moved within the month
            moved = planned + datetime.timedelta(days=rng.choice((-2, -1, 1, 2, 3, 4)))
            if moved.month == month:
                day, reason = moved, rng.choice(texts.MOVE_REASONS)
        mode = self.thematic.get((year, month))
        kind = MeetingKind.COMBINED if mode == "combined" else MeetingKind.REGULAR
        regular = self._meeting(kind, day, planned)
        regular.change_reason = reason
        status, held = self._status(year, month, day)
        regular.status = status
        if status == MeetingStatus.CANCELLED:
            regular.change_reason = rng.choice(texts.CANCEL_REASONS)
        missed = status == MeetingStatus.PLANNED and day < today
        lead = datetime.timedelta(days=self.schedule.committee_lead_days)
        before = day - lead
        while is_holiday(before):  # earlier still, as the planning service does (FREQ-2)
            before -= datetime.timedelta(days=1)
        committee = self._meeting(MeetingKind.COMMITTEE, before, planned - lead)
        if committee.date < today and not missed:
            committee.status = MeetingStatus.ADOPTED
        weak = held and rng.random() < self.weak_chance
        prepared = Slot(committee, committee.status == MeetingStatus.ADOPTED)
        slots = [prepared, Slot(regular, held, weak, prepared)]
        if mode == "separate":
            # The month the meeting is held in: a holiday can push it into the next one.
            last = calendar.monthrange(day.year, day.month)[1]
            when = min(day + datetime.timedelta(days=rng.randint(7, 14)), day.replace(day=last))
            if when > day:
                thematic = self._meeting(MeetingKind.THEMATIC, when, when)
                thematic.status, t_held = self._status(year, month, when, chance=False)
                slots.append(Slot(thematic, t_held, weak))
        return slots

    def _status(
        self, year: int, month: int, day: datetime.date, chance: bool = True
    ) -> tuple[str, bool]:
        """(status, held) of a meeting dated `day` in month (year, month).

        Dated before today: ~2 % missed (left planned) and ~1 % cancelled; the others held:
        adopted a few days later (some recent ones still submitted), except the current
        month's last 2–12 days, still draft or submitted. Today and later: planned.
        `chance=False`: never missed nor cancelled.
        """
        rng, today = self.rng, self.today
        if day >= today:
            return MeetingStatus.PLANNED, False
        if chance:
            draw = rng.random()
            if draw < self.miss_chance:
                return MeetingStatus.PLANNED, False
            if draw < self.miss_chance + 0.01:
                return MeetingStatus.CANCELLED, False
        age = (today - day).days
        # Most cells adopt within days; in the current month the last week or so is still
        # being recorded (a few cells lag, which the MIN-3 warning shows).
        if (year, month) >= self.current and age <= rng.randint(2, 12):
            return rng.choice((MeetingStatus.DRAFT, MeetingStatus.SUBMITTED)), True
        if age < 10 and rng.random() < 0.3:
            return MeetingStatus.SUBMITTED, True
        return MeetingStatus.ADOPTED, True
