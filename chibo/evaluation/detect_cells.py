"""The cells a detection of early warnings covers, and the first day each cell is judged from.

Part of `evaluation.detect` (see its docstring). A month or quarter of a cell is judged only
from the later of the cell's start (`Unit.valid_from`, else its first roll entry) and the
first month of the cell's own first meeting record of any status (planned and cancelled
ones included: planning the year creates planned meetings, so a cell that planned but did
not meet still warns). Records are the cell's meetings — regular, thematic or combined —,
not committee meetings: the committee meets late in a month to prepare the next month's
meeting (FREQ-2), so a first record of that kind would judge a month the cell only prepared
for. A cell without any record is judged from the earliest record in its province's subtree
(that day, not its month: the other cells may have met earlier that month, before chibo),
or in the whole database for a cell under no province: before it chibo holds no records of
that cell, and every month would seem missed. A meeting back-dated in one cell therefore
never makes the others that keep records warn (rule FREQ-1, THEM-1).
"""

import datetime
from types import SimpleNamespace

from django.db.models import Min, Q

from chibo.meetings.models import Meeting, MeetingKind
from chibo.members.models import Membership
from chibo.org.models import CELL_KINDS, Unit, UnitKind
from chibo.org.selectors import subtree_q


def record_meetings():
    """The meetings that count as a cell's records in chibo when deciding from which month it
    is judged (warnings, the annual assessment): every kind and status but committee
    meetings, which the demo and real cells hold at the end of the month before."""
    return Meeting.objects.exclude(kind=MeetingKind.COMMITTEE)


class Cells:
    """The cells in force on `today` in a subtree (all cells when `root_path` is None), the
    cell each party group belongs to, and each cell's `start` (its own start date) and
    `judged_from` (the first day one of its months or quarters may start on to be judged;
    None: nothing to judge).

    Two to four queries whatever the number of cells: the units (with the provinces above or
    in the subtree), the first roll entries (only when a cell has no start date), the first
    meeting record of each unit (one aggregate grouped by unit), and the earliest record of
    the province (only when a cell has no record and the subtree is inside the province).
    """

    def __init__(self, root_path: str | None, today: datetime.date):
        self.scope_path = root_path
        self.by_id: dict[int, SimpleNamespace] = {}
        self.cell_of_unit: dict[int, int] = {}
        self.provinces: list[str] = []
        self._load_units(today)
        if any(c.start is None for c in self.by_id.values()):
            self._load_roll_starts()
        self._load_judged_from()

    def scope(self, prefix: str = "") -> Q:
        """Q limiting a query to the subtree (`prefix` leads from the model to its Unit)."""
        return subtree_q(self.scope_path, prefix) if self.scope_path else Q()

    def cell(self, unit_id: int):
        """The cell (in force today) a cell or party group id belongs to, or None."""
        return self.by_id.get(self.cell_of_unit.get(unit_id))

    def __iter__(self):
        return iter(self.by_id.values())

    def _load_units(self, today: datetime.date) -> None:
        """The cells in force today and the party groups of the subtree; the paths of the
        provinces in it or above it. One query."""
        units_q = Q(kind__in=[*CELL_KINDS, UnitKind.PARTY_GROUP])
        provinces_q = Q(kind=UnitKind.PROVINCE)
        if self.scope_path:
            step = Unit.steplen
            above = [self.scope_path[:i] for i in range(step, len(self.scope_path), step)]
            units_q &= self.scope()
            provinces_q &= self.scope() | Q(path__in=above)
        rows = (
            Unit.objects.filter(units_q | provinces_q)
            .order_by("path")
            .values_list("pk", "path", "kind", "valid_from", "valid_to")
        )
        by_path = {}
        step = Unit.steplen
        for pk, path, kind, valid_from, valid_to in rows:
            if kind == UnitKind.PROVINCE:
                self.provinces.append(path)
                continue
            if kind in CELL_KINDS:
                if (valid_from is None or valid_from <= today) and (
                    valid_to is None or today <= valid_to
                ):
                    cell = SimpleNamespace(pk=pk, path=path, start=valid_from, judged_from=None)
                    self.by_id[pk] = by_path[path] = cell
                    self.cell_of_unit[pk] = pk
                continue
            parent = path[:-step]  # a party group: its nearest cell above
            while parent and parent not in by_path:
                parent = parent[:-step]
            if parent:
                self.cell_of_unit[pk] = by_path[parent].pk

    def _load_roll_starts(self) -> None:
        """A cell without a start date starts with its first roll entry. One query."""
        first = (
            Membership.objects.filter(self.scope("unit__"))
            .values("unit_id")
            .annotate(first=Min("start_date"))
            .values_list("unit_id", "first")
        )
        roll_start: dict[int, datetime.date] = {}
        for unit_id, day in first:
            cell_id = self.cell_of_unit.get(unit_id)
            if cell_id is not None:
                roll_start[cell_id] = min(day, roll_start.get(cell_id, day))
        for cell in self.by_id.values():
            if cell.start is None:
                cell.start = roll_start.get(cell.pk)

    def _load_judged_from(self) -> None:
        """Set each cell's `judged_from` (see the module's docstring): one aggregate query of
        the first record (`_records`) of every unit of the subtree, grouped by unit."""
        rows = list(
            record_meetings()
            .filter(self.scope("unit__"))
            .order_by()
            .values("unit_id", "unit__path")
            .annotate(first=Min("date"))
            .values_list("unit_id", "unit__path", "first")
        )
        own: dict[int, datetime.date] = {}
        for unit_id, _path, day in rows:
            cell_id = self.cell_of_unit.get(unit_id)
            if cell_id is not None:
                own[cell_id] = min(day, own.get(cell_id, day))
        elsewhere: dict[str | None, datetime.date | None] = {}  # province path → first record
        for cell in self.by_id.values():
            if cell.start is None:
                continue
            if cell.pk in own:
                records_from = own[cell.pk].replace(day=1)
            else:
                province = self._province_of(cell.path)
                if province not in elsewhere:
                    elsewhere[province] = self._first_record_in(province, rows)
                records_from = elsewhere[province]
            if records_from is not None:
                cell.judged_from = max(cell.start, records_from)

    def _province_of(self, path: str) -> str | None:
        """The path of the nearest province above or at `path` (None: under no province)."""
        above = [p for p in self.provinces if path.startswith(p)]
        return max(above, key=len) if above else None

    def _first_record_in(self, province: str | None, rows: list) -> datetime.date | None:
        """The earliest record (`_records`) in the subtree of `province` (the whole database when
        None): read from `rows` (first records by unit of the detection's subtree) when that
        subtree holds the province's, else one query."""
        covered = self.scope_path is None or (
            province is not None and province.startswith(self.scope_path)
        )
        if covered:
            days = [day for _u, path, day in rows if province is None or path.startswith(province)]
            return min(days, default=None)
        meetings = record_meetings()
        if province is not None:
            meetings = meetings.filter(subtree_q(province, "unit__"))
        return meetings.order_by("date").values_list("date", flat=True).first()
