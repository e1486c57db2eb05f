"""Pure predicates: who may rate a meeting, and who sees and acknowledges early warnings.

Rule QUAL-3 (Hướng dẫn 12-HD/BTCTW, part on rating the quality of cell meetings): the cell
rates its own meeting (its secretary or deputy, who sign for the cell); the superior
committee (an administrator of a unit above the cell) or the visiting official scores too,
and that rating is final. Inspectors read but never rate; the province administrator runs
the system, not the commune's committee. Warnings are for the unit's leaders and every
superior up the tree (issue 4).
"""

from chibo.meetings.models import MeetingKind, MeetingStatus
from chibo.org.models import Role
from chibo.org.permissions import EDITOR_ROLES, can_edit_unit, roles_on
from chibo.org.selectors import grants_of

#: Roles that see a unit's early warnings: its editors, inspectors and visiting officials.
WARNING_ROLES = EDITOR_ROLES | {Role.INSPECTOR, Role.VISITING_OFFICIAL}
#: Roles that speak for the cell itself: they fill its own column (rule QUAL-3).
CELL_ROLES = frozenset({Role.CELL_SECRETARY, Role.CELL_DEPUTY})
#: Roles that may give the superior rating when held, with its descendants, on a unit
#: strictly above the cell: the committee above (UNIT_ADMIN) and the visiting official
#: (rule QUAL-3, VIS-3). Not the inspector (read-only) nor the province administrator.
SUPERIOR_ROLES = frozenset({Role.UNIT_ADMIN, Role.VISITING_OFFICIAL})
#: Statuses in which a meeting can be rated: minutes complete (submitted) or adopted.
RATABLE_STATUSES = frozenset({MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED})


def _superuser(actor) -> bool:
    return bool(getattr(actor, "is_superuser", False) and actor.is_active)


def speaks_for_cell(actor, unit) -> bool:
    """True if the actor holds a CELL_ROLES grant (secretary or deputy) covering `unit`:
    the people who sign the cell's own rating (rule QUAL-3). Administrators above the cell
    and superusers do not speak for it."""
    return bool(roles_on(actor, unit) & CELL_ROLES)


def can_rate_self(actor, meeting) -> bool:
    """True if the actor may fill the cell's own column (rule QUAL-3): the cell's secretary
    or deputy (`speaks_for_cell`), for a cell meeting (not a committee meeting) whose
    minutes are submitted and not yet adopted (the rating is written into the minutes
    before adoption; MIN-3 locks it after)."""
    return (
        meeting.kind != MeetingKind.COMMITTEE
        and meeting.status == MeetingStatus.SUBMITTED
        and speaks_for_cell(actor, meeting.unit)
    )


def is_superior_of(actor, unit) -> bool:
    """True if the actor holds a SUPERIOR_ROLES grant (UNIT_ADMIN or VISITING_OFFICIAL) with
    include_descendants on a unit strictly above `unit` (rule QUAL-3). Inspectors, the
    province administrator, grants on the cell itself and superusers are not superiors."""
    return any(
        grant.role in SUPERIOR_ROLES
        and grant.include_descendants
        and grant.unit_id != unit.pk
        and unit.path.startswith(grant.unit.path)
        for grant in grants_of(actor)
    )


def can_rate_superior(actor, meeting, official_user_ids=frozenset()) -> bool:
    """True if the actor may fill the superior column of a submitted or adopted cell
    meeting (rule QUAL-3, VIS-3): a superior of the cell (`is_superior_of`) or a visiting
    official recorded as a guest of the meeting (`official_user_ids`: user ids of its
    official guests)."""
    if meeting.kind == MeetingKind.COMMITTEE or meeting.status not in RATABLE_STATUSES:
        return False
    actor_id = getattr(actor, "pk", None)
    return is_superior_of(actor, meeting.unit) or (
        actor_id is not None and actor_id in official_user_ids
    )


def can_see_warnings(actor, unit) -> bool:
    """True if the actor sees the early warnings of `unit` (a WARNING_ROLES grant covering it)."""
    return _superuser(actor) or bool(roles_on(actor, unit) & WARNING_ROLES)


def can_acknowledge(actor, unit) -> bool:
    """True if the actor may acknowledge a warning of `unit` (an editor covering it)."""
    return can_edit_unit(actor, unit)
