"""Sum the cells' monthly roll-ups (`CellMonth`) into every unit above them (`UnitMonth`).

A province's year is then twelve rows instead of 41,000 cell-months, and a commune's ranking
of its cells reads only its own cells (ARCHITECTURE "Query counts are pinned": the reads do
not grow with the subtree). The units concerned are those above cells — province, district,
commune, grassroots committee —, never cells or party groups. A refresh recomputes, for the
months given, the ancestors of the refreshed subtree (one aggregate each over its subtree,
answered by the `(month, path)` index) and the units inside it (one aggregate per tree level,
grouped by path prefix).
"""

import datetime

from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Substr

from chibo.org.models import CELL_KINDS, Unit, UnitKind
from chibo.org.selectors import subtree_q
from chibo.reports.models import SUM_FIELDS, CellMonth, UnitMonth

_SUMS = {f: Sum(f) for f in SUM_FIELDS}
#: Kinds that never get a UnitMonth: cells have CellMonth, party groups belong to their cell.
NOT_SUMMED = frozenset({*CELL_KINDS, UnitKind.PARTY_GROUP})


def _targets(root_path: str | None) -> tuple[list, list]:
    """(ancestors strictly above `root_path`, units at or below it), both limited to units
    above cells, as (pk, path, depth) tuples. One query."""
    q = ~Q(kind__in=NOT_SUMMED)
    scope = subtree_q(root_path) if root_path else Q()
    above = []
    if root_path:
        step = Unit.steplen
        above = [root_path[:i] for i in range(step, len(root_path), step)]
        scope |= Q(path__in=above)
    units = list(Unit.objects.filter(q & scope).values_list("pk", "path", "depth"))
    ancestors = [u for u in units if u[1] in above]
    inside = [u for u in units if u[1] not in above]
    return ancestors, inside


def _row(unit_id: int, path: str, sums: dict, today: datetime.date) -> UnitMonth:
    return UnitMonth(
        unit_id=unit_id,
        path=path,
        month=sums["month"],
        computed_on=today,
        **{f: sums[f] or 0 for f in SUM_FIELDS},
    )


def unit_rows(
    root_path: str | None, months: Q, today: datetime.date
) -> tuple[list[UnitMonth], list[int]]:
    """The UnitMonth rows (unsaved) of the ancestors of the subtree at `root_path` and of the
    units inside it (every unit when None), for the months `months` selects (a Q on
    CellMonth.month), and the ids of those units. One query for the units, one per ancestor,
    one per tree level inside the subtree."""
    ancestors, inside = _targets(root_path)
    rows = []
    for pk, path, _depth in ancestors:
        for sums in (
            CellMonth.objects.filter(subtree_q(path), months)
            .order_by()
            .values("month")
            .annotate(**_SUMS)
        ):
            rows.append(_row(pk, path, sums, today))
    by_depth: dict[int, dict[str, int]] = {}
    for pk, path, depth in inside:
        by_depth.setdefault(depth, {})[path] = pk
    scope = subtree_q(root_path) if root_path else Q()
    for depth, by_path in sorted(by_depth.items()):
        length = depth * Unit.steplen
        for sums in (
            CellMonth.objects.filter(scope, months)
            .order_by()
            .values("month", prefix=Substr("path", 1, length))
            .annotate(**_SUMS)
        ):
            pk = by_path.get(sums["prefix"])
            if pk is not None:
                rows.append(_row(pk, sums["prefix"], sums, today))
    return rows, [u[0] for u in ancestors + inside]


def unit_rows_refresh(root_path: str | None, months: Q, today: datetime.date) -> int:
    """Replace the UnitMonth rows of the ancestors of `root_path` and of the units inside it
    (every unit when None) for the months `months` selects by fresh sums of the CellMonth
    rows. Call inside the transaction that wrote those CellMonth rows. Returns the rows
    written."""
    rows, unit_ids = unit_rows(root_path, months, today)
    with transaction.atomic():
        old = UnitMonth.objects.filter(months)
        if root_path is not None:
            old = old.filter(unit_id__in=unit_ids)
        old.delete()
        UnitMonth.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
