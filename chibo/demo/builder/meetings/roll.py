"""The rolls of the demo cells on any date and each member's dated statuses, loaded in bulk.

`Records.load()` reads the members, memberships, positions and dated records of the whole
demo (a handful of queries, a few tens of MB at province scale) so that the meeting builder
never queries per cell or per member. Dates are kept as ordinals; ranges are inclusive at both
ends, an open end is `OPEN` (rules MEM-1..4, ATT-0).
"""

import datetime
from collections import defaultdict

from chibo.members.models import (
    Exemption,
    Member,
    Membership,
    Position,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)
from chibo.org.models import CELL_KINDS, Unit

#: Ordinal standing for an open end date.
OPEN = datetime.date.max.toordinal()
#: Kinds of dated record kept per member (see `Records.status`).
EXEMPT, TEMP_EXEMPT, ATTACHED, DUTY, AWAY = range(5)


def _ordinal(day: datetime.date | None) -> int:
    """A date as an ordinal; None (an open end) as OPEN."""
    return OPEN if day is None else day.toordinal()


class Status:
    """A member's flags on one date, as the roll call copies them (Attendance fields)."""

    __slots__ = ("full", "exempted", "temporary", "attached_elsewhere", "special_duty", "away")

    def __init__(self, full: bool):
        """Start with no dated record in force; `full` is the standing on the date (MEM-1)."""
        self.full = full
        self.exempted = False  # Exemption (MEM-2) or TemporaryExemption (MEM-4)
        self.temporary = False  # the exemption is a temporary one (MEM-4)
        self.attached_elsewhere = False  # TemporaryAttachment (MEM-3)
        self.special_duty = False
        self.away = ""  # place of a WorkingAway period in force ("" when none)


class Records:
    """Everything the meeting builder needs to know about members, by cell and by member.

    Attributes: `names` (member id → full name), `full_on` (member id → ordinal of the
    full-membership date, OPEN while probationary), `rolls` (cell id → [(member id, start,
    end)] in Vietnamese name order, memberships of the cell's party groups included),
    `hosted` (cell id → [(member id, start, end)] of temporary attachments to it),
    `records` (member id → [(kind, start, end, extra)]), `positions` (unit id → [(kind,
    member id, start, end)]).
    """

    def __init__(self):
        """Empty; use `Records.load()`."""
        self.names: dict[int, str] = {}
        self.full_on: dict[int, int] = {}
        self.rolls: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        self.hosted: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        self.records: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
        self.positions: dict[int, list[tuple[str, int, int, int]]] = defaultdict(list)

    @classmethod
    def load(cls) -> "Records":
        """Read the members and their records of every unit (eight queries) and index them."""
        self = cls()
        sort_keys = {}
        for pk, name, full_on, sort_key in Member.objects.values_list(
            "pk", "full_name", "full_member_on", "sort_key"
        ).iterator(chunk_size=20000):
            self.names[pk] = name
            self.full_on[pk] = _ordinal(full_on)
            sort_keys[pk] = sort_key
        cell_of = _cells_by_unit()
        for member, unit, start, end in Membership.objects.values_list(
            "member_id", "unit_id", "start_date", "end_date"
        ).iterator(chunk_size=20000):
            cell = cell_of.get(unit)
            if cell is not None:
                self.rolls[cell].append((member, start.toordinal(), _ordinal(end)))
        for roll in self.rolls.values():
            roll.sort(key=lambda row: (sort_keys[row[0]], row[0], row[1]))
        for kind, model in ((EXEMPT, Exemption), (TEMP_EXEMPT, TemporaryExemption)):
            for member, start, end in model.objects.values_list(
                "member_id", "start_date", "end_date"
            ):
                self.records[member].append((kind, start.toordinal(), _ordinal(end), ""))
        for member, start, end in SpecialDuty.objects.values_list(
            "member_id", "start_date", "end_date"
        ):
            self.records[member].append((DUTY, start.toordinal(), _ordinal(end), ""))
        for member, start, end, place in WorkingAway.objects.values_list(
            "member_id", "start_date", "end_date", "place"
        ):
            self.records[member].append((AWAY, start.toordinal(), _ordinal(end), place))
        for member, host, start, end in TemporaryAttachment.objects.values_list(
            "member_id", "host_unit_id", "start_date", "end_date"
        ):
            self.records[member].append((ATTACHED, start.toordinal(), _ordinal(end), ""))
            if cell_of.get(host) is not None:
                self.hosted[cell_of[host]].append((member, start.toordinal(), _ordinal(end)))
        for roll in self.hosted.values():
            roll.sort(key=lambda row: (sort_keys[row[0]], row[0], row[1]))
        for unit, member, kind, start, end in Position.objects.values_list(
            "unit_id", "member_id", "kind", "start_date", "end_date"
        ).order_by("pk"):
            self.positions[unit].append((kind, member, start.toordinal(), _ordinal(end)))
        return self

    def roll(self, cell_id: int, day: int) -> list[int]:
        """Ids of the members on the roll of `cell_id` on `day` (ordinal), in name order
        (once each, even with two entries in force, e.g. in the cell and a party group)."""
        return list(
            dict.fromkeys(m for m, start, end in self.rolls.get(cell_id, ()) if start <= day <= end)
        )

    def attached_here(self, cell_id: int, day: int) -> list[int]:
        """Ids of the members temporarily attached to `cell_id` on `day` (rule MEM-3)."""
        return list(
            dict.fromkeys(
                m for m, start, end in self.hosted.get(cell_id, ()) if start <= day <= end
            )
        )

    def status(self, member_id: int, day: int) -> Status:
        """The member's standing and dated records in force on `day` (ordinal)."""
        status = Status(self.full_on[member_id] <= day)
        for kind, start, end, extra in self.records.get(member_id, ()):
            if start <= day <= end:
                if kind == EXEMPT:
                    status.exempted = True
                elif kind == TEMP_EXEMPT:
                    status.exempted = status.temporary = True
                elif kind == ATTACHED:
                    status.attached_elsewhere = True
                elif kind == DUTY:
                    status.special_duty = True
                else:
                    status.away = extra or "ngoài tỉnh"
        return status

    def holders(self, unit_id: int, day: int) -> list[tuple[str, int]]:
        """(position kind, member id) of the positions held in `unit_id` on `day`."""
        return [
            (kind, member)
            for kind, member, start, end in self.positions.get(unit_id, ())
            if start <= day <= end
        ]


def _cells_by_unit() -> dict[int, int]:
    """Map unit id → id of the cell whose roll it belongs to (a cell itself, or the cell
    above a party group); units above the cells are left out."""
    units = list(Unit.objects.values_list("pk", "path", "kind"))
    cells = {path: pk for pk, path, kind in units if kind in CELL_KINDS}
    mapping = {}
    for pk, path, _kind in units:
        for length in range(len(path), 0, -Unit.steplen):
            cell = cells.get(path[:length])
            if cell is not None:
                mapping[pk] = cell
                break
    return mapping
