"""Pure predicates: what an actor may do to a member."""

import datetime

from chibo.members.models import Member
from chibo.members.selectors import member_roll_unit
from chibo.org.permissions import can_edit_unit


def can_edit_member(actor, member: Member, on: datetime.date | None = None) -> bool:
    """True if the actor may edit `member`'s file: they can edit the cell holding the member's
    roll entry on `on` (default today) — the cell's secretary or deputy, or an administrator
    above it. Members may not edit their own file (the cell keeps it)."""
    unit = member_roll_unit(member, on)
    return unit is not None and can_edit_unit(actor, unit)
