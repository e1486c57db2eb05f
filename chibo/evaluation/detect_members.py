"""Early warnings about members and the roll (MEM-1, MEM-2, MEM-5, CELL-1), set-based.

Part of `evaluation.detect` (see its docstring): each function takes the detection
`Context` and returns the `Condition`s found, with one query over the whole subtree.
"""

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, OuterRef, Q, Subquery

from chibo.evaluation.detect import Condition, Context, add_months
from chibo.evaluation.models import WarningKind
from chibo.meetings.models import HELD_STATUSES, Attendance, AttendanceStatus
from chibo.members.models import Membership


def longest_run(months) -> int:
    """The longest run of consecutive month numbers in `months` (0 when empty)."""
    best = run = 0
    previous = None
    for month in sorted(set(months)):
        run = run + 1 if previous is not None and month == previous + 1 else 1
        best, previous = max(best, run), month
    return best


def whole_periods(start: datetime.date, today: datetime.date, months: int) -> int:
    """How many whole periods of `months` have passed since `start`, counting a period only
    once its end is strictly before `today` (MEM-2: "older than" the review period)."""
    if months <= 0:
        return 0
    count = 0
    while add_months(start, (count + 1) * months) < today:
        count += 1
    return count


def removal_reviews(ctx: Context) -> list[Condition]:
    """MEM-5 (Điều lệ Đảng; Hướng dẫn 12-HD/BTCTW): a member on the cell's roll today absent
    without reason (roll call UNEXCUSED at a held meeting) in at least `removal_review_months`
    distinct months of the current year — consecutive months only when
    `removal_months_consecutive` is set. Key "member id:year".

    MEM-5 also counts months of unpaid party dues; chibo does not record dues, so only
    absences count here.
    """
    year_start = ctx.today.replace(month=1, day=1)
    roll = Membership.objects.on(ctx.today).filter(ctx.cells.scope("unit__"))
    # Driven by the roll through the (member, status) index of the roll call: reading
    # this year's meetings first would cost the same for one cell as for the province.
    rows = (
        Attendance.objects.filter(
            status=AttendanceStatus.UNEXCUSED,
            member_id__in=roll.values("member_id"),
            meeting__status__in=HELD_STATUSES,
            meeting__date__gte=year_start,
            meeting__date__lte=ctx.today,
        )
        .annotate(
            roll_unit=Subquery(roll.filter(member_id=OuterRef("member_id")).values("unit_id")[:1])
        )
        .order_by()
        .values_list("roll_unit", "member_id", "member__full_name", "meeting__date")
    )
    months, names, cells = defaultdict(set), {}, {}
    for unit_id, member_id, name, day in rows:
        cell = ctx.cells.cell(unit_id)
        if cell is not None:
            cells.setdefault(member_id, cell)
            names[member_id] = name
            months[member_id].add(day.month)
    found = []
    for member_id, seen in months.items():
        cell = cells[member_id]
        rule_set = ctx.rules.get(ctx.today, cell)
        if rule_set is None:
            continue
        consecutive = bool(rule_set["removal_months_consecutive"])
        count = longest_run(seen) if consecutive else len(seen)
        if count < rule_set["removal_review_months"]:
            continue
        facts = {
            "name": names[member_id],
            "year": ctx.today.year,
            "months": sorted(seen),
            "need": rule_set["removal_review_months"],
            "consecutive": consecutive,
            "rule_set": rule_set.code,
        }
        key = f"{member_id}:{ctx.today.year}"
        found.append(
            Condition(cell.pk, WarningKind.REMOVAL_REVIEW, key, facts, member_id=member_id)
        )
    return found


def probations(ctx: Context) -> list[Condition]:
    """MEM-1 (Điều lệ Đảng, Điều 5): a probationary member on the cell's roll today (admitted,
    no full-membership date) whose probation — `probation_months` of the set in force on the
    admission date, else today's — ends within today's `probation_warning_days`
    (PROBATION_ENDING) or has ended (PROBATION_OVERDUE: the vote is overdue). Key: member id.
    """
    rows = (
        Membership.objects.on(ctx.today)
        .filter(
            ctx.cells.scope("unit__"),
            member__full_member_on__isnull=True,
            member__admitted_on__lte=ctx.today,
        )
        .order_by()
        .values_list("unit_id", "member_id", "member__full_name", "member__admitted_on")
    )
    found, seen = [], set()
    for unit_id, member_id, name, admitted in rows:
        cell = ctx.cells.cell(unit_id)
        rule_set = ctx.rules.get(ctx.today, cell) if cell else None
        if rule_set is None or member_id in seen:
            continue
        seen.add(member_id)
        length = (ctx.rules.get(admitted, cell) or rule_set)["probation_months"]
        ends = add_months(admitted, length)
        facts = {
            "name": name,
            "admitted_on": admitted.isoformat(),
            "ends_on": ends.isoformat(),
            "rule_set": rule_set.code,
        }
        if ends < ctx.today:
            kind = WarningKind.PROBATION_OVERDUE
        elif (ends - ctx.today).days <= rule_set["probation_warning_days"]:
            kind, facts["lead"] = WarningKind.PROBATION_ENDING, rule_set["probation_warning_days"]
        else:
            continue
        found.append(Condition(cell.pk, kind, str(member_id), facts, member_id=member_id))
    return found


def few_full_members(ctx: Context) -> list[Condition]:
    """CELL-1 (Điều lệ Đảng, Điều 21): a cell with fewer full members on its roll today (its
    party groups included) than today's `min_full_members`. Key "cell"."""
    full_q = Q(member__full_member_on__lte=ctx.today)
    probationary_q = Q(member__admitted_on__lte=ctx.today) & (
        Q(member__full_member_on__isnull=True) | Q(member__full_member_on__gt=ctx.today)
    )
    rows = (
        Membership.objects.on(ctx.today)
        .filter(ctx.cells.scope("unit__"))
        .values("unit_id")
        .annotate(
            full=Count("member_id", filter=full_q, distinct=True),
            probationary=Count("member_id", filter=probationary_q, distinct=True),
        )
        .values_list("unit_id", "full", "probationary")
    )
    full, probationary = Counter(), Counter()
    for unit_id, n_full, n_probationary in rows:
        cell = ctx.cells.cell(unit_id)
        if cell is not None:
            full[cell.pk] += n_full
            probationary[cell.pk] += n_probationary
    found = []
    for cell in ctx.cells:
        rule_set = ctx.rules.get(ctx.today, cell)
        if rule_set is None or full[cell.pk] >= rule_set["min_full_members"]:
            continue
        facts = {
            "full": full[cell.pk],
            "probationary": probationary[cell.pk],
            "need": rule_set["min_full_members"],
            "rule_set": rule_set.code,
        }
        found.append(Condition(cell.pk, WarningKind.FEW_FULL_MEMBERS, "cell", facts))
    return found


def old_exemptions(ctx: Context) -> list[Condition]:
    """MEM-2: an exemption from party work and meetings in force today, of a member on the
    cell's roll, that started more than today's `exemption_review_months` ago. Key
    "exemption id:n", n the whole review periods elapsed: acknowledged, the warning comes
    back when the next period has passed."""
    in_force = Q(member__exemptions__end_date__isnull=True) | Q(
        member__exemptions__end_date__gte=ctx.today
    )
    rows = (
        Membership.objects.on(ctx.today)
        .filter(ctx.cells.scope("unit__"), in_force, member__exemptions__start_date__lte=ctx.today)
        .order_by()
        .values_list(
            "unit_id",
            "member_id",
            "member__full_name",
            "member__exemptions__pk",
            "member__exemptions__start_date",
            "member__exemptions__reason",
        )
    )
    found, seen = [], set()
    for unit_id, member_id, name, exemption_id, start, reason in rows:
        cell = ctx.cells.cell(unit_id)
        rule_set = ctx.rules.get(ctx.today, cell) if cell else None
        if rule_set is None or exemption_id in seen:
            continue
        seen.add(exemption_id)
        period = rule_set["exemption_review_months"]
        periods = whole_periods(start, ctx.today, period)
        if periods < 1:
            continue
        facts = {
            "name": name,
            "start": start.isoformat(),
            "reason": reason,
            "period": period,
            "periods": periods,
            "rule_set": rule_set.code,
        }
        key = f"{exemption_id}:{periods}"
        found.append(Condition(cell.pk, WarningKind.EXEMPTION_OLD, key, facts, member_id=member_id))
    return found
