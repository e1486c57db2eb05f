"""Scoped reads of party members and their statuses on a date (rules MEM-1..4).

A member is visible to an actor when the cell holding the member's roll entry on the day is
in the actor's scope (org.selectors.unit_scope_q).
"""

import dataclasses
import datetime

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from chibo.core.scoping import NotInScope
from chibo.core.text import fold, person_name
from chibo.members.models import (
    BASELINE_REASON,
    Exemption,
    Member,
    Membership,
    Position,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)
from chibo.org.models import Unit, UnitKind
from chibo.org.selectors import search_rank, subtree_q, unit_scope_q


def today() -> datetime.date:
    """Today's date in the site's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.localdate()


@dataclasses.dataclass(frozen=True)
class MemberStatus:
    """A member's status on one date, computed from dated records only (rules MEM-1..4).

    `standing` is "full", "probationary" or "" (not yet admitted on that date);
    `unit` the cell holding the member's roll entry that day (None when not on any roll);
    the booleans say which dated records are in force; `host` names the receiving cell of a
    temporary attachment ("" when not attached).
    """

    on: datetime.date
    standing: str
    unit: Unit | None
    on_roll: bool
    exempted: bool
    temporarily_exempted: bool
    attached_elsewhere: bool
    host: str
    working_away: bool
    special_duty: bool


def member_status_on(member: Member, on: datetime.date) -> MemberStatus:
    """Status of `member` on date `on` from the membership history and dated records.

    Full/probationary follows MEM-1 (full from `full_member_on`; probationary from
    `admitted_on` until then), exemption MEM-2, temporary attachment MEM-3, temporary
    exemption MEM-4. All ranges are inclusive at both ends. Uses prefetched relations when
    the caller prefetched them (`member_with_records`), else a few small queries.
    """
    if member.full_member_on and member.full_member_on <= on:
        standing = "full"
    elif member.admitted_on <= on:
        standing = "probationary"
    else:
        standing = ""

    def first(records):
        return next((r for r in records.all() if r.in_force_on(on)), None)

    membership = first(member.memberships)
    attachment = first(member.attachments)
    host = ""
    if attachment is not None:
        host = attachment.host_unit.name if attachment.host_unit_id else attachment.host_name
    return MemberStatus(
        on=on,
        standing=standing,
        unit=membership.unit if membership else None,
        on_roll=membership is not None,
        exempted=first(member.exemptions) is not None,
        temporarily_exempted=first(member.temporary_exemptions) is not None,
        attached_elsewhere=attachment is not None,
        host=host,
        working_away=first(member.working_away) is not None,
        special_duty=first(member.special_duties) is not None,
    )


def _on_roll_in(unit_q: Q, on: datetime.date) -> Q:
    """Q: the member has a membership in force on `on` in a unit matching `unit_q`.

    An `IN (subquery)` driven by the units (index on membership.unit), so the database reads
    only the memberships of those units instead of testing every member.
    """
    roll = Membership.objects.on(on).filter(unit_q).values("member_id")
    return Q(pk__in=roll)


def members_visible(*, actor, on: datetime.date | None = None) -> QuerySet[Member]:
    """Members on the roll, on date `on` (default today), of a cell in the actor's scope.

    The scope is an EXISTS per member, so it is checked only for the members that the other
    filters keep (one id, a name search): a province administrator's scope holds every
    member, and an `IN (roll)` would read the whole roll first. Lists of a unit use
    `unit_members`, which starts from the unit's roll instead.
    """
    on = on or today()
    in_scope = Membership.objects.on(on).filter(
        unit_scope_q(actor, "unit__"), member=OuterRef("pk")
    )
    return Member.objects.filter(Exists(in_scope))


def member_get(*, actor, member_id) -> Member:
    """One member by id, if on the roll of a cell the actor may see today, or temporarily
    attached to such a cell today (rule MEM-3: the receiving cell reads their file).

    Raises NotInScope (404) for a malformed id, an unknown member or one outside the scope.
    The attachment check runs only when the roll check fails (an OR of the two in one query
    makes PostgreSQL give up its semi-joins: slow searches, docs/benchmarks.md).
    """
    try:
        member_id = int(member_id)
    except (TypeError, ValueError):
        raise NotInScope("malformed member id") from None
    member = members_visible(actor=actor).filter(pk=member_id).first()
    if member is None:
        on = today()
        attached_here = TemporaryAttachment.objects.on(on).filter(
            unit_scope_q(actor, "host_unit__"), member=OuterRef("pk")
        )
        member = Member.objects.filter(Exists(attached_here), pk=member_id).first()
    if member is None:
        raise NotInScope("member not in scope")
    return member


def member_with_records(member: Member) -> Member:
    """Re-fetch `member` with every dated record prefetched (memberships with their units)."""
    return Member.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("unit")),
        Prefetch("positions", queryset=Position.objects.select_related("unit")),
        "exemptions",
        "temporary_exemptions",
        Prefetch("attachments", queryset=TemporaryAttachment.objects.select_related("host_unit")),
        "working_away",
        "special_duties",
    ).get(pk=member.pk)


def member_for_user(*, actor) -> Member | None:
    """The member linked to the actor's user account, if the actor may see them, else None.

    Scoped like every read: a user whose own cell lies outside their grants gets None (and no
    link to a page that would answer 404).
    """
    if not getattr(actor, "is_authenticated", False):
        return None
    return members_visible(actor=actor).filter(user=actor).first()


def _status_annotations(on: datetime.date) -> dict:
    """Exists() annotations of the dated records in force on `on` (one subquery each)."""
    return {
        "is_exempted": Exists(Exemption.objects.on(on).filter(member=OuterRef("pk"))),
        "is_temporarily_exempted": Exists(
            TemporaryExemption.objects.on(on).filter(member=OuterRef("pk"))
        ),
        "is_attached_elsewhere": Exists(
            TemporaryAttachment.objects.on(on).filter(member=OuterRef("pk"))
        ),
        "is_working_away": Exists(WorkingAway.objects.on(on).filter(member=OuterRef("pk"))),
        "is_special_duty": Exists(SpecialDuty.objects.on(on).filter(member=OuterRef("pk"))),
    }


def unit_members(
    *, actor, unit: Unit, on: datetime.date | None = None, query: str = ""
) -> QuerySet[Member]:
    """Members on the roll of `unit` or any unit below it on `on`, Vietnamese name order.

    Each member is annotated with the booleans of `_status_annotations` and `cell_name`
    is not fetched here (the page shows it per row through `roll_units_by_member`). `query`
    filters by name or card number ignoring case and diacritics. `unit` must come from a
    scoped selector (org.selectors.unit_get); the result is limited to the actor's scope too.
    """
    on = on or today()
    in_unit = subtree_q(unit.path, "unit__") & unit_scope_q(actor, "unit__")
    members = Member.objects.filter(_on_roll_in(in_unit, on)).annotate(**_status_annotations(on))
    folded = fold(query)
    if folded:
        members = members.filter(search_text__contains=folded)
    return members.order_by("sort_key", "pk")


def member_roll_unit(member: Member, on: datetime.date | None = None) -> Unit | None:
    """The cell holding `member`'s roll entry on `on` (default today), or None; one query."""
    membership = (
        Membership.objects.on(on or today()).filter(member=member).select_related("unit").first()
    )
    return membership.unit if membership else None


def attached_members(*, actor, unit: Unit, on: datetime.date | None = None) -> list[dict]:
    """Members temporarily attached to `unit` on `on` from other cells (rule MEM-3): they
    attend its meetings while their home cell keeps them on its roll.

    Returns [{"member": Member, "home": Unit | None (their roll cell that day), "attachment":
    TemporaryAttachment}] in Vietnamese name order; two queries. `unit` must come from a
    scoped selector.
    """
    on = on or today()
    attachments = list(
        TemporaryAttachment.objects.on(on)
        .filter(host_unit=unit)
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    homes = roll_units_by_member([a.member_id for a in attachments], on) if attachments else {}
    return [
        {"member": a.member, "home": homes.get(a.member_id), "attachment": a} for a in attachments
    ]


def roll_units_by_member(member_ids: list[int], on: datetime.date) -> dict[int, Unit]:
    """Map member id → the cell holding their roll entry on `on`, in one query."""
    rows = Membership.objects.on(on).filter(member_id__in=member_ids).select_related("unit")
    return {m.member_id: m.unit for m in rows}


def _scalar_count(queryset: QuerySet, field: str = "pk") -> Coalesce:
    """A scalar subquery counting distinct `field` values of `queryset` (0 when empty)."""
    counted = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(n=Count(field, distinct=True))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _roll_q(actor, unit: Unit, on: datetime.date, prefix: str = "") -> Q:
    """Q on Membership (through `prefix`): entries in force on `on` in `unit`'s subtree that
    the actor may see."""
    dated = Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )
    return dated & subtree_q(unit.path, f"{prefix}unit__") & unit_scope_q(actor, f"{prefix}unit__")


def unit_status_counts(*, actor, unit: Unit, on: datetime.date | None = None) -> dict[str, int]:
    """Counts by status of the members on the roll of `unit`'s subtree on `on`, in one query.

    Returns {"total", "full", "probationary", "exempted", "temporarily_exempted",
    "attached_elsewhere", "working_away", "special_duty"} — the figures a cell reports
    (MEM-1..4). Each figure is a scalar subquery. For a province or district the dated-record
    counts start from the (small) record tables and check each record's member against the
    roll; below that they start from the roll (a cell's few entries) and join the records.
    Both give the same numbers; only the query plan differs.
    """
    on = on or today()
    roll = Membership.objects.filter(_roll_q(actor, unit, on))
    records = {
        "exempted": Exemption,
        "temporarily_exempted": TemporaryExemption,
        "attached_elsewhere": TemporaryAttachment,
        "working_away": WorkingAway,
        "special_duty": SpecialDuty,
    }
    from_records = unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT)
    counts = {
        "total": _scalar_count(roll, "member_id"),
        "full": _scalar_count(
            roll.filter(member__full_member_on__isnull=False, member__full_member_on__lte=on),
            "member_id",
        ),
    }
    for key, model in records.items():
        in_force = model.objects.on(on)
        if from_records:
            on_roll = Exists(roll.filter(member_id=OuterRef("member_id")))
            counts[key] = _scalar_count(in_force.filter(on_roll), "member_id")
        else:
            joined = _roll_q(actor, unit, on, "member__memberships__")
            counts[key] = _scalar_count(in_force.filter(joined), "member_id")
    row = Unit.objects.filter(pk=unit.pk).values(**counts).get()
    row["probationary"] = row["total"] - row["full"]
    return row


def unit_leaders(*, unit: Unit, on: datetime.date | None = None) -> list[Position]:
    """Positions in force in `unit` on `on` (secretary first), with their members; one query.

    `unit` must come from a scoped selector.
    """
    on = on or today()
    order = ["secretary", "deputy_secretary", "standing_committee_member", "committee_member"]
    positions = list(Position.objects.on(on).filter(unit=unit).select_related("member"))
    return sorted(positions, key=lambda p: (order.index(p.kind), p.member.sort_key))


def members_search(*, actor, query: str) -> QuerySet[Member]:
    """Visible members whose name or card number contains `query` (case/diacritics ignored),
    closest matches first (org.selectors.search_rank), then Vietnamese name order."""
    folded = fold(query)
    if not folded:
        return Member.objects.none()
    return (
        members_visible(actor=actor)
        .filter(search_text__contains=folded)
        .order_by(search_rank(query, "full_name"), "sort_key", "pk")
    )


def member_timeline(member: Member) -> list[dict]:
    """The member's history as rows, newest first: memberships, positions and dated records.

    `member` must be prefetched with `member_with_records`. Each row is
    {"kind": str (translated label), "detail": str, "start": date, "end": date | None,
    "event": True for one-day events (admission, full membership), absent for ranges}.
    """
    from django.utils.translation import gettext as _

    rows = []
    for m in member.memberships.all():
        rows.append(
            {"kind": _("Cell"), "detail": m.unit.name, "start": m.start_date, "end": m.end_date}
        )
    for p in member.positions.all():
        rows.append(
            {
                "kind": p.get_kind_display(),
                "detail": p.unit.name,
                "start": p.start_date,
                "end": p.end_date,
            }
        )
    for e in member.exemptions.all():
        rows.append(
            {
                "kind": _("Exemption"),
                "detail": e.get_reason_display(),
                "start": e.start_date,
                "end": e.end_date,
            }
        )
    for t in member.temporary_exemptions.all():
        rows.append(
            {
                "kind": _("Temporary exemption"),
                "detail": t.note,
                "start": t.start_date,
                "end": t.end_date,
            }
        )
    for a in member.attachments.all():
        host = a.host_unit.name if a.host_unit_id else a.host_name
        rows.append(
            {
                "kind": _("Temporary attachment"),
                "detail": f"{host} ({a.get_reason_display()})",
                "start": a.start_date,
                "end": a.end_date,
            }
        )
    for w in member.working_away.all():
        rows.append(
            {"kind": _("Working away"), "detail": w.place, "start": w.start_date, "end": w.end_date}
        )
    for s in member.special_duties.all():
        rows.append(
            {"kind": _("Special duty"), "detail": s.note, "start": s.start_date, "end": s.end_date}
        )
    rows.append(
        {
            "event": True,
            "kind": _("Admitted to the Party"),
            "detail": "",
            "start": member.admitted_on,
            "end": None,
        }
    )
    if member.full_member_on:
        rows.append(
            {
                "event": True,
                "kind": _("Became a full member"),
                "detail": "",
                "start": member.full_member_on,
                "end": None,
            }
        )
    return sorted(rows, key=lambda r: r["start"], reverse=True)


#: Related names of the dated status records, keyed like services.STATUS_RECORD_MODELS.
_STATUS_RELATIONS = {
    "exemption": "exemptions",
    "temporary-exemption": "temporary_exemptions",
    "attachment": "attachments",
    "working-away": "working_away",
    "special-duty": "special_duties",
}


def open_status_records(member: Member, on: datetime.date) -> list[dict]:
    """Status records of `member` not ended before `on` (in force or starting later).

    `member` must be prefetched with `member_with_records` (no query then). Returns
    [{"kind": URL key, "label": verbose name, "record": the record}], oldest start first.
    """
    rows = []
    for kind, relation in _STATUS_RELATIONS.items():
        for record in getattr(member, relation).all():
            if record.end_date is None or record.end_date >= on:
                rows.append({"kind": kind, "label": record._meta.verbose_name, "record": record})
    return sorted(rows, key=lambda r: r["record"].start_date)


def member_changes(member: Member, limit: int = 10) -> list[dict]:
    """The latest changes to the member file, newest first, from django-simple-history.

    Returns [{"at": datetime, "by": the user's full name or username ("" for the system),
    "fields": [verbose names changed], "created": bool, "baseline": bool (the file as it was
    before its first change in chibo, recorded by Member.save)}]. One query.
    """
    records = list(
        member.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    if not records:  # bulk-created members (demo, imports) have no history rows
        return []
    changes = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        fields = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["version"])
            fields = [str(Member._meta.get_field(c.field).verbose_name) for c in delta.changes]
        baseline = newer.history_change_reason == BASELINE_REASON
        changes.append(
            {
                "at": newer.history_date,
                "by": "" if baseline else person_name(newer.history_user),
                "fields": fields,
                "created": older is None and newer.history_type == "+" and not baseline,
                "baseline": baseline,
            }
        )
    return changes[:limit]
