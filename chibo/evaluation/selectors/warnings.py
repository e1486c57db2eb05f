"""Scoped reads of early warnings, and the words and links that present them.

A warning is visible to an actor who holds a WARNING_ROLES grant (editors, inspectors,
visiting officials) on its unit, or on a unit above it with include_descendants; superusers
see all (issue 4: "for the unit's leaders and every superior up the tree"). Plain cell
members see none. Anything else answers 404 (NotInScope).
"""

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from chibo.core.rules import RuleBook
from chibo.core.scoping import NotInScope
from chibo.core.text import person_name
from chibo.evaluation.detect import KIND_BASES, KIND_RULES, add_months
from chibo.evaluation.models import EarlyWarning, Level, WarningKind
from chibo.evaluation.permissions import WARNING_ROLES, can_acknowledge
from chibo.members.models import ExemptionReason
from chibo.members.selectors import members_visible
from chibo.members.selectors import today as local_today
from chibo.org.models import Unit, UnitKind
from chibo.org.selectors import grants_of, subtree_q, units_visible

#: The states a list can show: open and not acknowledged, acknowledged (still open), resolved.
OPEN, ACKNOWLEDGED, RESOLVED = "open", "acknowledged", "resolved"
STATES = (OPEN, ACKNOWLEDGED, RESOLVED)
#: Warnings per page of the list.
PER_PAGE = 50
#: The kinds, most urgent first (the order of the list and the panel): a deadline of the
#: party rules already passed (the full-membership vote, MEM-1), a member to review for
#: removal (MEM-5), a cell below the legal minimum (CELL-1), a month without a meeting
#: (FREQ-1), unadopted minutes (MIN-3), overdue tasks, weak meetings (QUAL-1), missing
#: thematic meetings (THEM-1), then what is only due soon or periodic (MEM-1, MEM-2).
URGENCY = (
    WarningKind.PROBATION_OVERDUE,
    WarningKind.REMOVAL_REVIEW,
    WarningKind.FEW_FULL_MEMBERS,
    WarningKind.MISSED_MONTH,
    WarningKind.MINUTES_LATE,
    WarningKind.ASSIGNMENT_OVERDUE,
    WarningKind.WEAK_MEETINGS,
    WarningKind.THEMATIC_QUARTER,
    WarningKind.PROBATION_ENDING,
    WarningKind.EXEMPTION_OLD,
)


def _urgency() -> Case:
    """Ordering expression: a kind's place in URGENCY."""
    whens = [When(kind=kind, then=Value(rank)) for rank, kind in enumerate(URGENCY)]
    return Case(*whens, default=Value(len(URGENCY)), output_field=IntegerField())


def ordering(state: str = OPEN) -> list:
    """The order of a list of warnings in `state`: open or acknowledged ones most urgent
    first — by kind (URGENCY), then waiting longest (oldest `detected_on`), then tree order
    and subject; resolved ones most recently resolved first."""
    if state == RESOLVED:
        return ["-resolved_on", "unit__path", "kind", "key", "pk"]
    return [_urgency(), "detected_on", "unit__path", "key", "pk"]


def _superuser(actor) -> bool:
    return bool(getattr(actor, "is_superuser", False) and actor.is_active)


def _warning_roots(actor) -> list[Unit]:
    """The top units of the actor's WARNING_ROLES grants: granted units not inside another
    such grant's subtree (as `org.selectors.scope_roots`, for the warnings' scope only)."""
    grants = [g for g in grants_of(actor) if g.role in WARNING_ROLES]
    subtrees = [g.unit.path for g in grants if g.include_descendants]
    units = {g.unit.pk: g.unit for g in grants}
    return [
        u for u in units.values() if not any(u.path != p and u.path.startswith(p) for p in subtrees)
    ]


def _warning_scope_q(actor) -> Q:
    """Q limiting EarlyWarning rows to units covered by the actor's WARNING_ROLES grants."""
    if _superuser(actor):
        return Q()
    q = Q(pk__in=[])
    for grant in grants_of(actor):
        if grant.role not in WARNING_ROLES:
            continue
        if grant.include_descendants:
            q |= subtree_q(grant.unit.path, "unit__")
        else:
            q |= Q(unit_id=grant.unit_id)
    return q


def warnings_visible(*, actor) -> QuerySet[EarlyWarning]:
    """Every early warning the actor may see (any state); one indexed path-range filter."""
    return EarlyWarning.objects.filter(_warning_scope_q(actor))


def warning_get(*, actor, warning_id) -> EarlyWarning:
    """One warning the actor may see, with its unit. NotInScope (404) for a malformed id, an
    unknown warning or one outside the actor's warnings."""
    try:
        warning_id = int(warning_id)
    except (TypeError, ValueError):
        raise NotInScope("malformed warning id") from None
    warning = (
        warnings_visible(actor=actor)
        .select_related("unit", "acknowledged_by")
        .filter(pk=warning_id)
        .first()
    )
    if warning is None:
        raise NotInScope("warning not in scope")
    return warning


def state_q(state: str) -> Q:
    """Q of a state: OPEN (not resolved, not acknowledged), ACKNOWLEDGED (not resolved),
    RESOLVED."""
    if state == RESOLVED:
        return Q(resolved_on__isnull=False)
    if state == ACKNOWLEDGED:
        return Q(resolved_on__isnull=True, acknowledged_at__isnull=False)
    return Q(resolved_on__isnull=True, acknowledged_at__isnull=True)


def _filtered(*, actor, unit: Unit | None, kind: str = "", state: str = OPEN) -> QuerySet:
    """Visible warnings in `unit`'s subtree (all when None), of `kind` (all when ""), in
    `state`."""
    rows = warnings_visible(actor=actor).filter(state_q(state))
    if unit is not None:
        rows = rows.filter(subtree_q(unit.path, "unit__"))
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def warning_counts(*, actor, unit: Unit | None = None, state: str = OPEN) -> dict[str, int]:
    """{kind: count} of the visible warnings in `state` (default: open, not acknowledged) in
    `unit`'s subtree (everything visible when None), every kind present (0 when none), in
    WarningKind order. One query. `unit` must come from a scoped selector."""
    rows = (
        _filtered(actor=actor, unit=unit, state=state)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    found = dict(rows)
    return {kind: found.get(kind, 0) for kind in WarningKind.values}


def warnings_page(
    *,
    actor,
    unit: Unit | None = None,
    kind: str = "",
    state: str = OPEN,
    number=1,
    per_page: int = PER_PAGE,
) -> Page:
    """One page of the visible warnings (filters as `warning_counts`, plus `kind`), in
    `ordering(state)` (most urgent first), each with its unit and acknowledging user and
    decorated (`decorate`). Four to five queries (count, page, communes, rule sets, and the
    visible members when the page holds member warnings) whatever the page size. Invalid
    page numbers give the last or first page."""
    rows = (
        _filtered(actor=actor, unit=unit, kind=kind, state=state)
        .select_related("unit", "acknowledged_by")
        .order_by(*ordering(state))
    )
    page = Paginator(rows, per_page).get_page(number)
    decorate(actor=actor, warnings=page.object_list)
    return page


def latest_open(*, actor, unit: Unit, limit: int = 5) -> list[EarlyWarning]:
    """The `limit` most urgent open, unacknowledged warnings in `unit`'s subtree (`ordering`),
    decorated (the unit page's panel). Three to four queries."""
    rows = list(
        _filtered(actor=actor, unit=unit).select_related("unit").order_by(*ordering())[:limit]
    )
    return decorate(actor=actor, warnings=rows)


def unit_choices(*, actor) -> list[tuple[Unit, int]]:
    """The units offered by the list's unit filter, as (unit, level): each top unit of the
    actor's warnings (level 0, `_warning_roots`) followed by its visible direct children
    other than party groups (level 1, Vietnamese name order) — for a province administrator
    the province and its communes and grassroots committees. One query."""
    superuser = _superuser(actor)
    roots = [] if superuser else _warning_roots(actor)
    wanted = Q(depth__lte=2) if superuser else Q(pk__in=[r.pk for r in roots])
    for root in roots:
        wanted |= subtree_q(root.path) & Q(depth=root.depth + 1)
    units = list(
        units_visible(actor=actor)
        .filter(wanted)
        .exclude(kind=UnitKind.PARTY_GROUP)
        .order_by("sort_key", "pk")
        .only("pk", "name", "path", "depth", "kind")
    )
    tops = {u.path for u in units if u.depth == 1} if superuser else {r.path for r in roots}
    step, choices = Unit.steplen, []
    for top in sorted((u for u in units if u.path in tops), key=lambda u: u.path):
        choices.append((top, 0))
        choices += [(u, 1) for u in units if u.path[:-step] == top.path and u.path not in tops]
    return choices


def decorate(*, actor, warnings) -> list[EarlyWarning]:
    """Give each warning `commune` (the name of the commune above its cell, or its parent),
    `acknowledger` (the acknowledging user's name in Vietnamese order) and `message`
    (`describe`, with links the actor may open: the task page for editors of the cell, else
    the meeting it was given at; a member's file only when the actor sees the member today,
    else the cell's page). Two queries for the whole list (communes, rule sets), a third when
    it holds warnings about members; none when it is empty."""
    warnings = list(warnings)
    if not warnings:
        return warnings
    communes = _commune_names(actor=actor, units=[w.unit for w in warnings])
    book = RuleBook()
    bases = {rule_set.code: rule_set.legal_basis for rule_set in book.sets}
    member_ids = {w.member_id for w in warnings if w.member_id}
    seen_members = (
        set(members_visible(actor=actor).filter(pk__in=member_ids).values_list("pk", flat=True))
        if member_ids
        else set()
    )
    for warning in warnings:
        warning.commune = communes.get(warning.unit_id, "")
        warning.acknowledger = person_name(warning.acknowledged_by)
        warning.message = describe(
            warning,
            bases,
            rule_set=warning.facts.get("rule_set") or _rule_set_code(warning, book),
            editor=can_acknowledge(actor, warning.unit),
            sees_member=warning.member_id in seen_members,
        )
    return warnings


def _rule_set_code(warning: EarlyWarning, book: RuleBook) -> str:
    """The rule set judging a warning whose facts do not name one (stored before they did):
    the set in force on a missed month's last day, else on the day it was found."""
    if warning.kind in KIND_BASES:
        return ""
    on = warning.detected_on
    if warning.kind == WarningKind.MISSED_MONTH and "year" in warning.facts:
        month = datetime.date(warning.facts["year"], warning.facts["month"], 1)
        on = add_months(month, 1) - datetime.timedelta(days=1)
    rule_set = book.get(on, warning.unit)
    return rule_set.code if rule_set else ""


def _commune_names(*, actor, units) -> dict[int, str]:
    """unit id → name of the nearest commune-level unit above it that the actor may see
    (a commune or a grassroots committee), else of its parent; one query."""
    step = Unit.steplen
    wanted = {p for u in units for p in (u.path[:i] for i in range(step, len(u.path), step))}
    above = {
        path: (name, kind)
        for path, name, kind in units_visible(actor=actor)
        .filter(path__in=wanted)
        .values_list("path", "name", "kind")
    }
    names = {}
    for u in units:
        chain = [u.path[:i] for i in range(len(u.path) - step, 0, -step)]  # parent first
        levels = (UnitKind.COMMUNE, UnitKind.GRASSROOTS_COMMITTEE)
        commune = next((above[p][0] for p in chain if p in above and above[p][1] in levels), "")
        names[u.pk] = commune or (above[chain[0]][0] if chain and chain[0] in above else "")
    return names


def _day(value: str) -> str:
    """An ISO date from `facts` as dd/mm/yyyy."""
    return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")


def _days_between(start: str, end: datetime.date) -> int:
    """Days from the ISO date `start` to `end` (negative when `start` is later)."""
    return (end - datetime.date.fromisoformat(start)).days


def describe(
    warning: EarlyWarning,
    bases: dict | None = None,
    *,
    rule_set: str | None = None,
    editor: bool = False,
    sees_member: bool = True,
) -> dict:
    """The words of a warning and where to act on it, translated.

    Returns {"text": the message, "rule": the rule id (KIND_RULES; "" for assignments),
    "basis": the legal basis — of the rule set that judged it (`rule_set`, default the one
    named in its facts; `bases` maps rule set codes to legal bases), or KIND_BASES' for a
    kind no rule set holds (assignments: Kết luận 256-KL/TU) —, "url": the page to act on,
    "action": the link's label}. The page is one the reader may open: an overdue task's
    report page only for an `editor` of the cell (meetings' `can_report_on`), else the
    meeting that gave it; a member's file only when the reader `sees_member`, else the
    cell's page.
    """
    f, unit_id, kind, on = warning.facts, warning.unit_id, warning.kind, local_today()
    code = f.get("rule_set") if rule_set is None else rule_set
    cell_year = ("meetings:cell-year", [unit_id, f.get("year", 0)])
    if kind == WarningKind.MISSED_MONTH:
        text = _("No regular meeting was held in month %(month)s/%(year)s.") % f
        if f.get("cancelled"):
            text += " " + _("The month's meeting was cancelled.")
        elif f.get("planned"):
            text += " " + _("The planned meeting was not recorded as held.")
        target, action = cell_year, _("Open the year's meetings")
    elif kind == WarningKind.THEMATIC_QUARTER:
        text = (
            _(
                "Quarter %(quarter)s/%(year)s: %(held)s thematic meetings held, at least "
                "%(due)s due."
            )
            % f
        )
        target, action = cell_year, _("Open the year's meetings")
    elif kind == WarningKind.MINUTES_LATE:
        text = _(
            "The minutes of the meeting of %(date)s are still not adopted %(days)s days after "
            "it (adopt them within %(limit)s days)."
        ) % {**f, "date": _day(f["date"]), "days": _days_between(f["date"], on)}
        target, action = ("meetings:detail", [warning.meeting_id]), _("Open the meeting")
    elif kind == WarningKind.REMOVAL_REVIEW:
        text = _(
            "%(name)s was absent without reason in %(count)s months of %(year)s (months "
            "%(months)s): review for removal from the rolls."
        ) % {**f, "count": len(f["months"]), "months": ", ".join(map(str, f["months"]))}
        target, action = ("member-detail", [warning.member_id]), _("Open the member's file")
    elif kind == WarningKind.PROBATION_ENDING:
        text = _(
            "%(name)s's probation ends on %(date)s, in %(days)s days: prepare the vote on full "
            "membership."
        ) % {**f, "date": _day(f["ends_on"]), "days": -_days_between(f["ends_on"], on)}
        target, action = ("member-detail", [warning.member_id]), _("Open the member's file")
    elif kind == WarningKind.PROBATION_OVERDUE:
        text = _(
            "%(name)s's probation ended on %(date)s, %(days)s days ago, and no full membership "
            "is recorded: the vote is overdue."
        ) % {**f, "date": _day(f["ends_on"]), "days": _days_between(f["ends_on"], on)}
        target, action = ("member-detail", [warning.member_id]), _("Open the member's file")
    elif kind == WarningKind.FEW_FULL_MEMBERS:
        text = (
            _(
                "The cell has %(full)s full members (and %(probationary)s probationary), fewer "
                "than the %(need)s required."
            )
            % f
        )
        target, action = ("unit-detail", [unit_id]), _("Open the cell")
    elif kind == WarningKind.ASSIGNMENT_OVERDUE:
        text = _("Task “%(title)s” was due on %(date)s, %(days)s days ago, and is still open.") % {
            **f,
            "title": f["title"][:120],
            "date": _day(f["deadline"]),
            "days": _days_between(f["deadline"], on),
        }
        names = list(f.get("assignees", []))
        if f.get("committee"):
            names.append(_("the cell committee"))
        if names:
            text += " " + _("Given to: %(names)s.") % {"names": ", ".join(names)}
        if editor:
            target, action = ("meetings:task", [warning.assignment_id]), _("Open the task")
        else:
            target = ("meetings:detail", [warning.meeting_id])
            action = _("Open the meeting that gave the task")
    elif kind == WarningKind.EXEMPTION_OLD:
        reason = dict(ExemptionReason.choices).get(f.get("reason"), f.get("reason", ""))
        text = _(
            "%(name)s has been exempted from party work and meetings since %(date)s "
            "(%(reason)s): review the exemption (every %(period)s months)."
        ) % {**f, "date": _day(f["start"]), "reason": str(reason).lower()}
        target, action = ("member-detail", [warning.member_id]), _("Open the member's file")
    else:  # WEAK_MEETINGS
        labels = dict(Level.choices)
        rated = "; ".join(
            f"{_day(m['date'])}: {labels.get(m['level'], m['level'])}" for m in f["meetings"]
        )
        text = _("The last %(count)s meetings were rated average or poor (%(ratings)s).") % {
            "count": len(f["meetings"]),
            "ratings": rated,
        }
        target, action = ("meetings:detail", [warning.meeting_id]), _("Open the latest meeting")
    if target[0] == "member-detail" and not sees_member:
        # The member left the roll, or sits in a party group the reader does not cover.
        target, action = ("unit-detail", [unit_id]), _("Open the cell")
    return {
        "text": text,
        "rule": KIND_RULES.get(kind, ""),
        "basis": KIND_BASES.get(kind) or (bases or {}).get(code, ""),
        "url": reverse(target[0], args=target[1]),
        "action": action,
    }
