"""Early warnings: the conditions found in cells' records, computed set-based (issue 4 item 4).

`detect_conditions(root_path, today)` returns every condition true today for the cells in
force in a subtree (all cells when `root_path` is None). Each kind is found with a fixed
number of aggregate queries over the whole subtree (path ranges, `org.selectors.subtree_q`),
whatever the number of cells; thresholds come from the rule set in force on the relevant date
for the cell (`core.rules.RuleBook`, read once). `services.warnings.warnings_refresh` diffs
the result with the stored `EarlyWarning` rows.

Months and quarters are judged only once complete, and per cell only from its `judged_from`
(`detect_cells.Cells`): the later of the cell's start (`Unit.valid_from`, else its first roll
entry) and the first month of its own first meeting record of any status (committee
meetings aside); a cell without any record from the earliest record in its province's
subtree. Before that chibo holds no records of the cell, and every month would seem missed.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from chibo.core.rules import RuleBook
from chibo.evaluation.detect_cells import Cells
from chibo.evaluation.models import WEAK_LEVELS, Rating, WarningKind
from chibo.meetings.models import (
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    Assignment,
    AssignmentStatus,
    Meeting,
    MeetingStatus,
)

#: The rule each kind watches (RULES.md), shown beside the message.
KIND_RULES = {
    WarningKind.MISSED_MONTH: "FREQ-1",
    WarningKind.THEMATIC_QUARTER: "THEM-1",
    WarningKind.MINUTES_LATE: "MIN-3",
    WarningKind.REMOVAL_REVIEW: "MEM-5",
    WarningKind.PROBATION_ENDING: "MEM-1",
    WarningKind.PROBATION_OVERDUE: "MEM-1",
    WarningKind.FEW_FULL_MEMBERS: "CELL-1",
    WarningKind.ASSIGNMENT_OVERDUE: "",
    WarningKind.EXEMPTION_OLD: "MEM-2",
    WarningKind.WEAK_MEETINGS: "QUAL-1",
}
#: The legal basis of a kind whose rule is not one of a rule set's: overdue assignments
#: answer the seed document's complaint of "unclear assignment of tasks to members after
#: meetings" (RULES.md "What the seed document asks for", task 3: "assign clear tasks to every
#: member"). The other kinds name the legal basis of the rule set in force.
KIND_BASES = {
    WarningKind.ASSIGNMENT_OVERDUE: "Kết luận 256-KL/TU, 06/7/2021 (Đề án 16-ĐA/TU)",
}
#: Statuses of a held meeting whose minutes are not adopted yet (MIN-3).
UNADOPTED = (MeetingStatus.DRAFT, MeetingStatus.SUBMITTED)


@dataclass
class Condition:
    """One warning condition true today: the cell, the kind, the key naming its subject, the
    figures of its message (`facts`, JSON-able) and the record it is about, if any. Facts
    hold dates, not "days ago" (the page counts them), so they do not change every day."""

    unit_id: int
    kind: str
    key: str
    facts: dict = field(default_factory=dict)
    member_id: int | None = None
    meeting_id: int | None = None
    assignment_id: int | None = None

    @property
    def ident(self) -> tuple[int, str, str]:
        """(unit id, kind, key): the identity of a stored warning."""
        return (self.unit_id, self.kind, self.key)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` calendar months, the day clamped to the month's length
    (31/01 + 1 month = 28/02 or 29/02): `dateutil.relativedelta`."""
    return day + relativedelta(months=months)


def condition_since(condition: Condition, today: datetime.date) -> datetime.date:
    """The first day `condition` held, from its facts (never after `today`): the day after a
    missed month or short quarter, the day after a deadline or probation end, the day minutes
    became late, the start of the warning lead time, the day an exemption's review period
    ran out, the latest weak meeting; `today` when the facts give no date (removal review,
    too few full members). The list orders warnings of a kind by it (longest waiting first).
    """
    facts, kind = condition.facts, condition.kind
    day = None
    if kind == WarningKind.MISSED_MONTH:
        day = add_months(datetime.date(facts["year"], facts["month"], 1), 1)
    elif kind == WarningKind.THEMATIC_QUARTER:
        day = add_months(datetime.date(facts["year"], 3 * facts["quarter"] - 2, 1), 3)
    elif kind == WarningKind.MINUTES_LATE:
        day = datetime.date.fromisoformat(facts["date"]) + datetime.timedelta(facts["limit"] + 1)
    elif kind == WarningKind.ASSIGNMENT_OVERDUE:
        day = datetime.date.fromisoformat(facts["deadline"]) + datetime.timedelta(1)
    elif kind == WarningKind.PROBATION_OVERDUE:
        day = datetime.date.fromisoformat(facts["ends_on"]) + datetime.timedelta(1)
    elif kind == WarningKind.PROBATION_ENDING:
        ends = datetime.date.fromisoformat(facts["ends_on"])
        day = ends - datetime.timedelta(facts["lead"])
    elif kind == WarningKind.EXEMPTION_OLD:
        start = datetime.date.fromisoformat(facts["start"])
        day = add_months(start, facts["periods"] * facts["period"])
    elif kind == WarningKind.WEAK_MEETINGS and facts.get("meetings"):
        day = datetime.date.fromisoformat(facts["meetings"][-1]["date"])
    return min(day, today) if day else today


class Rules:
    """The rule sets read once; `get(on, cell)` as `RuleBook.get`. When no set has a scope
    (only national sets), the choice does not depend on the cell and is cached per date."""

    def __init__(self):
        self.book = RuleBook()
        self.scoped = any(s.unit_id for s in self.book.sets)

    def get(self, on: datetime.date, cell):
        """The rule set judging a record of `cell` dated `on` (None: none in force)."""
        return self.book.get(on, cell if self.scoped else None)

    def largest(self, key: str) -> int:
        """The largest integer value of `key` among all sets (0 when none holds one)."""
        return max((s.values.get(key) or 0 for s in self.book.sets), default=0)


@dataclass
class Context:
    """What every detector reads: the cells (each with its `judged_from`), the rule sets and
    today."""

    cells: Cells
    rules: Rules
    today: datetime.date

    @property
    def month_start(self) -> datetime.date:
        """The first day of the current month (its end has not come: never judged)."""
        return self.today.replace(day=1)

    @property
    def quarter_start(self) -> datetime.date:
        """The first day of the current quarter."""
        return datetime.date(self.today.year, (self.today.month - 1) // 3 * 3 + 1, 1)


def _periods(ctx: Context) -> list:
    """Meetings that the month, quarter and minutes checks read, in one query: regular and
    thematic ones of the last 12 complete months or 4 complete quarters (any status), and
    held ones whose minutes are not adopted. Rows (id, unit_id, date, kind, status)."""
    first = min(add_months(ctx.month_start, -12), add_months(ctx.quarter_start, -12))
    in_window = Q(
        kind__in=[*REGULAR_KINDS, *THEMATIC_KINDS], date__gte=first, date__lt=ctx.month_start
    )
    unadopted = Q(status__in=UNADOPTED, date__lt=ctx.today)
    return list(
        Meeting.objects.filter(ctx.cells.scope("unit__"))
        .filter(in_window | unadopted)
        .order_by()
        .values_list("pk", "unit_id", "date", "kind", "status")
    )


def missed_months(ctx: Context, meetings: list) -> list[Condition]:
    """FREQ-1 (Điều lệ Đảng, Điều 24): each complete month of the last 12, from the cell's
    `judged_from`, in which the cell held no regular (or combined) meeting. A month with only
    a planned or cancelled meeting warns; the current month never does. `facts["rule_set"]`:
    the set in force on the month's last day ("" when none). Key "YYYY-MM"."""
    statuses = defaultdict(set)
    for _pk, unit_id, day, kind, status in meetings:
        cell = ctx.cells.cell(unit_id)
        if cell is not None and kind in REGULAR_KINDS and day < ctx.month_start:
            statuses[(cell.pk, day.year, day.month)].add(status)
    months = [add_months(ctx.month_start, -back) for back in range(12, 0, -1)]
    found = []
    for cell in ctx.cells:
        start = cell.judged_from
        if start is None:
            continue
        for month in months:
            seen = statuses.get((cell.pk, month.year, month.month), set())
            if month < start or seen & HELD_STATUSES:
                continue
            rule_set = ctx.rules.get(add_months(month, 1) - datetime.timedelta(days=1), cell)
            facts = {
                "year": month.year,
                "month": month.month,
                "cancelled": MeetingStatus.CANCELLED in seen,
                "planned": MeetingStatus.PLANNED in seen,
                "rule_set": rule_set.code if rule_set else "",
            }
            found.append(Condition(cell.pk, WarningKind.MISSED_MONTH, f"{month:%Y-%m}", facts))
    return found


def thematic_quarters(ctx: Context, meetings: list) -> list[Condition]:
    """THEM-1 (Hướng dẫn 12-HD/BTCTW): each complete quarter of the last 4, from the cell's
    `judged_from`, in which the cell
    held fewer thematic (or combined) meetings than the rule set's `thematic_per_quarter`, in
    force on the quarter's last day. Key "YYYY-Qn"."""
    held = Counter()
    for _pk, unit_id, day, kind, status in meetings:
        cell = ctx.cells.cell(unit_id)
        if cell is not None and kind in THEMATIC_KINDS and status in HELD_STATUSES:
            held[(cell.pk, day.year, (day.month - 1) // 3 + 1)] += 1
    found = []
    for cell in ctx.cells:
        start = cell.judged_from
        if start is None:
            continue
        for back in range(4, 0, -1):
            first = add_months(ctx.quarter_start, -3 * back)
            if first < start:
                continue
            rule_set = ctx.rules.get(add_months(first, 3) - datetime.timedelta(days=1), cell)
            if rule_set is None:
                continue
            quarter = (first.month - 1) // 3 + 1
            count, due = held[(cell.pk, first.year, quarter)], rule_set["thematic_per_quarter"]
            if count < due:
                facts = {
                    "year": first.year,
                    "quarter": quarter,
                    "held": count,
                    "due": due,
                    "rule_set": rule_set.code,
                }
                key = f"{first.year}-Q{quarter}"
                found.append(Condition(cell.pk, WarningKind.THEMATIC_QUARTER, key, facts))
    return found


def minutes_late(ctx: Context, meetings: list) -> list[Condition]:
    """MIN-3: a held meeting whose minutes are still a draft or submitted more than the rule
    set's `minutes_adopt_days` days after its date (the set in force on the meeting's date).
    Key: the meeting id."""
    found = []
    for pk, unit_id, day, kind, status in meetings:
        cell = ctx.cells.cell(unit_id)
        if cell is None or status not in UNADOPTED:
            continue
        rule_set = ctx.rules.get(day, cell)
        days = (ctx.today - day).days
        if rule_set is None or days <= rule_set["minutes_adopt_days"]:
            continue
        facts = {
            "date": day.isoformat(),
            "kind": kind,
            "status": status,
            "limit": rule_set["minutes_adopt_days"],
            "rule_set": rule_set.code,
        }
        found.append(Condition(cell.pk, WarningKind.MINUTES_LATE, str(pk), facts, meeting_id=pk))
    return found


def overdue_assignments(ctx: Context) -> list[Condition]:
    """An open assignment whose deadline has passed (RULES "Order" item 9: tasks with
    deadlines, reviewed at the next meeting). Key: the assignment id. Two queries."""
    overdue = Assignment.objects.filter(
        ctx.cells.scope("unit__"), status=AssignmentStatus.OPEN, deadline__lt=ctx.today
    )
    assignees = defaultdict(list)
    through = Assignment.assignees.through.objects.filter(assignment_id__in=overdue.values("pk"))
    for assignment_id, name in through.order_by("member__sort_key", "member_id").values_list(
        "assignment_id", "member__full_name"
    ):
        assignees[assignment_id].append(name)
    found = []
    rows = overdue.order_by().values_list(
        "pk", "unit_id", "meeting_id", "title", "deadline", "to_committee"
    )
    for pk, unit_id, meeting_id, title, deadline, committee in rows:
        cell = ctx.cells.cell(unit_id)
        if cell is None:
            continue
        facts = {
            "title": title[:200],
            "deadline": deadline.isoformat(),
            "assignees": assignees.get(pk, []),
            "committee": committee,
        }
        found.append(
            Condition(
                cell.pk,
                WarningKind.ASSIGNMENT_OVERDUE,
                str(pk),
                facts,
                meeting_id=meeting_id,
                assignment_id=pk,
            )
        )
    return found


def weak_meetings(ctx: Context) -> list[Condition]:
    """QUAL-1 (Hướng dẫn 12-HD/BTCTW): the cell's last `weak_streak_meetings` final ratings
    (is_final, by meeting date) are all Trung bình or Kém. Key: the latest of those meetings.
    One query: a window function keeps each cell's latest ratings only."""
    most = ctx.rules.largest("weak_streak_meetings")
    if most < 1:
        return []
    order = [F("meeting__date").desc(), F("meeting_id").desc()]
    rows = (
        Rating.objects.filter(ctx.cells.scope("meeting__unit__"), is_final=True)
        .annotate(rank=Window(RowNumber(), partition_by=[F("meeting__unit_id")], order_by=order))
        .filter(rank__lte=most)
        .values_list("meeting__unit_id", "meeting_id", "meeting__date", "level", "rank")
    )
    latest = defaultdict(list)
    for unit_id, meeting_id, day, level, _rank in sorted(rows, key=lambda r: (r[0], r[4])):
        latest[unit_id].append((meeting_id, day, level))
    found = []
    for unit_id, ratings in latest.items():
        cell = ctx.cells.cell(unit_id)
        rule_set = ctx.rules.get(ctx.today, cell) if cell else None
        if rule_set is None:
            continue
        streak = ratings[: rule_set["weak_streak_meetings"]]
        if len(streak) < rule_set["weak_streak_meetings"] or any(
            level not in WEAK_LEVELS for _m, _d, level in streak
        ):
            continue
        facts = {
            "meetings": [
                {"id": m, "date": d.isoformat(), "level": level} for m, d, level in reversed(streak)
            ],
            "rule_set": rule_set.code,
        }
        key = str(streak[0][0])
        found.append(
            Condition(cell.pk, WarningKind.WEAK_MEETINGS, key, facts, meeting_id=streak[0][0])
        )
    return found


def detect_conditions(
    root_path: str | None, today: datetime.date
) -> dict[tuple[int, str, str], Condition]:
    """Every warning condition true on `today` for the cells in force in the subtree at
    `root_path` (every cell when None), keyed by (unit id, kind, key).

    Eleven to thirteen queries whatever the number of cells: the units (and the first roll
    entries when a cell has no start date), the first meeting record of each unit (and the
    province's earliest when a cell has none and the subtree lies inside the province), the
    rule sets, the meetings of the month/quarter/minutes checks, the absences, the
    probationary members, the full-member counts, the overdue assignments and their
    assignees, the exemptions, the latest final ratings.
    """
    ctx = Context(cells=Cells(root_path, today), rules=Rules(), today=today)
    meetings = _periods(ctx)
    from chibo.evaluation import detect_members as members  # it imports this module

    found = [
        *missed_months(ctx, meetings),
        *thematic_quarters(ctx, meetings),
        *minutes_late(ctx, meetings),
        *members.removal_reviews(ctx),
        *members.probations(ctx),
        *members.few_full_members(ctx),
        *overdue_assignments(ctx),
        *members.old_exemptions(ctx),
        *weak_meetings(ctx),
    ]
    return {c.ident: c for c in found}
