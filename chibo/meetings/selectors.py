"""Scoped reads of meetings, their records and assignments.

A meeting is visible to an actor when its cell is in the actor's scope
(org.selectors.unit_scope_q); anything else answers 404 (NotInScope).
"""

import dataclasses
import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from chibo.core.rules import rules_in_force
from chibo.core.scoping import NotInScope
from chibo.meetings.figures import (
    AttendanceFigures,
    TooManyVotes,
    VoteResult,
    attendance_figures,
    vote_result,
)
from chibo.meetings.models import (
    REGULAR_KINDS,
    Assignment,
    AssignmentStatus,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Notice,
)
from chibo.members.models import Member
from chibo.members.selectors import today
from chibo.org.models import Unit
from chibo.org.selectors import unit_get, unit_scope_q


def cell_roll(cell: Unit, on: datetime.date | None = None) -> QuerySet:
    """Member ids (a values queryset) on the roll of `cell` or of its party groups on `on`
    (any date when None): the members its meetings summon. `cell` comes from a scoped
    selector."""
    from chibo.members.models import Membership
    from chibo.org.selectors import subtree_q

    rows = Membership.objects.on(on) if on else Membership.objects.all()
    return rows.filter(subtree_q(cell.path, "unit__")).values("member_id")


def meeting_roll(meeting: Meeting) -> QuerySet:
    """Member ids (a values queryset) a meeting summons: for a cell committee meeting the
    members holding a position in the cell that day (secretary, deputy, committee members:
    FREQ-2), else the cell's roll (`cell_roll`)."""
    from chibo.members.models import Position

    if meeting.kind == MeetingKind.COMMITTEE:
        return Position.objects.on(meeting.date).filter(unit=meeting.unit).values("member_id")
    return cell_roll(meeting.unit, meeting.date)


def meetings_visible(*, actor) -> QuerySet[Meeting]:
    """Meetings of the cells in the actor's scope (one indexed path-range filter)."""
    return Meeting.objects.filter(unit_scope_q(actor, "unit__"))


def _int_id(value, what: str) -> int:
    """`value` as an int id, NotInScope (404) when malformed."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotInScope(f"malformed {what} id") from None


def meeting_get(*, actor, meeting_id) -> Meeting:
    """One meeting the actor may see, with its cell, chair and minute-taker.

    Raises NotInScope (404) for a malformed id, an unknown meeting or one outside the scope.
    """
    meeting = (
        meetings_visible(actor=actor)
        .select_related("unit", "chair", "minute_taker", "brief_writer")
        .filter(pk=_int_id(meeting_id, "meeting"))
        .first()
    )
    if meeting is None:
        raise NotInScope("meeting not in scope")
    return meeting


def meeting_get_for_update(*, actor, meeting_id) -> Meeting:
    """Like `meeting_get`, but locks the row (SELECT … FOR UPDATE where the database can);
    call inside `transaction.atomic()`."""
    meeting = (
        meetings_visible(actor=actor)
        .select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk=_int_id(meeting_id, "meeting"))
        .first()
    )
    if meeting is None:
        raise NotInScope("meeting not in scope")
    return meeting


def cell_meetings(*, cell: Unit, year: int) -> list[Meeting]:
    """Every meeting of `cell` dated in `year`, oldest first, each annotated with
    `present_count` and `expected_count` (rule ATT-1 numerator and denominator); one query.

    `cell` must come from a scoped selector.
    """
    expected = Q(attendance__status__in=["present", "excused", "unexcused"])
    return list(
        Meeting.objects.filter(unit=cell, date__year=year)
        .annotate(
            present_count=Count("attendance", filter=Q(attendance__status="present")),
            expected_count=Count("attendance", filter=expected),
        )
        .order_by("date", "start_time", "id")
    )


@dataclasses.dataclass
class MonthView:
    """One month of a cell's year: the month's regular meeting (or None), its state
    ("held", "planned", "missed", "cancelled", "none"), the other meetings of the month."""

    month: int
    regular: Meeting | None
    state: str
    others: list


def cell_year(*, cell: Unit, year: int, on: datetime.date | None = None) -> dict:
    """The year of `cell` as twelve months and four quarters (rules FREQ-1, THEM-1).

    Returns {"months": [MonthView × 12], "quarters": [{"quarter": 1..4, "thematic":
    [Meeting], "due": int (rule set value), "met": bool}], "meetings": [Meeting]}.
    A regular meeting whose date has passed and that was not held is "missed"; a month
    with only a cancelled one is "cancelled"; a month with none is "none". One query for the
    meetings and one for the rule set.
    """
    on = on or today()
    meetings = cell_meetings(cell=cell, year=year)
    months = []
    for month in range(1, 13):
        in_month = [m for m in meetings if m.date.month == month]
        regulars = [m for m in in_month if m.kind in REGULAR_KINDS]
        regular = next((m for m in regulars if m.status != MeetingStatus.CANCELLED), None)
        if regular is None and regulars:
            regular = regulars[0]
        if regular is None:
            state = "none"
        elif regular.status == MeetingStatus.CANCELLED:
            state = "cancelled"
        elif regular.is_held:
            state = "held"
        elif regular.date < on:
            state = "missed"
        else:
            state = "planned"
        others = [m for m in in_month if m is not regular]
        months.append(MonthView(month=month, regular=regular, state=state, others=others))
    from chibo.core.rules import RuleBook

    rule_set = RuleBook().get(datetime.date(year, 12, 31) if year < on.year else on, cell)
    due = rule_set["thematic_per_quarter"] if rule_set else 0
    quarters = []
    for quarter in range(1, 5):
        thematic = [
            m
            for m in meetings
            if m.is_thematic
            and (m.date.month - 1) // 3 + 1 == quarter
            and m.status != MeetingStatus.CANCELLED
        ]
        held = [m for m in thematic if m.is_held]
        met = bool(rule_set) and len(held) >= due
        quarters.append({"quarter": quarter, "thematic": thematic, "due": due, "met": met})
    return {"months": months, "quarters": quarters, "meetings": meetings, "rule_set": rule_set}


@dataclasses.dataclass
class MeetingRecord:
    """Everything the meeting page, the minutes and the attendance sheet show.

    `attendance` rows carry `member` (Vietnamese name order, members attached here last);
    `figures` the ATT-1 figures; `vote` the VOTE-1/2 result (None until votes are recorded
    or when they exceed the voters present); `review` the assignments due for review at this
    meeting (see `assignments_for_review`); `rule_set` the rule set in force.
    """

    meeting: Meeting
    agenda: list
    attendance: list
    figures: AttendanceFigures
    vote: VoteResult | None
    guests: list
    speeches: list
    assignments: list
    review: list
    documents: list
    addenda: list
    rule_set: object


def meeting_record(*, meeting: Meeting) -> MeetingRecord:
    """Load the full record of `meeting` (from a scoped selector) in a fixed number of
    queries, whatever the number of members, items or assignments."""
    agenda = list(meeting.agenda_items.select_related("presenter").order_by("order", "id"))
    attendance = list(
        meeting.attendance.select_related("member").order_by(
            "attached_here", "member__sort_key", "member_id"
        )
    )
    rule_set = rules_in_force(meeting.date, meeting.unit)
    figures = attendance_figures(attendance)
    vote = None
    if meeting.votes_for is not None:
        try:
            vote = vote_result(
                attendance,
                rule_set,
                votes_for=meeting.votes_for,
                votes_against=meeting.votes_against or 0,
                votes_abstain=meeting.votes_abstain or 0,
            )
        except TooManyVotes:
            vote = None
    assignments = list(
        meeting.assignments.prefetch_related(
            Prefetch("assignees", queryset=Member.objects.order_by("sort_key"))
        ).order_by("deadline", "id")
    )
    return MeetingRecord(
        meeting=meeting,
        agenda=agenda,
        attendance=attendance,
        figures=figures,
        vote=vote,
        guests=list(meeting.guests.select_related("member")),
        speeches=list(meeting.speeches.select_related("member")),
        assignments=assignments,
        review=assignments_for_review(meeting=meeting),
        documents=list(meeting.documents.all()),
        addenda=list(meeting.addenda.select_related("author")),
        rule_set=rule_set,
    )


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    """The cell's last held regular (or combined) meeting before `meeting`, or None."""
    return (
        Meeting.objects.filter(
            unit_id=meeting.unit_id,
            kind__in=REGULAR_KINDS,
            status__in=[MeetingStatus.DRAFT, MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED],
        )
        .filter(Q(date__lt=meeting.date) | Q(date=meeting.date, pk__lt=meeting.pk))
        .exclude(pk=meeting.pk)
        .order_by("-date", "-pk")
        .first()
    )


def assignments_for_review(*, meeting: Meeting) -> list[Assignment]:
    """Assignments the meeting reviews (RULES "Order" item 5): those it already reviewed, and
    those made at earlier meetings of the cell not yet reviewed by any meeting — the last
    meeting's assignments and any older one still open. Once the minutes are submitted or
    adopted the list is frozen: only those the meeting reviewed (rule MIN-3: adopted minutes
    never change). Committee and separate thematic meetings review nothing. Two queries."""
    if meeting.kind in (MeetingKind.COMMITTEE, MeetingKind.THEMATIC):
        return []
    pending = Q(reviewed_in__isnull=True, meeting__date__lt=meeting.date)
    if meeting.status in (MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED):
        pending = Q(pk__in=[])
    rows = (
        Assignment.objects.filter(unit_id=meeting.unit_id)
        .filter(Q(reviewed_in=meeting) | pending)
        .exclude(meeting=meeting)
        .select_related("meeting")
        .prefetch_related(Prefetch("assignees", queryset=Member.objects.order_by("sort_key")))
        .order_by("meeting__date", "deadline", "id")
    )
    return list(rows)


def cell_overdue_assignments(*, cell: Unit, on: datetime.date | None = None) -> list[Assignment]:
    """Open assignments of `cell` past their deadline on `on` (default today), oldest
    deadline first, with their assignees; two queries."""
    on = on or today()
    return list(
        Assignment.objects.filter(unit=cell, status=AssignmentStatus.OPEN, deadline__lt=on)
        .prefetch_related(Prefetch("assignees", queryset=Member.objects.order_by("sort_key")))
        .order_by("deadline", "id")
    )


def member_tasks(*, actor, on: datetime.date | None = None) -> dict:
    """The assignments of the member linked to `actor`, and of the committees of the cells
    the actor leads, grouped: {"member": Member | None, "overdue": [...], "due_soon":
    [...], "open": [...], "closed": [...] (the last 20 done or not done), "due_soon_days":
    int (rule set value)}.

    Scoped: only assignments of cells the actor may see. Open ones are overdue when the
    deadline has passed, due soon within the rule set's `assignment_due_soon_days`.
    """
    from chibo.members.models import Position
    from chibo.members.selectors import member_for_user

    on = on or today()
    member = member_for_user(actor=actor)
    mine = Q(pk__in=[])
    if member:
        # Tasks given to the cell committee belong to its members: those holding a position
        # in the cell today.
        on_committee = Exists(Position.objects.on(on).filter(unit=OuterRef("unit"), member=member))
        mine = Q(assignees=member) | (Q(to_committee=True) & Q(on_committee))
    rows = (
        Assignment.objects.filter(unit_scope_q(actor, "unit__"))
        .filter(mine)
        .select_related("meeting", "unit")
        .prefetch_related(Prefetch("assignees", queryset=Member.objects.order_by("sort_key")))
        .distinct()
        .order_by("deadline", "id")
    )
    rows = list(rows)
    due_soon_days = rules_in_force(on)["assignment_due_soon_days"]
    soon = on + datetime.timedelta(days=due_soon_days)
    groups = {"overdue": [], "due_soon": [], "open": [], "closed": []}
    for a in rows:
        if a.status != AssignmentStatus.OPEN:
            groups["closed"].append(a)
        elif a.deadline < on:
            groups["overdue"].append(a)
        elif a.deadline <= soon:
            groups["due_soon"].append(a)
        else:
            groups["open"].append(a)
    groups["closed"] = sorted(groups["closed"], key=lambda a: a.deadline, reverse=True)[:20]
    return {"member": member, "due_soon_days": due_soon_days, **groups}


def assignment_get(*, actor, assignment_id) -> Assignment:
    """One assignment of a cell in the actor's scope, with its meeting and cell; NotInScope
    (404) otherwise."""
    row = (
        Assignment.objects.filter(unit_scope_q(actor, "unit__"))
        .select_related("meeting", "unit", "reviewed_in")
        .filter(pk=_int_id(assignment_id, "assignment"))
        .first()
    )
    if row is None:
        raise NotInScope("assignment not in scope")
    return row


def meeting_members(*, meeting: Meeting) -> list[Member]:
    """Members who may be chosen in the meeting's forms (chair, presenter, speaker,
    assignee): those with a roll-call row, else those on the cell's roll on the date."""
    if meeting.attendance.exists():
        return list(Member.objects.filter(attendance__meeting=meeting).order_by("sort_key", "pk"))
    return list(Member.objects.filter(pk__in=meeting_roll(meeting)).order_by("sort_key", "pk"))


def notices_for(*, actor, limit: int = 50) -> list[Notice]:
    """The actor's latest notices, newest first, with their meetings."""
    if not getattr(actor, "is_authenticated", False):
        return []
    return list(
        Notice.objects.filter(user=actor).select_related("meeting", "meeting__unit")[:limit]
    )


def unread_notice_count(*, actor) -> int:
    """How many of the actor's notices are unread (0 for anonymous users)."""
    if not getattr(actor, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user=actor, read_at__isnull=True).count()


def calendar_meetings(*, user, start: datetime.date) -> QuerySet[Meeting]:
    """Meetings for a user's calendar feed from `start` on: those of the cells the user holds
    a grant on directly (the cell itself, not a whole commune) and of the cell holding the
    user's own roll entry today (the cell above it when that is a party group). Cancelled
    meetings are included (the feed marks them)."""
    from chibo.members.models import Membership
    from chibo.org.models import CELL_KINDS, RoleGrant, UnitKind

    cells = set(
        RoleGrant.objects.filter(user=user, unit__kind__in=CELL_KINDS).values_list(
            "unit_id", flat=True
        )
    )
    # The user's own cell today: the roll unit, or the cell above a party group.
    parents = []
    for unit_id, path, kind in (
        Membership.objects.on(today())
        .filter(member__user=user)
        .values_list("unit_id", "unit__path", "unit__kind")
    ):
        if kind == UnitKind.PARTY_GROUP:
            parents.append(path[: -Unit.steplen])
        else:
            cells.add(unit_id)
    # Committee meetings only for those who sit on the committee or run the cell.
    from chibo.members.models import Position
    from chibo.org.permissions import EDITOR_ROLES

    runs = RoleGrant.objects.filter(user=user, role__in=EDITOR_ROLES).values("unit_id")
    sits = Position.objects.on(today()).filter(member__user=user).values("unit_id")
    committee = Q(kind=MeetingKind.COMMITTEE) & ~Q(unit_id__in=runs) & ~Q(unit_id__in=sits)
    return (
        Meeting.objects.filter(Q(unit_id__in=cells) | Q(unit__path__in=parents), date__gte=start)
        .exclude(committee)
        .select_related("unit")
        .order_by("date", "start_time")
    )


def upcoming_meetings(*, actor, on: datetime.date | None = None, limit: int = 8) -> list:
    """The meetings a person deals with next, for the home page: those of their own cells
    (as in `calendar_meetings`) from 30 days ago that are not closed yet (planned, draft or
    submitted), soonest first, at most `limit`. Past planned ones are meetings to record or
    move. Scoped like every read. One query."""
    on = on or today()
    start = on - datetime.timedelta(days=30)
    rows = calendar_meetings(user=actor, start=start).filter(
        unit_scope_q(actor, "unit__"),
        status__in=[MeetingStatus.PLANNED, MeetingStatus.DRAFT, MeetingStatus.SUBMITTED],
    )
    return list(rows[:limit])


def officials_for(cell: Unit) -> list:
    """Active users assigned to follow `cell` as visiting officials (VIS-1): a
    VISITING_OFFICIAL grant on the cell or, covering its subtree, on a unit above it. Users
    with their member record (`member`) fetched; name order. One query."""
    from django.contrib.auth import get_user_model

    from chibo.org.models import Role

    ancestors = [cell.path[:i] for i in range(4, len(cell.path), 4)]
    grants = Q(role_grants__unit=cell) | Q(
        role_grants__unit__path__in=ancestors, role_grants__include_descendants=True
    )
    users = (
        get_user_model()
        .objects.filter(grants, role_grants__role=Role.VISITING_OFFICIAL, is_active=True)
        .select_related("member")
        .distinct()
    )
    return sorted(users, key=lambda u: (u.last_name, u.first_name, u.username))


def cell_for(*, actor, unit_id) -> Unit:
    """A cell (a unit that holds meetings) in the actor's scope; NotInScope (404) for any
    other unit."""
    unit = unit_get(actor=actor, unit_id=unit_id)
    if not unit.is_cell:
        raise NotInScope("not a cell")
    return unit


def attendance_rows(*, meeting: Meeting) -> list[Attendance]:
    """The meeting's roll-call rows with members, name order, members attached here last."""
    return list(
        meeting.attendance.select_related("member").order_by(
            "attached_here", "member__sort_key", "member_id"
        )
    )
